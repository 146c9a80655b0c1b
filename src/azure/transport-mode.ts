import { isAbortError, isArmError } from './arm-error';
import { isBatchFailure } from './batch-transport';
import type { ArmRequest, ArmResponse, ArmTransport } from './transport';

/** How the client is told to reach ARM: `auto` prefers the batch endpoint and falls back to direct. */
export type TransportChoice = 'auto' | 'batch' | 'direct';
/** How it reaches ARM right now. */
export type TransportMode = 'batch' | 'direct';

export interface SwitchingTransportOptions {
  choice: TransportChoice;
  direct: ArmTransport;
  batch: ArmTransport;
  now: () => number;
  /** After the batch endpoint was refused, `auto` tries it again this much later; default 10 min. */
  retryBatchAfterMs?: number;
  /** Said once per change of mode, with the reason in words. */
  onModeChange?: (mode: TransportMode, reason: string) => void;
}

export interface SwitchingTransport extends ArmTransport {
  mode(): TransportMode;
  /**
   * The poller met a 202 whose polling headers it could not read (CORS). Switches to the batch
   * endpoint, whose inner headers arrive as JSON, unless it is already in use or was refused
   * lately; true when it switched, so the operation is worth starting again.
   */
  pollingHeadersUnreadable(): boolean;
}

const REFUSED_STATUSES = new Set([400, 404, 405]);

/** Why an error of the batch request means the endpoint is not there for us; undefined if it does not. */
function refusal(e: unknown): string | undefined {
  if (!isArmError(e)) return undefined;
  if (e.status !== undefined && REFUSED_STATUSES.has(e.status)) return `ARM refused its batch endpoint (HTTP ${e.status} ${e.code})`;
  if (e.code === 'InvalidResponse' || e.code === 'BatchLocationUnreadable') return `ARM's batch answer could not be used (${e.code})`;
  return undefined;
}

function minutes(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

/**
 * One transport that sends through ARM's batch endpoint or directly, and says which: `batch`
 * always batches; `auto` batches, falls back to direct when the batch endpoint is refused (or
 * cannot be reached while direct requests get through) and tries it again later; `direct` sends
 * directly until the poller meets unreadable polling headers, then batches.
 */
export function createSwitchingTransport(options: SwitchingTransportOptions): SwitchingTransport {
  const { choice, direct, batch, now, onModeChange } = options;
  const retryBatchAfterMs = Math.max(0, options.retryBatchAfterMs ?? 600_000);
  let mode: TransportMode = choice === 'direct' ? 'direct' : 'batch';
  let announced: TransportMode | undefined;
  let refusedAt: number | undefined;

  function announce(next: TransportMode, reason: string): void {
    mode = next;
    if (announced === next) return;
    announced = next;
    onModeChange?.(next, reason);
  }

  function refusedLately(): boolean {
    return refusedAt !== undefined && now() - refusedAt < retryBatchAfterMs;
  }

  function fallBack(reason: string): void {
    refusedAt = now();
    announce('direct', `${reason}; requests go one by one, and batch is tried again in ${minutes(retryBatchAfterMs)}.`);
  }

  function batchWorks(): void {
    if (announced === 'batch') return;
    const reason =
      refusedAt !== undefined
        ? "ARM's batch endpoint answers again; requests go in batches."
        : choice === 'batch'
          ? 'Requests go through ARM\'s batch endpoint, as configured.'
          : "ARM's batch endpoint answers; requests go in batches.";
    announce('batch', reason);
  }

  /** The batch POST could not reach ARM: if a direct request can, batching is what fails here. */
  async function directInstead(request: ArmRequest, batchError: unknown): Promise<ArmResponse> {
    const reason = `ARM's batch endpoint could not be reached (${isArmError(batchError) ? batchError.code : 'error'}) while direct requests get through`;
    try {
      const response = await direct.send(request);
      fallBack(reason);
      return response;
    } catch (e) {
      // Any answer from ARM (even an error status) shows the direct route works.
      if (isArmError(e) && e.status !== undefined) fallBack(reason);
      throw e;
    }
  }

  async function viaBatch(request: ArmRequest): Promise<ArmResponse> {
    let response: ArmResponse;
    try {
      response = await batch.send(request);
    } catch (e) {
      if (isAbortError(e) || request.signal?.aborted) throw e;
      if (!isBatchFailure(e)) {
        batchWorks();
        throw e;
      }
      if (choice === 'batch') throw e;
      const reason = refusal(e);
      if (reason !== undefined) {
        fallBack(reason);
        return direct.send(request);
      }
      if (isArmError(e) && e.code === 'NetworkError') return directInstead(request, e);
      throw e;
    }
    batchWorks();
    return response;
  }

  return {
    urls: direct.urls,
    mode: () => mode,
    send: (request) => {
      const retryDue = choice === 'auto' && mode === 'direct' && refusedAt !== undefined && !refusedLately();
      if (mode === 'batch' || retryDue) return viaBatch(request);
      if (announced === undefined) announce('direct', 'Requests go to ARM one by one, as configured.');
      return direct.send(request);
    },
    pollingHeadersUnreadable: () => {
      if (refusedLately()) return false;
      // Operations started directly just before another one switched the mode land here too:
      // they are started once more, through batch, rather than failing their gateway's poll.
      announce(
        'batch',
        "ARM's polling headers cannot be read here (CORS), so requests now go through ARM's batch endpoint, whose answers carry them as JSON.",
      );
      return true;
    },
  };
}
