import { ArmError, isArmError } from './arm-error';
import { API_VERSIONS } from './arm-urls';
import { isObject, readText, readWholeNumber } from './json';
import { readAllPages } from './list-pages';
import { queryResourceGraph } from './resource-graph';
import { gatewayPath, parseGatewayId } from './resource-id';
import { listSubscriptions } from './subscriptions';
import type { ArmTransport } from './transport';

export interface BgpPeeringAddress {
  ipconfigurationId: string | null;
  defaultBgpIpAddresses: string[];
  customBgpIpAddresses: string[];
  tunnelIpAddresses: string[];
}

export interface GatewaySummary {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string | null;
  gatewayType: string | null;
  vpnType: string | null;
  sku: string | null;
  /** `vpnGatewayGeneration` (Generation1 / Generation2; None for ExpressRoute). */
  generation: string | null;
  activeActive: boolean;
  enableBgp: boolean;
  bgpAsn: number | null;
  bgpPeeringAddresses: BgpPeeringAddress[];
  provisioningState: string | null;
}

const MAX_ASN = 4_294_967_295;
const MAX_LIST = 64;
const GATEWAYS_QUERY =
  "Resources | where type =~ 'microsoft.network/virtualnetworkgateways' | project id, name, location, resourceGroup, subscriptionId, properties | order by id asc";

function optionalText(source: Record<string, unknown>, field: string): string | null {
  // Gateway fields are display-only: a bad one is simply not shown, so its notes are dropped.
  return readText(source, field, [], { optional: true });
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string' && v.length <= 256).slice(0, MAX_LIST);
}

function peeringAddresses(value: unknown): BgpPeeringAddress[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isObject)
    .slice(0, MAX_LIST)
    .map((a) => ({
      ipconfigurationId: optionalText(a, 'ipconfigurationId'),
      defaultBgpIpAddresses: stringList(a.defaultBgpIpAddresses),
      customBgpIpAddresses: stringList(a.customBgpIpAddresses),
      tunnelIpAddresses: stringList(a.tunnelIpAddresses),
    }));
}

/**
 * Validates a gateway as ARM's GET returns it, or as a Resource Graph row
 * (`{id, name, location, resourceGroup, subscriptionId, properties}`). The ID must be a valid
 * gateway ID (it is what every later call is built from); every other field falls back to a
 * safe value.
 */
export function parseGateway(body: unknown): GatewaySummary {
  if (!isObject(body)) {
    throw new ArmError({ code: 'InvalidResponse', message: 'The gateway answer was not a JSON object.' });
  }
  if (typeof body.id !== 'string') {
    throw new ArmError({ code: 'InvalidResponse', message: 'The gateway answer has no "id".' });
  }
  let ref;
  try {
    ref = parseGatewayId(body.id);
  } catch (e) {
    if (!isArmError(e)) throw e;
    throw new ArmError({ code: 'InvalidResponse', message: `The gateway answer has a bad "id": ${e.message}`, cause: e });
  }
  const properties = isObject(body.properties) ? body.properties : {};
  const bgpSettings = isObject(properties.bgpSettings) ? properties.bgpSettings : {};
  // The gateway SKU sits in properties; a top-level sku is accepted for other API shapes.
  const skuSource = isObject(properties.sku) ? properties.sku : isObject(body.sku) ? body.sku : {};
  return {
    id: ref.id,
    name: ref.name,
    subscriptionId: ref.subscriptionId,
    resourceGroup: ref.resourceGroup,
    location: optionalText(body, 'location'),
    gatewayType: optionalText(properties, 'gatewayType'),
    vpnType: optionalText(properties, 'vpnType'),
    sku: optionalText(skuSource, 'name'),
    generation: optionalText(properties, 'vpnGatewayGeneration'),
    activeActive: properties.activeActive === true,
    enableBgp: properties.enableBgp === true,
    bgpAsn: readWholeNumber(bgpSettings, 'asn', [], MAX_ASN, { optional: true }),
    bgpPeeringAddresses: peeringAddresses(bgpSettings.bgpPeeringAddresses),
    provisioningState: optionalText(properties, 'provisioningState'),
  };
}

/** One gateway, read with ARM's GET. */
export async function getGateway(
  transport: ArmTransport,
  gatewayId: string,
  options: { signal?: AbortSignal } = {},
): Promise<GatewaySummary> {
  const ref = parseGatewayId(gatewayId);
  const url = transport.urls.request(gatewayPath(ref));
  const { body } = await transport.send({ method: 'GET', url, signal: options.signal });
  return parseGateway(body);
}

/** How the gateways were found: Resource Graph, or ARM's lists per resource group where it was refused. */
export interface GatewayDiscovery {
  gateways: GatewaySummary[];
  source: 'resourceGraph' | 'resourceGroups';
  /** Why Resource Graph was not used (its refusal, in words), when the lists were. */
  resourceGraphRefusal: string | null;
  /** Subscriptions or resource groups the per-group listing could not read; the rest are listed. */
  unreadable: { scope: string; error: ArmError }[];
}

/**
 * Codes with which ARM refuses Resource Graph itself (no read permission on the provider, the
 * provider not registered in the subscription, or policy): then listing each resource group still
 * works with the plain `read` permission the gateways need anyway.
 */
const REFUSAL_CODES = new Set([
  'AuthorizationFailed',
  'MissingSubscriptionRegistration',
  'SubscriptionNotRegistered',
  'NoRegisteredProviderFound',
  'RequestDisallowedByPolicy',
]);

export function isResourceGraphRefusal(error: unknown): error is ArmError {
  return isArmError(error) && (error.status === 403 || REFUSAL_CODES.has(error.code));
}

/**
 * Every virtual network gateway in the subscriptions (all the user can see when none are
 * given), from Resource Graph (ARM has no per-subscription list of gateways); where Resource
 * Graph is refused, from each resource group's gateway list.
 */
export async function findGateways(
  transport: ArmTransport,
  options: { signal?: AbortSignal; subscriptionIds?: readonly string[] } = {},
): Promise<GatewayDiscovery> {
  const subscriptionIds =
    options.subscriptionIds ?? (await listSubscriptions(transport, { signal: options.signal })).map((s) => s.subscriptionId);
  if (subscriptionIds.length === 0) return { gateways: [], source: 'resourceGraph', resourceGraphRefusal: null, unreadable: [] };
  let rows: unknown[];
  try {
    rows = await queryResourceGraph(transport, GATEWAYS_QUERY, subscriptionIds, options.signal);
  } catch (error) {
    if (!isResourceGraphRefusal(error)) throw error;
    const listed = await listGatewaysByResourceGroup(transport, subscriptionIds, options.signal);
    return { ...listed, source: 'resourceGroups', resourceGraphRefusal: `${error.code}: ${error.message}` };
  }
  return { gateways: parseRows(rows), source: 'resourceGraph', resourceGraphRefusal: null, unreadable: [] };
}

/** The gateways Resource Graph finds, as a plain list (scripts and the dashboard's discovery). */
export async function discoverGateways(
  transport: ArmTransport,
  options: { signal?: AbortSignal; subscriptionIds?: readonly string[] } = {},
): Promise<GatewaySummary[]> {
  return (await findGateways(transport, options)).gateways;
}

function parseRows(rows: readonly unknown[]): GatewaySummary[] {
  const gateways: GatewaySummary[] = [];
  for (const row of rows) {
    try {
      gateways.push(parseGateway(row));
    } catch (e) {
      // A row without a usable gateway ID cannot be watched; the others still can.
      if (!isArmError(e)) throw e;
    }
  }
  return gateways;
}

/**
 * `GET /subscriptions/{s}/resourcegroups`, then each group's
 * `.../providers/Microsoft.Network/virtualNetworkGateways`, every page by `nextLink`. A subscription
 * or group that cannot be read is reported and skipped; when nothing at all can be read, its
 * first error is thrown.
 */
export async function listGatewaysByResourceGroup(
  transport: ArmTransport,
  subscriptionIds: readonly string[],
  signal?: AbortSignal,
): Promise<Pick<GatewayDiscovery, 'gateways' | 'unreadable'>> {
  const unreadable: GatewayDiscovery['unreadable'] = [];
  let readAny = false;
  const remember = (scope: string) => (error: unknown) => {
    if (!isArmError(error)) throw error;
    unreadable.push({ scope, error });
    return [] as unknown[];
  };
  const perSubscription = await Promise.all(
    subscriptionIds.map(async (subscriptionId) => {
      const subscriptionPath = `/subscriptions/${encodeURIComponent(subscriptionId)}`;
      const groups = await readAllPages(
        transport,
        transport.urls.request(`${subscriptionPath}/resourcegroups`, API_VERSIONS.resourceGroups),
        signal,
      ).catch(remember(subscriptionPath));
      const names = groups.filter(isObject).flatMap((g) => (typeof g.name === 'string' && g.name !== '' ? [g.name] : []));
      const lists = await Promise.all(
        names.map((name) => {
          const groupPath = `${subscriptionPath}/resourceGroups/${encodeURIComponent(name)}`;
          const url = transport.urls.request(`${groupPath}/providers/Microsoft.Network/virtualNetworkGateways`);
          return readAllPages(transport, url, signal)
            .then((items) => {
              readAny = true;
              return items;
            })
            .catch(remember(groupPath));
        }),
      );
      if (names.length === 0 && groups.length === 0 && !unreadable.some((u) => u.scope === subscriptionPath)) readAny = true;
      return lists.flat();
    }),
  );
  const first = unreadable[0];
  if (!readAny && first) throw first.error;
  return { gateways: parseRows(perSubscription.flat()), unreadable };
}
