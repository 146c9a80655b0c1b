import type { GatewaySummary } from '../../azure/gateways';
import { gatewayHasBgp } from '../../bgp/gateway-bgp';

/** The picker's filters; an empty string means "any". */
export interface PickerFilters {
  /** Words that must all appear in the name, resource group or location. */
  text: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  gatewayType: '' | 'Vpn' | 'ExpressRoute';
  sku: string;
  activeActive: '' | 'yes' | 'no';
  bgp: '' | 'on' | 'off';
}

export const NO_FILTERS: PickerFilters = {
  text: '',
  subscriptionId: '',
  resourceGroup: '',
  location: '',
  gatewayType: '',
  sku: '',
  activeActive: '',
  bgp: '',
};

const same = (a: string | null, b: string) => b === '' || (a ?? '').toLowerCase() === b.toLowerCase();

/** The gateways the filters let through, in the order given. */
export function filterGateways(gateways: readonly GatewaySummary[], filters: PickerFilters): GatewaySummary[] {
  const words = filters.text.toLowerCase().split(/\s+/).filter(Boolean);
  return gateways.filter((g) => {
    if (!same(g.subscriptionId, filters.subscriptionId)) return false;
    if (!same(g.resourceGroup, filters.resourceGroup)) return false;
    if (!same(g.location, filters.location)) return false;
    if (!same(g.gatewayType, filters.gatewayType)) return false;
    if (!same(g.sku, filters.sku)) return false;
    if (filters.activeActive !== '' && g.activeActive !== (filters.activeActive === 'yes')) return false;
    if (filters.bgp !== '' && gatewayHasBgp(g) !== (filters.bgp === 'on')) return false;
    if (words.length === 0) return true;
    const haystack = `${g.name} ${g.resourceGroup} ${g.location ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** The values each list filter can take, from the gateways found (resource groups within the chosen subscription). */
export function filterChoices(gateways: readonly GatewaySummary[], subscriptionId: string) {
  const distinct = (values: (string | null)[]) =>
    [...new Map(values.flatMap((v) => (v ? [[v.toLowerCase(), v] as const] : []))).values()].sort((a, b) => a.localeCompare(b));
  return {
    resourceGroups: distinct(gateways.filter((g) => same(g.subscriptionId, subscriptionId)).map((g) => g.resourceGroup)),
    locations: distinct(gateways.map((g) => g.location)),
    skus: distinct(gateways.map((g) => g.sku)),
  };
}

/** Sorted by name, then resource group, so a long list reads like a directory. */
export function byName(a: GatewaySummary, b: GatewaySummary): number {
  return a.name.localeCompare(b.name) || a.resourceGroup.localeCompare(b.resourceGroup) || a.id.localeCompare(b.id);
}
