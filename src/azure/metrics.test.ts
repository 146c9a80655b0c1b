import { describe, expect, it } from 'vitest';
import { ENDPOINT, GATEWAY_ID, fakeArm, json } from '../testing/fake-arm';
import { parsePeerMetrics } from './metrics';

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

describe('Azure Monitor peer metrics', () => {
  it('reads one series per peer address and instance, in time order, with empty buckets as gaps', () => {
    const series = parsePeerMetrics(answer);
    const in1 = series.find((s) => s.instance === 1);
    expect(in1?.status.map((p) => p.value)).toEqual([1, 0.5, null]);
    expect(in1?.routes).toEqual([{ time: Date.UTC(2025, 0, 15, 12, 0, 0), value: 42 }]);
    expect(series.map((s) => s.instance).sort()).toEqual([0, 1]);
    expect(parsePeerMetrics({ nonsense: true })).toEqual([]);
  });

  it('asks for both metrics, 5-minute grain, the given window, split by peer address and instance', async () => {
    const arm = fakeArm([json(200, answer)]);
    const to = Date.UTC(2025, 0, 15, 12, 0, 0);
    const series = await arm.client.getPeerMetrics(GATEWAY_ID, { from: to - 24 * 3_600_000, to });
    expect(series).toHaveLength(2);
    const url = new URL(arm.calls[0]?.url ?? '');
    expect(arm.calls[0]?.method).toBe('GET');
    expect(url.origin + url.pathname).toBe(`${ENDPOINT}${GATEWAY_ID}/providers/microsoft.insights/metrics`);
    expect(url.searchParams.get('api-version')).toBe('2023-10-01');
    expect(url.searchParams.get('metricnames')).toBe('BgpPeerStatus,BgpRoutesLearned');
    expect(url.searchParams.get('interval')).toBe('PT5M');
    expect(url.searchParams.get('aggregation')).toBe('average,total');
    expect(url.searchParams.get('timespan')).toBe('2025-01-14T12:00:00.000Z/2025-01-15T12:00:00.000Z');
    expect(url.searchParams.get('$filter')).toBe("BgpPeerAddress eq '*' and Instance eq '*'");
  });

  it('passes a 403 on as the ArmError it is, and asks nothing for an invalid gateway ID', async () => {
    const arm = fakeArm([json(403, { error: { code: 'AuthorizationFailed', message: 'no monitoring read' } })]);
    await expect(arm.client.getPeerMetrics(GATEWAY_ID, { from: 0, to: 1 })).rejects.toMatchObject({ status: 403, code: 'AuthorizationFailed' });
    await expect(arm.client.getPeerMetrics('/subscriptions/x', { from: 0, to: 1 })).rejects.toMatchObject({ code: 'InvalidResourceId' });
    expect(arm.calls).toHaveLength(1);
  });
});
