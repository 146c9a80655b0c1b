import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControlRequest, type ControlState } from '../control/control-api';
import { bgpOffGatewayIds } from './gateway-json';
import { FaultRegistry } from '../control/faults';
import { ForcedStates } from '../control/forced-states';
import { RequestCounts } from '../control/request-counts';
import { CONTROL_PATH } from '../emulator-constants';
import { answerPreflight, setCorsHeaders, type CorsExpose } from '../http-io';
import type { IdentityServer } from '../identity/identity-types';
import type { SimClock } from '../simulation/sim-clock';
import type { Simulation } from '../simulation/simulation';
import { createArmPipeline } from './arm-pipeline';
import type { ArmContext } from './arm-request';
import { createBatchRoute, isBatchPath } from './batch';
import { sendCloudError } from './cloud-error';
import { OperationStore } from './long-running-operations';
import { RateLimiter, type BucketSettings, type RateKind } from './rate-limit';

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
  /** Which response headers a browser may read (`--cors-expose`); default all. */
  corsExpose?: CorsExpose;
  /** Rows per Resource Graph page at most, as Azure truncates large answers (default: $top alone). */
  resourceGraphPageCap?: number;
  /** Resource Graph refuses every query with 403 AuthorizationFailed. */
  refuseResourceGraph?: boolean;
  /** The last N VPN gateways answer `enableBgp: false`. */
  bgpOffGateways?: number;
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
    ...(options.resourceGraphPageCap !== undefined ? { resourceGraphPageCap: options.resourceGraphPageCap } : {}),
    ...(options.refuseResourceGraph ? { refuseResourceGraph: true } : {}),
    bgpOff: bgpOffGatewayIds(simulation.fleet, options.bgpOffGateways ?? 0),
  };

  const pipeline = createArmPipeline({ context, control, identity, limiter, fallbackBase: () => `http://localhost:${port}`, log });
  const answerBatch = createBatchRoute({ pipeline, identity, counts: control.counts, realNow, ownBase: () => `http://localhost:${port}`, log });

  const server = createServer((req, res) => {
    setCorsHeaders(req, res, options.corsExpose);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const lowerPath = url.pathname.toLowerCase();
    const isControl = lowerPath === CONTROL_PATH || lowerPath.startsWith(`${CONTROL_PATH}/`);
    if (!isControl) control.counts.recordHttpRequest();
    if (req.method === 'OPTIONS') {
      if (!isControl) control.counts.recordPreflight();
      answerPreflight(req, res);
      return;
    }
    const work = isControl
      ? handleControlRequest(req, res, url.pathname.slice(CONTROL_PATH.length), url, { ...control, identity, simulation, clock, bgpOff: context.bgpOff })
      : isBatchPath(url.pathname)
        ? answerBatch(req, res, url)
        : pipeline(req, res, url);
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

