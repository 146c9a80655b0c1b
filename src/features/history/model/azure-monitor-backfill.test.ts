import { describe, expect, it } from 'vitest';
import { ArmError } from '../../../azure/arm-error';
import type { MonitorPeerSeries } from '../../../azure/metrics';
import { backfillByPeerKey, isMetricsForbidden } from './azure-monitor-backfill';

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

  it('knows a 403 means no monitoring read', () => {
    expect(isMetricsForbidden(new ArmError({ status: 403, code: 'AuthorizationFailed', message: 'no' }))).toBe(true);
    expect(isMetricsForbidden(new ArmError({ status: 500, code: 'InternalServerError', message: 'no' }))).toBe(false);
  });
});
