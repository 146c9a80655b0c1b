import { describe, expect, it } from 'vitest';
import { makePeer } from '../testing/peer-fixtures';
import { countPeersByState, PEER_STATES_BY_SEVERITY, peerStateWord } from './peer-state';

describe('peer states', () => {
  it('counts every state, including the ones no peer is in', () => {
    const counts = countPeersByState([makePeer({ state: 'Idle' }), makePeer({ state: 'Idle' }), makePeer()]);
    expect(counts).toEqual({ Stopped: 0, Idle: 2, Unknown: 0, Connecting: 0, Connected: 1 });
    expect(Object.keys(counts).sort()).toEqual([...PEER_STATES_BY_SEVERITY].sort());
  });

  it('names an unknown state by what ARM sent, cut to badge size', () => {
    expect(peerStateWord('Connected')).toBe('Connected');
    expect(peerStateWord('Unknown')).toBe('Unknown');
    expect(peerStateWord('Unknown', 'Flapping')).toBe('Unknown (Flapping)');
    expect(peerStateWord('Unknown', 'x'.repeat(100))).toBe(`Unknown (${'x'.repeat(40)}…)`);
  });
});
