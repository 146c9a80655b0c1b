import { describe, expect, it } from 'vitest';
import type { PeerSample } from './peer-sample';
import { csvField } from '../../../lib/csv';
import { csvFileName, samplesToCsv } from './samples-csv';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const sample = (time: number, overrides: Partial<PeerSample> = {}): PeerSample => ({
  gatewayId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw',
  peerKey: '10.0.0.4|10.1.0.4',
  time,
  state: 'Connected',
  routesReceived: 12,
  messagesSent: 100,
  messagesReceived: 200,
  connectedSeconds: 3600.5,
  ...overrides,
});

describe('CSV export of samples', () => {
  it('writes a header and one row per sample, oldest first, with empty cells for missing values', () => {
    const csv = samplesToCsv([sample(T0 + 15_000, { routesReceived: null }), sample(T0)]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('time,gatewayId,localAddress,neighbor,state,routesReceived,messagesSent,messagesReceived,connectedSeconds');
    expect(lines[1]).toBe(`2025-01-15T12:00:00.000Z,${sample(0).gatewayId},10.0.0.4,10.1.0.4,Connected,12,100,200,3600.5`);
    expect(lines[2]).toContain(',Connected,,100,');
    expect(lines).toHaveLength(4);
  });

  it('quotes separators and defuses spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(null)).toBe('');
  });

  it('names the file after the gateway, the peer and the range', () => {
    expect(csvFileName('vpngw hub', T0, T0 + 3_600_000, '10.1.0.4')).toBe('bgp-history-vpngw_hub-10.1.0.4-2025-01-15T1200Z-to-2025-01-15T1300Z.csv');
  });
});
