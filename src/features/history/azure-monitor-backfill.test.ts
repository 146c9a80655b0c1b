import { describe, expect, it } from 'vitest';
import { ArmError } from '../../azure/arm-error';
import type { ArmClient } from '../../azure/arm-client';
import type { MonitorPeerSeries } from '../../azure/metrics';
import { BACKFILL_SPAN_MS, backfillByPeerKey, isMetricsForbidden, metricsBackfillQueryOptions } from './azure-monitor-backfill';

const series = (neighbor: string, instance: number | null): MonitorPeerSeries => ({ neighbor, instance, status: [], routes: [] });

describe('Azure Monitor back-fill', () => {
  it('matches instances to peer rows by local address order, as the peer table numbers them', () => {
    const matched = backfillByPeerKey(
      [series('10.1.0.4', 1), series('10.1.0.4', 0)],
      ['10.0.0.5|10.1.0.4', '10.0.0.4|10.1.0.4', '10.0.0.4|10.2.0.4'],
    );
    expect(matched.get('10.0.0.5|10.1.0.4')?.instance).toBe(1);
    expect(matched.get('10.0.0.4|10.1.0.4')?.instance).toBe(0);
    expect(matched.has('10.0.0.4|10.2.0.4')).toBe(false);
  });

  it('matches a series without an instance only to a neighbor with a single row', () => {
    const matched = backfillByPeerKey([series('10.1.0.4', null), series('10.2.0.4', null)], ['10.0.0.4|10.1.0.4', '10.0.0.4|10.2.0.4', '10.0.0.5|10.2.0.4']);
    expect([...matched.keys()]).toEqual(['10.0.0.4|10.1.0.4']);
  });

  it('asks the client for the last 24 h of the gateway, passing the cancellation signal', async () => {
    const asked: Parameters<ArmClient['getPeerMetrics']>[] = [];
    const client = {
      getPeerMetrics: async (...args: Parameters<ArmClient['getPeerMetrics']>) => {
        asked.push(args);
        return [series('10.1.0.4', 0)];
      },
    } as unknown as ArmClient;
    const options = metricsBackfillQueryOptions(client, '/subscriptions/s/gw');
    const signal = new AbortController().signal;
    const before = Date.now();
    const result = await options.queryFn?.({ signal } as never);
    expect(result).toEqual([series('10.1.0.4', 0)]);
    const [gatewayId, window] = asked[0] ?? [];
    expect(gatewayId).toBe('/subscriptions/s/gw');
    expect(window?.signal).toBe(signal);
    expect(window!.to - window!.from).toBe(BACKFILL_SPAN_MS);
    expect(window!.to).toBeGreaterThanOrEqual(before);
  });

  it('knows a 403 means no monitoring read', () => {
    expect(isMetricsForbidden(new ArmError({ status: 403, code: 'AuthorizationFailed', message: 'no' }))).toBe(true);
    expect(isMetricsForbidden(new ArmError({ status: 500, code: 'InternalServerError', message: 'no' }))).toBe(false);
  });
});
