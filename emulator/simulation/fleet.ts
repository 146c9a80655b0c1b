import { hashString, mix, seededRandom, type SeededRandom } from './seeded-random';
import { peerLife, type PeerRow, type PeerTemperament } from './peer-life';

/**
 * The simulated estate: subscriptions → resource groups → virtual network gateways → BGP peer
 * rows. Built once from (seed, size); the same seed always gives the same fleet.
 */

export type FleetSize = 'small' | 'noc' | 'large';
export const FLEET_SIZES: readonly FleetSize[] = ['small', 'noc', 'large'];

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
}

export interface ResourceGroup {
  subscriptionId: string;
  name: string;
  location: string;
}

export type GatewayKind = 'vpnSingle' | 'vpnActiveActive' | 'expressRoute';

/** One gateway VM instance: its BGP speaker addresses. */
export interface GatewayInstance {
  ipConfigurationName: string;
  bgpAddress: string;
  /** Dual-stack ExpressRoute gateways also peer over IPv6. */
  bgpAddressV6?: string;
  tunnelAddress: string;
}

export interface Gateway {
  /** ARM resource ID, in ARM's casing. */
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  kind: GatewayKind;
  gatewayType: 'Vpn' | 'ExpressRoute';
  skuName: string;
  activeActive: boolean;
  /** The Azure side's ASN (65515 unless customised). */
  asn: number;
  instances: GatewayInstance[];
  /** The VNet prefixes the gateway advertises. */
  addressSpace: string[];
  /** One row per (instance, neighbor), as getBgpPeerStatus lists them. */
  peers: FleetPeer[];
}

export interface FleetPeer extends PeerRow {
  gatewayId: string;
}

/** One directory's estate: its subscriptions, resource groups and gateways. */
export interface TenantEstate {
  tenantId: string;
  displayName: string;
  defaultDomain: string;
  subscriptions: Subscription[];
  resourceGroups: ResourceGroup[];
  gateways: Gateway[];
}

export interface Fleet {
  seed: number;
  size: FleetSize;
  /** The demo user's home tenant; `subscriptions`, `resourceGroups` and `gateways` are its estate. */
  tenantId: string;
  subscriptions: Subscription[];
  resourceGroups: ResourceGroup[];
  gateways: Gateway[];
  /** Every tenant the demo user belongs to: the home tenant first, then the customer tenant where it is a guest. */
  tenants: TenantEstate[];
}

/** The home tenant's directory, as `GET /tenants` names it. */
export const HOME_TENANT = { displayName: 'Contoso (emulated)', defaultDomain: 'contoso.example' } as const;
/** The customer directory where the demo user is a guest (B2B), as a managed-service engineer is. */
export const GUEST_TENANT = { displayName: 'Fabrikam Customer (emulated)', defaultDomain: 'fabrikamcustomer.example' } as const;
const GUEST_SUBSCRIPTION_NAMES = ['Fabrikam Customer Production', 'Fabrikam Customer Branches'];

interface SizePlan {
  subscriptions: number;
  gateways: number;
}

const PLANS: Record<FleetSize, SizePlan> = {
  small: { subscriptions: 2, gateways: 4 },
  noc: { subscriptions: 3, gateways: 30 },
  large: { subscriptions: 6, gateways: 200 },
};

const LOCATIONS = ['westeurope', 'northeurope', 'uksouth', 'swedencentral', 'eastus2', 'westus3', 'southeastasia', 'germanywestcentral'];
const LOCATION_CODES: Record<string, string> = {
  westeurope: 'weu', northeurope: 'neu', uksouth: 'uks', swedencentral: 'sdc',
  eastus2: 'eus2', westus3: 'wus3', southeastasia: 'sea', germanywestcentral: 'gwc',
};
const SUBSCRIPTION_NAMES = ['Contoso Connectivity Prod', 'Contoso Connectivity NonProd', 'Fabrikam Hub Networks', 'Contoso Retail Landing Zone', 'Woodgrove Branch Network', 'Northwind Datacenter Links'];
const RESOURCE_GROUP_PURPOSES = ['network', 'connectivity', 'hub', 'onprem-links'];
/** Public ASNs of carriers that customers peer through. */
const PUBLIC_PEER_ASNS = [3356, 1299, 6830, 3320, 5511, 2914, 7018, 6939];
/** Microsoft's ExpressRoute edge (MSEE) ASN. */
const MSEE_ASN = 12076;
const AZURE_GATEWAY_ASN = 65515;

export function buildFleet(seed: number, size: FleetSize, tenantId: string): Fleet {
  const home = buildEstate(seededRandom(mix(seed, hashString(size))), seed, size, PLANS[size], tenantId, { subscriptionNames: SUBSCRIPTION_NAMES, namePrefix: '', firstIndex: 0 });
  const guest = buildGuestEstate(seed, size);
  return {
    seed,
    size,
    tenantId,
    ...home,
    tenants: [
      { tenantId, ...HOME_TENANT, ...home },
      guest,
    ],
  };
}

/**
 * The customer tenant: its own directory ID, one or two subscriptions and a few gateways of every
 * shape, deterministic from the seed alone for each size. Its gateway names start with `fab-` and
 * its VNets follow the home estate's (10.201.0.0/16 …), so nothing collides with the home tenant.
 */
function buildGuestEstate(seed: number, size: FleetSize): TenantEstate {
  const random = seededRandom(mix(seed, hashString(`guest-tenant|${size}`)));
  const tenantId = random.guid();
  const plan: SizePlan = size === 'small' ? { subscriptions: 1, gateways: 3 } : { subscriptions: 2, gateways: 6 };
  const estate = buildEstate(random, seed, size === 'small' ? 'noc' : size, plan, tenantId, { subscriptionNames: GUEST_SUBSCRIPTION_NAMES, namePrefix: 'fab-', firstIndex: 200 });
  return { tenantId, ...GUEST_TENANT, ...estate };
}

interface EstateNaming {
  subscriptionNames: readonly string[];
  namePrefix: string;
  /** Gateway index of the first gateway: it picks the VNet's second octet. */
  firstIndex: number;
}

function buildEstate(
  random: SeededRandom,
  seed: number,
  size: FleetSize,
  plan: SizePlan,
  tenantId: string,
  naming: EstateNaming,
): Pick<TenantEstate, 'subscriptions' | 'resourceGroups' | 'gateways'> {
  const subscriptions: Subscription[] = Array.from({ length: plan.subscriptions }, (_, index) => ({
    subscriptionId: random.guid(),
    displayName: naming.subscriptionNames[index % naming.subscriptionNames.length] ?? `Subscription ${index + 1}`,
    tenantId,
  }));

  const resourceGroups: ResourceGroup[] = [];
  for (const [subscriptionIndex, subscription] of subscriptions.entries()) {
    const groupCount = size === 'small' ? 1 : size === 'noc' ? 2 : 4;
    for (let g = 0; g < groupCount; g++) {
      const location = LOCATIONS[(subscriptionIndex * groupCount + g) % LOCATIONS.length] ?? 'westeurope';
      const purpose = RESOURCE_GROUP_PURPOSES[g % RESOURCE_GROUP_PURPOSES.length] ?? 'network';
      resourceGroups.push({ subscriptionId: subscription.subscriptionId, name: `rg-${purpose}-${LOCATION_CODES[location]}`, location });
    }
  }

  // Small fleets are a fixed tour of the three gateway shapes; bigger ones a realistic mix.
  const kinds: GatewayKind[] =
    size === 'small'
      ? ['vpnSingle', 'vpnActiveActive', 'expressRoute', 'vpnSingle']
      : Array.from({ length: plan.gateways }, () => {
          const roll = random.next();
          return roll < 0.3 ? 'vpnSingle' : roll < 0.75 ? 'vpnActiveActive' : 'expressRoute';
        });

  const nameCounts = new Map<string, number>();
  const gateways = kinds.map((kind, index) => {
    // Small: the first subscription holds the VPN pair, the second the ExpressRoute side.
    const group =
      size === 'small'
        ? resourceGroups[index < 2 ? 0 : 1]
        : resourceGroups[Math.floor(random.next() * resourceGroups.length)];
    if (!group) throw new Error('fleet plan has no resource group');
    const prefix = kind === 'expressRoute' ? 'ergw' : 'vpngw';
    const stem = `${naming.namePrefix}${prefix}-${LOCATION_CODES[group.location]}-${kind === 'vpnActiveActive' ? 'hub' : kind === 'expressRoute' ? 'er' : 'branch'}`;
    const count = (nameCounts.get(stem) ?? 0) + 1;
    nameCounts.set(stem, count);
    return buildGateway(random, seed, naming.firstIndex + index, kind, group, `${stem}-${String(count).padStart(2, '0')}`, size === 'small');
  });

  ensureVariety(gateways);
  return { subscriptions, resourceGroups, gateways };
}

function buildGateway(
  random: SeededRandom,
  seed: number,
  index: number,
  kind: GatewayKind,
  group: ResourceGroup,
  name: string,
  small: boolean,
): Gateway {
  const id = `/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}/providers/Microsoft.Network/virtualNetworkGateways/${name}`;
  // Each gateway gets its own 10.x.0.0/16 VNet; the GatewaySubnet is the top /27 of it.
  const octet = 1 + (index % 250);
  const second = 10 + Math.floor(index / 250);
  const vnet = `10.${octet}.0.0/16`;
  const instanceCount = kind === 'vpnSingle' ? 1 : 2;
  const dualStack = kind === 'expressRoute' && (small || random.chance(0.35));
  const instances: GatewayInstance[] = Array.from({ length: instanceCount }, (_, i) => ({
    ipConfigurationName: i === 0 ? 'default' : 'activeActive',
    bgpAddress: `10.${octet}.255.${kind === 'expressRoute' ? 12 + i : 30 + i}`,
    ...(dualStack ? { bgpAddressV6: `fd00:${octet.toString(16)}:ffff::${(12 + i).toString(16)}` } : {}),
    tunnelAddress: `20.${second}.${octet}.${10 + i}`,
  }));
  const customAsn = kind !== 'expressRoute' && random.chance(0.2);
  const asn = customAsn ? random.pick([65010, 65020, 4200000100]) : AZURE_GATEWAY_ASN;

  const neighbors: { neighbor: string; asn: number; v6: boolean; routes: number }[] = [];
  if (kind === 'expressRoute') {
    // MSEE primary and secondary; every instance peers with both.
    neighbors.push({ neighbor: `10.${octet}.255.4`, asn: MSEE_ASN, v6: false, routes: random.int(20, 400) });
    neighbors.push({ neighbor: `10.${octet}.255.5`, asn: MSEE_ASN, v6: false, routes: random.int(20, 400) });
    if (dualStack) {
      neighbors.push({ neighbor: `fd00:${octet.toString(16)}:ffff::4`, asn: MSEE_ASN, v6: true, routes: random.int(5, 80) });
      neighbors.push({ neighbor: `fd00:${octet.toString(16)}:ffff::5`, asn: MSEE_ASN, v6: true, routes: random.int(5, 80) });
    }
  } else {
    const count = small ? 3 : kind === 'vpnSingle' ? random.int(5, 10) : random.int(4, 6);
    for (let n = 0; n < count; n++) {
      neighbors.push({
        neighbor: `172.${16 + (index % 16)}.${n + 1}.${random.int(1, 254)}`,
        asn: pickPeerAsn(random, n),
        v6: false,
        routes: random.int(1, 40),
      });
    }
  }

  const peers: FleetPeer[] = [];
  for (const instance of instances) {
    for (const neighbor of neighbors) {
      const localAddress = neighbor.v6 ? (instance.bgpAddressV6 ?? instance.bgpAddress) : instance.bgpAddress;
      const key = mix(seed, hashString(id.toLowerCase()), hashString(localAddress), hashString(neighbor.neighbor));
      // Admin-stopped is a property of the connection, so it holds on every instance alike.
      const temperament = pickTemperament(mix(seed, hashString(id.toLowerCase()), hashString(neighbor.neighbor), 99));
      peers.push({ gatewayId: id, neighbor: neighbor.neighbor, localAddress, asn: neighbor.asn, life: peerLife(key, temperament, neighbor.routes) });
    }
  }

  const isVpn = kind !== 'expressRoute';
  const skuName = isVpn ? random.pick(['VpnGw2AZ', 'VpnGw3AZ', 'VpnGw1', 'VpnGw2']) : random.pick(['ErGw1AZ', 'ErGw2AZ', 'Standard', 'HighPerformance']);
  return {
    id,
    name,
    subscriptionId: group.subscriptionId,
    resourceGroup: group.name,
    location: group.location,
    kind,
    gatewayType: isVpn ? 'Vpn' : 'ExpressRoute',
    skuName,
    activeActive: instanceCount === 2,
    asn,
    instances,
    addressSpace: dualStack ? [vnet, `fd00:${octet.toString(16)}::/48`] : [vnet],
    peers,
  };
}

function pickPeerAsn(random: SeededRandom, neighborIndex: number): number {
  // Spread the three kinds an engineer meets: 4-byte private, 2-byte private, public.
  // The first three neighbors of every gateway cover all three; the rest are a random mix.
  const roll = neighborIndex < 3 ? neighborIndex : random.int(0, 2);
  if (roll === 0) return random.int(4_200_000_000, 4_294_967_294);
  // Below 65515: 65515 and 65517–65520 are reserved by Azure.
  if (roll === 1) return random.int(64_512, 65_514);
  return random.pick(PUBLIC_PEER_ASNS);
}

function pickTemperament(hash: number): PeerTemperament {
  const roll = hash / 0x1_0000_0000;
  if (roll < 0.04) return 'adminStopped';
  if (roll < 0.12) return 'flappy';
  if (roll < 0.3) return 'occasional';
  return 'steady';
}

/** Every fleet shows each behaviour at least once, so a small demo is never all-green. */
function ensureVariety(gateways: Gateway[]): void {
  const all = gateways.flatMap((gateway) => gateway.peers);
  const vpnPeers = gateways.filter((gateway) => gateway.gatewayType === 'Vpn').flatMap((gateway) => gateway.peers);
  const ensure = (temperament: PeerTemperament, pick: () => FleetPeer[]): void => {
    if (all.some((peer) => peer.life.temperament === temperament)) return;
    for (const peer of pick()) peer.life = peerLife(peer.life.key, temperament, peer.life.baseRoutes);
  };
  // The last neighbor of the first single-instance VPN gateway is switched off by its admin.
  ensure('adminStopped', () => {
    const gateway = gateways.find((g) => g.kind === 'vpnSingle');
    const last = gateway?.peers.at(-1);
    return last ? [last] : [];
  });
  // The first neighbor of the first active-active gateway flaps on instance 0 only.
  ensure('flappy', () => {
    const gateway = gateways.find((g) => g.kind === 'vpnActiveActive') ?? gateways[0];
    const first = gateway?.peers[0];
    return first ? [first] : [];
  });
  ensure('occasional', () => vpnPeers.slice(1, 2));
}
