import { ArmError, readCloudError } from './arm-error';

/** A 2xx answer as the ARM transport hands it over: JSON already parsed, `undefined` when empty. */
export interface ArmResponse {
  status: number;
  headers: Headers;
  body: unknown;
  url: URL;
}

export interface PollingPolicy {
  defaultDelayMs: number;
  minDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export interface PollingContext {
  /** GET with the client's token, retries and error mapping; resolves only for 2xx. */
  get(url: URL, signal?: AbortSignal): Promise<ArmResponse>;
  /** Resolves a server-given polling URL, refusing other origins (the token must not go there). */
  resolvePollingUrl(raw: string, base: URL): URL;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
  policy: PollingPolicy;
}

/**
 * `Retry-After` as integer seconds or an HTTP-date, in milliseconds from now; null when absent
 * or unreadable. A date in the past means "now".
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Date.parse reads almost anything ("-5" is a year); an HTTP-date always names a month.
  if (!/[a-z]{3}/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pollDelay(headers: Headers, ctx: PollingContext): number {
  const { defaultDelayMs, minDelayMs, maxDelayMs } = ctx.policy;
  const asked = parseRetryAfter(headers.get('retry-after'), ctx.now()) ?? defaultDelayMs;
  return Math.min(maxDelayMs, Math.max(minDelayMs, asked));
}

function pollingUrl(headers: Headers, name: string, base: URL, ctx: PollingContext): URL | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  return ctx.resolvePollingUrl(raw.trim(), base);
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
      if (delayMs > 0) await ctx.sleep(Math.min(delayMs, timeoutMs - elapsed), signal);
    }
    fetchResultNow = false;

    if (phase === 'status' && statusUrl !== undefined) {
      const answer = await ctx.get(statusUrl, signal);
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
    const answer = await ctx.get(locationUrl, signal);
    if (answer.status === 202) {
      locationUrl = pollingUrl(answer.headers, 'location', answer.url, ctx) ?? locationUrl;
      delayMs = pollDelay(answer.headers, ctx);
      continue;
    }
    if (answer.status === 204) return undefined;
    return asResult(answer.body);
  }
}
