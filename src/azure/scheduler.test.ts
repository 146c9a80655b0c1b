import { describe, expect, it } from 'vitest';
import { ArmError } from './arm-error';
import { createArmScheduler, slowdownFor, subscriptionOf } from './scheduler';
import { ENDPOINT, batchOf, fakeArm, json, type RecordedCall } from '../testing/fake-arm';

const SUB_A = '00000000-0000-0000-0000-00000000000a';
const SUB_B = '00000000-0000-0000-0000-00000000000b';
const gateway = (sub: string, name = 'gw') =>
  `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/${name}`;

function clockedScheduler(options: { random?: () => number; maxInFlight?: number; seed?: string } = {}) {
  let clock = Date.UTC(2024, 0, 1);
  const sleeps: number[] = [];
  const scheduler = createArmScheduler({
    now: () => clock,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      signal?.throwIfAborted();
      clock += ms;
    },
    random: options.random ?? (() => 0.37),
    ...(options.maxInFlight !== undefined ? { maxInFlight: options.maxInFlight } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  return {
    scheduler,
    sleeps,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

const request = (method: 'GET' | 'POST', path: string) => ({ method, url: new URL(`${ENDPOINT}${path}?api-version=2023-09-01`) });
const headers = (values: Record<string, string>) => new Headers(values);

describe('subscriptionOf', () => {
  it('reads the subscription of a path or resource ID, lowercased, and none for tenant-level calls', () => {
    expect(subscriptionOf(`/subscriptions/${SUB_A.toUpperCase()}/resourceGroups/x`)).toBe(SUB_A);
    expect(subscriptionOf('/batch')).toBeUndefined();
    expect(subscriptionOf('/providers/Microsoft.ResourceGraph/resources')).toBeUndefined();
  });
});

describe('scheduler: the fleet clock', () => {
  it('sends every gateway to the same tick, whatever moment each asks', () => {
    const { scheduler, now, advance } = clockedScheduler();
    const first = now() + scheduler.pollDelayMs(gateway(SUB_A, 'one'), 15_000);
    advance(1_234);
    const second = now() + scheduler.pollDelayMs(gateway(SUB_B, 'two'), 15_000);
    expect(second).toBe(first);
  });

  it('ticks once per interval, each tick moved by a jitter of at most a twentieth of it', () => {
    const { scheduler, now, advance } = clockedScheduler();
    const ticks: number[] = [];
    for (let i = 0; i < 40; i++) {
      // Each poll answered at once, at its tick.
      advance(scheduler.pollDelayMs(gateway(SUB_A), 10_000, { at: now() }));
      ticks.push(now());
    }
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(9_500);
      expect(gap).toBeLessThanOrEqual(10_500);
    }
    // Jittered, not a metronome: the gaps are not all the same.
    expect(new Set(gaps).size).toBeGreaterThan(5);
  });

  it('gives two browsers started together different ticks', () => {
    const a = clockedScheduler({ random: () => 0.1 });
    const b = clockedScheduler({ random: () => 0.9 });
    expect(a.scheduler.pollDelayMs(gateway(SUB_A), 60_000)).not.toBe(b.scheduler.pollDelayMs(gateway(SUB_A), 60_000));
  });

  it('gives tabs of one profile (one seed) the same ticks, so a tab taking over polls when the last one would have', () => {
    const leader = clockedScheduler({ seed: 'profile-1', random: () => 0.1 });
    const next = clockedScheduler({ seed: 'profile-1', random: () => 0.9 });
    const other = clockedScheduler({ seed: 'profile-2' });
    leader.advance(leader.scheduler.pollDelayMs(gateway(SUB_A), 60_000));
    leader.scheduler.pollStarted(gateway(SUB_A));
    const polledAt = leader.now();
    leader.advance(2_000);
    // The next tab knows the leader's answer (shared over BroadcastChannel), not when it started.
    next.advance(leader.now() - next.now());
    const leaderNext = leader.scheduler.pollDelayMs(gateway(SUB_A), 60_000, { at: leader.now() });
    const takeOverNext = next.scheduler.pollDelayMs(gateway(SUB_A), 60_000, { at: next.now() });
    expect(takeOverNext).toBe(leaderNext);
    // About one interval after the last poll, not a quarter.
    expect(next.now() + takeOverNext - polledAt).toBeGreaterThan(54_000);
    expect(other.scheduler.pollDelayMs(gateway(SUB_A), 60_000)).not.toBe(next.scheduler.pollDelayMs(gateway(SUB_A), 60_000));
  });

  it('spaces polls from the start it was told of (pollStarted) when the poller does not pass one', () => {
    const { scheduler, advance, now } = clockedScheduler();
    advance(scheduler.pollDelayMs(gateway(SUB_A), 60_000));
    scheduler.pollStarted(gateway(SUB_A).toUpperCase());
    advance(50_000);
    expect(scheduler.pollDelayMs(gateway(SUB_A), 60_000, { at: now() })).toBeLessThanOrEqual(13_000);
  });

  it('lets a gateway polled just before a tick wait for the next one rather than poll twice', () => {
    const { scheduler, advance, now } = clockedScheduler();
    advance(scheduler.pollDelayMs(gateway(SUB_A), 20_000) - 1_000);
    // Answered 1 s before the tick: the next poll is the tick after.
    expect(scheduler.pollDelayMs(gateway(SUB_A), 20_000, { at: now() })).toBeGreaterThan(15_000);
  });

  it('does not skip a tick when the operation took most of the interval (Azure takes 10-60 s): the gap counts from the start', () => {
    const { scheduler, advance, now } = clockedScheduler();
    advance(scheduler.pollDelayMs(gateway(SUB_A), 60_000));
    const tick = now();
    advance(50_000);
    // Started at the tick, answered 50 s later: polled again at the next tick, about 10 s on.
    expect(scheduler.pollDelayMs(gateway(SUB_A), 60_000, { at: now(), startedAt: tick })).toBeLessThanOrEqual(13_000);
    // Without the start, the answer time is all it has, and the next tick is too close.
    expect(scheduler.pollDelayMs(gateway(SUB_A), 60_000, { at: now() })).toBeGreaterThan(60_000);
  });

  it('keeps the same moment however often it is asked (React Query asks on every render and restarts its timer)', () => {
    const { scheduler, advance, now } = clockedScheduler();
    const polledAt = now();
    const target = now() + scheduler.pollDelayMs(gateway(SUB_A), 5_000, { at: polledAt });
    // Asked every second until the moment comes: it never slips.
    while (now() < target - 1) {
      expect(now() + scheduler.pollDelayMs(gateway(SUB_A), 5_000, { at: polledAt })).toBe(target);
      advance(Math.min(1_000, target - now() - 1));
    }
    expect(scheduler.pollDelayMs(gateway(SUB_A), 5_000, { at: polledAt })).toBeGreaterThan(0);
  });

  it("waits for the gateway's own Retry-After when its last poll was refused", () => {
    const { scheduler, now } = clockedScheduler();
    const error = new ArmError({ status: 429, code: 'TooManyRequests', message: 'x', retryAfterMs: 45_000 });
    expect(scheduler.pollDelayMs(gateway(SUB_A), 10_000, { at: now(), error })).toBeGreaterThanOrEqual(45_000);
  });
});

describe('scheduler: throttling per subscription', () => {
  it("holds the throttled subscription's writes until Retry-After, and nothing of other subscriptions", async () => {
    const { scheduler, sleeps, now } = clockedScheduler();
    const start = now();
    scheduler.answered(request('POST', `${gateway(SUB_A)}/getBgpPeerStatus`), 429, headers({ 'retry-after': '30' }));
    await scheduler.beforeSend(request('POST', `${gateway(SUB_B)}/getBgpPeerStatus`));
    await scheduler.beforeSend(request('GET', `${gateway(SUB_A)}`));
    expect(sleeps).toEqual([]);
    await scheduler.beforeSend(request('POST', `${gateway(SUB_A, 'other')}/getBgpPeerStatus`));
    expect(now() - start).toBe(30_000);

    const throttled = clockedScheduler();
    throttled.scheduler.answered(request('POST', `${gateway(SUB_A)}/getBgpPeerStatus`), 429, headers({ 'retry-after': '30' }));
    expect(throttled.scheduler.pollDelayMs(gateway(SUB_A, 'other'), 10_000)).toBeGreaterThanOrEqual(30_000);
    expect(throttled.scheduler.pollDelayMs(gateway(SUB_B), 10_000)).toBeLessThanOrEqual(11_000);
  });

  it("does not also slow down on a 429's own remaining-writes reading: its Retry-After is the wait", () => {
    const { scheduler, advance, now } = clockedScheduler();
    const post = request('POST', `${gateway(SUB_A)}/getBgpPeerStatus`);
    scheduler.answered(post, 202, headers({ 'x-ms-ratelimit-remaining-subscription-writes': '1199' }));
    scheduler.answered(post, 429, headers({ 'retry-after': '4', 'x-ms-ratelimit-remaining-subscription-writes': '0' }));
    advance(4_000);
    expect(scheduler.budget()[0]?.slowdown).toBe(1);
    expect(scheduler.pollDelayMs(gateway(SUB_A), 10_000, { at: now() })).toBeLessThanOrEqual(11_000);
  });

  it('takes 10 s for a 429 without a readable Retry-After', () => {
    const { scheduler, now } = clockedScheduler();
    scheduler.answered(request('POST', `${gateway(SUB_A)}/getBgpPeerStatus`), 429, headers({}));
    expect(scheduler.budget()[0]?.throttledUntil).toBe(now() + 10_000);
  });

  it('a held request gives up when its signal aborts', async () => {
    const { scheduler } = clockedScheduler();
    scheduler.answered(request('POST', `${gateway(SUB_A)}/x`), 429, headers({ 'retry-after': '30' }));
    const controller = new AbortController();
    controller.abort(new DOMException('gone', 'AbortError'));
    await expect(scheduler.beforeSend({ ...request('POST', `${gateway(SUB_A)}/x`), signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('through the client: a 429 on one subscription holds its next write, while the other subscription is asked at once', async () => {
    const arm = fakeArm(
      [
        json(429, { error: { code: 'SubscriptionRequestsThrottled', message: 'slow down' } }, { 'retry-after': '20' }),
        json(200, { value: 'b' }),
        json(200, { value: 'a' }),
      ],
      { retry: { maxAttempts: 1 } },
      { scheduler: { random: () => 0.5 } },
    );
    await expect(arm.client.post(`${gateway(SUB_A)}/getBgpPeerStatus`, undefined)).rejects.toMatchObject({ status: 429 });
    const before = arm.elapsed();
    await arm.client.post(`${gateway(SUB_B)}/getBgpPeerStatus`, undefined);
    expect(arm.elapsed()).toBe(before);
    await arm.client.post(`${gateway(SUB_A)}/getBgpPeerStatus`, undefined);
    expect(arm.elapsed() - before).toBe(20_000);
  });
});

describe('scheduler: slowing down on few remaining writes', () => {
  it('slows by 2 below a quarter of the most seen and by 4 below a tenth or 20', () => {
    expect(slowdownFor(undefined, undefined)).toBe(1);
    expect(slowdownFor(1000, 1200)).toBe(1);
    expect(slowdownFor(299, 1200)).toBe(2);
    expect(slowdownFor(119, 1200)).toBe(4);
    expect(slowdownFor(19, 40)).toBe(4);
  });

  it("polls that subscription's gateways less often while ARM says few writes remain", () => {
    const { scheduler } = clockedScheduler();
    const post = request('POST', `${gateway(SUB_A)}/getBgpPeerStatus`);
    scheduler.answered(post, 202, headers({ 'x-ms-ratelimit-remaining-subscription-writes': '1199' }));
    const normal = scheduler.pollDelayMs(gateway(SUB_A), 10_000);
    expect(normal).toBeLessThanOrEqual(11_000);
    scheduler.answered(post, 202, headers({ 'x-ms-ratelimit-remaining-subscription-writes': '100' }));
    expect(scheduler.pollDelayMs(gateway(SUB_A), 10_000)).toBeGreaterThan(20_000);
    expect(scheduler.pollDelayMs(gateway(SUB_B), 10_000)).toBeLessThanOrEqual(11_000);
    expect(scheduler.budget().find((b) => b.subscriptionId === SUB_A)).toMatchObject({ slowdown: 4, remaining: { writes: { value: 100 } } });
  });
});

describe('scheduler: in-flight limit', () => {
  it('keeps at most maxInFlight HTTP requests on the wire; the next starts when one ends', async () => {
    const pending: Array<() => void> = [];
    const started: string[] = [];
    const step = (call: RecordedCall) =>
      new Promise<Response>((resolve) => {
        started.push(call.url);
        pending.push(() => resolve(json(200, {})));
      });
    const arm = fakeArm([step, step, step], {}, { scheduler: { maxInFlight: 2 } });
    const all = Promise.all([1, 2, 3].map((n) => arm.client.get(`${gateway(SUB_A, `g${n}`)}`)));
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toHaveLength(2);
    pending.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toHaveLength(3);
    pending.forEach((resolve) => resolve());
    await all;
  });

  it('a request waiting for a slot leaves the queue when aborted', async () => {
    const { scheduler } = clockedScheduler({ maxInFlight: 1 });
    const release = await scheduler.slot();
    const controller = new AbortController();
    const waiting = scheduler.slot(controller.signal);
    controller.abort(new DOMException('gone', 'AbortError'));
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    release();
    // The aborted waiter did not take the slot: the next one gets it at once.
    const next = await scheduler.slot();
    next();
  });
});

describe('scheduler: the budget account', () => {
  it('counts requests and writes per subscription over the last hour, inner batch requests each', async () => {
    const arm = fakeArm(
      [
        batchOf((inner) => ({
          httpStatusCode: 200,
          headers: { 'x-ms-ratelimit-remaining-subscription-reads': '11990' },
          content: { id: inner.url },
        })),
      ],
      { transport: 'batch' },
      { scheduler: {} },
    );
    await Promise.all([arm.client.get(gateway(SUB_A, 'one')), arm.client.get(gateway(SUB_A, 'two')), arm.client.get(gateway(SUB_B))]);
    const budget = arm.scheduler!.budget();
    expect(budget.map((b) => [b.subscriptionId, b.requestsLastHour, b.writesLastHour])).toEqual([
      [SUB_A, 2, 0],
      [SUB_B, 1, 0],
    ]);
    expect(budget[0]?.remaining.reads?.value).toBe(11_990);
    // The batch POST itself belongs to no subscription.
    expect(budget).toHaveLength(2);
  });

  it('forgets requests older than an hour', () => {
    const { scheduler, advance } = clockedScheduler();
    scheduler.answered(request('POST', `${gateway(SUB_A)}/getBgpPeerStatus`), 202, headers({}));
    advance(30 * 60_000);
    scheduler.answered(request('GET', `${gateway(SUB_A)}/op`), 200, headers({}));
    expect(scheduler.budget()[0]).toMatchObject({ requestsLastHour: 2, writesLastHour: 1 });
    advance(31 * 60_000);
    expect(scheduler.budget()[0]).toMatchObject({ requestsLastHour: 1, writesLastHour: 0 });
  });

  it('tells listeners once per burst of answers', async () => {
    const { scheduler } = clockedScheduler();
    let told = 0;
    scheduler.subscribe(() => told++);
    for (let i = 0; i < 5; i++) scheduler.answered(request('GET', gateway(SUB_A)), 200, headers({}));
    await Promise.resolve();
    expect(told).toBe(1);
  });

  it('names the next poll of a subscription once its interval is known', () => {
    const { scheduler, now } = clockedScheduler();
    const delay = scheduler.pollDelayMs(gateway(SUB_A), 15_000);
    expect(scheduler.budget()[0]?.nextPollAt).toBeGreaterThanOrEqual(now());
    expect(scheduler.budget()[0]?.nextPollAt).toBeLessThanOrEqual(now() + delay);
  });
});
