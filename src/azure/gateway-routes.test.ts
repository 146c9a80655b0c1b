import { describe, expect, it } from 'vitest';
import { parseGatewayRouteList } from './gateway-routes';
import { ENDPOINT, GATEWAY_ID, empty, fakeArm, json } from '../testing/fake-arm';

const route = {
  localAddress: '10.0.0.4',
  network: '172.16.4.0/24',
  nextHop: '10.1.0.4',
  sourcePeer: '10.1.0.4',
  origin: 'EBgp',
  asPath: '65001',
  weight: 32768,
};

describe('parseGatewayRouteList', () => {
  it('reads routes, fills missing text with "" and a missing weight with null, drops non-objects', () => {
    expect(parseGatewayRouteList({ value: [route, { network: '10.0.0.0/16', origin: 'Network' }, null, 7] }, 'learned routes')).toEqual([
      route,
      { localAddress: '', network: '10.0.0.0/16', nextHop: '', sourcePeer: '', origin: 'Network', asPath: '', weight: null },
    ]);
  });
  it('refuses an answer without a value array, naming the operation', () => {
    expect(() => parseGatewayRouteList({ routes: [] }, 'advertised routes')).toThrow(/advertised routes answer was an object without a "value" array/);
  });
});

describe('getLearnedRoutes / getAdvertisedRoutes', () => {
  it('follows the long-running operation of getLearnedRoutes, with no peer parameter', async () => {
    const arm = fakeArm([empty(202, { Location: `${ENDPOINT}/operations/1`, 'Retry-After': '1' }), json(200, { value: [route] })]);
    expect(await arm.client.getLearnedRoutes(GATEWAY_ID)).toEqual([route]);
    expect(arm.calls[0]).toMatchObject({ method: 'POST', url: `${ENDPOINT}${GATEWAY_ID}/getLearnedRoutes?api-version=2023-09-01` });
  });
  it('sends the encoded peer to getAdvertisedRoutes', async () => {
    const arm = fakeArm([json(200, { value: [] })]);
    await arm.client.getAdvertisedRoutes(GATEWAY_ID, ' fd00::1 ');
    expect(arm.calls[0]?.url).toBe(`${ENDPOINT}${GATEWAY_ID}/getAdvertisedRoutes?peer=fd00%3A%3A1&api-version=2023-09-01`);
  });
  it('refuses getAdvertisedRoutes without a peer before any request, and an operation without a result', async () => {
    const arm = fakeArm([empty(202, { Location: `${ENDPOINT}/operations/1` }), empty(204)]);
    await expect(arm.client.getAdvertisedRoutes(GATEWAY_ID, ' ')).rejects.toMatchObject({ code: 'InvalidRequest' });
    expect(arm.calls).toHaveLength(0);
    await expect(arm.client.getLearnedRoutes(GATEWAY_ID)).rejects.toMatchObject({ code: 'InvalidResponse' });
  });
});
