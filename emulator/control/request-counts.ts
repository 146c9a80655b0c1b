/**
 * How many ARM requests arrived, per operation and per gateway (faulted ones included). A batch's
 * inner requests count here each as if sent alone; the batch envelopes, their polls and the CORS
 * preflights are counted apart, so `total` keeps meaning "ARM operations asked for".
 */
export interface RequestCountsSnapshot {
  total: number;
  byOperation: Record<string, number>;
  byGateway: Record<string, { total: number; byOperation: Record<string, number> }>;
  /** `POST /batch` calls, GETs of an async batch's Location (polls and pages), and the inner requests they ran. */
  batch: { calls: number; polls: number; innerRequests: number };
  /**
   * Long-running operations started with a `peer` query parameter, per operation and peer as sent:
   * `{getBgpPeerStatus: {"10.1.0.4": 3}}`. Shows a one-peer refresh really asked for one peer.
   */
  withPeer: Record<string, Record<string, number>>;
  /** CORS preflights (OPTIONS) on ARM paths. */
  preflight: number;
  /** Every HTTP request the ARM face received: direct calls, batch calls and polls, preflights (control API aside). */
  httpRequests: number;
}

export class RequestCounts {
  private counts: RequestCountsSnapshot = emptySnapshot();

  record(operation: string, gatewayId?: string): void {
    this.counts.total += 1;
    this.counts.byOperation[operation] = (this.counts.byOperation[operation] ?? 0) + 1;
    if (gatewayId === undefined) return;
    const perGateway = (this.counts.byGateway[gatewayId] ??= { total: 0, byOperation: {} });
    perGateway.total += 1;
    perGateway.byOperation[operation] = (perGateway.byOperation[operation] ?? 0) + 1;
  }

  recordPeerParameter(operation: string, peer: string): void {
    const perOperation = (this.counts.withPeer[operation] ??= {});
    perOperation[peer] = (perOperation[peer] ?? 0) + 1;
  }

  recordHttpRequest(): void {
    this.counts.httpRequests += 1;
  }

  recordPreflight(): void {
    this.counts.preflight += 1;
  }

  recordBatch(what: 'calls' | 'polls' | 'innerRequests'): void {
    this.counts.batch[what] += 1;
  }

  snapshot(): RequestCountsSnapshot {
    return structuredClone(this.counts);
  }

  reset(): void {
    this.counts = emptySnapshot();
  }
}

function emptySnapshot(): RequestCountsSnapshot {
  return { total: 0, byOperation: {}, byGateway: {}, withPeer: {}, batch: { calls: 0, polls: 0, innerRequests: 0 }, preflight: 0, httpRequests: 0 };
}
