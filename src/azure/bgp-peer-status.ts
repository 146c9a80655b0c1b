import { ArmError } from './arm-error';
import { describeValue, isObject, MAX_TEXT_LENGTH, readText, readWholeNumber } from './json';
import { runLongRunning, type LongRunningOptions, type PollingContext } from './long-running';
import { gatewayPath, parseGatewayId } from './resource-id';
import { parseTimeSpan } from './timespan';

/** The states ARM documents for a BGP peer; anything else it sends is read as Unknown. */
export const BGP_PEER_STATES = ['Connected', 'Connecting', 'Idle', 'Stopped', 'Unknown'] as const;
export type BgpPeerState = (typeof BGP_PEER_STATES)[number];

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

const MAX_ASN = 4_294_967_295;

function readState(entry: Record<string, unknown>, problems: string[]): { state: BgpPeerState; rawState: string | null } {
  const value = entry.state;
  if (value === undefined || value === null) {
    problems.push('state was missing');
    return { state: 'Unknown', rawState: null };
  }
  if (typeof value !== 'string') {
    problems.push(`state was ${describeValue(value)}, not a string`);
    return { state: 'Unknown', rawState: null };
  }
  const known = BGP_PEER_STATES.find((s) => s.toLowerCase() === value.trim().toLowerCase());
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
      problems: [`peer entry ${index + 1} was ${describeValue(entry)}, not an object`],
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
      message: `The BGP peer status answer was ${isObject(body) ? 'an object without a "value" array' : describeValue(body)}, not {"value": [...]}.`,
    });
  }
  return body.value.map(parsePeer);
}

/**
 * The BGP peers of a gateway as its `getBgpPeerStatus` operation reports them, all of them or
 * the one `peer`. A long-running POST: ARM counts it as a write.
 */
export async function getBgpPeerStatus(
  operations: PollingContext,
  gatewayId: string,
  options: LongRunningOptions & { peer?: string } = {},
): Promise<BgpPeer[]> {
  const ref = parseGatewayId(gatewayId);
  const peer = options.peer?.trim();
  const query = peer ? `?peer=${encodeURIComponent(peer)}` : '';
  const url = operations.transport.urls.request(`${gatewayPath(ref)}/getBgpPeerStatus${query}`);
  const result = await runLongRunning(operations, url, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.urgent ? { urgent: true } : {}),
  });
  if (result === undefined) {
    throw new ArmError({
      code: 'InvalidResponse',
      message: 'The BGP peer status operation finished with no result.',
    });
  }
  return parseBgpPeerStatusList(result);
}
