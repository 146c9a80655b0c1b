import { describe, expect, it } from 'vitest';
import { parseBgpPeerStatusList } from './bgp-peer-status';
import { ENDPOINT, GATEWAY_ID, empty, fakeArm, json, rejectionOf } from '../testing/fake-arm';

const clean = {
  neighbor: '10.1.0.4',
  localAddress: '10.0.0.4',
  asn: 65001,
  state: 'Connected',
  connectedDuration: '9.01:04:53.5768637',
  routesReceived: 12,
  messagesSent: 3021,
  messagesReceived: 3019,
};

function onePeer(entry: unknown) {
  const [peer] = parseBgpPeerStatusList({ value: [entry] });
  if (!peer) throw new Error('no peer parsed');
  return peer;
}

describe('parseBgpPeerStatusList', () => {
  it('reads a clean peer with no problems', () => {
    expect(onePeer(clean)).toEqual({
      neighbor: '10.1.0.4',
      localAddress: '10.0.0.4',
      asn: 65001,
      state: 'Connected',
      rawState: null,
      connectedDuration: '9.01:04:53.5768637',
      connectedSeconds: expect.closeTo(9 * 86_400 + 3_600 + 4 * 60 + 53.5768637, 5),
      routesReceived: 12,
      messagesSent: 3021,
      messagesReceived: 3019,
      problems: [],
    });
  });

  it('keeps both instances of an active-active neighbor as separate peers', () => {
    const peers = parseBgpPeerStatusList({
      value: [clean, { ...clean, localAddress: '10.0.0.5' }],
    });
    expect(peers.map((p) => `${p.neighbor}@${p.localAddress}`)).toEqual(['10.1.0.4@10.0.0.4', '10.1.0.4@10.0.0.5']);
  });

  it('reads an empty list', () => {
    expect(parseBgpPeerStatusList({ value: [] })).toEqual([]);
  });

  it.each([null, undefined, 'text', [], {}, { value: {} }, { value: null }])('rejects %j as InvalidResponse', (body) => {
    expect(() => parseBgpPeerStatusList(body)).toThrow(expect.objectContaining({ code: 'InvalidResponse' }));
  });

  it('accepts the five states in any casing', () => {
    for (const state of ['Connected', 'connecting', 'IDLE', 'Stopped', 'unknown']) {
      const peer = onePeer({ ...clean, state });
      expect(peer.state.toLowerCase()).toBe(state.toLowerCase());
      expect(peer.rawState).toBeNull();
    }
  });

  it('turns an unknown state into Unknown and keeps the raw value', () => {
    const peer = onePeer({ ...clean, state: 'Established' });
    expect(peer).toMatchObject({ state: 'Unknown', rawState: 'Established' });
    expect(peer.problems).toEqual(['state "Established" is not a known BGP state']);
  });

  it('treats a missing or non-string state as Unknown with a note', () => {
    const { state: _omit, ...noState } = clean;
    expect(onePeer(noState)).toMatchObject({ state: 'Unknown', rawState: null, problems: ['state was missing'] });
    expect(onePeer({ ...clean, state: 3 })).toMatchObject({ state: 'Unknown', problems: ['state was a number, not a string'] });
  });

  it('accepts 4-byte ASNs up to 4294967295 and refuses anything else', () => {
    expect(onePeer({ ...clean, asn: 4_200_000_000 }).asn).toBe(4_200_000_000);
    expect(onePeer({ ...clean, asn: 4_294_967_295 }).asn).toBe(4_294_967_295);
    expect(onePeer({ ...clean, asn: 0 }).asn).toBe(0);
    for (const asn of [4_294_967_296, -1, 65001.5, '65001x', true]) {
      const peer = onePeer({ ...clean, asn });
      expect(peer.asn).toBeNull();
      expect(peer.problems).toEqual(['asn was not a whole number between 0 and 4294967295']);
    }
  });

  it('accepts int64 values sent as digit strings', () => {
    expect(onePeer({ ...clean, asn: '65001', messagesSent: '123' })).toMatchObject({ asn: 65001, messagesSent: 123, problems: [] });
  });

  it('makes negative, fractional or unsafe counters null with a note', () => {
    const peer = onePeer({ ...clean, routesReceived: -3, messagesSent: 1.5, messagesReceived: 2 ** 60 });
    expect(peer).toMatchObject({ routesReceived: null, messagesSent: null, messagesReceived: null });
    expect(peer.problems).toHaveLength(3);
    expect(peer.problems[0]).toMatch(/^routesReceived was not a whole number/);
  });

  it('notes every missing field but not a null connectedDuration', () => {
    const peer = onePeer({ state: 'Idle', connectedDuration: null });
    expect(peer).toMatchObject({ neighbor: null, localAddress: null, asn: null, connectedDuration: null, connectedSeconds: null });
    expect(peer.problems).toEqual([
      'neighbor was missing',
      'localAddress was missing',
      'asn was missing',
      'routesReceived was missing',
      'messagesSent was missing',
      'messagesReceived was missing',
    ]);
  });

  it('notes a missing connectedDuration on a connected peer, where "—" would pass for normal', () => {
    const { connectedDuration: _dropped, ...withoutDuration } = clean;
    expect(onePeer({ ...withoutDuration, state: 'Connected' }).problems).toEqual(['connectedDuration was missing']);
    expect(onePeer({ ...clean, state: 'Connected', connectedDuration: null }).problems).toEqual(['connectedDuration was missing']);
    expect(onePeer({ ...withoutDuration, state: 'Connecting' }).problems).toEqual([]);
  });

  it('keeps an unreadable connectedDuration as text, without seconds, and notes it', () => {
    const peer = onePeer({ ...clean, connectedDuration: 'PT2H' });
    expect(peer).toMatchObject({ connectedDuration: 'PT2H', connectedSeconds: null });
    expect(peer.problems).toEqual(['connectedDuration "PT2H" is not a duration']);
    expect(onePeer({ ...clean, connectedDuration: '-00:00:05' }).connectedSeconds).toBeNull();
  });

  it('refuses wrong-typed strings and cuts overlong ones', () => {
    const peer = onePeer({ ...clean, neighbor: 10, localAddress: 'x'.repeat(1000) });
    expect(peer.neighbor).toBeNull();
    expect(peer.localAddress).toHaveLength(256);
    expect(peer.problems).toEqual([
      'neighbor was a number, not a string',
      'localAddress was longer than 256 characters and was cut',
    ]);
  });

  it('keeps a non-object entry as an Unknown peer with a note, so the others still show', () => {
    const peers = parseBgpPeerStatusList({ value: [clean, null, 'x'] });
    expect(peers).toHaveLength(3);
    expect(peers[0]?.problems).toEqual([]);
    expect(peers[1]).toMatchObject({ state: 'Unknown', neighbor: null, problems: ['peer entry 2 was null, not an object'] });
    expect(peers[2]?.problems).toEqual(['peer entry 3 was a string, not an object']);
  });
});

describe('getBgpPeerStatus', () => {
  const peers = {
    value: [
      { neighbor: '10.1.0.4', localAddress: '10.0.0.4', asn: 65001, state: 'Connected', connectedDuration: '02:07:41', routesReceived: 3, messagesSent: 10, messagesReceived: 11 },
    ],
  };

  it('posts to the gateway operation and returns the validated peers', async () => {
    const arm = fakeArm([
      empty(202, { Location: `${ENDPOINT}/operations/1`, 'Retry-After': '10' }),
      json(200, peers),
    ]);
    const result = await arm.client.getBgpPeerStatus(GATEWAY_ID);
    expect(arm.calls[0]).toMatchObject({
      method: 'POST',
      url: `${ENDPOINT}${GATEWAY_ID}/getBgpPeerStatus?api-version=2023-09-01`,
    });
    expect(result).toEqual([
      expect.objectContaining({ neighbor: '10.1.0.4', state: 'Connected', connectedSeconds: 7661, problems: [] }),
    ]);
  });

  it('encodes the peer query parameter', async () => {
    const arm = fakeArm([json(200, { value: [] })]);
    await arm.client.getBgpPeerStatus(GATEWAY_ID, { peer: 'fd00::1&x=y' });
    expect(arm.calls[0]?.url).toBe(
      `${ENDPOINT}${GATEWAY_ID}/getBgpPeerStatus?peer=fd00%3A%3A1%26x%3Dy&api-version=2023-09-01`,
    );
  });

  it('uses the canonical gateway ID whatever casing it was given in', async () => {
    const arm = fakeArm([json(200, { value: [] })]);
    await arm.client.getBgpPeerStatus(`  ${GATEWAY_ID.replace('Microsoft.Network', 'MICROSOFT.NETWORK')}  `);
    expect(arm.calls[0]?.url).toContain('/providers/Microsoft.Network/virtualNetworkGateways/gw-1/getBgpPeerStatus');
  });

  it('rejects an invalid gateway ID before any request', async () => {
    const arm = fakeArm([]);
    await expect(arm.client.getBgpPeerStatus('/subscriptions/x/resourceGroups/rg')).rejects.toMatchObject({
      code: 'InvalidResourceId',
    });
    expect(arm.calls).toHaveLength(0);
  });

  it('rejects an operation that ends without a result', async () => {
    const arm = fakeArm([empty(202, { Location: `${ENDPOINT}/operations/1` }), empty(204)]);
    const error = await rejectionOf(arm.client.getBgpPeerStatus(GATEWAY_ID));
    expect(error).toMatchObject({ code: 'InvalidResponse' });
    expect((error as Error).message).toMatch(/no result/);
  });

  it('rejects a result that is not a peer list', async () => {
    const arm = fakeArm([json(200, { peers: [] })]);
    await expect(arm.client.getBgpPeerStatus(GATEWAY_ID)).rejects.toMatchObject({ code: 'InvalidResponse' });
  });
});
