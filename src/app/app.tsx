import { lazy, Suspense } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { ErrorBoundary } from '../components/error-boundary';
import type { AppConfig } from '../config/app-config';
import type { ConfigResult } from '../config/load-config';
import { AppHeader } from './app-header';
import { ConfigErrorPage } from './config-error-page';
import { Dashboard } from './routes/dashboard';
import { AppProviders } from './providers';

// Pages beyond the dashboard load on demand so the first screen does not wait for them (charts).
const GatewayPage = lazy(() => import('./routes/gateway-page'));
const WallPage = lazy(() => import('../features/wall/wall-page'));
const GatewayPickerPage = lazy(() => import('../features/picker/gateway-picker-page'));

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
      <Suspense fallback={<p role="status" className="p-8 text-slate-300">Loading…</p>}>
        <Switch>
          {/* The wall view owns the whole screen: no header, no scrollbars. */}
          <Route path="/wall">
            <WallPage config={config} />
          </Route>
          <Route path="/gateways">
            <AppHeader config={config} />
            <main className="p-4">
              <GatewayPickerPage config={config} />
            </main>
          </Route>
          <Route path="/gateway">
            <AppHeader config={config} />
            <main className="p-4">
              <GatewayPage config={config} />
            </main>
          </Route>
          <Route path="/">
            <AppHeader config={config} />
            <main className="p-4">
              <Dashboard config={config} />
            </main>
          </Route>
          {/* `/index.html` is where some static hosts and bookmarks land: it is the dashboard. */}
          <Route path="/index.html">
            <Redirect to="/" replace />
          </Route>
          <Route>
            <AppHeader config={config} />
            <main className="p-4">
              <NotFoundPage />
            </main>
          </Route>
        </Switch>
      </Suspense>
    </AppProviders>
  );
}

/** An address the app does not know: say so, name it, and offer the way back (never the dashboard in disguise). */
function NotFoundPage() {
  const [path] = useLocation();
  return (
    <div role="alert" className="flex flex-col gap-2 rounded border-2 border-amber-300 bg-slate-900 p-4 text-slate-100">
      <h1 className="text-xl font-bold">There is no page at this address</h1>
      <p>
        <code className="font-mono">{path}</code> is not a page of this dashboard. The pages are all gateways (<code>/</code>), one
        gateway (<code>/gateway?id=…</code>) and the wall (<code>/wall</code>).
      </p>
      <Link href="/" className="self-start text-sky-300 underline underline-offset-4">
        Back to all gateways
      </Link>
    </div>
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
