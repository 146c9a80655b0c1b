import { describe, expect, it } from 'vitest';
import type { GatewaySummary } from '../../azure/gateways';
import { makeGatewaySummary } from '../../testing/peer-fixtures';
import { filterChoices, filterGateways, NO_FILTERS } from './picker-filters';

const SUB_A = '00000000-0000-4000-8000-00000000000a';
const SUB_B = '00000000-0000-4000-8000-00000000000b';
const gw = (sub: string, rg: string, name: string, fields: Partial<GatewaySummary> = {}) =>
  makeGatewaySummary(`/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworkGateways/${name}`, {
    name,
    subscriptionId: sub,
    resourceGroup: rg,
    ...fields,
  });

const fleet = [
  gw(SUB_A, 'rg-hub-weu', 'vpngw-weu-hub-01', { location: 'westeurope', gatewayType: 'Vpn', sku: 'VpnGw2AZ', activeActive: true, enableBgp: true }),
  gw(SUB_A, 'rg-hub-weu', 'vpngw-weu-branch-01', { location: 'westeurope', gatewayType: 'Vpn', sku: 'VpnGw1', activeActive: false, enableBgp: false }),
  gw(SUB_B, 'rg-er-neu', 'ergw-neu-er-01', { location: 'northeurope', gatewayType: 'ExpressRoute', sku: 'ErGw1AZ', activeActive: false, enableBgp: false }),
];
const names = (list: GatewaySummary[]) => list.map((g) => g.name);

describe('picker filters', () => {
  it('searches name, resource group and location, every word', () => {
    expect(names(filterGateways(fleet, { ...NO_FILTERS, text: 'HUB' }))).toEqual(['vpngw-weu-hub-01', 'vpngw-weu-branch-01']);
    expect(names(filterGateways(fleet, { ...NO_FILTERS, text: 'northeurope' }))).toEqual(['ergw-neu-er-01']);
    expect(names(filterGateways(fleet, { ...NO_FILTERS, text: 'weu branch' }))).toEqual(['vpngw-weu-branch-01']);
  });

  it('filters by subscription, type, SKU, active-active and BGP (ExpressRoute always has BGP)', () => {
    expect(names(filterGateways(fleet, { ...NO_FILTERS, subscriptionId: SUB_B }))).toEqual(['ergw-neu-er-01']);
    expect(names(filterGateways(fleet, { ...NO_FILTERS, gatewayType: 'Vpn', activeActive: 'no' }))).toEqual(['vpngw-weu-branch-01']);
    expect(names(filterGateways(fleet, { ...NO_FILTERS, sku: 'vpngw2az' }))).toEqual(['vpngw-weu-hub-01']);
    expect(names(filterGateways(fleet, { ...NO_FILTERS, bgp: 'off' }))).toEqual(['vpngw-weu-branch-01']);
    expect(names(filterGateways(fleet, { ...NO_FILTERS, bgp: 'on' }))).toEqual(['vpngw-weu-hub-01', 'ergw-neu-er-01']);
  });

  it('offers the resource groups of the chosen subscription only', () => {
    expect(filterChoices(fleet, SUB_B).resourceGroups).toEqual(['rg-er-neu']);
    expect(filterChoices(fleet, '').locations).toEqual(['northeurope', 'westeurope']);
  });
});
