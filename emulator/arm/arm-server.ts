import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PATH } from '../emulator-constants';
import { answerPreflight, BadRequestBody, readJsonBody, sendEmpty, sendJson, setCorsHeaders, sleep } from '../http-io';
import { TokenRejectedError, type IdentityServer, type VerifiedToken } from '../identity/identity-types';
import { handleControlRequest, type ControlState } from '../control/control-api';
import { DEFAULT_MISSING_FIELDS, FaultRegistry, type ArmOperation, type Fault, type LongRunningOperationName } from '../control/faults';
import { ForcedStates } from '../control/forced-states';
import { RequestCounts } from '../control/request-counts';
import type { Gateway } from '../simulation/fleet';
import type { SimClock } from '../simulation/sim-clock';
import type { Simulation } from '../simulation/simulation';
import { resourceNotFoundMessage, sendCloudError } from './cloud-error';
import { gatewayJson } from './gateway-json';
import { OperationStore, type LongRunningOperation } from './long-running-operations';
import { metricsResponse } from './metrics';
import { RateLimiter, type BucketSettings, type RateKind } from './rate-limit';
import { parseResourceGraphRequest, queryResourceGraph, ResourceGraphError } from './resource-graph';

/**
 * The ARM face of the emulator: the subset of management.azure.com the dashboard calls,
 * answered the way ARM answers (auth, CloudError, async protocol, CORS, throttling headers).
 * Reads the simulation; the control API's overlays (faults, forced states) sit on top.
 */
export interface ArmServerOptions {
  port: number;
  host?: string;
  simulation: Simulation;
  clock: SimClock;
  /** A promise is fine: the identity server needs the ARM URL (its token audience) to start. */
  identity: IdentityServer | Promise<IdentityServer>;
  /** Real seconds a getBgpPeerStatus (or routes) operation takes. */
  lroSeconds: number;
  control?: ControlState;
  rateLimits?: Record<RateKind, BucketSettings>;
  realNow?: () => number;
  log?: (line: string) => void;
}

export interface ArmServer {
  /** `http://localhost:PORT` */
  url: string;
  port: number;
  server: Server;
  control: ControlState;
  operations: OperationStore;
  close(): Promise<void>;
}

const LIST_PAGE_SIZE = 5;
const DEFAULT_SLOW_MS = 3000;
const DEFAULT_THROTTLE_RETRY_AFTER = 5;

const LRO_ACTIONS: Record<string, LongRunningOperationName> = {
  getbgppeerstatus: 'getBgpPeerStatus',
  getlearnedroutes: 'getLearnedRoutes',
  getadvertisedroutes: 'getAdvertisedRoutes',
};

interface Route {
  operation?: ArmOperation;
  method?: 'GET' | 'POST';
  subscriptionId?: string;
  resourceGroup?: string;
  gatewayName?: string;
  location?: string;
  operationId?: string;
}

export async function startArmServer(options: ArmServerOptions): Promise<ArmServer> {
  const { simulation, clock } = options;
  const realNow = options.realNow ?? Date.now;
  const identity = Promise.resolve(options.identity);
  const control: ControlState = options.control ?? {
    faults: new FaultRegistry(),
    forced: new ForcedStates(),
    counts: new RequestCounts(),
  };
  const operations = new OperationStore(10 * 60_000, 20_000, realNow);
  const limiter = new RateLimiter(options.rateLimits, realNow);
  const lroMs = Math.max(0, options.lroSeconds * 1000);
  const retryAfter = String(Math.max(1, Math.ceil(options.lroSeconds / 2)));
  const log = options.log ?? (() => {});
  const fleet = simulation.fleet;

  const findSubscription = (id: string) => fleet.subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase());

  /** Resolves a gateway route to the fleet's gateway, or answers ARM's 404 and returns undefined. */
  const resolveGateway = (route: Route, res: ServerResponse): Gateway | undefined => {
    const subscriptionId = route.subscriptionId ?? '';
    const resourceGroup = route.resourceGroup ?? '';
    if (!findSubscription(subscriptionId)) {
      sendCloudError(res, 404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
      return undefined;
    }
    const groupExists = fleet.resourceGroups.some(
      (g) => g.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() && g.name.toLowerCase() === resourceGroup.toLowerCase(),
    );
    if (!groupExists) {
      sendCloudError(res, 404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`);
      return undefined;
    }
    const gateway = simulation.findGateway(gatewayPath(route));
    if (!gateway) {
      sendCloudError(res, 404, 'ResourceNotFound', resourceNotFoundMessage('Microsoft.Network/virtualNetworkGateways', route.gatewayName ?? '', resourceGroup));
    }
    return gateway;
  };

  const operationResult = (operation: LongRunningOperation): unknown => {
    if (operation.result !== undefined) return operation.result;
    const t = clock.at(operation.completesRealMs);
    const forced = control.forced.lookup;
    let value: Record<string, unknown>[];
    if (operation.name === 'getBgpPeerStatus') {
      value = simulation.peerStatusAt(operation.gatewayId, t, { forced, ...(operation.peer ? { peer: operation.peer } : {}) }) as unknown as Record<string, unknown>[];
    } else if (operation.name === 'getLearnedRoutes') {
      value = simulation.learnedRoutesAt(operation.gatewayId, t, forced) as unknown as Record<string, unknown>[];
    } else {
      value = simulation.advertisedRoutesAt(operation.gatewayId, operation.peer ?? '', t, forced) as unknown as Record<string, unknown>[];
    }
    for (const fault of operation.faults) {
      if (fault.kind === 'unknownState') value = value.map((row) => ({ ...row, state: fault.state ?? 'Flapping' }));
      if (fault.kind === 'hostileValues') value = hostilePeers(value);
      if (fault.kind === 'missingFields') {
        const fields = fault.fields ?? DEFAULT_MISSING_FIELDS;
        value = value.map((row) => Object.fromEntries(Object.entries(row).filter(([name]) => !fields.includes(name))));
      }
    }
    operation.result = { value };
    return operation.result;
  };

  const handleArm = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const requestId = randomUUID();
    res.setHeader('x-ms-request-id', requestId);
    res.setHeader('x-ms-correlation-request-id', requestId);
    const clientRequestId = req.headers['x-ms-client-request-id'];
    if (typeof clientRequestId === 'string') res.setHeader('x-ms-client-request-id', clientRequestId);

    const route = matchRoute(url.pathname);
    const base = `http://${req.headers.host ?? `localhost:${port}`}`;
    let lro: LongRunningOperation | undefined;
    if (route.operationId && route.subscriptionId) {
      const found = operations.get(route.operationId);
      if (found && found.subscriptionId.toLowerCase() === route.subscriptionId.toLowerCase()) lro = found;
    }
    const gatewayId = route.gatewayName
      ? (simulation.findGateway(gatewayPath(route))?.id ?? gatewayPath(route))
      : lro?.gatewayId;
    control.counts.record(route.operation ?? 'unknown', gatewayId);

    const id = await identity;
    const principal = await authenticate(req, res, id);
    if (!principal) return;

    const apiVersion = searchParamIgnoreCase(url, 'api-version');
    if (!apiVersion) {
      sendCloudError(res, 400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
      return;
    }
    if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(apiVersion)) {
      sendCloudError(res, 400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are those of the form 'yyyy-mm-dd' or 'yyyy-mm-dd-preview'.`);
      return;
    }
    if (!route.operation) {
      sendCloudError(res, 404, 'NotFound', `No HTTP resource was found that matches the request URI '${base}${url.pathname}'.`);
      return;
    }
    if (route.method !== req.method) {
      sendCloudError(res, 405, 'MethodNotAllowed', `The requested resource does not support http method '${req.method}'.`);
      return;
    }

    const isWrite = route.operation in { getBgpPeerStatus: 1, getLearnedRoutes: 1, getAdvertisedRoutes: 1 };
    const rateKind: RateKind = isWrite ? 'writes' : 'reads';
    const decision = limiter.take(`${route.subscriptionId?.toLowerCase() ?? 'tenant'}|${principal.oid}`, rateKind);
    res.setHeader(`x-ms-ratelimit-remaining-subscription-${rateKind}`, String(decision.remaining));
    if (!decision.allowed) {
      sendCloudError(res, 429, 'TooManyRequests', `The request is being throttled as the limit has been reached for operation type - ${isWrite ? 'Write' : 'Read'}. For more information, see https://aka.ms/armthrottling`, { 'Retry-After': String(decision.retryAfterSeconds) });
      return;
    }

    const faults = control.faults.takeRequestFaults({ operation: route.operation, ...(gatewayId ? { gatewayId } : {}) });
    for (const fault of faults) {
      if (fault.kind === 'slow') {
        const aborted = new AbortController();
        res.once('close', () => aborted.abort());
        await sleep(fault.delayMs ?? DEFAULT_SLOW_MS, aborted.signal);
        if (res.destroyed || res.writableEnded) return;
        continue;
      }
      log(`fault ${fault.kind} on ${route.operation} ${gatewayId ?? ''}`);
      applyRequestFault(fault, req, res, { route, principal, authority: id.authority, rateKind });
      return;
    }

    switch (route.operation) {
      case 'listSubscriptions':
        return sendJson(res, 200, { value: fleet.subscriptions.map(subscriptionJson), count: { type: 'Total', value: fleet.subscriptions.length } });
      case 'getSubscription': {
        const subscription = findSubscription(route.subscriptionId ?? '');
        if (!subscription) return sendCloudError(res, 404, 'SubscriptionNotFound', `The subscription '${route.subscriptionId}' could not be found.`);
        return sendJson(res, 200, subscriptionJson(subscription));
      }
      case 'listTenants':
        return sendJson(res, 200, {
          value: [
            {
              id: `/tenants/${fleet.tenantId}`,
              tenantId: fleet.tenantId,
              tenantCategory: 'Home',
              countryCode: 'US',
              displayName: 'Contoso (emulated)',
              domains: ['contoso.example'],
              defaultDomain: 'contoso.example',
              tenantType: 'AAD',
            },
          ],
        });
      case 'resourceGraph': {
        try {
          const request = parseResourceGraphRequest(await readJsonBody(req));
          return sendJson(res, 200, queryResourceGraph(fleet, request));
        } catch (error) {
          if (error instanceof ResourceGraphError || error instanceof BadRequestBody) {
            return sendCloudError(res, 400, error instanceof ResourceGraphError ? error.code : 'InvalidRequestContent', error.message);
          }
          throw error;
        }
      }
      case 'listGateways': {
        if (!findSubscription(route.subscriptionId ?? '')) {
          return sendCloudError(res, 404, 'SubscriptionNotFound', `The subscription '${route.subscriptionId}' could not be found.`);
        }
        const group = fleet.resourceGroups.find(
          (g) => g.subscriptionId.toLowerCase() === route.subscriptionId?.toLowerCase() && g.name.toLowerCase() === route.resourceGroup?.toLowerCase(),
        );
        if (!group) return sendCloudError(res, 404, 'ResourceGroupNotFound', `Resource group '${route.resourceGroup}' could not be found.`);
        const all = fleet.gateways.filter((g) => g.subscriptionId === group.subscriptionId && g.resourceGroup === group.name);
        const skip = Number(searchParamIgnoreCase(url, '$skipToken') ?? '0');
        const start = Number.isInteger(skip) && skip >= 0 ? skip : 0;
        const page = all.slice(start, start + LIST_PAGE_SIZE);
        const next = start + page.length;
        const nextLink =
          next < all.length
            ? `${base}/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}/providers/Microsoft.Network/virtualNetworkGateways?api-version=${encodeURIComponent(apiVersion)}&$skipToken=${next}`
            : undefined;
        return sendJson(res, 200, { value: page.map(gatewayJson), ...(nextLink ? { nextLink } : {}) });
      }
      case 'getGateway': {
        const gateway = resolveGateway(route, res);
        if (gateway) sendJson(res, 200, gatewayJson(gateway));
        return;
      }
      case 'getBgpPeerStatus':
      case 'getLearnedRoutes':
      case 'getAdvertisedRoutes': {
        const gateway = resolveGateway(route, res);
        if (!gateway) return;
        const peer = searchParamIgnoreCase(url, 'peer') ?? undefined;
        if (route.operation === 'getAdvertisedRoutes' && !peer) {
          return sendCloudError(res, 400, 'MissingRequiredParameter', "The request is missing the required query parameter 'peer'.");
        }
        const now = realNow();
        const operation: LongRunningOperation = {
          id: randomUUID(),
          name: route.operation,
          subscriptionId: gateway.subscriptionId,
          location: gateway.location,
          gatewayId: gateway.id,
          ...(peer ? { peer } : {}),
          apiVersion,
          startedRealMs: now,
          completesRealMs: now + lroMs,
          faults: control.faults.takeOperationFaults({ operation: route.operation, gatewayId: gateway.id }),
        };
        operations.add(operation);
        return sendEmpty(res, 202, {
          Location: operationUrl(base, operation, 'operationResults'),
          'Azure-AsyncOperation': operationUrl(base, operation, 'operations'),
          'Retry-After': retryAfter,
        });
      }
      case 'lroStatus':
      case 'lroResult': {
        if (!lro) {
          return sendCloudError(res, 404, 'OperationNotFound', `The operation '${route.operationId}' could not be found. Operations are kept for 10 minutes.`);
        }
        const failure = lro.faults.find((f) => f.kind === 'lroFailed');
        const running = lro.faults.some((f) => f.kind === 'lroNeverFinishes') || realNow() < lro.completesRealMs;
        if (route.operation === 'lroStatus') {
          const body = {
            id: `${base}${url.pathname}`,
            name: lro.id,
            startTime: new Date(lro.startedRealMs).toISOString(),
            status: running ? 'InProgress' : failure ? 'Failed' : 'Succeeded',
            ...(!running ? { endTime: new Date(lro.completesRealMs).toISOString() } : {}),
            ...(!running && failure ? { error: failureError(failure) } : {}),
          };
          return sendJson(res, 200, body, running ? { 'Retry-After': retryAfter } : {});
        }
        if (running) return sendEmpty(res, 202, { Location: operationUrl(base, lro, 'operationResults'), 'Retry-After': retryAfter });
        if (failure) return sendJson(res, failure.status ?? 500, { error: failureError(failure) });
        return sendJson(res, 200, operationResult(lro));
      }
      case 'metrics': {
        const gateway = resolveGateway(route, res);
        if (!gateway) return;
        const answer = metricsResponse(gateway, url, { realNowMs: realNow(), simAt: clock.at }, control.forced.lookup);
        if (!answer.ok) return sendCloudError(res, 400, answer.code, answer.message);
        return sendJson(res, 200, answer.body);
      }
    }
  };

  const server = createServer((req, res) => {
    setCorsHeaders(req, res);
    if (req.method === 'OPTIONS') {
      answerPreflight(req, res);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const lowerPath = url.pathname.toLowerCase();
    const work =
      lowerPath === CONTROL_PATH || lowerPath.startsWith(`${CONTROL_PATH}/`)
        ? handleControlRequest(req, res, url.pathname.slice(CONTROL_PATH.length), url, { ...control, identity, simulation, clock })
        : handleArm(req, res, url);
    work.catch((error: unknown) => {
      log(`error answering ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendCloudError(res, 500, 'InternalServerError', 'The emulator failed to answer this request.');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://localhost:${port}`,
    port,
    server,
    control,
    operations,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function matchRoute(pathname: string): Route {
  let segments: string[];
  try {
    segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return {};
  }
  const lower = segments.map((s) => s.toLowerCase());
  const at = (i: number) => segments[i] ?? '';
  const is = (...pattern: (string | null)[]) =>
    lower.length === pattern.length && pattern.every((p, i) => p === null || p === lower[i]);

  if (is('subscriptions')) return { operation: 'listSubscriptions', method: 'GET' };
  if (is('subscriptions', null)) return { operation: 'getSubscription', method: 'GET', subscriptionId: at(1) };
  if (is('tenants')) return { operation: 'listTenants', method: 'GET' };
  if (is('providers', 'microsoft.resourcegraph', 'resources')) return { operation: 'resourceGraph', method: 'POST' };

  const gatewaysPrefix = ['subscriptions', null, 'resourcegroups', null, 'providers', 'microsoft.network', 'virtualnetworkgateways'];
  const scope = { subscriptionId: at(1), resourceGroup: at(3) };
  if (is(...gatewaysPrefix)) return { operation: 'listGateways', method: 'GET', ...scope };
  if (is(...gatewaysPrefix, null)) return { operation: 'getGateway', method: 'GET', ...scope, gatewayName: at(7) };
  const action = LRO_ACTIONS[lower[8] ?? ''];
  if (is(...gatewaysPrefix, null, null) && action) return { operation: action, method: 'POST', ...scope, gatewayName: at(7) };
  if (is(...gatewaysPrefix, null, 'providers', 'microsoft.insights', 'metrics')) {
    return { operation: 'metrics', method: 'GET', ...scope, gatewayName: at(7) };
  }
  if (is('subscriptions', null, 'providers', 'microsoft.network', 'locations', null, 'operations', null)) {
    return { operation: 'lroStatus', method: 'GET', subscriptionId: at(1), location: at(5), operationId: at(7) };
  }
  if (is('subscriptions', null, 'providers', 'microsoft.network', 'locations', null, 'operationresults', null)) {
    return { operation: 'lroResult', method: 'GET', subscriptionId: at(1), location: at(5), operationId: at(7) };
  }
  return {};
}

function gatewayPath(route: Route): string {
  return `/subscriptions/${route.subscriptionId}/resourceGroups/${route.resourceGroup}/providers/Microsoft.Network/virtualNetworkGateways/${route.gatewayName}`;
}

function operationUrl(base: string, operation: LongRunningOperation, kind: 'operations' | 'operationResults'): string {
  return `${base}/subscriptions/${operation.subscriptionId}/providers/Microsoft.Network/locations/${operation.location}/${kind}/${operation.id}?api-version=${encodeURIComponent(operation.apiVersion)}`;
}

/** ARM treats query parameter names case-insensitively (`api-version`, `$skipToken`). */
function searchParamIgnoreCase(url: URL, name: string): string | null {
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === name.toLowerCase()) return value;
  return null;
}

function subscriptionJson(subscription: { subscriptionId: string; displayName: string; tenantId: string }) {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: subscription.subscriptionId,
    tenantId: subscription.tenantId,
    displayName: subscription.displayName,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' },
  };
}

function failureError(fault: Fault) {
  return {
    code: fault.code ?? 'InternalServerError',
    message: fault.message ?? 'An error occurred while reading BGP peer status from the gateway (emulated fault).',
  };
}

async function authenticate(req: IncomingMessage, res: ServerResponse, identity: IdentityServer): Promise<VerifiedToken | undefined> {
  const refuse = (code: string, message: string): undefined => {
    sendCloudError(res, 401, code, message, { 'WWW-Authenticate': wwwAuthenticate(identity.authority, message) });
    return undefined;
  };
  const header = req.headers.authorization;
  if (!header) return refuse('AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return refuse('AuthenticationFailed', "Authentication failed. The 'Authorization' header is provided in an invalid format.");
  try {
    return await identity.verifyAccessToken(match[1]);
  } catch (error) {
    if (error instanceof TokenRejectedError) return refuse(error.code, error.message);
    return refuse('InvalidAuthenticationToken', 'The access token is invalid.');
  }
}

function wwwAuthenticate(authority: string, description: string): string {
  return `Bearer authorization_uri="${authority}", error="invalid_token", error_description="${description.replace(/"/g, "'")}"`;
}

function applyRequestFault(
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  context: { route: Route; principal: VerifiedToken; authority: string; rateKind: RateKind },
): void {
  const { route, principal } = context;
  const scope = route.gatewayName ? gatewayPath(route) : route.subscriptionId ? `/subscriptions/${route.subscriptionId}` : '/';
  const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
    sendCloudError(res, fault.status ?? status, fault.code ?? code, fault.message ?? message, headers);
  switch (fault.kind) {
    case 'throttle':
      return error(429, 'TooManyRequests', 'The request is being throttled as the limit has been reached for operation type. For more information, see https://aka.ms/armthrottling (emulated fault).', {
        'Retry-After': String(fault.retryAfterSeconds ?? DEFAULT_THROTTLE_RETRY_AFTER),
        [`x-ms-ratelimit-remaining-subscription-${context.rateKind}`]: '0',
      });
    case 'http500':
      return error(500, 'InternalServerError', 'Encountered internal server error (emulated fault).');
    case 'http503':
      return error(503, 'ServiceUnavailable', 'The service is temporarily unavailable (emulated fault).', fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {});
    case 'malformedJson': {
      const text = '{"value":[{"neighbor":"10.0.0.1","localAddress":"10.0.0.4","state":"Conn';
      res.writeHead(fault.status ?? 200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
      res.end(text);
      return;
    }
    case 'dropConnection':
      req.socket.destroy();
      return;
    case 'unauthorized': {
      const message = fault.message ?? 'The access token is invalid (emulated fault).';
      return error(401, 'InvalidAuthenticationToken', message, { 'WWW-Authenticate': wwwAuthenticate(context.authority, message) });
    }
    case 'forbidden':
      return error(
        403,
        'AuthorizationFailed',
        `The client '${principal.preferredUsername ?? principal.oid}' with object id '${principal.oid}' does not have authorization to perform action 'Microsoft.Network/virtualNetworkGateways/${route.operation === 'getGateway' ? 'read' : `${route.operation ?? 'read'}/action`}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      );
    case 'notFound':
      return error(404, 'ResourceNotFound', resourceNotFoundMessage('Microsoft.Network/virtualNetworkGateways', route.gatewayName ?? '', route.resourceGroup ?? ''));
    case 'foreignPollingUrl': {
      // A hijacked or misconfigured front end: the client must refuse to carry its token there.
      const url = fault.pollingUrl ?? 'http://localhost:1/';
      return sendEmpty(res, 202, { Location: url, 'Azure-AsyncOperation': url, 'Retry-After': '1' });
    }
    default:
      return error(500, 'InternalServerError', `fault ${fault.kind} cannot apply to a single request`);
  }
}

/** The markup a hostile or broken service might put in a text field: it must show as text. */
export const HOSTILE_MARKUP = '<img src=x onerror="window.__injected=1;alert(1)">';

/**
 * Every peer's values turned into what a careless or hostile service could send: markup in
 * text fields, a very long string, negative, fractional, huge and non-numeric counters, a
 * non-numeric ASN. The first row keeps its neighbor so the page can still be matched to it.
 */
export function hostilePeers(peers: Record<string, unknown>[]): Record<string, unknown>[] {
  return peers.map((row, index) => ({
    ...row,
    neighbor: index === 0 ? row.neighbor : `${HOSTILE_MARKUP}${index}`,
    localAddress: index === 1 ? 'x'.repeat(5000) : row.localAddress,
    asn: index % 2 === 0 ? 'AS65001<script>alert(1)</script>' : -1,
    state: index === 0 ? row.state : `<b onmouseover=alert(1)>Connected</b>`,
    connectedDuration: '<svg onload=alert(1)>',
    routesReceived: -5,
    messagesSent: 1e300,
    messagesReceived: '12345678901234567890123',
  }));
}
