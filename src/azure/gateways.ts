import { ArmError, isArmError } from './arm-error';
import { isObject, readText, readWholeNumber } from './json';
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

/**
 * Every virtual network gateway in the subscriptions (all the user can see when none are
 * given), from Resource Graph: ARM has no per-subscription list of gateways.
 */
export async function discoverGateways(
  transport: ArmTransport,
  options: { signal?: AbortSignal; subscriptionIds?: string[] } = {},
): Promise<GatewaySummary[]> {
  const subscriptionIds =
    options.subscriptionIds ?? (await listSubscriptions(transport, { signal: options.signal })).map((s) => s.subscriptionId);
  const gateways: GatewaySummary[] = [];
  for (const row of await queryResourceGraph(transport, GATEWAYS_QUERY, subscriptionIds, options.signal)) {
    try {
      gateways.push(parseGateway(row));
    } catch (e) {
      // A row without a usable gateway ID cannot be watched; the others still can.
      if (!isArmError(e)) throw e;
    }
  }
  return gateways;
}
