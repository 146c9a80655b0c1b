import { useEffect, useState, type ReactNode } from 'react';
import { TenantAccessError, useAuth } from '../auth/auth-provider';
import { useChooseTenant } from '../queries/use-tenant';

type GateState = { status: 'checking' } | { status: 'open' } | { status: 'refused'; reason: string; needsSignIn: boolean };

/**
 * Opens a tenant other than the home one only once a token of it can be had, so a directory the
 * user cannot enter (not a member, consent, MFA) gets one plain message and a way back, rather than
 * every gateway panel failing with the same error.
 */
export function TenantGate({ tenantId, children }: { tenantId: string | null; children: ReactNode }) {
  const { getToken } = useAuth();
  const [state, setState] = useState<GateState>(() => (tenantId === null ? { status: 'open' } : { status: 'checking' }));
  // Bumped after a sign-in to the tenant, to ask for its token again.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (tenantId === null) return;
    const controller = new AbortController();
    getToken(controller.signal, { tenantId }).then(
      () => setState({ status: 'open' }),
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setState(
          failure instanceof TenantAccessError
            ? { status: 'refused', reason: failure.reason, needsSignIn: failure.needsSignIn }
            : { status: 'refused', reason: failure instanceof Error ? failure.message : String(failure), needsSignIn: false },
        );
      },
    );
    return () => controller.abort();
  }, [tenantId, getToken, attempt]);

  if (state.status === 'open' || tenantId === null) return children;
  if (state.status === 'checking') {
    return (
      <p role="status" className="p-8 text-slate-300">
        Signing in to tenant {tenantId}…
      </p>
    );
  }
  const retry = () => {
    setState({ status: 'checking' });
    setAttempt((n) => n + 1);
  };
  return <TenantRefused tenantId={tenantId} reason={state.reason} needsSignIn={state.needsSignIn} onSignedIn={retry} />;
}

function TenantRefused({ tenantId, reason, needsSignIn, onSignedIn }: { tenantId: string; reason: string; needsSignIn: boolean; onSignedIn: () => void }) {
  const { signInToTenant } = useAuth();
  const chooseTenant = useChooseTenant();
  return (
    <main className="flex max-w-3xl flex-col gap-4 p-8" data-testid="tenant-refused">
      <h1 className="text-2xl font-bold text-white">You cannot open this tenant with your sign-in</h1>
      <p className="text-slate-200">
        The link or your last choice asks for the directory <span className="font-mono">{tenantId}</span>, but no token could be had for it: {reason.replace(/\.$/, '')}.
      </p>
      <p className="text-slate-300">
        Ask that directory's administrator to invite your account as a guest (or to grant consent to this app), or go back to your own tenant.
      </p>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={() => chooseTenant(null)}
          className="rounded border border-slate-300 bg-slate-800 px-3 py-1 font-semibold text-white hover:border-white"
        >
          Back to your home tenant
        </button>
        {needsSignIn && signInToTenant && (
          <button
            type="button"
            onClick={() => {
              // MSAL leaves the page; the demo comes back with the token, so ask again.
              signInToTenant(tenantId).then(onSignedIn, onSignedIn);
            }}
            className="rounded border border-slate-500 px-3 py-1 text-slate-100 hover:border-slate-200"
          >
            Sign in to this tenant
          </button>
        )}
      </div>
    </main>
  );
}
