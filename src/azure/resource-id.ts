import { ArmError } from './arm-error';

export interface GatewayRef {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Azure's naming rules: resource groups 1-90 of letters, digits, _ ( ) - . (not ending in .);
// virtual network gateways 1-80 of letters, digits, _ . -, starting with a letter or digit and
// ending with a letter, digit or _.
const RESOURCE_GROUP = /^[\p{L}\p{N}_().-]{1,90}$/u;
const GATEWAY_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

const EXAMPLE =
  '/subscriptions/<subscription GUID>/resourceGroups/<resource group>/providers/Microsoft.Network/virtualNetworkGateways/<gateway name>';

function invalid(id: string, why: string): ArmError {
  const shown = id.length > 300 ? `${id.slice(0, 300)}…` : id;
  return new ArmError({
    code: 'InvalidResourceId',
    message: `"${shown}" is not a virtual network gateway ID: ${why}. Expected ${EXAMPLE}.`,
  });
}

function same(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

/**
 * Validates a virtual network gateway resource ID before any URL is built from it, so a typo
 * in config gets a message naming the wrong part instead of a confusing 404 (or a request to
 * a different resource). Fixed segments are matched case-insensitively, as ARM does, and
 * rewritten in canonical casing so the same gateway always has the same ID (and cache key).
 */
export function parseGatewayId(id: string): GatewayRef {
  if (typeof id !== 'string') throw invalid(String(id), 'it is not a string');
  const trimmed = id.trim();
  if (trimmed === '') throw invalid(trimmed, 'it is empty');
  if (!trimmed.startsWith('/')) throw invalid(trimmed, 'it must start with "/subscriptions/"');
  const withoutSlash = trimmed.endsWith('/') ? trimmed.slice(1, -1) : trimmed.slice(1);
  const parts = withoutSlash.split('/');
  if (parts.some((p) => p === '')) throw invalid(trimmed, 'it contains an empty segment ("//")');
  const [subscriptions, subscriptionId, resourceGroups, resourceGroup, providers, namespace, type, name] = parts;

  if (!same(subscriptions, 'subscriptions')) throw invalid(trimmed, 'it must start with "/subscriptions/"');
  if (subscriptionId === undefined) throw invalid(trimmed, 'the subscription ID is missing');
  if (!GUID.test(subscriptionId))
    throw invalid(trimmed, `the subscription ID must be a GUID, not "${subscriptionId}"`);
  if (!same(resourceGroups, 'resourceGroups'))
    throw invalid(trimmed, `"resourceGroups" must follow the subscription ID, not "${resourceGroups ?? ''}"`);
  if (resourceGroup === undefined) throw invalid(trimmed, 'the resource group name is missing');
  if (!RESOURCE_GROUP.test(resourceGroup) || resourceGroup.endsWith('.'))
    throw invalid(
      trimmed,
      `the resource group name "${resourceGroup}" is not valid (1-90 letters, digits, _ ( ) - . and not ending in ".")`,
    );
  if (!same(providers, 'providers'))
    throw invalid(trimmed, `"providers" must follow the resource group, not "${providers ?? ''}"`);
  if (namespace === undefined || type === undefined) throw invalid(trimmed, 'the resource type is missing');
  if (!same(namespace, 'Microsoft.Network') || !same(type, 'virtualNetworkGateways'))
    throw invalid(
      trimmed,
      `the resource type must be Microsoft.Network/virtualNetworkGateways, not ${namespace}/${type}`,
    );
  if (name === undefined) throw invalid(trimmed, 'the gateway name is missing');
  if (!GATEWAY_NAME.test(name))
    throw invalid(
      trimmed,
      `the gateway name "${name}" is not valid (1-80 letters, digits, _ . -, starting with a letter or digit)`,
    );
  if (parts.length > 8)
    throw invalid(trimmed, `it has extra segments after the gateway name ("/${parts.slice(8).join('/')}")`);

  const ref = { subscriptionId: subscriptionId.toLowerCase(), resourceGroup, name };
  return {
    id: `/subscriptions/${ref.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/virtualNetworkGateways/${name}`,
    ...ref,
  };
}

/** The gateway's ARM path with every variable segment encoded, for building request URLs. */
export function gatewayPath(ref: GatewayRef): string {
  const e = encodeURIComponent;
  return `/subscriptions/${e(ref.subscriptionId)}/resourceGroups/${e(ref.resourceGroup)}/providers/Microsoft.Network/virtualNetworkGateways/${e(ref.name)}`;
}
