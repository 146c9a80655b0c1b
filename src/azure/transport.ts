import { ArmError, isAbortError, isArmError, readCloudError } from './arm-error';
import type { ArmUrls } from './arm-urls';
import { parseRetryAfter, withRetries, type RetryPolicy } from './retry';
import type { ArmPacer } from './scheduler';
import { formatLimit, withTimeLimit } from './time-limit';

export type GetToken = (signal?: AbortSignal, options?: { forceRefresh?: boolean }) => Promise<string>;

/** One ARM request; `url` is already built and checked by the endpoint's `ArmUrls`. */
export interface ArmRequest {
  method: 'GET' | 'POST';
  url: URL;
  /** Sent as JSON; none when undefined. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Someone is waiting on screen for this answer (a gateway with no data yet): a batch transport
   * sends it in a batch answered at once, never in a large batch answered a second later.
   */
  urgent?: boolean;
}

/** A 2xx answer as the ARM transport hands it over: JSON already parsed, `undefined` when empty. */
export interface ArmResponse {
  status: number;
  headers: Headers;
  body: unknown;
  url: URL;
}

/**
 * How requests reach ARM. The long-running poller and every resource call go through this, so
 * another way of sending (ARM's batch endpoint) can stand in without them knowing.
 *
 * `send` resolves only for a 2xx answer. Anything else rejects with an `ArmError` (CloudError
 * code, status, Retry-After, request id), except a cancellation by `signal`, which rejects with
 * its plain AbortError. Transient failures have already been retried when it rejects.
 */
export interface ArmTransport {
  /** The endpoint this transport sends to, and its URL rules. */
  readonly urls: ArmUrls;
  send(request: ArmRequest): Promise<ArmResponse>;
}

export interface DirectTransportOptions {
  urls: ArmUrls;
  getToken: GetToken;
  fetch: typeof fetch;
  /** Must reject when the signal aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  random: () => number;
  retry: RetryPolicy;
  /** How long one HTTP request may take before it is abandoned as `RequestTimedOut`. */
  requestTimeoutMs: number;
  /**
   * The scheduler every request answers to: it holds a request while its subscription is
   * throttled, limits HTTP requests in flight and counts answers. None: requests go at once.
   */
  pacer?: ArmPacer;
}

function requestIdOf(headers: Headers): string | undefined {
  return headers.get('x-ms-request-id') ?? headers.get('x-ms-correlation-request-id') ?? undefined;
}

/**
 * A non-2xx ARM answer as an ArmError: CloudError code and message when the body has them,
 * `HttpError<status>` otherwise, with Retry-After and the request id from the headers. Shared by
 * direct answers and the inner answers of a batch, so both fail alike.
 */
export function errorFromAnswer(status: number, statusText: string, headers: Headers, body: unknown, nowMs: number): ArmError {
  const cloud = readCloudError(body);
  const init: ConstructorParameters<typeof ArmError>[0] = {
    status,
    code: cloud?.code ?? `HttpError${status}`,
    message: cloud?.message ?? (statusText || `ARM answered HTTP ${status}.`),
    details: cloud?.details ?? [],
  };
  if (cloud?.target !== undefined) init.target = cloud.target;
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), nowMs);
  if (retryAfterMs !== null) init.retryAfterMs = retryAfterMs;
  const requestId = requestIdOf(headers);
  if (requestId !== undefined) init.requestId = requestId;
  return new ArmError(init);
}

/** One HTTP request per ARM request, with a fresh token, a time limit and bounded retries. */
export function createDirectTransport(options: DirectTransportOptions): ArmTransport {
  const { urls, fetch: fetchFn, now, requestTimeoutMs, pacer } = options;
  const { origin } = urls;

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
    return errorFromAnswer(response.status, response.statusText, response.headers, parsed, now());
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
  async function sendOnce(request: ArmRequest, forceRefresh: boolean): Promise<ArmResponse> {
    const { method, url, body, signal } = request;
    signal?.throwIfAborted();
    urls.checkOnEndpoint(url);
    await pacer?.beforeSend(request);
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
    // The time limit starts once the request is on the wire, not while it waits for a slot.
    const release = pacer ? await pacer.slot(signal) : undefined;
    try {
      ({ response, text } = await withTimeLimit(
        requestTimeoutMs,
        signal,
        () =>
          new ArmError({
            code: 'RequestTimedOut',
            message: `ARM at ${origin} did not answer a ${method} within ${formatLimit(requestTimeoutMs)}; the request was abandoned.`,
          }),
        async (limited) => {
          const answer = await fetchFn(url.href, { ...init, signal: limited });
          return { response: answer, text: await answer.text() };
        },
      ));
    } catch (e) {
      if (isArmError(e) || isAbortError(e) || signal?.aborted) throw e;
      throw networkError(e);
    } finally {
      release?.();
    }
    pacer?.answered(request, response.status, response.headers);
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
        const invalid: ConstructorParameters<typeof ArmError>[0] = {
          status: response.status,
          code: 'InvalidResponse',
          message: `ARM answered HTTP ${response.status} with a body that is not JSON.`,
        };
        const requestId = requestIdOf(response.headers);
        if (requestId !== undefined) invalid.requestId = requestId;
        throw new ArmError(invalid);
      }
    }
    return { status: response.status, headers: response.headers, body: parsed, url };
  }

  return {
    urls,
    send: (request) => withRetries((forceRefresh) => sendOnce(request, forceRefresh), options.retry, options, request.signal),
  };
}
