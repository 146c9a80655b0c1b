import { splitPeerRowKey } from '../../../bgp/peer-identity';
import { csvField } from '../../../lib/csv';
import type { PeerSample } from './peer-sample';

const COLUMNS = ['time', 'gatewayId', 'localAddress', 'neighbor', 'state', 'routesReceived', 'messagesSent', 'messagesReceived', 'connectedSeconds'] as const;

/** Samples as CSV (RFC 4180, CRLF), oldest first, times in ISO 8601 UTC. */
export function samplesToCsv(samples: readonly PeerSample[]): string {
  const rows = [...samples].sort((a, b) => a.time - b.time || a.peerKey.localeCompare(b.peerKey));
  const lines = [COLUMNS.join(',')];
  for (const sample of rows) {
    const { localAddress, neighbor } = splitPeerRowKey(sample.peerKey);
    lines.push(
      [
        new Date(sample.time).toISOString(),
        sample.gatewayId,
        localAddress,
        neighbor,
        sample.state,
        sample.routesReceived,
        sample.messagesSent,
        sample.messagesReceived,
        sample.connectedSeconds,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** "bgp-history-vpngw-hub-weu-2025-01-15T1200Z-to-2025-01-15T1300Z.csv" */
export function csvFileName(gatewayName: string, fromMs: number, toMs: number, peer?: string): string {
  const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/:/g, '') + 'Z';
  const clean = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `bgp-history-${clean(gatewayName)}${peer ? `-${clean(peer)}` : ''}-${stamp(fromMs)}-to-${stamp(toMs)}.csv`;
}
