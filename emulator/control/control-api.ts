/**
 * Control API of the local Azure emulator, for tests, scripts and the demo. JSON in and out,
 * no authentication, CORS open. Base URL: `controlUrl` from the ready line (`{armEndpoint}/_emulator`).
 *
 *   POST   /_emulator/demo-token[?tenant=TENANT_ID]
 *          → { accessToken, expiresOn, username, name, tenantId }: a real signed ARM access token
 *            for the demo user (the app's one-click emulator sign-in), of its home tenant or of
 *            `tenant` (the customer tenant where it is a guest); an unknown tenant → 400 AADSTS50020.
 *   POST   /_emulator/tenants/mfa   { tenantId, required }
 *          That tenant wants MFA (or no longer): its refresh-token grants and demo tokens answer
 *          interaction_required (AADSTS50076) until the user signs in interactively there
 *          (the authority's sign-in page, or demo-token with &interactive=1). → { tenantId, required }
 *   GET    /_emulator/fleet
 *          → { seed, size, tenantId, subscriptions[], gateways: [{ id, name, subscriptionId,
 *            resourceGroup, location, gatewayType, kind, activeActive, enableBgp, asn, peers: [{ neighbor,
 *            localAddress, asn, temperament }] }], tenants: [{ tenantId, displayName,
 *            defaultDomain, subscriptions[], gateways[] }] } (home tenant first; the top-level
 *            subscriptions and gateways are the home tenant's)
 *   GET    /_emulator/peers?gatewayId=ID[&peer=IP]
 *          → { simulatedTime, value: BgpPeerStatus[] }: what getBgpPeerStatus would answer now
 *            (forced states included, faults not), without auth or the long-running dance.
 *   POST   /_emulator/peers/state   { gatewayId, neighbor, localAddress?, state }
 *          Forces a peer row's state (Unknown|Stopped|Idle|Connecting|Connected); without
 *          localAddress, on every instance. state null or "clear" releases it. Forcing Connected
 *          starts a new session (counters reset, connectedDuration from 0); so does coming back
 *          after a released Idle/Stopped/Connecting/Unknown (a released Connected session carries
 *          on). → { ok, forced[] }
 *   DELETE /_emulator/peers/state   releases every forced state (same session rule).
 *   POST   /_emulator/peers/routes  { gatewayId, neighbor, localAddress?, routesReceived }
 *          Forces a peer row's routesReceived (a whole number ≥ 0) while it is Connected, whatever
 *          its state does; the gateway's learned routes from that neighbor follow it (and the
 *          BgpRoutesLearned metric from then on). Without localAddress, on every instance.
 *          routesReceived null or "clear" releases it. → { ok, routes[] }
 *   DELETE /_emulator/peers/routes  releases every forced route count.
 *   GET    /_emulator/faults        → { faults[] }
 *   POST   /_emulator/faults        { kind, gatewayId?, operation?, count?, retryAfterSeconds?,
 *                                     status?, code?, message?, delayMs?, state?, fields?,
 *                                     pollingUrl? } → { id }
 *          kind: throttle (429 TooManyRequests + Retry-After) | http500 | http503 | malformedJson
 *            (200 with a truncated JSON body) | dropConnection (socket destroyed) | slow (answer
 *            after delayMs, default 3000, then normally) | unauthorized (401) | forbidden (403
 *            AuthorizationFailed) | notFound (404 ResourceNotFound) | foreignPollingUrl (202 whose
 *            Location and Azure-AsyncOperation are `pollingUrl`, on another origin; a client must
 *            refuse to follow it with its token) — these act on matching requests; and lroFailed
 *            (status Failed + CloudError, Location answers the error) | lroNeverFinishes (InProgress forever) | unknownState (peers' state = state, default
 *            "Flapping") | missingFields (drops `fields`, default asn, connectedDuration,
 *            routesReceived, messagesReceived) | hostileValues (markup in text fields, a 5000-char
 *            string, negative, huge and non-numeric counters and ASNs) — these act on the next
 *            matching long-running operations when they start.
 *          operation: listSubscriptions | getSubscription | listTenants | resourceGraph |
 *            listResourceGroups | listGateways | getGateway | getBgpPeerStatus | getLearnedRoutes |
 *            getAdvertisedRoutes | lroStatus | lroResult | metrics. Left out: any operation.
 *          gatewayId left out: any gateway (and requests that name none).
 *          count: how many matching requests (operations) it lasts; left out: until cleared.
 *   DELETE /_emulator/faults         clears all faults.   DELETE /_emulator/faults/{id} one.
 *   GET    /_emulator/requests       → { total, byOperation: {op: n}, byGateway: {gatewayId: {total, byOperation}},
 *                                       withPeer: {op: {peer: n}}, batch: { calls, polls, innerRequests }, preflight, httpRequests }
 *          total/byOperation/byGateway count ARM operations: a batch's inner requests count there each
 *          as if sent alone (faulted, throttled and refused ones included). batch.calls: POST /batch;
 *          batch.polls: GETs of an async batch's Location and its nextLink pages; batch.innerRequests:
 *          the requests batches carried. withPeer: operations started with a `peer` parameter. preflight: CORS OPTIONS on ARM paths. httpRequests: every
 *          HTTP request the ARM face received (direct, batch calls and polls, preflights; not /_emulator).
 *   DELETE /_emulator/requests       resets the counts.
 *   GET    /_emulator/clock          → { simulatedTime, simulatedTimeMs, speed }
 *   POST   /_emulator/clock          { speed } → same shape.
 *
 * Faults act on a batch's inner requests as on direct ones (an inner dropConnection answers an inner
 * 502 BadGateway); the batch envelope itself takes no faults. With `--cors-expose none` the ARM answers
 * carry no Access-Control-Expose-Headers (the batch still returns inner headers as JSON).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IdentityServer } from '../identity/identity-types';
import { demoUser } from '../identity/demo-user';
import { MFA_REQUIRED_DESCRIPTION } from '../identity/provider-config';
import type { Gateway } from '../simulation/fleet';
import { BadRequestBody, readJsonBody, sendEmpty, sendJson } from '../http-io';
import type { SimClock } from '../simulation/sim-clock';
import type { Simulation } from '../simulation/simulation';
import { BGP_PEER_STATES } from '../simulation/peer-life';
import { FaultInputError, type FaultRegistry } from './faults';
import type { ForcedStates } from './forced-states';
import type { RequestCounts } from './request-counts';

export interface ControlState {
  faults: FaultRegistry;
  forced: ForcedStates;
  counts: RequestCounts;
}

export interface ControlContext extends ControlState {
  identity: Promise<IdentityServer>;
  simulation: Simulation;
  clock: SimClock;
  /** Gateways the ARM face answers with `enableBgp: false` (lower-cased IDs). */
  bgpOff?: ReadonlySet<string>;
}

/*
 * The answers of the routes above, for the clients of this API (e2e tests, scripts). Derived
 * from the types the routes send, so that they follow the code.
 */
type FleetGateway = Simulation['fleet']['gateways'][number];
type FleetGatewayPeer = FleetGateway['peers'][number];

/** GET /fleet */
export interface FleetAnswer extends Pick<Simulation['fleet'], 'seed' | 'size' | 'tenantId' | 'subscriptions'> {
  /** The home tenant's gateways. */
  gateways: FleetGatewayAnswer[];
  /** Every tenant of the demo user, home first, then the customer tenant where it is a guest. */
  tenants: FleetTenantAnswer[];
}
export interface FleetTenantAnswer extends Pick<Simulation['fleet']['tenants'][number], 'tenantId' | 'displayName' | 'defaultDomain' | 'subscriptions'> {
  gateways: FleetGatewayAnswer[];
}
export interface FleetGatewayAnswer
  extends Pick<FleetGateway, 'id' | 'name' | 'subscriptionId' | 'resourceGroup' | 'location' | 'gatewayType' | 'kind' | 'activeActive' | 'asn'> {
  /** False for the `--bgp-off-gateways`. */
  enableBgp: boolean;
  peers: FleetPeerAnswer[];
}
export interface FleetPeerAnswer extends Pick<FleetGatewayPeer, 'neighbor' | 'localAddress' | 'asn'> {
  /** How the simulation lets this peer live: 'steady', 'flappy', 'adminStopped' … */
  temperament: FleetGatewayPeer['life']['temperament'];
}

/** GET /peers?gatewayId=ID[&peer=IP] */
export interface PeersAnswer {
  simulatedTime: string;
  value: ReturnType<Simulation['peerStatusAt']>;
}

/** POST /peers/state: null or "clear" releases the forced state. */
export interface ForceStateRequest {
  gatewayId: string;
  neighbor: string;
  localAddress?: string;
  state: (typeof BGP_PEER_STATES)[number] | 'clear' | null;
}
export interface ForceStateAnswer {
  ok: true;
  forced: ReturnType<ForcedStates['list']>;
}

/** POST /peers/routes: null or "clear" releases the forced count. */
export interface ForceRoutesRequest {
  gatewayId: string;
  neighbor: string;
  localAddress?: string;
  routesReceived: number | 'clear' | null;
}
export interface ForceRoutesAnswer {
  ok: true;
  routes: ReturnType<ForcedStates['listRoutes']>;
}

/** GET /faults */
export interface FaultsAnswer {
  faults: ReturnType<FaultRegistry['list']>;
}
/** POST /faults */
export interface FaultAddedAnswer {
  id: string;
}

/** GET /requests */
export type RequestCountsAnswer = ReturnType<RequestCounts['snapshot']>;

/** `path` is the part after `/_emulator`, e.g. `/faults/123`. */
export async function handleControlRequest(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  url: URL,
  context: ControlContext,
): Promise<void> {
  try {
    await route(req, res, path.replace(/\/+$/, '') || '/', url, context);
  } catch (error) {
    if (error instanceof BadRequestBody || error instanceof FaultInputError) {
      sendJson(res, 400, { error: { code: 'BadRequest', message: error.message } });
      return;
    }
    throw error;
  }
}

async function route(req: IncomingMessage, res: ServerResponse, path: string, url: URL, context: ControlContext): Promise<void> {
  const method = req.method ?? 'GET';
  const { simulation, clock, faults, forced, counts } = context;

  if (path === '/demo-token' && method === 'POST') {
    const identity = await context.identity;
    // `?tenant=` asks for a token of another directory the demo user belongs to (it is a guest there).
    const tenant = url.searchParams.get('tenant');
    if (tenant && !simulation.fleet.tenants.some((t) => t.tenantId.toLowerCase() === tenant.toLowerCase())) {
      sendJson(res, 400, {
        error: 'invalid_request',
        error_description: `AADSTS50020: User account '${demoUser.username}' does not exist in tenant '${tenant}' and cannot access the application in that tenant.`,
      });
      return;
    }
    // The one-click demo sign-in to a tenant that wants MFA is the MFA: `&interactive=1` satisfies it.
    if (tenant && identity.mfaRequired(tenant)) {
      if (url.searchParams.get('interactive') !== '1') {
        sendJson(res, 401, { error: 'interaction_required', error_description: MFA_REQUIRED_DESCRIPTION });
        return;
      }
      identity.requireMfa(tenant, false);
    }
    sendJson(res, 200, await identity.issueDemoToken(tenant ?? undefined));
    return;
  }
  if (path === '/tenants/mfa' && method === 'POST') {
    const body = (await readJsonBody(req)) as { tenantId?: unknown; required?: unknown } | null;
    const tenantId = typeof body?.tenantId === 'string' ? body.tenantId : '';
    if (!simulation.fleet.tenants.some((t) => t.tenantId.toLowerCase() === tenantId.toLowerCase()) || typeof body?.required !== 'boolean') {
      sendJson(res, 400, { error: { code: 'BadRequest', message: 'expected {tenantId: a tenant of the fleet, required: boolean}' } });
      return;
    }
    (await context.identity).requireMfa(tenantId, body.required);
    sendJson(res, 200, { tenantId, required: body.required });
    return;
  }
  if (path === '/fleet' && method === 'GET') {
    const { fleet } = simulation;
    sendJson(res, 200, {
      seed: fleet.seed,
      size: fleet.size,
      tenantId: fleet.tenantId,
      subscriptions: fleet.subscriptions,
      gateways: fleet.gateways.map((gateway) => gatewayFacts(gateway, context.bgpOff)),
      // Every directory of the demo user, its home tenant first, each with its own estate.
      tenants: fleet.tenants.map((tenant) => ({
        tenantId: tenant.tenantId,
        displayName: tenant.displayName,
        defaultDomain: tenant.defaultDomain,
        subscriptions: tenant.subscriptions,
        gateways: tenant.gateways.map((gateway) => gatewayFacts(gateway, context.bgpOff)),
      })),
    });
    return;
  }
  if (path === '/peers' && method === 'GET') {
    const gatewayId = url.searchParams.get('gatewayId');
    if (!gatewayId || !simulation.findGateway(gatewayId)) {
      sendJson(res, 404, { error: { code: 'NotFound', message: `no gateway ${gatewayId ?? '(gatewayId missing)'} in the fleet` } });
      return;
    }
    const t = clock.now();
    const peer = url.searchParams.get('peer') ?? undefined;
    sendJson(res, 200, {
      simulatedTime: new Date(t).toISOString(),
      value: simulation.peerStatusAt(gatewayId, t, { forced: forced.lookup, ...(peer ? { peer } : {}) }),
    });
    return;
  }
  if ((path === '/peers/state' || path === '/peers/routes') && method === 'POST') {
    const body = (await readJsonBody(req)) as Record<string, unknown> | undefined;
    const gatewayId = body?.gatewayId;
    const neighbor = body?.neighbor;
    const localAddress = body?.localAddress;
    if (typeof gatewayId !== 'string' || typeof neighbor !== 'string') {
      throw new FaultInputError('gatewayId and neighbor are required strings');
    }
    if (localAddress !== undefined && localAddress !== null && typeof localAddress !== 'string') {
      throw new FaultInputError('localAddress must be a string');
    }
    const gateway = simulation.findGateway(gatewayId);
    const rows = gateway?.peers.filter(
      (peer) =>
        peer.neighbor.toLowerCase() === neighbor.toLowerCase() &&
        (typeof localAddress !== 'string' || peer.localAddress.toLowerCase() === localAddress.toLowerCase()),
    );
    if (!gateway || !rows || rows.length === 0) {
      sendJson(res, 404, { error: { code: 'NotFound', message: `no peer ${neighbor} on ${gatewayId}` } });
      return;
    }
    const local = typeof localAddress === 'string' ? localAddress : undefined;
    if (path === '/peers/routes') {
      const routesReceived = body?.routesReceived;
      if (routesReceived === null || routesReceived === 'clear') {
        forced.clearRoutes(gateway.id, neighbor, local);
      } else if (typeof routesReceived === 'number' && Number.isSafeInteger(routesReceived) && routesReceived >= 0) {
        forced.setRoutes(gateway.id, neighbor, local, routesReceived, clock.now());
      } else {
        throw new FaultInputError('routesReceived must be a whole number ≥ 0, null or "clear"');
      }
      sendJson(res, 200, { ok: true, routes: forced.listRoutes() });
      return;
    }
    const state = body?.state;
    if (state === null || state === 'clear') {
      forced.clear(gateway.id, neighbor, local, clock.now());
    } else if (typeof state === 'string' && (BGP_PEER_STATES as readonly string[]).includes(state)) {
      forced.set(gateway.id, neighbor, local, state, clock.now());
    } else {
      throw new FaultInputError(`state must be one of ${BGP_PEER_STATES.join(', ')}, null or "clear"`);
    }
    sendJson(res, 200, { ok: true, forced: forced.list() });
    return;
  }
  if (path === '/peers/routes' && method === 'DELETE') {
    forced.clearAllRoutes();
    sendEmpty(res, 204);
    return;
  }
  if (path === '/peers/state' && method === 'DELETE') {
    forced.clearAll(clock.now());
    sendEmpty(res, 204);
    return;
  }
  if (path === '/faults') {
    if (method === 'GET') return sendJson(res, 200, { faults: faults.list() });
    if (method === 'POST') return sendJson(res, 201, { id: faults.add(await readJsonBody(req)).id });
    if (method === 'DELETE') {
      faults.clear();
      return sendEmpty(res, 204);
    }
  }
  const faultMatch = /^\/faults\/([^/]+)$/.exec(path);
  if (faultMatch?.[1] && method === 'DELETE') {
    if (faults.remove(decodeURIComponent(faultMatch[1]))) return sendEmpty(res, 204);
    return sendJson(res, 404, { error: { code: 'NotFound', message: 'no such fault (already used up or cleared?)' } });
  }
  if (path === '/requests') {
    if (method === 'GET') return sendJson(res, 200, counts.snapshot());
    if (method === 'DELETE') {
      counts.reset();
      return sendEmpty(res, 204);
    }
  }
  if (path === '/clock') {
    if (method === 'POST') {
      const body = (await readJsonBody(req)) as Record<string, unknown> | undefined;
      if (body?.speed !== undefined) {
        if (typeof body.speed !== 'number' || !(body.speed > 0) || body.speed > 1_000_000) {
          throw new FaultInputError('speed must be a positive number');
        }
        clock.setSpeed(body.speed);
      }
    }
    if (method === 'GET' || method === 'POST') {
      const t = clock.now();
      return sendJson(res, 200, { simulatedTime: new Date(t).toISOString(), simulatedTimeMs: t, speed: clock.speed });
    }
  }
  sendJson(res, 404, { error: { code: 'NotFound', message: `no control route ${method} /_emulator${path}` } });
}

function gatewayFacts(gateway: Gateway, bgpOff: ReadonlySet<string> | undefined): FleetGatewayAnswer {
  return {
    id: gateway.id,
    name: gateway.name,
    subscriptionId: gateway.subscriptionId,
    resourceGroup: gateway.resourceGroup,
    location: gateway.location,
    gatewayType: gateway.gatewayType,
    kind: gateway.kind,
    activeActive: gateway.activeActive,
    enableBgp: !bgpOff?.has(gateway.id.toLowerCase()),
    asn: gateway.asn,
    peers: gateway.peers.map((peer) => ({
      neighbor: peer.neighbor,
      localAddress: peer.localAddress,
      asn: peer.asn,
      temperament: peer.life.temperament,
    })),
  };
}
