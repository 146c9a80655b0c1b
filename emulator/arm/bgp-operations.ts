import { randomUUID } from 'node:crypto';
import type { LongRunningOperationName } from '../control/faults';
import { sendEmpty, sendJson } from '../http-io';
import { searchParamIgnoreCase, type ArmContext, type ArmHandler, type ArmRequest } from './arm-request';
import { sendCloudError } from './cloud-error';
import { resolveGateway } from './gateways';
import type { LongRunningOperation } from './long-running-operations';
import { applyOperationFaults, failureError, failureOf, neverFinishes, type ResultRow } from './operation-faults';

/**
 * getBgpPeerStatus, getLearnedRoutes and getAdvertisedRoutes, with ARM's async protocol: the
 * POST answers 202 with `Location` (result URL) and `Azure-AsyncOperation` (status URL), and
 * the result is the simulation at the instant the operation completes.
 */

export const startLongRunningOperation: ArmHandler = ({ res, route, url, base, apiVersion }, context) => {
  const { control, operations, realNow, lroMs, retryAfter, simulation } = context;
  const gateway = resolveGateway(route, res, simulation);
  if (!gateway) return;
  const peer = searchParamIgnoreCase(url, 'peer') ?? undefined;
  if (route.operation === 'getAdvertisedRoutes' && !peer) {
    return sendCloudError(res, 400, 'MissingRequiredParameter', "The request is missing the required query parameter 'peer'.");
  }
  // The router sends only the long-running actions here.
  const name = route.operation as LongRunningOperationName;
  const now = realNow();
  const operation: LongRunningOperation = {
    id: randomUUID(),
    name,
    subscriptionId: gateway.subscriptionId,
    location: gateway.location,
    gatewayId: gateway.id,
    ...(peer ? { peer } : {}),
    apiVersion,
    startedRealMs: now,
    completesRealMs: now + lroMs,
    faults: control.faults.takeOperationFaults({ operation: name, gatewayId: gateway.id }),
  };
  operations.add(operation);
  if (peer) control.counts.recordPeerParameter(name, peer);
  return sendEmpty(res, 202, {
    Location: operationUrl(base, operation, 'operationResults'),
    'Azure-AsyncOperation': operationUrl(base, operation, 'operations'),
    'Retry-After': retryAfter,
  });
};

/** The status URL (`.../operations/{id}`): status only, never the result. */
export const answerOperationStatus: ArmHandler = (request, { realNow, retryAfter }) => {
  const { res, url, base, longRunningOperation: operation } = request;
  if (!operation) return answerOperationNotFound(request);
  const failure = failureOf(operation);
  const running = isRunning(operation, realNow);
  const body = {
    id: `${base}${url.pathname}`,
    name: operation.id,
    startTime: new Date(operation.startedRealMs).toISOString(),
    status: running ? 'InProgress' : failure ? 'Failed' : 'Succeeded',
    ...(!running ? { endTime: new Date(operation.completesRealMs).toISOString() } : {}),
    ...(!running && failure ? { error: failureError(failure) } : {}),
  };
  return sendJson(res, 200, body, running ? { 'Retry-After': retryAfter } : {});
};

/** The result URL (`.../operationResults/{id}`): 202 while running, then the result or the error. */
export const answerOperationResult: ArmHandler = (request, context) => {
  const { res, base, longRunningOperation: operation } = request;
  if (!operation) return answerOperationNotFound(request);
  const failure = failureOf(operation);
  if (isRunning(operation, context.realNow)) {
    return sendEmpty(res, 202, { Location: operationUrl(base, operation, 'operationResults'), 'Retry-After': context.retryAfter });
  }
  if (failure) return sendJson(res, failure.status ?? 500, { error: failureError(failure) });
  return sendJson(res, 200, operationResult(operation, context));
};

function answerOperationNotFound({ res, route }: ArmRequest): void {
  sendCloudError(res, 404, 'OperationNotFound', `The operation '${route.operationId}' could not be found. Operations are kept for 10 minutes.`);
}

function isRunning(operation: LongRunningOperation, realNow: () => number): boolean {
  return neverFinishes(operation) || realNow() < operation.completesRealMs;
}

function operationUrl(base: string, operation: LongRunningOperation, kind: 'operations' | 'operationResults'): string {
  return `${base}/subscriptions/${operation.subscriptionId}/providers/Microsoft.Network/locations/${operation.location}/${kind}/${operation.id}?api-version=${encodeURIComponent(operation.apiVersion)}`;
}

/** Computed at the first read after completion and kept, so later reads agree. */
function operationResult(operation: LongRunningOperation, { simulation, clock, control }: ArmContext): unknown {
  if (operation.result !== undefined) return operation.result;
  const t = clock.at(operation.completesRealMs);
  const forced = control.forced.lookup;
  let value: ResultRow[];
  if (operation.name === 'getBgpPeerStatus') {
    value = simulation.peerStatusAt(operation.gatewayId, t, { forced, ...(operation.peer ? { peer: operation.peer } : {}) }) as unknown as ResultRow[];
  } else if (operation.name === 'getLearnedRoutes') {
    value = simulation.learnedRoutesAt(operation.gatewayId, t, forced) as unknown as ResultRow[];
  } else {
    value = simulation.advertisedRoutesAt(operation.gatewayId, operation.peer ?? '', t, forced) as unknown as ResultRow[];
  }
  operation.result = { value: applyOperationFaults(value, operation.faults) };
  return operation.result;
}
