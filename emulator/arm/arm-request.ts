import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlState } from '../control/control-api';
import type { ArmOperation } from '../control/faults';
import type { SimClock } from '../simulation/sim-clock';
import type { Simulation } from '../simulation/simulation';
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

/** One request that passed authentication, api-version, throttling and faults, as a handler gets it. */
export interface ArmRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  route: ArmRoute & { operation: ArmOperation };
  /** `http://host:port` as the caller named it: nextLink and polling URLs start with it. */
  base: string;
  apiVersion: string;
  /** The operation a status or result URL names, if it is still kept. */
  longRunningOperation: LongRunningOperation | undefined;
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
