import { BadRequestBody, readJsonBody, sendJson } from '../http-io';
import type { Fleet } from '../simulation/fleet';
import type { ArmHandler } from './arm-request';
import { sendCloudError } from './cloud-error';
import { gatewayJson } from './gateway-json';
import { tenantEstate } from './subscriptions-and-tenants';

/**
 * Azure Resource Graph, just enough of it: KQL is not parsed. A query that names the
 * virtualNetworkGateways type returns the fleet's gateways; any other query returns no rows.
 * Rows are sorted by id (stable paging) and paged by `$top` / `$skipToken`.
 */
export interface ResourceGraphRequest {
  subscriptions?: string[];
  query: string;
  options?: { $top?: number; $skip?: number; $skipToken?: string; resultFormat?: 'objectArray' | 'table' };
}

export class ResourceGraphError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What ARM says to a principal without read access to Resource Graph (`--refuse-resource-graph`). */
export const RESOURCE_GRAPH_REFUSAL =
  "The client does not have authorization to perform action 'Microsoft.ResourceGraph/resources/read' over scope '/providers/Microsoft.ResourceGraph' or the scope is invalid. If access was recently granted, please refresh your credentials.";

const DEFAULT_TOP = 100;
const MAX_TOP = 1000;

/** `POST /providers/Microsoft.ResourceGraph/resources`. */
export const answerResourceGraph: ArmHandler = async ({ req, res, principal }, { simulation, resourceGraphPageCap, refuseResourceGraph, bgpOff }) => {
  try {
    const request = parseResourceGraphRequest(await readJsonBody(req));
    if (refuseResourceGraph) return sendCloudError(res, 403, 'AuthorizationFailed', RESOURCE_GRAPH_REFUSAL);
    return sendJson(res, 200, queryResourceGraph(simulation.fleet, request, { tenantId: principal.tid, pageCap: resourceGraphPageCap, bgpOff }));
  } catch (error) {
    if (error instanceof ResourceGraphError || error instanceof BadRequestBody) {
      return sendCloudError(res, 400, error instanceof ResourceGraphError ? error.code : 'InvalidRequestContent', error.message);
    }
    throw error;
  }
};

export function parseResourceGraphRequest(body: unknown): ResourceGraphRequest {
  if (typeof body !== 'object' || body === null) throw new ResourceGraphError('BadRequest', 'The request body must be a JSON object.');
  const { subscriptions, query, options } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') {
    throw new ResourceGraphError('BadRequest', "Please provide a valid 'query' in the request body.");
  }
  if (subscriptions !== undefined && (!Array.isArray(subscriptions) || !subscriptions.every((s) => typeof s === 'string'))) {
    throw new ResourceGraphError('BadRequest', "'subscriptions' must be an array of subscription IDs.");
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new ResourceGraphError('BadRequest', "'options' must be an object.");
  }
  return { query, ...(subscriptions ? { subscriptions: subscriptions as string[] } : {}), ...(options ? { options: options as ResourceGraphRequest['options'] } : {}) };
}

/**
 * Like Resource Graph: only the resources of the token's tenant (other subscriptions named are
 * ignored). `pageCap`: Azure returns fewer rows than `$top` when an answer grows large (with a
 * `$skipToken` for the rest), so a client must page by the token, never by counting rows.
 */
export function queryResourceGraph(
  fleet: Fleet,
  request: ResourceGraphRequest,
  { tenantId = fleet.tenantId, pageCap = MAX_TOP, bgpOff }: { tenantId?: string; pageCap?: number; bgpOff?: ReadonlySet<string> | undefined } = {},
): Record<string, unknown> {
  const estate = tenantEstate(fleet, tenantId);
  const options = request.options ?? {};
  const top = options.$top ?? DEFAULT_TOP;
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    throw new ResourceGraphError('BadRequest', `$top must be an integer from 1 to ${MAX_TOP}.`);
  }
  let offset = options.$skip ?? 0;
  if (options.$skipToken !== undefined) offset = decodeSkipToken(options.$skipToken);

  const wanted = request.subscriptions?.map((s) => s.toLowerCase());
  const asksForGateways = /microsoft\.network\/virtualnetworkgateways/i.test(request.query);
  const rows = asksForGateways
    ? (estate?.gateways ?? [])
        .filter((gateway) => !wanted || wanted.includes(gateway.subscriptionId.toLowerCase()))
        .map((gateway) => {
          const arm = gatewayJson(gateway, bgpOff);
          return {
            id: gateway.id,
            name: gateway.name,
            // Resource Graph lower-cases types and resource group names.
            type: 'microsoft.network/virtualnetworkgateways',
            tenantId: estate?.tenantId ?? tenantId,
            location: gateway.location,
            resourceGroup: gateway.resourceGroup.toLowerCase(),
            subscriptionId: gateway.subscriptionId,
            properties: arm.properties,
          };
        })
        .sort((a, b) => (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : a.id.toLowerCase() > b.id.toLowerCase() ? 1 : 0))
    : [];

  const page = rows.slice(offset, offset + Math.min(top, pageCap));
  const next = offset + page.length;
  const data =
    options.resultFormat === 'table'
      ? {
          columns: ['id', 'name', 'type', 'tenantId', 'location', 'resourceGroup', 'subscriptionId', 'properties'].map((name) => ({
            name,
            type: name === 'properties' ? 'object' : 'string',
          })),
          rows: page.map((row) => [row.id, row.name, row.type, row.tenantId, row.location, row.resourceGroup, row.subscriptionId, row.properties]),
        }
      : page;
  return {
    totalRecords: rows.length,
    count: page.length,
    data,
    facets: [],
    // Resource Graph sends this as a string.
    resultTruncated: 'false',
    ...(next < rows.length ? { $skipToken: encodeSkipToken(next) } : {}),
  };
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ $skip: offset, v: 1 })).toString('base64');
}

function decodeSkipToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { $skip?: unknown };
    if (typeof parsed.$skip === 'number' && Number.isInteger(parsed.$skip) && parsed.$skip >= 0) return parsed.$skip;
  } catch {
    // fall through
  }
  throw new ResourceGraphError('BadRequest', 'The $skipToken is invalid.');
}
