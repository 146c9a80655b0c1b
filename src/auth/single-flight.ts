/**
 * Shares one in-flight call among concurrent callers. A fleet of gateways polls at the same
 * moment; their token requests must become one renewal, not one per gateway (a rotated refresh
 * token used twice can end the whole session).
 */
export function createSingleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    inFlight ??= run().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}

/** Lets one caller stop waiting for a shared promise without cancelling it for the others. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** One single flight per key (e.g. per tenant and forced-or-not renewal), made on first use. */
export function createKeyedSingleFlight<T>(start: (key: string) => () => Promise<T>): (key: string) => Promise<T> {
  const flights = new Map<string, () => Promise<T>>();
  return (key) => {
    let flight = flights.get(key);
    if (!flight) {
      flight = createSingleFlight(start(key));
      flights.set(key, flight);
    }
    return flight();
  };
}
