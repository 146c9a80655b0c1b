import { describe, expect, it } from 'vitest';
import { expectedDownWindow, formatMuteParam, parseMuteParam, readStoredWindows, withWindow, type MaintenanceWindow } from './maintenance';

const GW = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/vpngw-1';
const NOW = Date.parse('2026-12-02T12:00:00Z');
const HOUR = 3_600_000;
const peer = (neighbor: string, localAddress = '10.0.0.4') => ({ neighbor, localAddress });

describe('maintenance windows', () => {
  it('a gateway window covers all its peers, a neighbor window every instance, an instance window only that one', () => {
    const windows: MaintenanceWindow[] = [
      { gatewayId: GW.toUpperCase(), neighbor: null, localAddress: null, untilMs: NOW + HOUR, note: 'upgrade' },
    ];
    expect(expectedDownWindow(windows, GW, peer('10.1.0.1'), NOW)?.note).toBe('upgrade');
    const neighbor = [{ gatewayId: GW, neighbor: '10.1.0.1', localAddress: null, untilMs: NOW + HOUR, note: '' }];
    expect(expectedDownWindow(neighbor, GW, peer('10.1.0.1', '10.0.0.5'), NOW)).toBeDefined();
    expect(expectedDownWindow(neighbor, GW, peer('10.1.0.2'), NOW)).toBeUndefined();
    const instance = [{ gatewayId: GW, neighbor: '10.1.0.1', localAddress: '10.0.0.4', untilMs: NOW + HOUR, note: '' }];
    expect(expectedDownWindow(instance, GW, peer('10.1.0.1', '10.0.0.5'), NOW)).toBeUndefined();
  });

  it('ends by itself at its time', () => {
    const windows = [{ gatewayId: GW, neighbor: null, localAddress: null, untilMs: NOW + HOUR, note: '' }];
    expect(expectedDownWindow(windows, GW, peer('10.1.0.1'), NOW + HOUR - 1)).toBeDefined();
    expect(expectedDownWindow(windows, GW, peer('10.1.0.1'), NOW + HOUR)).toBeUndefined();
  });

  it('a new window for the same target replaces the old one', () => {
    const a = { gatewayId: GW, neighbor: '10.1.0.1', localAddress: null, untilMs: NOW + HOUR, note: 'a' };
    expect(withWindow([a], { ...a, note: 'b' })).toEqual([{ ...a, note: 'b' }]);
  });

  it('mute= round-trips through a URL, notes included', () => {
    const windows: MaintenanceWindow[] = [
      { gatewayId: GW, neighbor: null, localAddress: null, untilMs: NOW + HOUR, note: 'gateway upgrade, change 42' },
      { gatewayId: GW, neighbor: '10.1.0.1', localAddress: '10.0.0.5', untilMs: NOW + 2 * HOUR, note: '' },
    ];
    const url = new URLSearchParams({ mute: formatMuteParam(windows, NOW) }).toString();
    const parsed = parseMuteParam(new URLSearchParams(url).get('mute') ?? '', NOW);
    expect(parsed.problems).toEqual([]);
    expect(parsed.windows).toEqual([{ ...windows[0], note: 'gateway upgrade change 42' }, windows[1]]);
  });

  it('bad mute= values say which entry and what to write; windows already over are skipped quietly', () => {
    const ok = `${GW}~~~2026-12-02T13:00Z`;
    const { windows, problems } = parseMuteParam(
      [ok, 'vpngw-1~~~2026-12-02T13:00Z', `${GW}~~~tomorrow`, `${GW}~~~2026-12-02T13:00`, `${GW}~x<y~~2026-12-02T13:00Z`, `${GW}~2026-12-02T13:00Z`, `${GW}~~~2026-12-02T11:00Z`].join(','),
      NOW,
    );
    expect(windows).toHaveLength(1);
    expect(problems).toEqual([
      expect.stringMatching(/^entry 2 .*not a virtual network gateway resource ID/),
      expect.stringMatching(/^entry 3 .*until "tomorrow" must be a date and time with its zone/),
      expect.stringMatching(/^entry 4 .*with its zone/),
      expect.stringMatching(/^entry 5 .*neighbor "x<y" is not an IP address/),
      expect.stringMatching(/^entry 6 .*has 2 ~-separated fields; write gatewayResourceId~neighbor~localAddress~until~note/),
    ]);
  });

  it('reads back only well-formed, unexpired windows from storage', () => {
    const good = { gatewayId: GW, neighbor: null, localAddress: null, untilMs: NOW + HOUR, note: 'n' };
    expect(readStoredWindows([good, { ...good, untilMs: NOW - 1 }, { gatewayId: 3 }, null, 'x'], NOW)).toEqual([good]);
    expect(readStoredWindows({ not: 'an array' }, NOW)).toEqual([]);
  });
});

describe('peer conditions', async () => {
  const { peerCondition, countPeerSignals, alertsToShow } = await import('./peer-condition');
  const { makePeer } = await import('../testing/peer-fixtures');
  const stopped = makePeer({ neighbor: '10.1.0.1', state: 'Stopped' });
  const idle = makePeer({ neighbor: '10.1.0.2', state: 'Idle' });
  const up = makePeer({ neighbor: '10.1.0.3', state: 'Connected' });
  const notTrying = new Set([`${GW.toLowerCase()}|10.0.0.4|10.1.0.1`]);
  const windows: MaintenanceWindow[] = [{ gatewayId: GW, neighbor: '10.1.0.2', localAddress: null, untilMs: NOW + HOUR, note: 'ISP work' }];

  it('not-trying and expected-down peers are counted apart from their state; Connected ones stay Connected', () => {
    const counts = countPeerSignals(GW, [stopped, idle, up, makePeer({ neighbor: '10.1.0.4', state: 'Idle' })], { notTrying, windows, nowMs: NOW });
    expect(counts).toMatchObject({ notTrying: 1, expectedDown: 1, byState: { Stopped: 0, Idle: 1, Connected: 1 } });
    expect(peerCondition(GW, { ...up, neighbor: '10.1.0.2' }, { notTrying, windows, nowMs: NOW })).toBeNull();
    expect(peerCondition(GW, idle, { notTrying, windows, nowMs: NOW + HOUR })).toBeNull();
  });

  it('alerts of a peer under maintenance are held back until the window ends', () => {
    const alert = { gatewayId: GW, neighbor: '10.1.0.2', localAddress: '10.0.0.4' } as Parameters<typeof alertsToShow>[0][number];
    expect(alertsToShow([alert], windows, NOW)).toEqual([]);
    expect(alertsToShow([alert], windows, NOW + HOUR)).toEqual([alert]);
  });
});
