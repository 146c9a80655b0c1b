import { isArmError } from '../azure/arm-error';
import { parseGatewayId } from '../azure/resource-id';

/** The dashboard's URL parameter naming the gateways to watch. */
export const WATCH_PARAM = 'watch';
/** The URL parameter naming the subscriptions to discover gateways in. */
export const SUBSCRIPTIONS_PARAM = 'subs';

export interface WatchEntryProblem {
  /** The entry as the link carried it. */
  entry: string;
  message: string;
}

export interface ParsedWatchParam {
  /** Canonical gateway IDs, in the link's order, each once. */
  ids: string[];
  problems: WatchEntryProblem[];
}

const GATEWAY_ID_PREFIX = '/providers/Microsoft.Network/virtualNetworkGateways/';

/**
 * One gateway in `watch=`: `subscription/resourceGroup/name`, a third of a full resource ID's
 * length (a link with 40 gateways stays under 3,000 characters). Segments are percent-encoded,
 * the separators `/` and `,` are left as they are: both are legal in a query and no subscription
 * GUID, resource group or gateway name can contain them.
 */
export function watchEntry(gatewayId: string): string {
  const ref = parseGatewayId(gatewayId);
  return [ref.subscriptionId, ref.resourceGroup, ref.name].map(encodeURIComponent).join('/');
}

/** The `watch=` value for these gateways (already-valid IDs), in their order. */
export function encodeWatchParam(gatewayIds: readonly string[]): string {
  return gatewayIds.map(watchEntry).join(',');
}

/**
 * Reads `watch=` (already percent-decoded by URLSearchParams): comma-separated entries, each
 * `subscription/resourceGroup/name` or a whole gateway resource ID (pasted by hand). A malformed
 * entry is reported by name with the reason and skipped; the others still load.
 */
export function parseWatchParam(value: string | null): ParsedWatchParam {
  const ids: string[] = [];
  const problems: WatchEntryProblem[] = [];
  if (value === null) return { ids, problems };
  const seen = new Set<string>();
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const result = gatewayIdOfEntry(entry);
    if ('message' in result) {
      problems.push({ entry, message: result.message });
      continue;
    }
    const key = result.id.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    ids.push(result.id);
  }
  return { ids, problems };
}

function gatewayIdOfEntry(entry: string): { id: string } | { message: string } {
  let candidate = entry;
  if (!entry.startsWith('/')) {
    const parts = entry.split('/');
    if (parts.length !== 3) {
      return {
        message: `expected subscription/resource group/gateway name (three parts separated by "/"), found ${parts.length} part${parts.length === 1 ? '' : 's'}`,
      };
    }
    const [subscriptionId, resourceGroup, name] = parts;
    candidate = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}${GATEWAY_ID_PREFIX}${name}`;
  }
  try {
    return { id: parseGatewayId(candidate).id };
  } catch (error) {
    if (!isArmError(error)) throw error;
    return { message: error.message };
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `subs=`: comma-separated subscription GUIDs, lower-cased; anything else is reported and skipped. */
export function parseSubscriptionsParam(value: string | null): { subscriptionIds: string[]; problems: WatchEntryProblem[] } {
  const subscriptionIds: string[] = [];
  const problems: WatchEntryProblem[] = [];
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (!GUID.test(entry)) {
      problems.push({ entry, message: 'a subscription ID must be a GUID' });
      continue;
    }
    const id = entry.toLowerCase();
    if (!subscriptionIds.includes(id)) subscriptionIds.push(id);
  }
  return { subscriptionIds, problems };
}
