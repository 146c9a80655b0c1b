import { describe, expect, it } from 'vitest';
import { ArmError } from './arm-error';
import { gatewayPath, parseGatewayId } from './resource-id';

const SUB = '00000000-1111-2222-3333-444444444444';
const ID = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/gw-1`;

function messageFor(id: string): string {
  try {
    parseGatewayId(id);
  } catch (e) {
    expect(e).toBeInstanceOf(ArmError);
    expect((e as ArmError).code).toBe('InvalidResourceId');
    return (e as ArmError).message;
  }
  throw new Error(`expected ${id} to be refused`);
}

describe('parseGatewayId', () => {
  it('splits a gateway ID into its parts', () => {
    expect(parseGatewayId(ID)).toEqual({ id: ID, subscriptionId: SUB, resourceGroup: 'rg-net', name: 'gw-1' });
  });

  it('matches fixed segments in any casing and returns the canonical ID', () => {
    const shouted = `/SUBSCRIPTIONS/${SUB.toUpperCase()}/RESOURCEGROUPS/rg-net/PROVIDERS/microsoft.network/VIRTUALNETWORKGATEWAYS/gw-1`;
    expect(parseGatewayId(shouted).id).toBe(ID);
  });

  it('keeps the casing of the resource group and gateway names', () => {
    const ref = parseGatewayId(ID.replace('rg-net', 'RG-Net').replace('gw-1', 'GW-One'));
    expect(ref).toMatchObject({ resourceGroup: 'RG-Net', name: 'GW-One' });
  });

  it('trims whitespace and one trailing slash', () => {
    expect(parseGatewayId(`  ${ID}/\n`).id).toBe(ID);
  });

  it('accepts resource group names with parentheses, dots and Unicode letters', () => {
    expect(parseGatewayId(ID.replace('rg-net', 'rg.(prod)_Zürich')).resourceGroup).toBe('rg.(prod)_Zürich');
  });

  it.each([
    ['', /it is empty/],
    ['   ', /it is empty/],
    [ID.slice(1), /must start with "\/subscriptions\/"/],
    [ID.replace('/subscriptions/', '/subscription/'), /must start with "\/subscriptions\/"/],
    [`/subscriptions/${SUB}`, /"resourceGroups" must follow/],
    [ID.replace(SUB, 'my-subscription'), /subscription ID must be a GUID, not "my-subscription"/],
    [ID.replace('resourceGroups', 'rgs'), /"resourceGroups" must follow the subscription ID, not "rgs"/],
    [ID.replace('rg-net', 'rg-net.'), /resource group name "rg-net\." is not valid/],
    [ID.replace('rg-net', 'a'.repeat(91)), /resource group name .* is not valid/],
    [ID.replace('rg-net', '..'), /resource group name "\.\." is not valid/],
    [
      ID.replace('virtualNetworkGateways', 'virtualNetworks'),
      /the resource type must be Microsoft\.Network\/virtualNetworkGateways, not Microsoft\.Network\/virtualNetworks/,
    ],
    [ID.replace('Microsoft.Network', 'Microsoft.Compute'), /not Microsoft\.Compute\/virtualNetworkGateways/],
    [ID.replace('/gw-1', ''), /the gateway name is missing/],
    [ID.replace('gw-1', '-gw'), /gateway name "-gw" is not valid/],
    [ID.replace('gw-1', 'gw-1.'), /gateway name "gw-1\." is not valid/],
    [ID.replace('gw-1', 'gw 1'), /gateway name "gw 1" is not valid/],
    [ID.replace('gw-1', 'gw%2F..'), /gateway name .* is not valid/],
    [ID.replace('gw-1', 'g'.repeat(81)), /gateway name .* is not valid/],
    [`${ID}/getBgpPeerStatus`, /extra segments after the gateway name \("\/getBgpPeerStatus"\)/],
    [ID.replace('/resourceGroups', '//resourceGroups'), /empty segment/],
  ])('refuses %j, saying what is wrong', (id, why) => {
    const message = messageFor(id);
    expect(message).toMatch(why);
    expect(message).toMatch(/Expected \/subscriptions\/<subscription GUID>/);
  });

  it('refuses a value that is not a string', () => {
    expect(messageFor(42 as unknown as string)).toMatch(/not a string/);
  });
});

describe('gatewayPath', () => {
  it('builds the ARM path of a parsed gateway', () => {
    expect(gatewayPath(parseGatewayId(ID))).toBe(ID);
  });

  it('encodes every variable segment', () => {
    const path = gatewayPath({ id: '', subscriptionId: 'a/b', resourceGroup: 'rg (x)?', name: 'gw#1' });
    expect(path).toBe(
      '/subscriptions/a%2Fb/resourceGroups/rg%20(x)%3F/providers/Microsoft.Network/virtualNetworkGateways/gw%231',
    );
  });
});
