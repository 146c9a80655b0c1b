import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { loadConfig } from './config/load-config';
import './index.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
const root = createRoot(rootElement);

root.render(<p className="p-8 text-slate-300">Loading configuration…</p>);

void loadConfig().then((configResult) => {
  root.render(
    <StrictMode>
      <App configResult={configResult} />
    </StrictMode>,
  );
});
