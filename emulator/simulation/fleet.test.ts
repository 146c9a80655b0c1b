import { describe, expect, it } from 'vitest';
import { buildFleet } from './fleet';
import { createSimulation } from './simulation';
import { createSimClock } from './sim-clock';

const TENANT = '00000000-0000-0000-0000-000000000001';
const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

describe('fleet', () => {
  it('has a customer tenant of its own, the same for a seed, with a few gateways with peers at every size', () => {
    for (const size of ['small', 'noc', 'large'] as const) {
      const fleet = buildFleet(1, size, TENANT);
      const [home, guest] = fleet.tenants;
      expect(home?.tenantId).toBe(TENANT);
      expect(home?.gateways).toBe(fleet.gateways);
      if (!guest) throw new Error('no guest tenant');
      expect(guest.tenantId).not.toBe(TENANT);
      expect(guest.subscriptions.length).toBeGreaterThanOrEqual(1);
      expect(guest.subscriptions.length).toBeLessThanOrEqual(2);
      expect(guest.subscriptions.every((s) => s.tenantId === guest.tenantId)).toBe(true);
      expect(guest.gateways.length).toBeGreaterThanOrEqual(3);
      expect(guest.gateways.every((g) => g.peers.length > 0 && g.name.startsWith('fab-'))).toBe(true);
      const homeIds = new Set(fleet.gateways.map((g) => g.id.toLowerCase()));
      expect(guest.gateways.some((g) => homeIds.has(g.id.toLowerCase()))).toBe(false);
      expect(buildFleet(1, size, TENANT).tenants[1]).toEqual(guest);
    }
    expect(buildFleet(2, 'noc', TENANT).tenants[1]?.tenantId).not.toBe(buildFleet(1, 'noc', TENANT).tenants[1]?.tenantId);
  });

  it("simulates the customer tenant's peers like the home tenant's", () => {
    const simulation = createSimulation({ seed: 1, fleet: 'small', tenantId: TENANT });
    const gateway = simulation.fleet.tenants[1]?.gateways[0];
    if (!gateway) throw new Error('no guest gateway');
    expect(simulation.findGateway(gateway.id)).toBe(gateway);
    expect(simulation.peerStatusAt(gateway.id, T0).length).toBe(gateway.peers.length);
  });

  it('is the same for the same seed and differs for another seed', () => {
    expect(buildFleet(1, 'noc', TENANT)).toEqual(buildFleet(1, 'noc', TENANT));
    expect(buildFleet(2, 'noc', TENANT).subscriptions[0]?.subscriptionId).not.toBe(
      buildFleet(1, 'noc', TENANT).subscriptions[0]?.subscriptionId,
    );
  });

  it('gives the same peer values at the same simulated time for the same seed', () => {
    const a = createSimulation({ seed: 3, fleet: 'noc', tenantId: TENANT });
    const b = createSimulation({ seed: 3, fleet: 'noc', tenantId: TENANT });
    for (const gateway of a.fleet.gateways) {
      expect(a.peerStatusAt(gateway.id, T0)).toEqual(b.peerStatusAt(gateway.id, T0));
    }
  });

  it('makes a small fleet that tours every gateway shape and peer kind', () => {
    const fleet = buildFleet(1, 'small', TENANT);
    expect(fleet.subscriptions).toHaveLength(2);
    expect(fleet.gateways.map((g) => g.kind).sort()).toEqual(['expressRoute', 'vpnActiveActive', 'vpnSingle', 'vpnSingle']);
    const peers = fleet.gateways.flatMap((g) => g.peers);
    expect(peers.some((p) => p.neighbor.includes(':'))).toBe(true);
    expect(peers.some((p) => p.asn >= 4_200_000_000 && p.asn <= 4_294_967_294)).toBe(true);
    expect(peers.some((p) => p.asn >= 64_512 && p.asn <= 65_534)).toBe(true);
    expect(peers.some((p) => p.asn === 12076)).toBe(true);
    expect(peers.some((p) => p.life.temperament === 'adminStopped')).toBe(true);
    expect(peers.some((p) => p.life.temperament === 'flappy')).toBe(true);
  });

  it('lists each neighbor of an active-active gateway once per instance, with different local addresses', () => {
    const simulation = createSimulation({ seed: 1, fleet: 'small', tenantId: TENANT });
    const gateway = simulation.fleet.gateways.find((g) => g.kind === 'vpnActiveActive');
    if (!gateway) throw new Error('no active-active gateway');
    const rows = simulation.peerStatusAt(gateway.id, T0);
    const neighbors = new Set(rows.map((r) => r.neighbor));
    expect(rows).toHaveLength(neighbors.size * 2);
    for (const neighbor of neighbors) {
      const locals = rows.filter((r) => r.neighbor === neighbor).map((r) => r.localAddress);
      expect(new Set(locals).size).toBe(2);
    }
    expect(simulation.peerStatusAt(gateway.id, T0, { peer: [...neighbors][0] })).toHaveLength(2);
    expect(simulation.peerStatusAt(gateway.id, T0, { peer: '192.0.2.99' })).toEqual([]);
  });

  it('builds a large fleet of 200 gateways and about 1,600 peers, cheap to compute', () => {
    const simulation = createSimulation({ seed: 1, fleet: 'large', tenantId: TENANT });
    expect(simulation.fleet.gateways).toHaveLength(200);
    expect(new Set(simulation.fleet.gateways.map((g) => g.id.toLowerCase())).size).toBe(200);
    expect(simulation.fleet.subscriptions.length).toBeGreaterThanOrEqual(4);
    const started = performance.now();
    const rows = simulation.fleet.gateways.flatMap((g) => simulation.peerStatusAt(g.id, T0));
    const elapsed = performance.now() - started;
    expect(rows.length).toBeGreaterThan(1_400);
    expect(rows.length).toBeLessThan(1_800);
    expect(elapsed).toBeLessThan(500);
    const states = new Set(rows.map((r) => r.state));
    expect(states.has('Connected')).toBe(true);
    expect(states.has('Stopped')).toBe(true);
  });

  it('finds gateways case-insensitively, like ARM', () => {
    const simulation = createSimulation({ seed: 1, fleet: 'small', tenantId: TENANT });
    const gateway = simulation.fleet.gateways[0];
    if (!gateway) throw new Error('empty fleet');
    expect(simulation.findGateway(gateway.id.toUpperCase())).toBe(gateway);
  });

  it('learns routes from Connected peers and advertises the VNet to a neighbor', () => {
    const simulation = createSimulation({ seed: 1, fleet: 'small', tenantId: TENANT });
    const gateway = simulation.fleet.gateways.find((g) => g.kind === 'vpnSingle');
    if (!gateway) throw new Error('no vpn gateway');
    const statuses = simulation.peerStatusAt(gateway.id, T0);
    const learned = simulation.learnedRoutesAt(gateway.id, T0);
    for (const status of statuses) {
      const fromPeer = learned.filter((r) => r.sourcePeer === status.neighbor && r.origin === 'EBgp');
      expect(fromPeer).toHaveLength(status.state === 'Connected' ? status.routesReceived : 0);
    }
    const connected = statuses.find((s) => s.state === 'Connected');
    if (!connected) throw new Error('no connected peer');
    expect(simulation.advertisedRoutesAt(gateway.id, connected.neighbor, T0)[0]).toMatchObject({
      network: gateway.addressSpace[0],
      nextHop: connected.localAddress,
    });
  });
});

describe('simulated clock', () => {
  it('runs at the given speed and keeps time continuous when the speed changes', () => {
    let real = 1_000_000;
    const clock = createSimClock({ speed: 10, realNow: () => real, startMs: T0 });
    real += 1_000;
    expect(clock.now()).toBe(T0 + 10_000);
    clock.setSpeed(1);
    expect(clock.now()).toBe(T0 + 10_000);
    real += 1_000;
    expect(clock.now()).toBe(T0 + 11_000);
    expect(() => clock.setSpeed(0)).toThrow(RangeError);
  });
});
