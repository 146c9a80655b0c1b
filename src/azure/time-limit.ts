import { isArmError, type ArmError } from './arm-error';

/** A wait on a real timer that rejects with the signal's reason when the signal aborts. */
export function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
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

/** A limit in words for messages: "30 s", or "30 ms" below a second. */
export function formatLimit(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/**
 * Runs `work` with a signal that aborts when `outer` does or when `ms` pass. A time-out is
 * reported as `onTimeout()`; a cancellation by the caller is passed on unchanged.
 */
export async function withTimeLimit<T>(
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
