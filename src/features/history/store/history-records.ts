import type { BgpPeerState } from '../../../azure/bgp-peer-status';
import { isObject } from '../../../azure/json';
import type { HistoryEvent, HistoryEventKind, PeerSample, PollOutcome } from '../model/peer-sample';

/**
 * Checks on records read back from storage. A record can be damaged (a browser bug, a disk
 * error, an old tab writing an older shape); one bad record is skipped and counted, never fatal.
 */

const STATES: readonly BgpPeerState[] = ['Connected', 'Connecting', 'Idle', 'Stopped', 'Unknown'];
const EVENT_KINDS: readonly HistoryEventKind[] = [
  'state-change', 'session-reset', 're-established', 'routes-changed', 'gateway-stopped-answering', 'gateway-answering-again',
];

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;
const isCount = (value: unknown): value is number | null => value === null || (typeof value === 'number' && Number.isFinite(value) && value >= 0);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 2048;

export function readSample(value: unknown): PeerSample | null {
  if (!isObject(value)) return null;
  const { gatewayId, peerKey, time, state, routesReceived, messagesSent, messagesReceived, connectedSeconds } = value;
  if (!isText(gatewayId) || !isText(peerKey) || !isTime(time)) return null;
  if (typeof state !== 'string' || !STATES.includes(state as BgpPeerState)) return null;
  if (!isCount(routesReceived) || !isCount(messagesSent) || !isCount(messagesReceived) || !isCount(connectedSeconds)) return null;
  return { gatewayId, peerKey, time, state: state as BgpPeerState, routesReceived, messagesSent, messagesReceived, connectedSeconds };
}

export function readPoll(value: unknown): PollOutcome | null {
  if (!isObject(value)) return null;
  const { gatewayId, time, ok, errorCode } = value;
  if (!isText(gatewayId) || !isTime(time) || typeof ok !== 'boolean') return null;
  if (errorCode !== undefined && typeof errorCode !== 'string') return null;
  return { gatewayId, time, ok, ...(errorCode !== undefined ? { errorCode } : {}) };
}

export function readEvent(value: unknown): HistoryEvent | null {
  if (!isObject(value)) return null;
  const { id, gatewayId, peerKey, time, kind, from, to, detail } = value;
  if (!isText(id) || !isText(gatewayId) || !isTime(time) || typeof detail !== 'string') return null;
  if (peerKey !== null && !isText(peerKey)) return null;
  if (typeof kind !== 'string' || !EVENT_KINDS.includes(kind as HistoryEventKind)) return null;
  if ((from !== undefined && typeof from !== 'string') || (to !== undefined && typeof to !== 'string')) return null;
  return {
    id, gatewayId, peerKey, time, kind: kind as HistoryEventKind, detail,
    ...(typeof from === 'string' ? { from } : {}),
    ...(typeof to === 'string' ? { to } : {}),
  };
}

/** Keeps the records that pass `read`, and counts the rest. */
export function keepReadable<T>(values: readonly unknown[], read: (value: unknown) => T | null): { records: T[]; skipped: number } {
  const records: T[] = [];
  let skipped = 0;
  for (const value of values) {
    const record = read(value);
    if (record) records.push(record);
    else skipped++;
  }
  return { records, skipped };
}
