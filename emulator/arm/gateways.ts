import { sendJson, type AnswerSink } from '../http-io';
import type { Gateway } from '../simulation/fleet';
import type { Simulation } from '../simulation/simulation';
import { gatewayPath, searchParamIgnoreCase, type ArmHandler, type ArmRoute } from './arm-request';
import { resourceNotFoundMessage, sendCloudError } from './cloud-error';
import { gatewayJson } from './gateway-json';
import { findResourceGroup, findSubscription } from './subscriptions-and-tenants';

/** `GET .../resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworkGateways[/{name}]`. */

const LIST_PAGE_SIZE = 5;

/** One page of an ARM list from its `$skipToken` (an offset here), and the `nextLink` to the rest. */
function listPage<T>(all: readonly T[], url: URL, listUrl: string): { page: T[]; nextLink: string | undefined } {
  const skip = Number(searchParamIgnoreCase(url, '$skipToken') ?? '0');
  const start = Number.isInteger(skip) && skip >= 0 ? skip : 0;
  const page = all.slice(start, start + LIST_PAGE_SIZE);
  const next = start + page.length;
  return { page, nextLink: next < all.length ? `${listUrl}&$skipToken=${next}` : undefined };
}

/** Resolves a gateway route to the fleet's gateway, or answers ARM's 404 and returns undefined. */
export function resolveGateway(route: ArmRoute, res: AnswerSink, simulation: Simulation): Gateway | undefined {
  const { fleet } = simulation;
  const subscriptionId = route.subscriptionId ?? '';
  const resourceGroup = route.resourceGroup ?? '';
  if (!findSubscription(fleet, subscriptionId)) {
    sendCloudError(res, 404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
    return undefined;
  }
  if (!findResourceGroup(fleet, subscriptionId, resourceGroup)) {
    sendCloudError(res, 404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`);
    return undefined;
  }
  const gateway = simulation.findGateway(gatewayPath(route));
  if (!gateway) {
    sendCloudError(res, 404, 'ResourceNotFound', resourceNotFoundMessage('Microsoft.Network/virtualNetworkGateways', route.gatewayName ?? '', resourceGroup));
  }
  return gateway;
}

export const getGateway: ArmHandler = ({ res, route }, { simulation, bgpOff }) => {
  const gateway = resolveGateway(route, res, simulation);
  if (gateway) sendJson(res, 200, gatewayJson(gateway, bgpOff));
};

/** Pages of five, so clients have to follow `nextLink` as they must with ARM. */
export const listGateways: ArmHandler = ({ res, route, url, base, apiVersion }, { simulation: { fleet }, bgpOff }) => {
  if (!findSubscription(fleet, route.subscriptionId ?? '')) {
    return sendCloudError(res, 404, 'SubscriptionNotFound', `The subscription '${route.subscriptionId}' could not be found.`);
  }
  const group = findResourceGroup(fleet, route.subscriptionId ?? '', route.resourceGroup ?? '');
  if (!group) return sendCloudError(res, 404, 'ResourceGroupNotFound', `Resource group '${route.resourceGroup}' could not be found.`);
  const all = fleet.tenants.flatMap((tenant) => tenant.gateways).filter((g) => g.subscriptionId === group.subscriptionId && g.resourceGroup === group.name);
  const { page, nextLink } = listPage(all, url, `${base}/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}/providers/Microsoft.Network/virtualNetworkGateways?api-version=${encodeURIComponent(apiVersion)}`);
  return sendJson(res, 200, { value: page.map((g) => gatewayJson(g, bgpOff)), ...(nextLink ? { nextLink } : {}) });
};

/**
 * `GET /subscriptions/{s}/resourcegroups`: the subscription's groups, in pages of `LIST_PAGE_SIZE`
 * with `nextLink` (the route to gateways where Resource Graph is refused).
 */
export const listResourceGroups: ArmHandler = ({ res, route, url, base, apiVersion }, { simulation: { fleet } }) => {
  const subscription = findSubscription(fleet, route.subscriptionId ?? '');
  if (!subscription) {
    return sendCloudError(res, 404, 'SubscriptionNotFound', `The subscription '${route.subscriptionId}' could not be found.`);
  }
  const all = fleet.resourceGroups.filter((g) => g.subscriptionId === subscription.subscriptionId);
  const { page, nextLink } = listPage(all, url, `${base}/subscriptions/${subscription.subscriptionId}/resourcegroups?api-version=${encodeURIComponent(apiVersion)}`);
  return sendJson(res, 200, {
    value: page.map((group) => ({
      id: `/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}`,
      name: group.name,
      type: 'Microsoft.Resources/resourceGroups',
      location: group.location,
      properties: { provisioningState: 'Succeeded' },
    })),
    ...(nextLink ? { nextLink } : {}),
  });
};
