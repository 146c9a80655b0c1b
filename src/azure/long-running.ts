import { ArmError, isArmError, readCloudError } from './arm-error';
import { isObject } from './json';
import { parseRetryAfter } from './retry';
import { formatLimit, withTimeLimit } from './time-limit';
import type { ArmResponse, ArmTransport } from './transport';

export interface PollingPolicy {
  defaultDelayMs: number;
  minDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export interface PollingContext {
  /** Sends every request of the operation; polling URLs are kept on its endpoint by `transport.urls`. */
  transport: ArmTransport;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
  policy: PollingPolicy;
  /**
   * Told when a 202's polling headers could not be read; true means the transport has switched
   * to one that can read them (ARM's batch endpoint), so the operation is started once more.
   */
  pollingHeadersUnreadable?(): boolean;
  /**
   * When more than zero, every wait before a poll ends on a multiple of this many ms of the
   * clock, so the polls of operations started together (a batch transport's tick) fall due
   * together and travel in one batch instead of a trickle of small ones.
   */
  pollGridMs?(): number;
}

export interface LongRunningOptions {
  signal?: AbortSignal;
  /**
   * Time limit for the whole operation (first request, every poll and every wait), overriding
   * the client's `polling.timeoutMs`. When it passes, even mid-request, the operation is
   * abandoned with `OperationTimedOut`.
   */
  timeoutMs?: number;
  /**
   * Someone is waiting on screen for this result (nothing shown yet): its polls are not held to
   * the poll grid and its requests skip large, later-answered batches. Background refreshes
   * leave it off, so they travel together at the least cost.
   */
  urgent?: boolean;
}

function pollDelay(headers: Headers, ctx: PollingContext): number {
  const { defaultDelayMs, minDelayMs, maxDelayMs } = ctx.policy;
  const asked = parseRetryAfter(headers.get('retry-after'), ctx.now()) ?? defaultDelayMs;
  return Math.min(maxDelayMs, Math.max(minDelayMs, asked));
}

function pollingUrl(headers: Headers, name: string, base: URL, ctx: PollingContext): URL | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  return ctx.transport.urls.fromServer(raw.trim(), base);
}

function operationEnded(body: Record<string, unknown>, outcome: 'Failed' | 'Canceled'): ArmError {
  const cloud = readCloudError(isObject(body.error) ? { error: body.error } : undefined);
  const fallbackCode = outcome === 'Failed' ? 'OperationFailed' : 'OperationCanceled';
  const fallbackMessage =
    outcome === 'Failed' ? 'The operation failed without saying why.' : 'The operation was canceled.';
  const init: ConstructorParameters<typeof ArmError>[0] = {
    code: cloud?.code ?? fallbackCode,
    message: cloud?.message ?? fallbackMessage,
    details: cloud?.details ?? [],
    operationStatus: outcome,
  };
  if (cloud?.target !== undefined) init.target = cloud.target;
  return new ArmError(init);
}

function asResult(body: unknown): unknown {
  return body === null ? undefined : body;
}

/**
 * Follows an ARM long-running operation from its 201/202 answer to the final result
 * (ARM async protocol, `final-state-via: location`).
 *
 * `Azure-AsyncOperation`, when present, is polled for status only; the result is then read from
 * `Location`. Without it, `Location` is polled until it stops answering 202. Every wait is
 * bounded, and the whole operation has a time limit, so nothing here can hang.
 */
export async function completeLongRunning(
  accepted: ArmResponse,
  ctx: PollingContext,
  startedAt: number,
  signal?: AbortSignal,
  urgent = false,
): Promise<unknown> {
  const statusUrl = pollingUrl(accepted.headers, 'azure-asyncoperation', accepted.url, ctx);
  let locationUrl = pollingUrl(accepted.headers, 'location', accepted.url, ctx);
  if (statusUrl === undefined && locationUrl === undefined) {
    throw new ArmError({
      status: accepted.status,
      code: 'PollingHeadersUnreadable',
      message:
        `ARM accepted the operation (HTTP ${accepted.status}) but neither its Location nor its ` +
        'Azure-AsyncOperation header could be read, so its progress cannot be followed. In a ' +
        'browser this means the server did not expose those headers to JavaScript ' +
        '(CORS Access-Control-Expose-Headers).',
    });
  }

  let phase: 'status' | 'location' = statusUrl !== undefined ? 'status' : 'location';
  let delayMs = pollDelay(accepted.headers, ctx);
  const { timeoutMs } = ctx.policy;
  // Once the status URL reports success the result is read at once, without another wait.
  let fetchResultNow = false;

  for (;;) {
    if (!fetchResultNow) {
      const elapsed = ctx.now() - startedAt;
      if (elapsed >= timeoutMs) {
        throw new ArmError({
          code: 'OperationTimedOut',
          message: `The operation did not finish within ${Math.round(timeoutMs / 1000)} s; it was abandoned.`,
        });
      }
      // The last wait is cut short so the final poll happens at the deadline, not after it.
      const grid = urgent ? 0 : (ctx.pollGridMs?.() ?? 0);
      const wait = grid > 0 && delayMs > 0 ? Math.ceil((ctx.now() + delayMs) / grid) * grid - ctx.now() : delayMs;
      if (wait > 0) await ctx.sleep(Math.min(wait, timeoutMs - elapsed), signal);
    }
    fetchResultNow = false;

    if (phase === 'status' && statusUrl !== undefined) {
      const answer = await ctx.transport.send({ method: 'GET', url: statusUrl, signal, urgent });
      delayMs = pollDelay(answer.headers, ctx);
      if (answer.status === 202) continue;
      const body = answer.body;
      if (answer.status !== 204) {
        if (!isObject(body)) {
          throw new ArmError({
            status: answer.status,
            code: 'InvalidResponse',
            message: 'The operation status answer was not a JSON object.',
          });
        }
        // A status URL that hands back the result itself is finished whatever `status` says.
        if (Array.isArray(body.value)) return body;
        if (typeof body.status !== 'string') {
          throw new ArmError({
            status: answer.status,
            code: 'InvalidResponse',
            message: 'The operation status answer has no "status".',
          });
        }
        const status = body.status.trim().toLowerCase();
        if (status === 'failed') throw operationEnded(body, 'Failed');
        if (status === 'canceled' || status === 'cancelled') throw operationEnded(body, 'Canceled');
        if (status !== 'succeeded') continue;
      }
      if (locationUrl === undefined) return undefined;
      phase = 'location';
      fetchResultNow = true;
      continue;
    }

    if (locationUrl === undefined) return undefined; // unreachable: phase is 'location' only with a URL
    const answer = await ctx.transport.send({ method: 'GET', url: locationUrl, signal, urgent });
    if (answer.status === 202) {
      locationUrl = pollingUrl(answer.headers, 'location', answer.url, ctx) ?? locationUrl;
      delayMs = pollDelay(answer.headers, ctx);
      continue;
    }
    if (answer.status === 204) return undefined;
    return asResult(answer.body);
  }
}

/**
 * Starts an operation with a POST to `url` and follows it to its end: the final JSON, or
 * undefined for none. A 200 on the POST (synchronous completion) is the result itself.
 */
export function runLongRunning(
  ctx: PollingContext,
  url: URL,
  options: LongRunningOptions & { body?: unknown } = {},
): Promise<unknown> {
  const policy: PollingPolicy = { ...ctx.policy, timeoutMs: Math.max(1, options.timeoutMs ?? ctx.policy.timeoutMs) };
  const startedAt = ctx.now();
  // The poller checks the limit between polls; this timer also ends a request that hangs.
  return withTimeLimit(
    policy.timeoutMs,
    options.signal,
    () =>
      new ArmError({
        code: 'OperationTimedOut',
        message: `The operation did not finish within ${formatLimit(policy.timeoutMs)}; it was abandoned.`,
      }),
    async (signal) => {
      const start = async () => {
        const urgent = options.urgent === true;
        const first = await ctx.transport.send({ method: 'POST', url, body: options.body, signal, urgent });
        if (first.status === 201 || first.status === 202) {
          return completeLongRunning(first, { ...ctx, policy }, startedAt, signal, urgent);
        }
        if (first.status === 204 || first.body === null) return undefined;
        return first.body;
      };
      try {
        return await start();
      } catch (e) {
        // Every operation the client starts this way only reads (peer status, routes), so
        // starting it again is safe; the first one is simply left to finish unread.
        if (isArmError(e) && e.code === 'PollingHeadersUnreadable' && ctx.pollingHeadersUnreadable?.()) return start();
        throw e;
      }
    },
  );
}
