import { ErrorBoundary } from '../components/error-boundary';
import type { AppConfig } from '../config/app-config';
import type { ConfigResult } from '../config/load-config';
import { AppHeader } from './app-header';
import { ConfigErrorPage } from './config-error-page';
import { Dashboard } from './dashboard';
import { AppProviders } from './providers';

export function App({ configResult }: { configResult: ConfigResult }) {
  return (
    <ErrorBoundary fallback={(error) => <CrashPage error={error} />}>
      {configResult.ok ? <SignedInApp config={configResult.config} /> : <ConfigErrorPage problems={configResult.problems} />}
    </ErrorBoundary>
  );
}

function SignedInApp({ config }: { config: AppConfig }) {
  return (
    <AppProviders config={config}>
      <AppHeader config={config} />
      <main className="p-4">
        <Dashboard config={config} />
      </main>
    </AppProviders>
  );
}

/** Never a blank page: even a bug outside every panel says what happened. */
function CrashPage({ error }: { error: Error }) {
  return (
    <main role="alert" className="flex flex-col gap-3 p-8">
      <h1 className="text-2xl font-bold">The dashboard stopped because of a bug</h1>
      <p className="font-mono">{error.message}</p>
      <button
        type="button"
        onClick={() => window.location.reload()}
        className="self-start rounded border border-slate-400 px-3 py-1"
      >
        Reload
      </button>
    </main>
  );
}
