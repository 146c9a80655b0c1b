import { LONG_RUNNING_OPERATIONS, type ArmOperation, type LongRunningOperationName } from '../control/faults';
import type { ArmHandler, ArmRoute } from './arm-request';
import { answerOperationResult, answerOperationStatus, startLongRunningOperation } from './bgp-operations';
import { getGateway, listGateways, listResourceGroups } from './gateways';
import { answerMetrics } from './metrics';
import { answerResourceGraph } from './resource-graph';
import { getSubscription, listSubscriptions, listTenants } from './subscriptions-and-tenants';

/** The ARM paths the emulator answers (any casing, as ARM) and the handler of each operation. */

const HANDLERS: Record<ArmOperation, ArmHandler> = {
  listSubscriptions,
  getSubscription,
  listTenants,
  resourceGraph: answerResourceGraph,
  listResourceGroups,
  listGateways,
  getGateway,
  getBgpPeerStatus: startLongRunningOperation,
  getLearnedRoutes: startLongRunningOperation,
  getAdvertisedRoutes: startLongRunningOperation,
  lroStatus: answerOperationStatus,
  lroResult: answerOperationResult,
  metrics: answerMetrics,
};

export function handlerFor(operation: ArmOperation): ArmHandler {
  return HANDLERS[operation];
}

/** The action segment after a gateway's name (`.../getBgpPeerStatus`), lower-cased, to its operation. */
const ACTIONS = new Map<string, LongRunningOperationName>(LONG_RUNNING_OPERATIONS.map((name) => [name.toLowerCase(), name]));

/** An empty route (no operation) is a path ARM does not know. */
export function matchRoute(pathname: string): ArmRoute {
  let segments: string[];
  try {
    segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return {};
  }
  const lower = segments.map((s) => s.toLowerCase());
  const at = (i: number) => segments[i] ?? '';
  const is = (...pattern: (string | null)[]) =>
    lower.length === pattern.length && pattern.every((p, i) => p === null || p === lower[i]);

  if (is('subscriptions')) return { operation: 'listSubscriptions', method: 'GET' };
  if (is('subscriptions', null)) return { operation: 'getSubscription', method: 'GET', subscriptionId: at(1) };
  if (is('subscriptions', null, 'resourcegroups')) return { operation: 'listResourceGroups', method: 'GET', subscriptionId: at(1) };
  if (is('tenants')) return { operation: 'listTenants', method: 'GET' };
  if (is('providers', 'microsoft.resourcegraph', 'resources')) return { operation: 'resourceGraph', method: 'POST' };

  const gatewaysPrefix = ['subscriptions', null, 'resourcegroups', null, 'providers', 'microsoft.network', 'virtualnetworkgateways'];
  const scope = { subscriptionId: at(1), resourceGroup: at(3) };
  if (is(...gatewaysPrefix)) return { operation: 'listGateways', method: 'GET', ...scope };
  if (is(...gatewaysPrefix, null)) return { operation: 'getGateway', method: 'GET', ...scope, gatewayName: at(7) };
  const action = ACTIONS.get(lower[8] ?? '');
  if (is(...gatewaysPrefix, null, null) && action) return { operation: action, method: 'POST', ...scope, gatewayName: at(7) };
  if (is(...gatewaysPrefix, null, 'providers', 'microsoft.insights', 'metrics')) {
    return { operation: 'metrics', method: 'GET', ...scope, gatewayName: at(7) };
  }
  if (is('subscriptions', null, 'providers', 'microsoft.network', 'locations', null, 'operations', null)) {
    return { operation: 'lroStatus', method: 'GET', subscriptionId: at(1), location: at(5), operationId: at(7) };
  }
  if (is('subscriptions', null, 'providers', 'microsoft.network', 'locations', null, 'operationresults', null)) {
    return { operation: 'lroResult', method: 'GET', subscriptionId: at(1), location: at(5), operationId: at(7) };
  }
  return {};
}
