import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useArmClient } from '../arm-client-context';
import { peersQueryOptions } from '../get-bgp-peer-status';
import { startPeersSync, type ChannelLike } from './peers-sync';
import { PollRoleContext } from './poll-role';
import { createSharedBudgetStore, SharedBudgetContext } from './shared-budget';
import { electTabLeader, type LockManagerLike, type PollRole } from './tab-leadership';

const WAKE_CHECK_MS = 5_000;
const WAKE_GAP_MS = 30_000;

interface BrowserTabApis {
  locks: LockManagerLike;
  openChannel: (name: string) => ChannelLike & { close(): void };
}

function browserTabApis(): BrowserTabApis | null {
  // Both or neither: a follower without a channel would never see a result.
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as { locks?: LockManagerLike }).locks;
  if (!locks || typeof BroadcastChannel === 'undefined') return null;
  return { locks, openChannel: (name) => new BroadcastChannel(name) };
}

/**
 * Elects the one tab of this browser profile that polls ARM for every tab (see peers-sync.ts)
 * and says this tab's role to the peers queries. `scope` keeps apart what must not be shared:
 * another ARM endpoint, another signed-in account (MSAL's default cache is per tab, so two tabs
 * can be signed in as two people).
 */
export function SharedPollingProvider({ scope, intervalMs, children }: { scope: string; intervalMs: number; children: ReactNode }) {
  const queryClient = useQueryClient();
  const client = useArmClient();
  const [apis] = useState(browserTabApis);
  const [role, setRole] = useState<PollRole>(apis ? 'electing' : 'leader');
  const [sharedBudget] = useState(createSharedBudgetStore);

  useEffect(() => {
    if (!apis) return;
    const name = `bgp-dashboard.peers-poller:${scope}`;
    const leadership = electTabLeader(apis.locks, name);
    const channel = apis.openChannel(name);
    const sync = startPeersSync({
      queryClient,
      leadership,
      channel,
      intervalMs,
      peersOptions: (gatewayId) => peersQueryOptions(client, gatewayId, intervalMs),
      isVisible: () => document.visibilityState === 'visible',
      ...(client.scheduler ? { budget: { read: client.scheduler.budget, subscribe: client.scheduler.subscribe } } : {}),
      onLeaderBudget: sharedBudget.set,
    });
    // Starts 'electing' (the lock is granted asynchronously); every change comes through here.
    const unsubscribe = leadership.subscribe(() => setRole(leadership.role()));
    // A tab that slept, was frozen or offline missed states: it asks for them all again.
    const onVisible = () => sync.visibilityChanged();
    const resync = () => sync.resync();
    // A machine that slept keeps its tabs "visible": a timer that fires far too late says so.
    let lastCheck = Date.now();
    const wakeCheck = setInterval(() => {
      const now = Date.now();
      if (now - lastCheck > WAKE_CHECK_MS + WAKE_GAP_MS) sync.resync();
      lastCheck = now;
    }, WAKE_CHECK_MS);
    document.addEventListener('visibilitychange', onVisible);
    document.addEventListener('resume', resync);
    window.addEventListener('pageshow', resync);
    window.addEventListener('online', resync);
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      sync.stop();
      leadership.stop();
    };
    // A closing tab says so at once: the next leader starts, and the leader stops polling what
    // only this tab showed. A page kept in the back/forward cache is not closing.
    const onPageHide = (event: PageTransitionEvent) => {
      if (!event.persisted) leave();
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      clearInterval(wakeCheck);
      document.removeEventListener('visibilitychange', onVisible);
      document.removeEventListener('resume', resync);
      window.removeEventListener('pageshow', resync);
      window.removeEventListener('online', resync);
      unsubscribe();
      leave();
      channel.close();
    };
  }, [apis, scope, queryClient, client, intervalMs, sharedBudget]);

  return (
    <PollRoleContext value={role}>
      <SharedBudgetContext value={sharedBudget}>{children}</SharedBudgetContext>
    </PollRoleContext>
  );
}
