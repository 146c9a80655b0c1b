import type { Fault, LongRunningOperationName } from '../control/faults';

/** One getBgpPeerStatus / getLearnedRoutes / getAdvertisedRoutes in flight (or recently done). */
export interface LongRunningOperation {
  id: string;
  name: LongRunningOperationName;
  subscriptionId: string;
  location: string;
  gatewayId: string;
  peer?: string;
  apiVersion: string;
  startedRealMs: number;
  completesRealMs: number;
  /** Operation faults captured at start (lroFailed, lroNeverFinishes, unknownState, missingFields). */
  faults: Fault[];
  /** Computed once, at the first read after completion, from the simulation at completion time. */
  result?: unknown;
}

/**
 * Operations kept for polling. Bounded by age and count, so an emulator left running for days
 * (wall screens polling every minute) keeps flat memory.
 */
export class OperationStore {
  private readonly operations = new Map<string, LongRunningOperation>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly maxOperations = 20_000,
    private readonly realNow: () => number = Date.now,
  ) {}

  add(operation: LongRunningOperation): void {
    this.prune();
    this.operations.set(operation.id, operation);
    while (this.operations.size > this.maxOperations) {
      const oldest = this.operations.keys().next().value;
      if (oldest === undefined) break;
      this.operations.delete(oldest);
    }
  }

  get(id: string): LongRunningOperation | undefined {
    const operation = this.operations.get(id.toLowerCase());
    if (operation && this.realNow() - operation.startedRealMs > this.ttlMs) {
      this.operations.delete(operation.id);
      return undefined;
    }
    return operation;
  }

  get size(): number {
    return this.operations.size;
  }

  private prune(): void {
    const cutoff = this.realNow() - this.ttlMs;
    // Insertion order is start order: stop at the first one still fresh.
    for (const [id, operation] of this.operations) {
      if (operation.startedRealMs >= cutoff) break;
      this.operations.delete(id);
    }
  }
}
