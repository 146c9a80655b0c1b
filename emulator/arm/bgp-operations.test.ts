import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestArm, type TestArm } from '../testing/arm-test-server';

const API = 'api-version=2023-09-01';
let arm: TestArm;

afterEach(async () => {
  await arm.close();
});

describe('getBgpPeerStatus long-running operation', () => {
  beforeEach(async () => {
    arm = await startTestArm({ lroSeconds: 4 });
  });

  it('answers 202 with polling headers, reports InProgress, then Succeeded, then the peers at completion time', async () => {
    const gateway = arm.gatewayOf('vpnActiveActive');
    const { response, location, asyncOperation } = await arm.startPeerStatus(gateway.id);
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    expect(response.headers.get('retry-after')).toBe('2');
    expect(location).toMatch(new RegExp(`^${arm.url}/subscriptions/${gateway.subscriptionId}/providers/Microsoft.Network/locations/${gateway.location}/operationResults/[0-9a-f-]+\\?api-version=2023-09-01$`));
    expect(asyncOperation).toMatch(/\/operations\/[0-9a-f-]+\?api-version=2023-09-01$/);
    expect(response.headers.get('x-ms-ratelimit-remaining-subscription-writes')).toBeTruthy();

    expect(await (await arm.call(asyncOperation)).json()).toMatchObject({ status: 'InProgress' });
    const pending = await arm.call(location);
    expect(pending.status).toBe(202);
    expect(pending.headers.get('location')).toBe(location);

    const completesAt = arm.realNow() + 4000;
    arm.advance(4000);
    expect(await (await arm.call(asyncOperation)).json()).toMatchObject({ status: 'Succeeded' });
    const done = await arm.call(location);
    expect(done.status).toBe(200);
    const body = (await done.json()) as { value: unknown[] };
    expect(body.value).toEqual(arm.simulation.peerStatusAt(gateway.id, arm.clock.at(completesAt)));
    expect(body.value).toHaveLength(gateway.peers.length);
  });

  it('filters by peer and answers an unknown peer with an empty list', async () => {
    const gateway = arm.gatewayOf('vpnActiveActive');
    const neighbor = gateway.peers[0]?.neighbor ?? '';
    const one = await arm.startPeerStatus(gateway.id, `&peer=${neighbor}`);
    const none = await arm.startPeerStatus(gateway.id, '&peer=192.0.2.99');
    arm.advance(4000);
    const rows = ((await (await arm.call(one.location)).json()) as { value: { neighbor: string }[] }).value;
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.neighbor === neighbor)).toBe(true);
    expect(await (await arm.call(none.location)).json()).toEqual({ value: [] });
  });

  it('counts the operations started with a peer parameter, per operation and peer', async () => {
    const gateway = arm.gatewayOf('vpnActiveActive');
    const neighbor = gateway.peers[0]?.neighbor ?? '';
    await arm.startPeerStatus(gateway.id);
    await arm.startPeerStatus(gateway.id, `&peer=${neighbor}`);
    await arm.startPeerStatus(gateway.id, `&peer=${neighbor}`);
    await arm.call(`${gateway.id}/getAdvertisedRoutes?peer=${neighbor}&${API}`, { method: 'POST' });
    expect(arm.control.counts.snapshot().withPeer).toEqual({ getBgpPeerStatus: { [neighbor]: 2 }, getAdvertisedRoutes: { [neighbor]: 1 } });
    expect(arm.control.counts.snapshot().byOperation.getBgpPeerStatus).toBe(3);
  });

  it('serves learned routes, and advertised routes only with a peer', async () => {
    const gateway = arm.gatewayOf('expressRoute');
    const missingPeer = await arm.call(`${gateway.id}/getAdvertisedRoutes?${API}`, { method: 'POST' });
    expect(missingPeer.status).toBe(400);
    const learned = await arm.call(`${gateway.id}/getLearnedRoutes?${API}`, { method: 'POST' });
    expect(learned.status).toBe(202);
    arm.advance(4000);
    const routes = ((await (await arm.call(learned.headers.get('location') ?? '')).json()) as { value: { origin: string }[] }).value;
    expect(routes.some((r) => r.origin === 'Network')).toBe(true);
  });

  it('forgets operations after ten minutes', async () => {
    const { location } = await arm.startPeerStatus(arm.gatewayOf('vpnSingle').id);
    arm.advance(11 * 60_000);
    const gone = await arm.call(location);
    expect(gone.status).toBe(404);
  });
});
