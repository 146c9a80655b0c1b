import { isObject } from './json';

/**
 * The one error type of the ARM client.
 *
 * `code` is ARM's CloudError code when the server sent one (`AuthorizationFailed`,
 * `ResourceNotFound`, `TooManyRequests` …). Failures found on our side use our own codes:
 *
 * - `NetworkError`: fetch itself failed (offline, DNS, connection dropped, or a CORS refusal,
 *   which browsers report the same way).
 * - `InvalidResponse`: a body that is not JSON, or JSON of the wrong shape.
 * - `PollingHeadersUnreadable`: a 201/202 whose `Location` and `Azure-AsyncOperation` headers
 *   cannot be read; in a browser this means the server did not list them in
 *   `Access-Control-Expose-Headers`, so we stop instead of waiting forever.
 * - `ForeignPollingUrl`: a URL from the server (polling header, `nextLink`) that cannot be
 *   resolved or is on another origin than the ARM endpoint; the bearer token is never sent there.
 * - `InvalidPollingUrl`: a relative polling URL; ARM always sends absolute ones.
 * - `ForeignUrl`: the same refusal for a URL given by the caller.
 * - `UnexpectedRedirect`: ARM does not redirect; following one could carry the token elsewhere.
 * - `OperationTimedOut`: a long-running operation took longer than its time limit (checked between
 *   polls and also ending a request that hangs past the limit).
 * - `RequestTimedOut`: one HTTP request got no answer within the request time limit; retried
 *   like a network error.
 * - `OperationFailed` / `OperationCanceled`: the operation ended so without an error body.
 * - `InvalidResourceId`: a resource ID that is not what the operation needs.
 * - `TokenUnavailable`: `getToken` threw; its error is kept as `cause`.
 * - `HttpError<status>`: a non-2xx answer without a readable CloudError body.
 * - `BatchResponseMissing`: ARM's batch answer held no response for this request.
 * - `BatchLocationUnreadable`: a batch answered 202 but its own `Location` header could not be
 *   read (CORS), so its results cannot be fetched.
 * - `BatchTimedOut`: a batch that answered 202 did not finish within its time limit.
 *
 * A cancelled request is not an ArmError: the AbortError from the signal is rethrown as is, so
 * callers such as React Query recognise a cancellation.
 */
export interface ArmErrorDetail {
  code: string;
  message: string;
  target?: string;
}

export interface ArmErrorInit {
  code: string;
  message: string;
  status?: number;
  details?: ArmErrorDetail[];
  target?: string;
  retryAfterMs?: number;
  requestId?: string;
  /** Set when a long-running operation itself ended Failed or Canceled (not a request failure). */
  operationStatus?: 'Failed' | 'Canceled';
  cause?: unknown;
}

export class ArmError extends Error {
  readonly status?: number;
  readonly code: string;
  readonly details: ArmErrorDetail[];
  readonly target?: string;
  readonly retryAfterMs?: number;
  readonly requestId?: string;
  readonly operationStatus?: 'Failed' | 'Canceled';

  constructor(init: ArmErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ArmError';
    this.code = init.code;
    this.details = init.details ?? [];
    if (init.status !== undefined) this.status = init.status;
    if (init.target !== undefined) this.target = init.target;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.operationStatus !== undefined) this.operationStatus = init.operationStatus;
  }
}

export function isArmError(e: unknown): e is ArmError {
  return e instanceof ArmError;
}

/** True for the rejection an aborted signal produces (fetch and our sleeps). */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

const MAX_MESSAGE_LENGTH = 2000;

function text(value: unknown, max = MAX_MESSAGE_LENGTH): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : undefined;
}

/**
 * Reads a CloudError body (`{error: {code, message, target, details}}`). Some services send the
 * inner object unwrapped, so a top-level `code`/`message` is accepted too.
 */
export function readCloudError(
  body: unknown,
): { code?: string; message?: string; target?: string; details: ArmErrorDetail[] } | undefined {
  if (!isObject(body)) return undefined;
  const inner = isObject(body.error) ? body.error : body;
  const code = text(inner.code, 200);
  const message = text(inner.message);
  if (code === undefined && message === undefined) return undefined;
  const details: ArmErrorDetail[] = [];
  if (Array.isArray(inner.details)) {
    for (const d of inner.details.slice(0, 50)) {
      if (!isObject(d)) continue;
      const dCode = text(d.code, 200);
      const dMessage = text(d.message);
      if (dCode === undefined && dMessage === undefined) continue;
      const detail: ArmErrorDetail = { code: dCode ?? 'Unknown', message: dMessage ?? '' };
      const dTarget = text(d.target, 500);
      if (dTarget !== undefined) detail.target = dTarget;
      details.push(detail);
    }
  }
  const result: { code?: string; message?: string; target?: string; details: ArmErrorDetail[] } = { details };
  if (code !== undefined) result.code = code;
  if (message !== undefined) result.message = message;
  const target = text(inner.target, 500);
  if (target !== undefined) result.target = target;
  return result;
}
