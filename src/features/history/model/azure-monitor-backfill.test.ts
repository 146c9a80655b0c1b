import { describe, expect, it } from 'vitest';
import { ArmError } from '../../../azure/arm-error';
import { backfillByPeerKey, isMetricsForbidden, metricsBackfillPath, parseMetricsBackfill } from './azure-monitor-backfill';

const answer = {
  value: [
    {
      name: { value: 'BgpPeerStatus' },
      timeseries: [
        {
          metadatavalues: [
            { name: { value: 'bgppeeraddress' }, value: '10.1.0.4' },
            { name: { value: 'instance' }, value: 'GatewayTenantWorker_IN_1' },
          ],
          data: [{ timeStamp: '2025-01-15T12:05:00Z', average: 0.5 }, { timeStamp: '2025-01-15T12:00:00Z', average: 1 }, { timeStamp: '2025-01-15T12:10:00Z' }],
        },
        { metadatavalues: [{ name: { value: 'bgppeeraddress' }, value: '10.1.0.4' }, { name: { value: 'instance' }, value: 'IN_0' }], data: [] },
        { metadatavalues: [], data: [{ timeStamp: '2025-01-15T12:00:00Z', average: 1 }] },
        'garbage',
      ],
    },
    {
      name: { value: 'BgpRoutesLearned' },
      timeseries: [
        {
          metadatavalues: [
            { name: { value: 'BgpPeerAddress' }, value: '10.1.0.4' },
            { name: { value: 'Instance' }, value: 'IN_1' },
          ],
          data: [{ timeStamp: '2025-01-15T12:00:00Z', total: 42 }],
        },
      ],
    },
  ],
};

describe('Azure Monitor back-fill', () => {
  it('reads one series per peer address and instance, in time order, with empty buckets as gaps', () => {
    const series = parseMetricsBackfill(answer);
    const in1 = series.find((s) => s.instance === 1);
    expect(in1?.status.map((p) => p.value)).toEqual([1, 0.5, null]);
    expect(in1?.routes).toEqual([{ time: Date.UTC(2025, 0, 15, 12, 0, 0), value: 42 }]);
    expect(series.map((s) => s.instance).sort()).toEqual([0, 1]);
    expect(parseMetricsBackfill({ nonsense: true })).toEqual([]);
  });

  it('matches instances to peer rows by local address order, as the peer table numbers them', () => {
    const matched = backfillByPeerKey(parseMetricsBackfill(answer), ['10.0.0.5|10.1.0.4', '10.0.0.4|10.1.0.4', '10.0.0.4|10.2.0.4']);
    expect(matched.get('10.0.0.5|10.1.0.4')?.instance).toBe(1);
    expect(matched.get('10.0.0.4|10.1.0.4')?.instance).toBe(0);
    expect(matched.has('10.0.0.4|10.2.0.4')).toBe(false);
  });

  it('asks for both metrics, 5-minute grain, the last 24 h, split by peer address and instance', () => {
    const now = Date.UTC(2025, 0, 15, 12, 0, 0);
    const url = new URL(`https://arm.example${metricsBackfillPath('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw', now)}`);
    expect(url.pathname).toBe('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw/providers/microsoft.insights/metrics');
    expect(url.searchParams.get('metricnames')).toBe('BgpPeerStatus,BgpRoutesLearned');
    expect(url.searchParams.get('interval')).toBe('PT5M');
    expect(url.searchParams.get('timespan')).toBe('2025-01-14T12:00:00.000Z/2025-01-15T12:00:00.000Z');
    expect(url.searchParams.get('$filter')).toBe("BgpPeerAddress eq '*' and Instance eq '*'");
  });

  it('knows a 403 means no monitoring read', () => {
    expect(isMetricsForbidden(new ArmError({ status: 403, code: 'AuthorizationFailed', message: 'no' }))).toBe(true);
    expect(isMetricsForbidden(new ArmError({ status: 500, code: 'InternalServerError', message: 'no' }))).toBe(false);
  });
});
