import { ArmError } from './arm-error';
import { describeValue, isObject, readText, readWholeNumber } from './json';
import { runLongRunning, type LongRunningOptions, type PollingContext } from './long-running';
import { gatewayPath, parseGatewayId } from './resource-id';

/** ARM's `GatewayRoute`, validated: a missing text field is '' and a missing weight is null. */
export interface GatewayRoute {
  localAddress: string;
  network: string;
  nextHop: string;
  sourcePeer: string;
  origin: string;
  asPath: string;
  weight: number | null;
}

function parseRoute(entry: unknown): GatewayRoute | null {
  if (!isObject(entry)) return null;
  // Route fields are display-only; ARM leaves nextHop / sourcePeer empty for the gateway's own prefixes.
  const text = (field: string) => readText(entry, field, [], { optional: true }) ?? '';
  return {
    localAddress: text('localAddress'),
    network: text('network'),
    nextHop: text('nextHop'),
    sourcePeer: text('sourcePeer'),
    origin: text('origin'),
    asPath: text('asPath'),
    weight: readWholeNumber(entry, 'weight', [], Number.MAX_SAFE_INTEGER, { optional: true }),
  };
}

/** Validates a `GatewayRouteListResult`; entries that are not objects are dropped. */
export function parseGatewayRouteList(body: unknown, what: string): GatewayRoute[] {
  if (!isObject(body) || !Array.isArray(body.value)) {
    throw new ArmError({
      code: 'InvalidResponse',
      message: `The ${what} answer was ${isObject(body) ? 'an object without a "value" array' : describeValue(body)}, not {"value": [...]}.`,
    });
  }
  const routes: GatewayRoute[] = [];
  for (const entry of body.value) {
    const route = parseRoute(entry);
    if (route) routes.push(route);
  }
  return routes;
}

async function runRoutesOperation(
  operations: PollingContext,
  gatewayId: string,
  action: 'getLearnedRoutes' | 'getAdvertisedRoutes',
  query: string,
  options: LongRunningOptions,
): Promise<GatewayRoute[]> {
  const ref = parseGatewayId(gatewayId);
  const url = operations.transport.urls.request(`${gatewayPath(ref)}/${action}${query}`);
  const result = await runLongRunning(operations, url, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    // Routes are read when someone opens their tab: they wait for them.
    urgent: true,
  });
  const what = action === 'getLearnedRoutes' ? 'learned routes' : 'advertised routes';
  if (result === undefined) {
    throw new ArmError({ code: 'InvalidResponse', message: `The ${what} operation finished with no result.` });
  }
  return parseGatewayRouteList(result, what);
}

/** Every route the gateway learned, from all its peers (ARM has no `peer` parameter here). Long-running. */
export function getLearnedRoutes(operations: PollingContext, gatewayId: string, options: LongRunningOptions = {}): Promise<GatewayRoute[]> {
  return runRoutesOperation(operations, gatewayId, 'getLearnedRoutes', '', options);
}

/** The routes the gateway advertises to one neighbor (`peer` is required by ARM). Long-running. */
export async function getAdvertisedRoutes(
  operations: PollingContext,
  gatewayId: string,
  peer: string,
  options: LongRunningOptions = {},
): Promise<GatewayRoute[]> {
  const neighbor = peer.trim();
  if (!neighbor) throw new ArmError({ code: 'InvalidRequest', message: 'getAdvertisedRoutes needs the peer address.' });
  return runRoutesOperation(operations, gatewayId, 'getAdvertisedRoutes', `?peer=${encodeURIComponent(neighbor)}`, options);
}
