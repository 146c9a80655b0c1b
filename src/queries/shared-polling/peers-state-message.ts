import type { QueryState } from '@tanstack/react-query';
import { ArmError, type ArmErrorInit } from '../../azure/arm-error';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { isObject } from '../../azure/json';

/**
 * One gateway's peers query state as it travels between tabs. BroadcastChannel copies with the
 * structured clone algorithm, which keeps an Error's name and message but not its class: an
 * `ArmError` would arrive as a plain Error without its code, status or Retry-After. So errors
 * travel as plain fields and are rebuilt on arrival.
 */
export interface SharedPeersState {
  gatewayId: string;
  data: BgpPeer[] | undefined;
  dataUpdatedAt: number;
  error: SharedError | null;
  errorUpdatedAt: number;
  status: 'pending' | 'error' | 'success';
  fetchStatus: 'fetching' | 'paused' | 'idle';
}

export type SharedError =
  | { kind: 'arm'; init: Omit<ArmErrorInit, 'cause'> }
  | { kind: 'error'; name: string; message: string };

export function shareError(error: unknown): SharedError | null {
  if (error === null || error === undefined) return null;
  if (error instanceof ArmError) {
    const init: Omit<ArmErrorInit, 'cause'> = { code: error.code, message: error.message, details: error.details.map((d) => ({ ...d })) };
    if (error.status !== undefined) init.status = error.status;
    if (error.target !== undefined) init.target = error.target;
    if (error.retryAfterMs !== undefined) init.retryAfterMs = error.retryAfterMs;
    if (error.requestId !== undefined) init.requestId = error.requestId;
    if (error.operationStatus !== undefined) init.operationStatus = error.operationStatus;
    return { kind: 'arm', init };
  }
  if (error instanceof Error) return { kind: 'error', name: error.name, message: error.message };
  return { kind: 'error', name: 'Error', message: String(error) };
}

export function rebuildError(shared: SharedError | null): Error | null {
  if (!shared) return null;
  if (shared.kind === 'arm') return new ArmError(shared.init);
  const error = new Error(shared.message);
  error.name = shared.name;
  return error;
}

export function sharePeersState(gatewayId: string, state: QueryState<unknown, unknown>): SharedPeersState {
  return {
    gatewayId,
    data: Array.isArray(state.data) ? (state.data as BgpPeer[]) : undefined,
    dataUpdatedAt: state.dataUpdatedAt,
    error: shareError(state.error),
    errorUpdatedAt: state.errorUpdatedAt,
    status: state.status,
    fetchStatus: state.fetchStatus,
  };
}

const STATUSES = ['pending', 'error', 'success'] as const;
const FETCH_STATUSES = ['fetching', 'paused', 'idle'] as const;

/** Checks a state that arrived from another tab (another version of the app may be open there). */
export function readSharedPeersState(value: unknown): SharedPeersState | null {
  if (!isObject(value)) return null;
  const { gatewayId, data, dataUpdatedAt, error, errorUpdatedAt, status, fetchStatus } = value;
  if (typeof gatewayId !== 'string' || typeof dataUpdatedAt !== 'number' || typeof errorUpdatedAt !== 'number') return null;
  if (data !== undefined && !Array.isArray(data)) return null;
  if (!STATUSES.includes(status as never) || !FETCH_STATUSES.includes(fetchStatus as never)) return null;
  if (error !== null && !(isObject(error) && (error.kind === 'arm' ? isObject(error.init) && typeof error.init.code === 'string' : error.kind === 'error'))) {
    return null;
  }
  return value as unknown as SharedPeersState;
}

/** The query state a follower stores: the leader's, timestamps included, so ages and STALE agree. */
export function peersQueryStateFrom(shared: SharedPeersState): Partial<QueryState<BgpPeer[], Error>> {
  const error = rebuildError(shared.error);
  return {
    data: shared.data,
    dataUpdatedAt: shared.dataUpdatedAt,
    error,
    errorUpdatedAt: shared.errorUpdatedAt,
    fetchFailureReason: error,
    status: shared.status,
    fetchStatus: shared.fetchStatus,
    isInvalidated: false,
  };
}
