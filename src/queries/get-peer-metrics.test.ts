import { describe, expect, it } from 'vitest';
import type { ArmClient } from '../azure/arm-client';
import type { MonitorPeerSeries } from '../azure/metrics';
import { METRICS_SPAN_MS, peerMetricsQueryOptions } from './get-peer-metrics';

const series = (neighbor: string, instance: number | null): MonitorPeerSeries => ({ neighbor, instance, status: [], routes: [] });

describe('peerMetricsQueryOptions', () => {
  it('asks the client for the last 24 h of the gateway, passing the cancellation signal', async () => {
    const asked: Parameters<ArmClient['getPeerMetrics']>[] = [];
    const client = {
      getPeerMetrics: async (...args: Parameters<ArmClient['getPeerMetrics']>) => {
        asked.push(args);
        return [series('10.1.0.4', 0)];
      },
    } as unknown as ArmClient;
    const options = peerMetricsQueryOptions(client, '/subscriptions/s/gw');
    const signal = new AbortController().signal;
    const before = Date.now();
    const result = await options.queryFn?.({ signal } as never);
    expect(result).toEqual([series('10.1.0.4', 0)]);
    const [gatewayId, window] = asked[0] ?? [];
    expect(gatewayId).toBe('/subscriptions/s/gw');
    expect(window?.signal).toBe(signal);
    expect(window!.to - window!.from).toBe(METRICS_SPAN_MS);
    expect(window!.to).toBeGreaterThanOrEqual(before);
  });
});
