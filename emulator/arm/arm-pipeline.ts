import { randomUUID } from 'node:crypto';
import type { ControlState } from '../control/control-api';
import type { IdentityServer } from '../identity/identity-types';
import { authenticate, refuseWrongTenant } from './arm-authentication';
import { gatewayPath, searchParamIgnoreCase, type ArmContext, type ArmIncoming, type ArmOutgoing } from './arm-request';
import { handlerFor, matchRoute } from './arm-router';
import { sendCloudError } from './cloud-error';
import type { LongRunningOperation } from './long-running-operations';
import { rateKindOf, type RateLimiter } from './rate-limit';
import { answerWithFaults } from './request-faults';

/**
 * ARM's pipeline for one request: ids, counts, authentication, api-version, route, throttling,
 * faults, then the handler. It reads and writes through the small ArmIncoming / ArmOutgoing
 * shapes, so a batch runs its inner requests through it in memory, exactly as if sent alone.
 */
export type ArmPipeline = (req: ArmIncoming, res: ArmOutgoing, url: URL) => Promise<void>;

export interface ArmPipelineParts {
  context: ArmContext;
  control: ControlState;
  identity: Promise<IdentityServer>;
  limiter: RateLimiter;
  /** `http://host:port` when a request names no Host. */
  fallbackBase: () => string;
  log: (line: string) => void;
}

export function createArmPipeline({ context, control, identity, limiter, fallbackBase, log }: ArmPipelineParts): ArmPipeline {
  const { simulation, operations } = context;
  return async (req, res, url) => {
    setRequestIds(req, res);
    const route = matchRoute(url.pathname);
    const base = baseOf(req, fallbackBase);
    let longRunningOperation: LongRunningOperation | undefined;
    if (route.operationId && route.subscriptionId) {
      const found = operations.get(route.operationId);
      if (found && found.subscriptionId.toLowerCase() === route.subscriptionId.toLowerCase()) longRunningOperation = found;
    }
    const gatewayId = route.gatewayName
      ? (simulation.findGateway(gatewayPath(route))?.id ?? gatewayPath(route))
      : longRunningOperation?.gatewayId;
    control.counts.record(route.operation ?? 'unknown', gatewayId);

    const id = await identity;
    const principal = await authenticate(req, res, id);
    if (!principal) return;
    if (route.subscriptionId && refuseWrongTenant(principal, route.subscriptionId, simulation.fleet, res, id)) return;

    const apiVersion = checkApiVersion(url, res);
    if (!apiVersion) return;
    const { operation } = route;
    if (!operation) {
      sendCloudError(res, 404, 'NotFound', `No HTTP resource was found that matches the request URI '${base}${url.pathname}'.`);
      return;
    }
    if (route.method !== req.method) {
      sendCloudError(res, 405, 'MethodNotAllowed', `The requested resource does not support http method '${req.method}'.`);
      return;
    }

    const rateKind = rateKindOf(operation);
    const decision = limiter.take(`${route.subscriptionId?.toLowerCase() ?? 'tenant'}|${principal.oid}`, rateKind);
    res.setHeader(`x-ms-ratelimit-remaining-subscription-${rateKind}`, String(decision.remaining));
    if (!decision.allowed) {
      sendCloudError(res, 429, 'TooManyRequests', `The request is being throttled as the limit has been reached for operation type - ${rateKind === 'writes' ? 'Write' : 'Read'}. For more information, see https://aka.ms/armthrottling`, { 'Retry-After': String(decision.retryAfterSeconds) });
      return;
    }

    const faults = control.faults.takeRequestFaults({ operation, ...(gatewayId ? { gatewayId } : {}) });
    if (await answerWithFaults(faults, { req, res, route, principal, authority: id.authority, rateKind, gatewayId, log })) return;

    await handlerFor(operation)({ req, res, url, route: { ...route, operation }, base, apiVersion, longRunningOperation, principal }, context);
  };
}

/** ARM's request ids on every answer, and the client's own id echoed back. */
export function setRequestIds(req: Pick<ArmIncoming, 'headers'>, res: ArmOutgoing): void {
  const requestId = randomUUID();
  res.setHeader('x-ms-request-id', requestId);
  res.setHeader('x-ms-correlation-request-id', requestId);
  const clientRequestId = req.headers['x-ms-client-request-id'];
  if (typeof clientRequestId === 'string') res.setHeader('x-ms-client-request-id', clientRequestId);
}

/** `http://host:port` as the caller named it: nextLink and polling URLs start with it. */
export function baseOf(req: Pick<ArmIncoming, 'headers'>, fallbackBase: () => string): string {
  return req.headers.host ? `http://${req.headers.host}` : fallbackBase();
}

/** The api-version, or undefined once ARM's 400 is answered. */
export function checkApiVersion(url: URL, res: ArmOutgoing): string | undefined {
  const apiVersion = searchParamIgnoreCase(url, 'api-version');
  if (!apiVersion) {
    sendCloudError(res, 400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
    return undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(apiVersion)) {
    sendCloudError(res, 400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are those of the form 'yyyy-mm-dd' or 'yyyy-mm-dd-preview'.`);
    return undefined;
  }
  return apiVersion;
}
