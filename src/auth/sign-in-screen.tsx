import type { ReactNode } from 'react';

interface SignInScreenProps {
  /** Says which identity the button signs in with, so the emulator's demo is never mistaken for Entra ID. */
  note: ReactNode;
  buttonLabel: string;
  onSignIn: () => void;
  busy?: boolean;
  error?: string | null;
}

export function SignInScreen({ note, buttonLabel, onSignIn, busy = false, error }: SignInScreenProps) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-950 p-6 text-slate-100">
      <section aria-labelledby="sign-in-heading" className="w-full max-w-md rounded-lg bg-slate-900 p-8 shadow-lg">
        <h1 id="sign-in-heading" className="mb-2 text-2xl font-bold text-white">
          BGP peers
        </h1>
        <p className="mb-6 text-slate-300">Azure virtual network gateways, live.</p>
        <div className="mb-6 text-slate-200">{note}</div>
        {error && (
          <p role="alert" className="mb-4 rounded border border-red-400 bg-red-950 p-3 text-red-100">
            {error}
          </p>
        )}
        <button
          type="button"
          onClick={onSignIn}
          disabled={busy}
          className="w-full rounded bg-blue-600 px-4 py-3 text-lg font-semibold text-white hover:bg-blue-500 focus-visible:outline focus-visible:outline-3 focus-visible:outline-amber-300 disabled:opacity-60"
        >
          {busy ? 'Signing in…' : buttonLabel}
        </button>
      </section>
    </main>
  );
}

export function SigningIn() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-950 text-slate-200">
      <p role="status">Signing in…</p>
    </main>
  );
}

/** Sits above the dashboard, which keeps showing its last data while the user signs in again. */
export function SignInAgainBanner({ onSignInAgain }: { onSignInAgain: () => void }) {
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center justify-between gap-3 border-b-4 border-amber-400 bg-amber-950 px-4 py-3 text-lg text-amber-50"
    >
      <span>
        <strong>Sign in again</strong> to keep the data fresh: your sign-in has expired. The peers below are the
        last data received.
      </span>
      <button
        type="button"
        onClick={onSignInAgain}
        className="rounded bg-amber-300 px-4 py-2 font-semibold text-slate-950 hover:bg-amber-200 focus-visible:outline focus-visible:outline-3 focus-visible:outline-white"
      >
        Sign in again
      </button>
    </div>
  );
}
