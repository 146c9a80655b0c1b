import { ArmError, isAbortError, isArmError, readCloudError } from './arm-error';
import { parseBgpPeerStatusList, type BgpPeer } from './bgp-peer-status';
import { parseGateway, type GatewaySummary } from './gateways';
import { completeLongRunning, parseRetryAfter, type ArmResponse, type PollingPolicy } from './long-running';
import { gatewayPath, parseGatewayId } from './resource-id';

export type GetToken = (signal?: AbortSignal, options?: { forceRefresh?: boolean }) => Promise<string>;

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
}

export interface LongRunningOptions {
  signal?: AbortSignal;
  /**
   * Time limit for the whole operation (first request, every poll and every wait), overriding
   * the client's `polling.timeoutMs`. When it passes, even mid-request, the operation is
   * abandoned with `OperationTimedOut`.
   */
  timeoutMs?: number;
}

export interface ArmSubscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string | null;
  state: string | null;
}

export interface ArmClient {
  readonly endpoint: string;
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
  listSubscriptions(options?: { signal?: AbortSignal }): Promise<ArmSubscription[]>;
  discoverGateways(options?: { signal?: AbortSignal; subscriptionIds?: string[] }): Promise<GatewaySummary[]>;
}

const DEFAULT_API_VERSION = '2023-09-01';
const SUBSCRIPTIONS_API_VERSION = '2022-12-01';
const RESOURCE_GRAPH_API_VERSION = '2024-04-01';
const GATEWAYS_QUERY =
  "Resources | where type =~ 'microsoft.network/virtualnetworkgateways' | project id, name, location, resourceGroup, subscriptionId, properties | order by id asc";
// Resource Graph's page size ceiling and its documented limit on subscriptions per query.
const RESOURCE_GRAPH_PAGE = 1000;
const RESOURCE_GRAPH_SUBSCRIPTIONS_PER_QUERY = 1000;
// A guard against a server that keeps handing out next pages.
const MAX_PAGES = 500;
const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs `work` with a signal that aborts when `outer` does or when `ms` pass. A time-out is
 * reported as `onTimeout()`; a cancellation by the caller is passed on unchanged.
 */
async function withTimeLimit<T>(
  ms: number,
  outer: AbortSignal | undefined,
  onTimeout: () => ArmError,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  outer?.throwIfAborted();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  // The deadline settles the caller's promise itself, so a step underneath that does not honour
  // the abort (a stalled body stream, a token call) can never leave a poll hanging.
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('The time limit passed.', 'TimeoutError'));
      reject(onTimeout());
    }, ms);
  });
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  const running = work(controller.signal);
  // Whatever the abandoned work does later is no longer anyone's concern.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, deadline]);
  } catch (e) {
    if (timedOut && !outer?.aborted && !isArmError(e)) throw onTimeout();
    throw e;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

function isTransient(e: ArmError): boolean {
  return e.code === 'NetworkError' || e.code === 'RequestTimedOut' || (e.status !== undefined && TRANSIENT_STATUSES.has(e.status));
}

function requestIdOf(headers: Headers): string | undefined {
  return headers.get('x-ms-request-id') ?? headers.get('x-ms-correlation-request-id') ?? undefined;
}

export function createArmClient(options: ArmClientOptions): ArmClient {
  let endpointUrl: URL;
  try {
    endpointUrl = new URL(options.endpoint);
  } catch {
    throw new Error(`The ARM endpoint "${options.endpoint}" is not an absolute URL.`);
  }
  const endpoint = endpointUrl.href.replace(/\/+$/, '');
  const origin = endpointUrl.origin;
  // Unbound, the browser's fetch throws "Illegal invocation" when called as a method.
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  const retry = {
    maxAttempts: Math.max(1, options.retry?.maxAttempts ?? 3),
    baseDelayMs: options.retry?.baseDelayMs ?? 1_000,
    maxDelayMs: options.retry?.maxDelayMs ?? 30_000,
  };
  const polling: PollingPolicy = {
    defaultDelayMs: options.polling?.defaultDelayMs ?? 10_000,
    minDelayMs: options.polling?.minDelayMs ?? 1_000,
    maxDelayMs: options.polling?.maxDelayMs ?? 60_000,
    timeoutMs: options.polling?.timeoutMs ?? 600_000,
  };
  const requestTimeoutMs = Math.max(1, options.requestTimeoutMs ?? 30_000);

  function foreign(code: 'ForeignUrl' | 'ForeignPollingUrl', what: string, raw: string): ArmError {
    const shown = raw.length > 300 ? `${raw.slice(0, 300)}…` : raw;
    return new ArmError({
      code,
      message: `${what} "${shown}" is not on the ARM endpoint ${origin}; it was not called, so the sign-in token stays with ARM.`,
    });
  }

  /** A caller's path (joined to the endpoint) or absolute URL (which must be on the endpoint). */
  function requestUrl(pathOrUrl: string, version: string): URL {
    let url: URL;
    if (pathOrUrl.startsWith('/') && !pathOrUrl.startsWith('//')) {
      url = new URL(endpoint + pathOrUrl);
    } else {
      try {
        url = new URL(pathOrUrl);
      } catch {
        throw foreign('ForeignUrl', 'The URL', pathOrUrl);
      }
      if (url.origin !== origin) throw foreign('ForeignUrl', 'The URL', pathOrUrl);
    }
    if (!url.searchParams.has('api-version')) url.searchParams.set('api-version', version);
    return url;
  }

  /** A URL the server handed us (polling header, next page), resolved and kept on the endpoint. */
  function resolveServerUrl(raw: string, base: URL, what = 'The polling URL'): URL {
    // ARM always sends absolute polling URLs; a relative one means something between us and ARM
    // rewrote the answer, so it is refused rather than guessed at.
    if (!/^https?:\/\//i.test(raw)) {
      throw new ArmError({
        code: 'InvalidPollingUrl',
        message: `${what} "${raw.slice(0, 200)}" is not an absolute URL; ARM always sends absolute polling URLs, so the operation cannot be followed.`,
      });
    }
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      throw foreign('ForeignPollingUrl', what, raw);
    }
    if (url.origin !== origin) throw foreign('ForeignPollingUrl', what, raw);
    return url;
  }

  async function token(signal: AbortSignal | undefined, forceRefresh: boolean): Promise<string> {
    try {
      return await options.getToken(signal, forceRefresh ? { forceRefresh } : undefined);
    } catch (e) {
      if (isAbortError(e) || signal?.aborted) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      throw new ArmError({
        code: 'TokenUnavailable',
        message: `No access token for ARM: ${reason}`,
        cause: e,
      });
    }
  }

  function httpError(response: Response, text: string): ArmError {
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const cloud = readCloudError(parsed);
    const init: ConstructorParameters<typeof ArmError>[0] = {
      status: response.status,
      code: cloud?.code ?? `HttpError${response.status}`,
      message: cloud?.message ?? (response.statusText || `ARM answered HTTP ${response.status}.`),
      details: cloud?.details ?? [],
    };
    if (cloud?.target !== undefined) init.target = cloud.target;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
    if (retryAfterMs !== null) init.retryAfterMs = retryAfterMs;
    const requestId = requestIdOf(response.headers);
    if (requestId !== undefined) init.requestId = requestId;
    return new ArmError(init);
  }

  function networkError(e: unknown): ArmError {
    let reason = e instanceof Error ? e.message : String(e);
    // Node's fetch says only "fetch failed"; the socket error (ECONNREFUSED …) is in its cause.
    const cause = e instanceof Error ? (e.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
    const detail = typeof cause?.code === 'string' ? cause.code : cause?.message;
    if (typeof detail === 'string' && detail !== '') reason += `: ${detail}`;
    return new ArmError({
      code: 'NetworkError',
      message: `Could not reach ARM at ${origin} (${reason}). The network may be down, or a proxy or CORS policy blocked the request.`,
      cause: e,
    });
  }

  /** One request: fresh token, JSON in and out, non-2xx mapped to ArmError. */
  async function sendOnce(
    method: 'GET' | 'POST',
    url: URL,
    body: unknown,
    signal: AbortSignal | undefined,
    forceRefresh: boolean,
  ): Promise<ArmResponse> {
    signal?.throwIfAborted();
    // The single gate before a token is attached: nothing leaves for another origin.
    if (url.origin !== origin) throw foreign('ForeignUrl', 'The URL', url.href);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${await token(signal, forceRefresh)}`,
      Accept: 'application/json',
    };
    const init: RequestInit = { method, headers, redirect: 'manual' };
    if (signal) init.signal = signal;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response: Response;
    let text: string;
    try {
      ({ response, text } = await withTimeLimit(
        requestTimeoutMs,
        signal,
        () =>
          new ArmError({
            code: 'RequestTimedOut',
            message: `ARM at ${origin} did not answer a ${method} within ${seconds(requestTimeoutMs)}; the request was abandoned.`,
          }),
        async (limited) => {
          const answer = await fetchFn(url.href, { ...init, signal: limited });
          return { response: answer, text: await answer.text() };
        },
      ));
    } catch (e) {
      if (isArmError(e) || isAbortError(e) || signal?.aborted) throw e;
      throw networkError(e);
    }
    // ARM never redirects; following one could carry the token elsewhere (browsers report a
    // manual redirect as status 0).
    if (response.status === 0 || (response.status >= 300 && response.status < 400)) {
      throw new ArmError({
        status: response.status || undefined,
        code: 'UnexpectedRedirect',
        message: `ARM answered a ${method} with a redirect, which is not followed.`,
      });
    }
    if (!response.ok) throw httpError(response, text);
    let parsed: unknown;
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        const init: ConstructorParameters<typeof ArmError>[0] = {
          status: response.status,
          code: 'InvalidResponse',
          message: `ARM answered HTTP ${response.status} with a body that is not JSON.`,
        };
        const requestId = requestIdOf(response.headers);
        if (requestId !== undefined) init.requestId = requestId;
        throw new ArmError(init);
      }
    }
    return { status: response.status, headers: response.headers, body: parsed, url };
  }

  /** sendOnce with bounded, jittered exponential backoff on transient failures. */
  async function send(method: 'GET' | 'POST', url: URL, body: unknown, signal?: AbortSignal): Promise<ArmResponse> {
    let refreshed = false;
    let forceRefresh = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await sendOnce(method, url, body, signal, forceRefresh);
      } catch (e) {
        forceRefresh = false;
        // ARM refused a token the cache still thinks is good: once, at once, with a new token.
        if (isArmError(e) && isRefusedToken(e) && !refreshed) {
          refreshed = forceRefresh = true;
          attempt--;
          continue;
        }
        if (!isArmError(e) || !isTransient(e) || attempt >= retry.maxAttempts) throw e;
        const exponential = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
        const backoff = exponential / 2 + (exponential / 2) * random();
        await sleep(Math.min(retry.maxDelayMs, Math.max(backoff, e.retryAfterMs ?? 0)), signal);
      }
    }
  }

  async function get(pathOrUrl: string, opts: { signal?: AbortSignal; apiVersion?: string } = {}) {
    const answer = await send('GET', requestUrl(pathOrUrl, opts.apiVersion ?? apiVersion), undefined, opts.signal);
    return answer.body;
  }

  async function post(pathOrUrl: string, body: unknown, opts: { signal?: AbortSignal; apiVersion?: string } = {}) {
    const answer = await send('POST', requestUrl(pathOrUrl, opts.apiVersion ?? apiVersion), body, opts.signal);
    return answer.body;
  }

  async function postLongRunning(
    pathOrUrl: string,
    opts: LongRunningOptions & { body?: unknown; apiVersion?: string } = {},
  ): Promise<unknown> {
    const url = requestUrl(pathOrUrl, opts.apiVersion ?? apiVersion);
    const policy: PollingPolicy = { ...polling, timeoutMs: Math.max(1, opts.timeoutMs ?? polling.timeoutMs) };
    const startedAt = now();
    // The poller checks the limit between polls; this timer also ends a request that hangs.
    return withTimeLimit(
      policy.timeoutMs,
      opts.signal,
      () =>
        new ArmError({
          code: 'OperationTimedOut',
          message: `The operation did not finish within ${seconds(policy.timeoutMs)}; it was abandoned.`,
        }),
      async (signal) => {
        const first = await send('POST', url, opts.body, signal);
        if (first.status === 201 || first.status === 202) {
          return completeLongRunning(
            first,
            {
              get: (pollUrl, pollSignal) => send('GET', pollUrl, undefined, pollSignal),
              resolvePollingUrl: (raw, base) => resolveServerUrl(raw, base),
              sleep,
              now,
              policy,
            },
            startedAt,
            signal,
          );
        }
        if (first.status === 204 || first.body === null) return undefined;
        return first.body;
      },
    );
  }

  /** Follows `nextLink` pages, each checked to be on the endpoint. */
  async function getAllPages(firstUrl: URL, signal?: AbortSignal): Promise<unknown[]> {
    const items: unknown[] = [];
    let url: URL | undefined = firstUrl;
    const seen = new Set<string>();
    for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
      seen.add(url.href);
      const { body } = await send('GET', url, undefined, signal);
      if (!isObject(body) || !Array.isArray(body.value)) {
        throw new ArmError({ code: 'InvalidResponse', message: `The list at ${url.pathname} was not {"value": [...]}.` });
      }
      items.push(...body.value);
      url = undefined;
      if (typeof body.nextLink === 'string' && body.nextLink !== '') {
        const next = resolveServerUrl(body.nextLink, firstUrl, 'The next page link');
        if (!seen.has(next.href)) url = next;
      }
    }
    return items;
  }

  async function listSubscriptions(opts: { signal?: AbortSignal } = {}): Promise<ArmSubscription[]> {
    const items = await getAllPages(requestUrl('/subscriptions', SUBSCRIPTIONS_API_VERSION), opts.signal);
    const result: ArmSubscription[] = [];
    for (const item of items) {
      if (!isObject(item) || typeof item.subscriptionId !== 'string' || item.subscriptionId === '') continue;
      result.push({
        subscriptionId: item.subscriptionId,
        displayName: typeof item.displayName === 'string' && item.displayName !== '' ? item.displayName : item.subscriptionId,
        tenantId: typeof item.tenantId === 'string' ? item.tenantId : null,
        state: typeof item.state === 'string' ? item.state : null,
      });
    }
    return result;
  }

  async function discoverGateways(
    opts: { signal?: AbortSignal; subscriptionIds?: string[] } = {},
  ): Promise<GatewaySummary[]> {
    const subscriptionIds =
      opts.subscriptionIds ?? (await listSubscriptions({ signal: opts.signal })).map((s) => s.subscriptionId);
    const gateways: GatewaySummary[] = [];
    const url = requestUrl('/providers/Microsoft.ResourceGraph/resources', RESOURCE_GRAPH_API_VERSION);
    for (let i = 0; i < subscriptionIds.length; i += RESOURCE_GRAPH_SUBSCRIPTIONS_PER_QUERY) {
      const subscriptions = subscriptionIds.slice(i, i + RESOURCE_GRAPH_SUBSCRIPTIONS_PER_QUERY);
      let skipToken: string | undefined;
      const seenTokens = new Set<string>();
      for (let page = 0; page < MAX_PAGES; page++) {
        const queryOptions: Record<string, unknown> = { $top: RESOURCE_GRAPH_PAGE, resultFormat: 'objectArray' };
        if (skipToken !== undefined) queryOptions.$skipToken = skipToken;
        const { body } = await send('POST', url, { subscriptions, query: GATEWAYS_QUERY, options: queryOptions }, opts.signal);
        if (!isObject(body) || !Array.isArray(body.data)) {
          throw new ArmError({ code: 'InvalidResponse', message: 'The Resource Graph answer has no "data" array.' });
        }
        for (const row of body.data) {
          try {
            gateways.push(parseGateway(row));
          } catch (e) {
            // A row without a usable gateway ID cannot be watched; the others still can.
            if (!isArmError(e)) throw e;
          }
        }
        const next = body.$skipToken;
        if (typeof next !== 'string' || next === '' || seenTokens.has(next)) break;
        seenTokens.add(next);
        skipToken = next;
      }
    }
    return gateways;
  }

  async function getBgpPeerStatus(gatewayId: string, opts: LongRunningOptions & { peer?: string } = {}) {
    const ref = parseGatewayId(gatewayId);
    const peer = opts.peer?.trim();
    const query = peer ? `?peer=${encodeURIComponent(peer)}` : '';
    const result = await postLongRunning(`${gatewayPath(ref)}/getBgpPeerStatus${query}`, {
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    });
    if (result === undefined) {
      throw new ArmError({
        code: 'InvalidResponse',
        message: 'The BGP peer status operation finished with no result.',
      });
    }
    return parseBgpPeerStatusList(result);
  }

  async function getGateway(gatewayId: string, opts: { signal?: AbortSignal } = {}) {
    const ref = parseGatewayId(gatewayId);
    return parseGateway(await get(gatewayPath(ref), { signal: opts.signal }));
  }

  return {
    endpoint,
    get,
    post,
    postLongRunning,
    getBgpPeerStatus,
    getGateway,
    listSubscriptions,
    discoverGateways,
  };
}

function isRefusedToken(error: ArmError): boolean {
  return error.status === 401 && (error.code === 'ExpiredAuthenticationToken' || error.code === 'InvalidAuthenticationToken');
}
