import type { IncomingHttpHeaders } from 'node:http';
import type { ControlState } from '../control/control-api';
import type { ArmOperation } from '../control/faults';
import type { AnswerSink } from '../http-io';
import type { SimClock } from '../simulation/sim-clock';
import type { Simulation } from '../simulation/simulation';
import type { VerifiedToken } from '../identity/token-verifier';
import type { LongRunningOperation, OperationStore } from './long-running-operations';

/** Where a request's path leads: the operation and the names the path carries. */
export interface ArmRoute {
  operation?: ArmOperation;
  method?: 'GET' | 'POST';
  subscriptionId?: string;
  resourceGroup?: string;
  gatewayName?: string;
  location?: string;
  operationId?: string;
}

/** What ARM's pipeline reads of a request: a node IncomingMessage, or one request of a batch held in memory. */
export interface ArmIncoming extends AsyncIterable<unknown> {
  method?: string | undefined;
  headers: IncomingHttpHeaders;
  /** The dropConnection fault destroys it. */
  socket: { destroy(): void };
}

/** What ARM's pipeline writes: a node ServerResponse, or one answer of a batch kept in memory. */
export interface ArmOutgoing extends AnswerSink {
  setHeader(name: string, value: string): unknown;
  destroy(): unknown;
  readonly headersSent: boolean;
  readonly destroyed: boolean;
  readonly writableEnded: boolean;
  once(event: 'close', listener: () => void): unknown;
}

/** One request that passed authentication, api-version, throttling and faults, as a handler gets it. */
export interface ArmRequest {
  req: ArmIncoming;
  res: ArmOutgoing;
  url: URL;
  route: ArmRoute & { operation: ArmOperation };
  /** `http://host:port` as the caller named it: nextLink and polling URLs start with it. */
  base: string;
  apiVersion: string;
  /** The operation a status or result URL names, if it is still kept. */
  longRunningOperation: LongRunningOperation | undefined;
  /** The caller, from its verified token (`tid`: the tenant it was issued for). */
  principal: VerifiedToken;
}

/** What the handlers read: the simulation, the control API's overlays and the operations in flight. */
export interface ArmContext {
  simulation: Simulation;
  clock: SimClock;
  control: ControlState;
  operations: OperationStore;
  realNow: () => number;
  /** Real milliseconds a long-running operation takes. */
  lroMs: number;
  /** The `Retry-After` the long-running answers carry. */
  retryAfter: string;
  /** Resource Graph: at most this many rows per page whatever `$top` asks (`--resource-graph-page-cap`). */
  resourceGraphPageCap?: number;
  /** Resource Graph answers 403 AuthorizationFailed to every query (`--refuse-resource-graph`). */
  refuseResourceGraph?: boolean;
  /** Gateways answered with `enableBgp: false` (`--bgp-off-gateways`), lower-cased IDs. */
  bgpOff?: ReadonlySet<string>;
}

export type ArmHandler = (request: ArmRequest, context: ArmContext) => void | Promise<void>;

export function gatewayPath(route: ArmRoute): string {
  return `/subscriptions/${route.subscriptionId}/resourceGroups/${route.resourceGroup}/providers/Microsoft.Network/virtualNetworkGateways/${route.gatewayName}`;
}

/** ARM treats query parameter names case-insensitively (`api-version`, `$skipToken`). */
export function searchParamIgnoreCase(url: URL, name: string): string | null {
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === name.toLowerCase()) return value;
  return null;
}
