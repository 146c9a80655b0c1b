// @vitest-environment jsdom
// (React Query schedules polling timers only where `window` exists.)
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArmClient } from '../azure/arm-client';
import { ArmError } from '../azure/arm-error';
import { makePeer } from '../testing/peer-fixtures';
import { nextPollDelayMs, peerOperationTimeoutMs, peersQueryOptions } from './get-bgp-peer-status';

const GW1 = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw1';

function fakeClient(overrides: Partial<ArmClient>): ArmClient {
  return overrides as ArmClient;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('nextPollDelayMs', () => {
  it('waits at least as long as a 429 Retry-After asked', () => {
    const throttled = new ArmError({ code: 'TooManyRequests', message: 'slow down', status: 429, retryAfterMs: 100_000 });
    expect(nextPollDelayMs(throttled, 15_000)).toBe(100_000);
  });

  it('keeps the usual interval when Retry-After is shorter, or after other errors and successes', () => {
    const brief = new ArmError({ code: 'TooManyRequests', message: '', status: 429, retryAfterMs: 1_000 });
    expect(nextPollDelayMs(brief, 15_000)).toBe(15_000);
    expect(nextPollDelayMs(new ArmError({ code: 'AuthorizationFailed', message: '' }), 15_000)).toBe(15_000);
    expect(nextPollDelayMs(null, 15_000)).toBe(15_000);
  });
});

describe('peersQueryOptions', () => {
  it('passes the query signal, an operation time limit of two intervals and whether anyone waits for it down to the ARM client', async () => {
    const getBgpPeerStatus = vi.fn(async () => [makePeer()]);
    const queryClient = new QueryClient();
    await queryClient.fetchQuery(peersQueryOptions(fakeClient({ getBgpPeerStatus }), GW1, 60_000));
    // Nothing on screen yet: the first poll is urgent.
    expect(getBgpPeerStatus).toHaveBeenCalledWith(GW1, { signal: expect.any(AbortSignal), timeoutMs: 120_000, urgent: true });
    // A refresh of peers already shown is not.
    await queryClient.refetchQueries({ queryKey: peersQueryOptions(fakeClient({ getBgpPeerStatus }), GW1, 60_000).queryKey });
    expect(getBgpPeerStatus).toHaveBeenLastCalledWith(GW1, { signal: expect.any(AbortSignal), timeoutMs: 120_000, urgent: false });
  });

  it('polls on the interval, never starts a second operation while one runs, and keeps data after a failure', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const pending: ((value: unknown) => void)[] = [];
    const getBgpPeerStatus = vi.fn(
      () =>
        new Promise((resolve, reject) => {
          calls += 1;
          // The first operation succeeds; the second is slower than the interval and then fails.
          if (calls === 1) resolve([makePeer()]);
          else pending.push(() => reject(new ArmError({ code: 'InternalServerError', message: 'boom', status: 500 })));
        }),
    );
    const queryClient = new QueryClient();
    const observer = new QueryObserver(
      queryClient,
      peersQueryOptions(fakeClient({ getBgpPeerStatus } as Partial<ArmClient>), GW1, 15_000),
    );
    const unsubscribe = observer.subscribe(() => {});

    await vi.advanceTimersByTimeAsync(0);
    expect(observer.getCurrentResult().data).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(15_000);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(45_000); // three more ticks while operation 2 is still running
    expect(calls).toBe(2);

    pending[0]?.(undefined);
    await vi.advanceTimersByTimeAsync(0);
    const result = observer.getCurrentResult();
    expect(result.error).toBeInstanceOf(ArmError);
    expect(result.data).toHaveLength(1);
    unsubscribe();
  });

  it('after a 429 waits for Retry-After before polling again', async () => {
    vi.useFakeTimers();
    const getBgpPeerStatus = vi
      .fn()
      .mockRejectedValueOnce(new ArmError({ code: 'TooManyRequests', message: 'slow down', status: 429, retryAfterMs: 60_000 }))
      .mockResolvedValue([makePeer()]);
    const queryClient = new QueryClient();
    const observer = new QueryObserver(queryClient, peersQueryOptions(fakeClient({ getBgpPeerStatus }), GW1, 15_000));
    const unsubscribe = observer.subscribe(() => {});

    await vi.advanceTimersByTimeAsync(0);
    expect(getBgpPeerStatus).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(getBgpPeerStatus).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(getBgpPeerStatus).toHaveBeenCalledTimes(2);
    unsubscribe();
  });
});

describe('peerOperationTimeoutMs', () => {
  it('gives an operation two polling intervals, at least 30 s and at most 10 minutes', () => {
    expect(peerOperationTimeoutMs(60_000)).toBe(120_000);
    expect(peerOperationTimeoutMs(5_000)).toBe(30_000);
    expect(peerOperationTimeoutMs(3_600_000)).toBe(600_000);
  });
});
