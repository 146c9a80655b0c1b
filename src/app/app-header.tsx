import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useAuth } from '../auth/auth-provider';
import type { AppConfig } from '../config/app-config';
import { usePollRole } from '../queries/shared-polling/poll-role';
import { useTransportChange } from '../queries/transport-status';
import { TenantSwitcher } from './tenant-switcher';

export function AppHeader({ config }: { config: AppConfig }) {
  const { account, signOut } = useAuth();
  const queryClient = useQueryClient();

  const handleSignOut = () => {
    // The next person to sign in must not see this account's peers, even for a moment.
    queryClient.clear();
    signOut();
  };

  return (
    <header className="flex flex-wrap items-center justify-between gap-4 border-b border-slate-700 bg-slate-900 px-4 py-3">
      <div className="flex items-baseline gap-3">
        <h1 className="text-2xl font-bold text-white">BGP peers</h1>
        <span className="text-slate-400">
          Azure virtual network gateways · every {config.pollingIntervalSeconds}s
        </span>
        {/* A plain link, so it can be bookmarked or copied into a kiosk browser's start URL. */}
        <Link
          href="/wall"
          className="rounded border border-slate-500 px-2 text-sm text-slate-200 hover:border-slate-200"
          title="Full-screen NOC view, configured by its URL"
        >
          Open this view as a wall screen
        </Link>
        <TransportNote configured={config.arm.transport} />
        <PollRoleNote />
        {config.auth.mode === 'emulator' && (
          <span className="rounded border border-fuchsia-400 px-2 text-sm font-semibold text-fuchsia-200">
            Local emulator
          </span>
        )}
      </div>
      {account && (
        <div className="flex flex-wrap items-center gap-3">
          <TenantSwitcher />
          <span className="text-slate-200" title={account.username}>
            {account.name ?? account.username}
          </span>
          <button
            type="button"
            onClick={handleSignOut}
            className="rounded border border-slate-500 px-3 py-1 text-slate-100 hover:border-slate-200"
          >
            Sign out
          </button>
        </div>
      )}
    </header>
  );
}

/**
 * Says how this page reaches ARM when that is not simply what was configured: e.g. it switched
 * to ARM's batch endpoint because this browser cannot read Azure's polling headers.
 */
function TransportNote({ configured }: { configured: AppConfig['arm']['transport'] }) {
  const change = useTransportChange();
  // `auto` means batch; only a fall-back to direct is worth saying.
  const expected = configured === 'auto' ? 'batch' : configured;
  if (!change || change.mode === expected) return null;
  const label = change.mode === 'batch' ? "via ARM's batch endpoint" : 'via direct ARM requests';
  return (
    <span data-testid="transport-note" data-mode={change.mode} className="rounded border border-sky-400 px-2 text-sm text-sky-200" title={change.reason}>
      {label}
      <span className="sr-only">: {change.reason}</span>
    </span>
  );
}

/**
 * Says when this tab is not the one polling ARM: its peers are another tab's polls, shared live.
 * The polling tab says nothing: it is what a lone tab does.
 */
function PollRoleNote() {
  const role = usePollRole();
  if (role !== 'follower') return null;
  return (
    <span
      data-testid="poll-role-note"
      data-role={role}
      className="rounded border border-slate-500 px-2 text-sm text-slate-200"
      title="Another tab of this browser polls Azure for every tab; this one shows its results as they arrive and takes over if that tab closes."
    >
      live from another tab
      <span className="sr-only">: another tab of this browser polls Azure and shares its results; this tab takes over if it closes</span>
    </span>
  );
}
