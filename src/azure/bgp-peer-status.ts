import { ArmError } from './arm-error';
import { parseTimeSpan } from './timespan';

export type BgpPeerState = 'Connected' | 'Connecting' | 'Idle' | 'Stopped' | 'Unknown';

export interface BgpPeer {
  neighbor: string | null;
  localAddress: string | null;
  asn: number | null;
  state: BgpPeerState;
  /** The state string as ARM sent it, when it was not one of the five known states; null otherwise. */
  rawState: string | null;
  connectedDuration: string | null;
  connectedSeconds: number | null;
  routesReceived: number | null;
  messagesSent: number | null;
  messagesReceived: number | null;
  /** Human notes about fields that were missing or malformed; empty when the entry was clean. */
  problems: string[];
}

export const MAX_TEXT_LENGTH = 256;
const MAX_ASN = 4_294_967_295;
const STATES: readonly BgpPeerState[] = ['Connected', 'Connecting', 'Idle', 'Stopped', 'Unknown'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

/** A bounded string field; missing or wrong-typed becomes null with a note. */
export function readText(
  entry: Record<string, unknown>,
  field: string,
  problems: string[],
  { optional = false } = {},
): string | null {
  const value = entry[field];
  if (value === undefined || value === null) {
    if (!optional) problems.push(`${field} was missing`);
    return null;
  }
  if (typeof value !== 'string') {
    problems.push(`${field} was ${describe(value)}, not a string`);
    return null;
  }
  if (value.length > MAX_TEXT_LENGTH) {
    problems.push(`${field} was longer than ${MAX_TEXT_LENGTH} characters and was cut`);
    return value.slice(0, MAX_TEXT_LENGTH);
  }
  return value;
}

/**
 * A whole number in [0, max]. ARM's int64 fields are JSON numbers, but a serializer may send
 * large int64 values as digit strings, so those are accepted too.
 */
export function readWholeNumber(
  entry: Record<string, unknown>,
  field: string,
  problems: string[],
  max: number,
  { optional = false } = {},
): number | null {
  const value = entry[field];
  if (value === undefined || value === null) {
    if (!optional) problems.push(`${field} was missing`);
    return null;
  }
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > max) {
    problems.push(`${field} was not a whole number between 0 and ${max}`);
    return null;
  }
  return n;
}

function readState(entry: Record<string, unknown>, problems: string[]): { state: BgpPeerState; rawState: string | null } {
  const value = entry.state;
  if (value === undefined || value === null) {
    problems.push('state was missing');
    return { state: 'Unknown', rawState: null };
  }
  if (typeof value !== 'string') {
    problems.push(`state was ${describe(value)}, not a string`);
    return { state: 'Unknown', rawState: null };
  }
  const known = STATES.find((s) => s.toLowerCase() === value.trim().toLowerCase());
  if (known) return { state: known, rawState: null };
  const raw = value.slice(0, MAX_TEXT_LENGTH);
  problems.push(`state "${raw}" is not a known BGP state`);
  return { state: 'Unknown', rawState: raw };
}

function parsePeer(entry: unknown, index: number): BgpPeer {
  const problems: string[] = [];
  if (!isObject(entry)) {
    return {
      neighbor: null, localAddress: null, asn: null, state: 'Unknown', rawState: null,
      connectedDuration: null, connectedSeconds: null,
      routesReceived: null, messagesSent: null, messagesReceived: null,
      problems: [`peer entry ${index + 1} was ${describe(entry)}, not an object`],
    };
  }
  const { state, rawState } = readState(entry, problems);
  // null is ARM's normal answer for a peer that is not connected, so only a bad string is noted.
  const connectedDuration = readText(entry, 'connectedDuration', problems, { optional: true });
  const connectedSeconds = parseTimeSpan(connectedDuration);
  if (connectedDuration !== null && (connectedSeconds === null || connectedSeconds < 0)) {
    problems.push(`connectedDuration "${connectedDuration}" is not a duration`);
  }
  // A connected session always has a duration; without one "Connected for —" would look normal.
  if (connectedDuration === null && state === 'Connected' && (entry.connectedDuration ?? null) === null) {
    problems.push('connectedDuration was missing');
  }
  return {
    neighbor: readText(entry, 'neighbor', problems),
    localAddress: readText(entry, 'localAddress', problems),
    asn: readWholeNumber(entry, 'asn', problems, MAX_ASN),
    state,
    rawState,
    // The raw string is kept even when unreadable, so the grid can still show what ARM said.
    connectedDuration,
    connectedSeconds: connectedSeconds !== null && connectedSeconds >= 0 ? connectedSeconds : null,
    routesReceived: readWholeNumber(entry, 'routesReceived', problems, Number.MAX_SAFE_INTEGER),
    messagesSent: readWholeNumber(entry, 'messagesSent', problems, Number.MAX_SAFE_INTEGER),
    messagesReceived: readWholeNumber(entry, 'messagesReceived', problems, Number.MAX_SAFE_INTEGER),
    problems,
  };
}

/**
 * Validates a `BgpPeerStatusListResult`. Only a body without a `value` array is an error; a
 * bad field in one peer becomes null with a note, so one odd peer never hides the others.
 */
export function parseBgpPeerStatusList(body: unknown): BgpPeer[] {
  if (!isObject(body) || !Array.isArray(body.value)) {
    throw new ArmError({
      code: 'InvalidResponse',
      message: `The BGP peer status answer was ${isObject(body) ? 'an object without a "value" array' : describe(body)}, not {"value": [...]}.`,
    });
  }
  return body.value.map(parsePeer);
}
