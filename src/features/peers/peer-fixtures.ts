import type { BgpPeer } from '../../azure/bgp-peer-status';

/** A clean Connected peer for tests; override what the test is about. */
export function makePeer(overrides: Partial<BgpPeer> = {}): BgpPeer {
  return {
    neighbor: '10.1.0.4',
    localAddress: '10.0.0.4',
    asn: 65010,
    state: 'Connected',
    rawState: null,
    connectedDuration: '9.01:04:53.5768637',
    connectedSeconds: 781_493.5768637,
    routesReceived: 12,
    messagesSent: 1500,
    messagesReceived: 1480,
    problems: [],
    ...overrides,
  };
}
