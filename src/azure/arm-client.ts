import { createArmUrls } from './arm-urls';
import { getBgpPeerStatus, type BgpPeer } from './bgp-peer-status';
import { discoverGateways, findGateways, getGateway, type GatewayDiscovery, type GatewaySummary } from './gateways';
import { getAdvertisedRoutes, getLearnedRoutes, type GatewayRoute } from './gateway-routes';
import { runLongRunning, type LongRunningOptions, type PollingContext, type PollingPolicy } from './long-running';
import { getPeerMetrics, type MonitorPeerSeries } from './metrics';
import { listSubscriptions, type ArmSubscription } from './subscriptions';
import { listTenants, type ArmTenant } from './tenants';
import { timerSleep } from './time-limit';
import { createBatchTransport, type BatchTransportOptions } from './batch-transport';
import { createDirectTransport, type ArmTransport, type DirectTransportOptions, type GetToken } from './transport';
import type { ArmScheduler } from './scheduler';
import { createSwitchingTransport, type TransportChoice, type TransportMode } from './transport-mode';

export type { ArmSubscription } from './subscriptions';
export type { GatewayRoute } from './gateway-routes';
export type { ArmTenant } from './tenants';
export type { LongRunningOptions } from './long-running';
export type { GetToken } from './transport';
export type { TransportChoice, TransportMode } from './transport-mode';
export type { ArmScheduler, SubscriptionBudget } from './scheduler';
export { createArmScheduler } from './scheduler';

export interface ArmClientOptions {
  /** e.g. https://management.azure.com, or the emulator's http://localhost:8710. */
  endpoint: string;
  /**
   * An ARM access token. `forceRefresh` asks for a new one rather than a cached one: ARM refused
   * the cached token (clock skew, revoked session) although the token cache thinks it is valid.
   */
  getToken: GetToken;
  /** Defaults to globalThis.fetch. */
  fetch?: typeof fetch;
  /** For Microsoft.Network calls; default 2023-09-01. */
  apiVersion?: string;
  /** Injectable for tests; must reject when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** Jitter source for retry backoff, [0, 1); injectable for tests. */
  random?: () => number;
  /** Transient failures (network, 429, 500, 502, 503, 504) on any request. */
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  polling?: Partial<PollingPolicy>;
  /**
   * How long one HTTP request may take before it is abandoned as `RequestTimedOut` (and retried
   * like any transient failure); default 30 s. A connection that never answers must not hold a
   * gateway's one operation slot forever.
   */
  requestTimeoutMs?: number;
  /**
   * How requests reach ARM. `direct`: one HTTP request each, switching to the batch endpoint when
   * a 202's polling headers cannot be read (CORS). `batch`: ARM's batch endpoint, requests of one
   * tick in one POST. `auto`: batch, falling back to direct while the batch endpoint is refused.
   * Omitted: the plain direct transport with no switching, as Node scripts have always used it.
   */
  transport?: TransportChoice;
  /** Told once per change of transport mode, with the reason in words. */
  onTransportChange?: (mode: TransportMode, reason: string) => void;
  /**
   * The page's one scheduler (`createArmScheduler`): in-flight limit, per-subscription
   * Retry-After, the shared polling clock and the budget account. None: requests go at once.
   */
  scheduler?: ArmScheduler;
  /** Tuning of the batch transport; tests inject `schedule` to close a batch when they choose. */
  batch?: Pick<BatchTransportOptions, 'schedule' | 'maxBatchSize' | 'answersPerTask' | 'yieldTask'> & { retryBatchAfterMs?: number };
}

export interface ArmClient {
  readonly endpoint: string;
  /** The scheduler this client's requests answer to, when it was given one. */
  readonly scheduler?: ArmScheduler;
  get(pathOrUrl: string, options?: { signal?: AbortSignal; apiVersion?: string }): Promise<unknown>;
  /** A plain (not long-running) POST, e.g. a Resource Graph query. */
  post(pathOrUrl: string, body: unknown, options?: { signal?: AbortSignal; apiVersion?: string }): Promise<unknown>;
  /** Starts an operation and follows it to its end: the final JSON, or undefined for none. */
  postLongRunning(
    pathOrUrl: string,
    options?: LongRunningOptions & { body?: unknown; apiVersion?: string },
  ): Promise<unknown>;
  getBgpPeerStatus(gatewayId: string, options?: LongRunningOptions & { peer?: string }): Promise<BgpPeer[]>;
  getGateway(gatewayId: string, options?: { signal?: AbortSignal }): Promise<GatewaySummary>;
  /** Every route the gateway learned (all peers; filter by `sourcePeer`). Long-running. */
  getLearnedRoutes(gatewayId: string, options?: LongRunningOptions): Promise<GatewayRoute[]>;
  /** The routes the gateway advertises to `peer`. Long-running. */
  getAdvertisedRoutes(gatewayId: string, peer: string, options?: LongRunningOptions): Promise<GatewayRoute[]>;
  listSubscriptions(options?: { signal?: AbortSignal }): Promise<ArmSubscription[]>;
  /** Every directory the user belongs to (member or guest), whichever tenant the token is from. */
  listTenants(options?: { signal?: AbortSignal }): Promise<ArmTenant[]>;
  discoverGateways(options?: { signal?: AbortSignal; subscriptionIds?: readonly string[] }): Promise<GatewaySummary[]>;
  /** Every gateway, saying whether Resource Graph or the per-resource-group lists found them. */
  findGateways(options?: { signal?: AbortSignal; subscriptionIds?: readonly string[] }): Promise<GatewayDiscovery>;
  /** Azure Monitor's BGP metrics for the gateway over [from, to] (epoch ms), one series per peer row. */
  getPeerMetrics(gatewayId: string, options: { from: number; to: number; signal?: AbortSignal }): Promise<MonitorPeerSeries[]>;
}

/**
 * The ARM client: one transport (token, time limits, errors, retries) under the long-running
 * poller and every resource call, with the client's policies filled in from `options`.
 */
export function createArmClient(options: ArmClientOptions): ArmClient {
  const urls = createArmUrls(options.endpoint, options.apiVersion);
  const sleep = options.sleep ?? timerSleep;
  const now = options.now ?? Date.now;
  const transportOptions: DirectTransportOptions = {
    urls,
    getToken: options.getToken,
    // Unbound, the browser's fetch throws "Illegal invocation" when called as a method.
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    sleep,
    now,
    random: options.random ?? Math.random,
    retry: {
      maxAttempts: Math.max(1, options.retry?.maxAttempts ?? 3),
      baseDelayMs: options.retry?.baseDelayMs ?? 1_000,
      maxDelayMs: options.retry?.maxDelayMs ?? 30_000,
    },
    requestTimeoutMs: Math.max(1, options.requestTimeoutMs ?? 30_000),
    ...(options.scheduler ? { pacer: options.scheduler } : {}),
  };
  const direct = createDirectTransport(transportOptions);
  const { retryBatchAfterMs, ...batchTuning } = options.batch ?? {};
  const switching =
    options.transport === undefined
      ? undefined
      : createSwitchingTransport({
          choice: options.transport,
          direct,
          batch: createBatchTransport({ ...transportOptions, ...batchTuning }),
          now,
          ...(retryBatchAfterMs !== undefined ? { retryBatchAfterMs } : {}),
          ...(options.onTransportChange ? { onModeChange: options.onTransportChange } : {}),
        });
  const transport: ArmTransport = switching ?? direct;
  const operations: PollingContext = {
    transport,
    sleep,
    now,
    policy: {
      defaultDelayMs: options.polling?.defaultDelayMs ?? 10_000,
      minDelayMs: options.polling?.minDelayMs ?? 1_000,
      maxDelayMs: options.polling?.maxDelayMs ?? 60_000,
      timeoutMs: options.polling?.timeoutMs ?? 600_000,
    },
    ...(switching
      ? {
          pollingHeadersUnreadable: switching.pollingHeadersUnreadable,
          // Through batch, polls wait to the next half second so those of one tick go together.
          pollGridMs: () => (switching.mode() === 'batch' ? 500 : 0),
        }
      : {}),
  };

  return {
    endpoint: urls.endpoint,
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    get: async (pathOrUrl, opts = {}) => {
      const url = urls.request(pathOrUrl, opts.apiVersion);
      return (await transport.send({ method: 'GET', url, signal: opts.signal })).body;
    },
    post: async (pathOrUrl, body, opts = {}) => {
      const url = urls.request(pathOrUrl, opts.apiVersion);
      return (await transport.send({ method: 'POST', url, body, signal: opts.signal })).body;
    },
    postLongRunning: async (pathOrUrl, opts = {}) => runLongRunning(operations, urls.request(pathOrUrl, opts.apiVersion), opts),
    getBgpPeerStatus: (gatewayId, opts) => getBgpPeerStatus(operations, gatewayId, opts),
    getGateway: (gatewayId, opts) => getGateway(transport, gatewayId, opts),
    getLearnedRoutes: (gatewayId, opts) => getLearnedRoutes(operations, gatewayId, opts),
    getAdvertisedRoutes: (gatewayId, peer, opts) => getAdvertisedRoutes(operations, gatewayId, peer, opts),
    listSubscriptions: (opts) => listSubscriptions(transport, opts),
    listTenants: (opts) => listTenants(transport, opts),
    discoverGateways: (opts) => discoverGateways(transport, opts),
    findGateways: (opts) => findGateways(transport, opts),
    getPeerMetrics: (gatewayId, opts) => getPeerMetrics(transport, gatewayId, opts),
  };
}
