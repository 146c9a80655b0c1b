import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControlRequest, type ControlState } from '../control/control-api';
import { FaultRegistry } from '../control/faults';
import { ForcedStates } from '../control/forced-states';
import { RequestCounts } from '../control/request-counts';
import { CONTROL_PATH } from '../emulator-constants';
import { answerPreflight, setCorsHeaders } from '../http-io';
import type { IdentityServer } from '../identity/identity-types';
import type { SimClock } from '../simulation/sim-clock';
import type { Simulation } from '../simulation/simulation';
import { authenticate } from './arm-authentication';
import { gatewayPath, searchParamIgnoreCase, type ArmContext } from './arm-request';
import { handlerFor, matchRoute } from './arm-router';
import { sendCloudError } from './cloud-error';
import { OperationStore, type LongRunningOperation } from './long-running-operations';
import { RateLimiter, rateKindOf, type BucketSettings, type RateKind } from './rate-limit';
import { answerWithFaults } from './request-faults';

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
  const log = options.log ?? (() => {});

  const context: ArmContext = {
    simulation,
    clock,
    control,
    operations,
    realNow,
    lroMs: Math.max(0, options.lroSeconds * 1000),
    retryAfter: String(Math.max(1, Math.ceil(options.lroSeconds / 2))),
  };

  /** ARM's pipeline: ids, counts, authentication, api-version, route, throttling, faults, then the handler. */
  const handleArm = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const requestId = randomUUID();
    res.setHeader('x-ms-request-id', requestId);
    res.setHeader('x-ms-correlation-request-id', requestId);
    const clientRequestId = req.headers['x-ms-client-request-id'];
    if (typeof clientRequestId === 'string') res.setHeader('x-ms-client-request-id', clientRequestId);

    const route = matchRoute(url.pathname);
    const base = `http://${req.headers.host ?? `localhost:${port}`}`;
    let longRunningOperation: LongRunningOperation | undefined;
    if (route.operationId && route.subscriptionId) {
      const found = operations.get(route.operationId);
      if (found && found.subscriptionId.toLowerCase() === route.subscriptionId.toLowerCase()) longRunningOperation = found;
    }
    const gatewayId = route.gatewayName
      ? (simulation.findGateway(gatewayPath(route))?.id ?? gatewayPath(route))
      : longRunningOperation?.gatewayId;
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
    const { operation } = route;
    if (!operation) {
      sendCloudError(res, 404, 'NotFound', `No HTTP resource was found that matches the request URI '${base}${url.pathname}'.`);
      return;
    }
    if (route.method !== req.method) {
      sendCloudError(res, 405, 'MethodNotAllowed', `The requested resource does not support http method '${req.method}'.`);
      return;
    }

    const rateKind = rateKindOf(operation);
    const decision = limiter.take(`${route.subscriptionId?.toLowerCase() ?? 'tenant'}|${principal.oid}`, rateKind);
    res.setHeader(`x-ms-ratelimit-remaining-subscription-${rateKind}`, String(decision.remaining));
    if (!decision.allowed) {
      sendCloudError(res, 429, 'TooManyRequests', `The request is being throttled as the limit has been reached for operation type - ${rateKind === 'writes' ? 'Write' : 'Read'}. For more information, see https://aka.ms/armthrottling`, { 'Retry-After': String(decision.retryAfterSeconds) });
      return;
    }

    const faults = control.faults.takeRequestFaults({ operation, ...(gatewayId ? { gatewayId } : {}) });
    if (await answerWithFaults(faults, { req, res, route, principal, authority: id.authority, rateKind, gatewayId, log })) return;

    await handlerFor(operation)({ req, res, url, route: { ...route, operation }, base, apiVersion, longRunningOperation }, context);
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

