/** How many ARM requests arrived, per operation and per gateway (faulted ones included). */
export interface RequestCountsSnapshot {
  total: number;
  byOperation: Record<string, number>;
  byGateway: Record<string, { total: number; byOperation: Record<string, number> }>;
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

  snapshot(): RequestCountsSnapshot {
    return structuredClone(this.counts);
  }

  reset(): void {
    this.counts = emptySnapshot();
  }
}

function emptySnapshot(): RequestCountsSnapshot {
  return { total: 0, byOperation: {}, byGateway: {} };
}
