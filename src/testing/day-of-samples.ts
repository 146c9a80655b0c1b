import type { PeerSample, PollOutcome } from '../features/history/model/peer-sample';

export const SAMPLE_EVERY_MS = 15_000;
export const SAMPLES_PER_PEER = 5_760;
export const PEERS = 16;

/**
 * For benchmarks and tests. A day of 15-second polls of a 16-peer active-active gateway (8 neighbors × 2 instances):
 * keepalive counters, route counts that move, a session reset every few hours on some peers,
 * and a short outage (failed polls). Deterministic, so runs compare.
 */
export function dayOfSamples(endMs: number): { samples: PeerSample[]; polls: PollOutcome[] } {
  const gatewayId = '/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/vpngw-bench';
  const startMs = endMs - SAMPLES_PER_PEER * SAMPLE_EVERY_MS;
  const samples: PeerSample[] = [];
  const polls: PollOutcome[] = [];
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const peers = Array.from({ length: PEERS }, (_, i) => ({
    peerKey: `10.0.0.${4 + (i % 2)}|10.1.${Math.floor(i / 2)}.4`,
    sent: 10_000 + i * 1_000,
    received: 12_000 + i * 1_000,
    connectedSeconds: 86_400 * (1 + i),
    routes: 20 + i * 5,
    resetEvery: i % 4 === 0 ? 1_440 : 0,
  }));
  for (let n = 0; n < SAMPLES_PER_PEER; n++) {
    const time = startMs + n * SAMPLE_EVERY_MS;
    // Ten minutes without answers in the afternoon.
    if (n >= 3_000 && n < 3_040) {
      polls.push({ gatewayId, time, ok: false, errorCode: 'TooManyRequests' });
      // The sessions carry on while nobody is looking.
      for (const peer of peers) peer.connectedSeconds += 15;
      continue;
    }
    polls.push({ gatewayId, time, ok: true });
    for (const peer of peers) {
      if (peer.resetEvery > 0 && n % peer.resetEvery === peer.resetEvery - 1) {
        peer.sent = 2;
        peer.received = 3;
        peer.connectedSeconds = 5;
      } else {
        peer.sent += random() < 0.25 ? 1 : 0;
        peer.received += random() < 0.26 ? 1 : 0;
        peer.connectedSeconds += 15;
      }
      if (random() < 0.01) peer.routes = Math.max(0, peer.routes + Math.round((random() - 0.5) * 6));
      samples.push({
        gatewayId,
        peerKey: peer.peerKey,
        time,
        state: 'Connected',
        routesReceived: peer.routes,
        messagesSent: peer.sent,
        messagesReceived: peer.received,
        connectedSeconds: peer.connectedSeconds,
      });
    }
  }
  return { samples, polls };
}
