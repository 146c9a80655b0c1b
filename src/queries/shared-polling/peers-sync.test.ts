// @vitest-environment jsdom
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArmClient } from '../../azure/arm-client';
import { ArmError } from '../../azure/arm-error';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { createFakeBrowser } from '../../testing/fake-tabs';
import { makePeer } from '../../testing/peer-fixtures';
import { peersQueryOptions } from '../get-bgp-peer-status';
import { onPeersPoll, type PeersPoll } from '../peers-poll';
import { bgpKeys } from '../query-keys';
import { rebuildError, shareError } from './peers-state-message';
import { startPeersSync, type PeersSyncOptions } from './peers-sync';
import type { SubscriptionBudget } from '../../azure/arm-client';
import { electTabLeader } from './tab-leadership';

const INTERVAL_MS = 10_000;
const GW_A = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw-a';
const GW_B = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw-b';

/** ARM as the leader sees it: every getBgpPeerStatus counted per gateway. */
function countingArm(answer: (gatewayId: string) => BgpPeer[] | Error = () => [makePeer()]) {
  const calls: string[] = [];
  const client = {
    getBgpPeerStatus: (gatewayId: string) => {
      calls.push(gatewayId);
      const result = answer(gatewayId);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    },
  } as unknown as ArmClient;
  return { client, calls };
}

type Browser = ReturnType<typeof createFakeBrowser>;
const stops: (() => void)[] = [];

/** A tab of the app: its own query cache, leadership and sync, and the gateways it shows. */
function openAppTab(browser: Browser, client: ArmClient, budgetOptions: Pick<PeersSyncOptions, 'budget' | 'onLeaderBudget'> = {}) {
  const tab = browser.openTab();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const leadership = electTabLeader(tab.locks, 'peers');
  let visible = true;
  const sync = startPeersSync({
    queryClient,
    leadership,
    channel: tab.channel,
    intervalMs: INTERVAL_MS,
    peersOptions: (id) => peersQueryOptions(client, id, INTERVAL_MS),
    isVisible: () => visible,
    hiddenHandOverMs: 60_000,
    ...budgetOptions,
  });
  const setVisible = (next: boolean) => {
    visible = next;
    sync.visibilityChanged();
  };
  const panels: { stop: () => void }[] = [];
  /** Mounts a panel of this gateway, polling only while this tab leads (as useGatewayPeers does). */
  const show = (gatewayId: string) => {
    const observer = new QueryObserver(queryClient, { ...peersQueryOptions(client, gatewayId, INTERVAL_MS), enabled: leadership.role() === 'leader' });
    const stop = observer.subscribe(() => {});
    const unsubscribeRole = leadership.subscribe(() =>
      observer.setOptions({ ...peersQueryOptions(client, gatewayId, INTERVAL_MS), enabled: leadership.role() === 'leader' }),
    );
    panels.push({ stop: () => (stop(), unsubscribeRole()) });
    return observer;
  };
  const close = () => {
    for (const panel of panels) panel.stop();
    sync.stop();
    tab.close();
  };
  stops.push(close);
  return { queryClient, leadership, sync, show, close, setVisible, state: (gatewayId: string) => queryClient.getQueryState<BgpPeer[], Error>(bgpKeys.peers(gatewayId)) };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  while (stops.length > 0) stops.pop()?.();
  vi.useRealTimers();
});

describe('tab leadership', () => {
  it('makes the first tab the leader, the next ones followers, and the next one leader when the leader closes', async () => {
    const browser = createFakeBrowser();
    const first = browser.openTab();
    const second = browser.openTab();
    const a = electTabLeader(first.locks, 'peers');
    const b = electTabLeader(second.locks, 'peers');
    expect(a.role()).toBe('electing');
    await vi.advanceTimersByTimeAsync(0);
    expect([a.role(), b.role()]).toEqual(['leader', 'follower']);

    first.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(b.role()).toBe('leader');
  });

  it('leads alone where the browser offers no Web Locks', () => {
    expect(electTabLeader(undefined, 'peers').role()).toBe('leader');
  });
});

describe('peers sync between tabs', () => {
  it('polls ARM once per gateway for every tab: the follower gets the leader\'s answer with its timestamp and never calls ARM', async () => {
    const browser = createFakeBrowser();
    const arm = countingArm();
    const leader = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    leader.show(GW_A);
    const follower = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    expect(follower.leadership.role()).toBe('follower');
    // The follower also shows a gateway the leader's page does not: the leader polls it for it.
    follower.show(GW_A);
    follower.show(GW_B);
    await vi.advanceTimersByTimeAsync(50);

    expect(arm.calls.sort()).toEqual([GW_A, GW_B]);
    expect(follower.state(GW_B)?.data).toEqual([makePeer()]);
    expect(follower.state(GW_A)?.dataUpdatedAt).toBe(leader.state(GW_A)?.dataUpdatedAt);
    expect(follower.state(GW_B)?.dataUpdatedAt).toBe(leader.state(GW_B)?.dataUpdatedAt);

    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    // Four polls of each gateway in 3 intervals + the first, none of them by the follower.
    expect(arm.calls.filter((id) => id === GW_A)).toHaveLength(4);
    expect(arm.calls.filter((id) => id === GW_B)).toHaveLength(4);
    expect(follower.state(GW_B)?.dataUpdatedAt).toBe(leader.state(GW_B)?.dataUpdatedAt);
  });

  it('a leader alone sends no peer states (nobody would read them); once a tab opens, it does', async () => {
    const browser = createFakeBrowser();
    const arm = countingArm();
    const heard: string[] = [];
    const listener = browser.openTab();
    listener.channel.addEventListener('message', (event) => heard.push((event.data as { type: string }).type));
    const leader = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    leader.show(GW_A);
    await vi.advanceTimersByTimeAsync(2 * INTERVAL_MS);
    expect(arm.calls.length).toBeGreaterThanOrEqual(2);
    expect(heard).not.toContain('states');

    const follower = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    follower.show(GW_A);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(heard.filter((type) => type === 'states').length).toBeGreaterThanOrEqual(2);
    expect(follower.state(GW_A)?.dataUpdatedAt).toBe(leader.state(GW_A)?.dataUpdatedAt);
  });

  it('a failed poll reaches the follower as the same ArmError, code and Retry-After included', async () => {
    const browser = createFakeBrowser();
    const throttled = new ArmError({ code: 'TooManyRequests', message: 'Slow down', status: 429, retryAfterMs: 30_000, details: [{ code: 'Inner', message: 'x' }] });
    const arm = countingArm(() => throttled);
    const leader = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    leader.show(GW_A);
    const follower = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    follower.show(GW_A);
    await vi.advanceTimersByTimeAsync(50);

    const error = follower.state(GW_A)?.error;
    expect(error).toBeInstanceOf(ArmError);
    expect(error).toMatchObject({ code: 'TooManyRequests', message: 'Slow down', status: 429, retryAfterMs: 30_000, details: [{ code: 'Inner', message: 'x' }] });
    expect(follower.state(GW_A)?.errorUpdatedAt).toBe(leader.state(GW_A)?.errorUpdatedAt);
  });

  it("gives a follower the leader's ARM budget (a 429's wait included), and takes it back when the follower leads", async () => {
    const browser = createFakeBrowser();
    const arm = countingArm();
    // The leader's scheduler, as far as the sync sees it: a budget and its change listeners.
    let leaderBudget: SubscriptionBudget[] = [{ subscriptionId: 's', requestsLastHour: 3, writesLastHour: 1, remaining: {}, slowdown: 1 }];
    const listeners = new Set<() => void>();
    const budget = { read: () => leaderBudget, subscribe: (listener: () => void) => (listeners.add(listener), () => void listeners.delete(listener)) };
    const leader = openAppTab(browser, arm.client, { budget });
    await vi.advanceTimersByTimeAsync(0);
    const heard: (readonly SubscriptionBudget[] | null)[] = [];
    const follower = openAppTab(browser, arm.client, { onLeaderBudget: (b) => heard.push(b) });
    await vi.advanceTimersByTimeAsync(0);
    follower.show(GW_A);
    await vi.advanceTimersByTimeAsync(50);
    expect(heard.at(-1)).toEqual(leaderBudget);

    // ARM throttles the leader: the follower hears of it within a fraction of a second.
    leaderBudget = [{ ...leaderBudget[0]!, requestsLastHour: 4, writesLastHour: 2, throttledUntil: Date.now() + 30_000, remaining: { writes: { value: 0, at: Date.now() } } }];
    for (const listener of listeners) listener();
    await vi.advanceTimersByTimeAsync(300);
    expect(heard.at(-1)).toEqual(leaderBudget);

    leader.close();
    await vi.advanceTimersByTimeAsync(10);
    expect(follower.leadership.role()).toBe('leader');
    expect(heard.at(-1)).toBeNull();
  });

  it('tells the follower\'s wall about the leader\'s polls, but not its history recorder', async () => {
    const browser = createFakeBrowser();
    let state = 'Connected';
    const arm = countingArm(() => [makePeer({ state: state as BgpPeer['state'] })]);
    const leader = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    leader.show(GW_A);
    const follower = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    follower.show(GW_A);
    const shown: PeersPoll[] = [];
    const recorded: PeersPoll[] = [];
    onPeersPoll(follower.queryClient, (poll) => shown.push(poll), { includeOtherTabs: true });
    onPeersPoll(follower.queryClient, (poll) => recorded.push(poll));
    state = 'Idle';
    await vi.advanceTimersByTimeAsync(INTERVAL_MS + 50);

    expect(shown.at(-1)).toMatchObject({ ok: true, gatewayId: GW_A, peers: [{ state: 'Idle' }] });
    expect(recorded).toEqual([]);
  });

  it('when the leader closes, the follower polls each gateway when its next poll was due, and owns the last answer', async () => {
    const browser = createFakeBrowser();
    const arm = countingArm();
    const leader = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    leader.show(GW_A);
    const follower = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    follower.show(GW_A);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS + 50);
    const lastByLeader = leader.state(GW_A)!.dataUpdatedAt;
    const owned: PeersPoll[] = [];
    onPeersPoll(follower.queryClient, (poll) => owned.push(poll));

    await vi.advanceTimersByTimeAsync(INTERVAL_MS / 2);
    leader.close();
    const callsBefore = arm.calls.length;
    await vi.advanceTimersByTimeAsync(0);
    expect(follower.leadership.role()).toBe('leader');
    // The old leader's last answer is handed over to be recorded (idempotently) by the new one.
    expect(owned[0]).toMatchObject({ ok: true, gatewayId: GW_A, time: lastByLeader });

    await vi.advanceTimersByTimeAsync(INTERVAL_MS / 2 + 50);
    expect(arm.calls.length).toBe(callsBefore + 1);
    // One interval after the last answer, not one interval after the takeover: no gap.
    expect(follower.state(GW_A)!.dataUpdatedAt - lastByLeader).toBeLessThanOrEqual(INTERVAL_MS + 100);
    expect(owned.at(-1)).toMatchObject({ ok: true, time: follower.state(GW_A)!.dataUpdatedAt });
  });

  it('a follower that slept asks for every state again and gets what it missed', async () => {
    const browser = createFakeBrowser();
    const arm = countingArm();
    const leader = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    leader.show(GW_A);
    const follower = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    follower.show(GW_A);
    await vi.advanceTimersByTimeAsync(50);
    // Missed states, as a frozen tab would: the cache is set back by hand.
    follower.queryClient.getQueryCache().find({ queryKey: bgpKeys.peers(GW_A) })!.setState({ data: undefined, dataUpdatedAt: 0 });

    follower.sync.resync();
    await vi.advanceTimersByTimeAsync(0);
    expect(follower.state(GW_A)?.dataUpdatedAt).toBe(leader.state(GW_A)?.dataUpdatedAt);
  });

  it('a tab the leader had forgotten (silent too long) gets every state when it speaks again', async () => {
    const browser = createFakeBrowser();
    const arm = countingArm();
    const leader = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    leader.show(GW_A);
    await vi.advanceTimersByTimeAsync(50);
    // A tab speaking as a follower does on its heartbeat, unknown to the leader.
    const quiet = browser.openTab();
    const heard: { type: string; to?: string; states?: unknown[] }[] = [];
    quiet.channel.addEventListener('message', (event) => heard.push(event.data as (typeof heard)[number]));
    quiet.channel.postMessage({ type: 'wants', from: 'quiet-tab', gateways: [GW_A], snapshot: false, visible: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(heard.find((m) => m.type === 'states' && m.to === 'quiet-tab')?.states).toHaveLength(1);
  });

  it('the leader stops polling a gateway once the only tab showing it closes', async () => {
    const browser = createFakeBrowser();
    const arm = countingArm();
    const leader = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    const follower = openAppTab(browser, arm.client);
    await vi.advanceTimersByTimeAsync(0);
    follower.show(GW_B);
    await vi.advanceTimersByTimeAsync(50);
    expect(leader.sync.otherTabsGateways()).toEqual([GW_B]);

    follower.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(leader.sync.otherTabsGateways()).toEqual([]);
    const calls = arm.calls.length;
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    expect(arm.calls.length).toBe(calls);
  });
});

describe('a hidden leader', () => {
  it('hands polling over to a visible tab after being hidden a while, not at every tab switch', async () => {
    const browser = createFakeBrowser();
    const polledBy: string[] = [];
    const arm = (name: string) => countingArm(() => (polledBy.push(name), [makePeer()])).client;
    const first = openAppTab(browser, arm('first'));
    await vi.advanceTimersByTimeAsync(0);
    first.show(GW_A);
    const second = openAppTab(browser, arm('second'));
    await vi.advanceTimersByTimeAsync(0);
    second.show(GW_A);
    await vi.advanceTimersByTimeAsync(50);

    // The user switches to the second tab: the first is hidden, briefly at first.
    first.setVisible(false);
    await vi.advanceTimersByTimeAsync(30_000);
    first.setVisible(true);
    first.setVisible(false);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(first.leadership.role()).toBe('leader');

    // Hidden for longer than the hand-over time (checked every 30 s heartbeat): the visible tab polls from then on.
    await vi.advanceTimersByTimeAsync(70_000);
    expect([first.leadership.role(), second.leadership.role()]).toEqual(['follower', 'leader']);
    polledBy.length = 0;
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    expect(polledBy.length).toBeGreaterThanOrEqual(3);
    expect(new Set(polledBy)).toEqual(new Set(['second']));
    // The tab that handed over still shows every answer.
    expect(first.state(GW_A)?.dataUpdatedAt).toBe(second.state(GW_A)?.dataUpdatedAt);
  });
});

describe('errors between tabs', () => {
  it('rebuilds an ArmError and keeps other errors\' name and message through a structured clone', () => {
    const arm = rebuildError(structuredClone(shareError(new ArmError({ code: 'OperationTimedOut', message: 'Too long', operationStatus: 'Failed' }))));
    expect(arm).toBeInstanceOf(ArmError);
    expect(arm).toMatchObject({ code: 'OperationTimedOut', message: 'Too long', operationStatus: 'Failed' });
    const network = rebuildError(structuredClone(shareError(new TypeError('Failed to fetch'))));
    expect(network).toMatchObject({ name: 'TypeError', message: 'Failed to fetch' });
    expect(rebuildError(shareError(null))).toBeNull();
  });
});
