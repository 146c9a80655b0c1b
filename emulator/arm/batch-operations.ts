import { randomUUID } from 'node:crypto';

/**
 * Batches answered asynchronously (more than 20 requests): the responses fill in as the inner
 * requests finish, and the batch's Location reads them, paged past 100. Bounded by age and count,
 * so an emulator left running for days keeps flat memory.
 */

/** One inner response as ARM's batch carries it: the headers as JSON, so CORS never hides them. */
export interface BatchResponse {
  name: string;
  httpStatusCode: number;
  headers: Record<string, string>;
  content?: unknown;
  contentLength: number;
}

export interface BatchOperation {
  id: string;
  /** The principal whose token sent the batch; only it may read the results (undefined: the token was refused). */
  ownerOid: string | undefined;
  apiVersion: string;
  createdRealMs: number;
  /** In request order; undefined while that request runs. */
  responses: (BatchResponse | undefined)[];
}

export const BATCH_PAGE_SIZE = 100;

export class BatchOperations {
  private readonly batches = new Map<string, BatchOperation>();

  constructor(
    private readonly realNow: () => number,
    private readonly ttlMs = 10 * 60_000,
    private readonly maxBatches = 100,
  ) {}

  start(size: number, ownerOid: string | undefined, apiVersion: string): BatchOperation {
    this.prune();
    const batch: BatchOperation = { id: randomUUID(), ownerOid, apiVersion, createdRealMs: this.realNow(), responses: new Array<undefined>(size).fill(undefined) };
    this.batches.set(batch.id, batch);
    while (this.batches.size > this.maxBatches) {
      const oldest = this.batches.keys().next().value;
      if (oldest === undefined) break;
      this.batches.delete(oldest);
    }
    return batch;
  }

  get(id: string): BatchOperation | undefined {
    this.prune();
    return this.batches.get(id.toLowerCase());
  }

  private prune(): void {
    const cutoff = this.realNow() - this.ttlMs;
    for (const [id, batch] of this.batches) {
      if (batch.createdRealMs >= cutoff) break;
      this.batches.delete(id);
    }
  }
}

export interface BatchPage {
  done: boolean;
  body: { responses: BatchResponse[] } | { value: BatchResponse[]; nextLink?: string };
}

/**
 * What one read of a batch's Location says. Up to 100 requests: `responses`, all finished so far.
 * Past 100: `value`, a page of 100 of the finished ones from `$skipToken`, and once the batch is
 * done a `nextLink` while pages remain (a client polls to 200 first, then follows nextLink).
 */
export function batchPage(batch: BatchOperation, skip: number, selfUrl: (skip: number) => string): BatchPage {
  const finished = batch.responses.filter((response): response is BatchResponse => response !== undefined);
  const done = finished.length === batch.responses.length;
  if (batch.responses.length <= BATCH_PAGE_SIZE) return { done, body: { responses: finished } };
  const value = finished.slice(skip, skip + BATCH_PAGE_SIZE);
  const next = skip + BATCH_PAGE_SIZE;
  return { done, body: { value, ...(done && next < finished.length ? { nextLink: selfUrl(next) } : {}) } };
}
