import { isArmError, type ArmError } from './arm-error';

/** Transient failures (network, time-out, 429, 500, 502, 503, 504) are tried again this way. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RetryTiming {
  /** Must reject when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Jitter source, [0, 1). */
  random(): number;
}

const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);

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

function isTransient(e: ArmError): boolean {
  return e.code === 'NetworkError' || e.code === 'RequestTimedOut' || (e.status !== undefined && TRANSIENT_STATUSES.has(e.status));
}

function isRefusedToken(error: ArmError): boolean {
  return error.status === 401 && (error.code === 'ExpiredAuthenticationToken' || error.code === 'InvalidAuthenticationToken');
}

/**
 * Runs `attempt` until it succeeds: again after a bounded, jittered exponential backoff (or a
 * longer `Retry-After`, capped) on a transient ArmError, up to `maxAttempts`; and once more at
 * once with `forceRefresh` when ARM refuses a token. Any other failure is thrown as it is.
 */
export async function withRetries<T>(
  attempt: (forceRefresh: boolean) => Promise<T>,
  policy: RetryPolicy,
  timing: RetryTiming,
  signal?: AbortSignal,
): Promise<T> {
  let refreshed = false;
  let forceRefresh = false;
  for (let tried = 1; ; tried++) {
    try {
      return await attempt(forceRefresh);
    } catch (e) {
      forceRefresh = false;
      // ARM refused a token the cache still thinks is good: once, at once, with a new token.
      if (isArmError(e) && isRefusedToken(e) && !refreshed) {
        refreshed = forceRefresh = true;
        tried--;
        continue;
      }
      if (!isArmError(e) || !isTransient(e) || tried >= policy.maxAttempts) throw e;
      const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (tried - 1));
      const backoff = exponential / 2 + (exponential / 2) * timing.random();
      await timing.sleep(Math.min(policy.maxDelayMs, Math.max(backoff, e.retryAfterMs ?? 0)), signal);
    }
  }
}
