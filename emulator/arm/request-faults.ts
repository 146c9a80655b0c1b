import type { Fault } from '../control/faults';
import { sendEmpty, sleep } from '../http-io';
import type { VerifiedToken } from '../identity/token-verifier';
import { wwwAuthenticate } from './arm-authentication';
import { gatewayPath, type ArmIncoming, type ArmOutgoing, type ArmRoute } from './arm-request';
import { resourceNotFoundMessage, sendCloudError } from './cloud-error';
import type { RateKind } from './rate-limit';
import { RESOURCE_GRAPH_REFUSAL } from './resource-graph';

const DEFAULT_SLOW_MS = 3000;
const DEFAULT_THROTTLE_RETRY_AFTER = 5;

export interface FaultedRequest {
  req: ArmIncoming;
  res: ArmOutgoing;
  route: ArmRoute;
  principal: VerifiedToken;
  /** Named by the 401 fault's `WWW-Authenticate`, as a real refusal would. */
  authority: string;
  rateKind: RateKind;
  gatewayId: string | undefined;
  log: (line: string) => void;
}

/**
 * Applies the control API's request faults taken for one request: each `slow` fault delays it,
 * then the first other fault answers in its place. Returns true when the request needs no
 * further answer (a fault answered it, or its client left while it was delayed).
 */
export async function answerWithFaults(faults: Fault[], request: FaultedRequest): Promise<boolean> {
  const { res, route } = request;
  for (const fault of faults) {
    if (fault.kind === 'slow') {
      const aborted = new AbortController();
      res.once('close', () => aborted.abort());
      await sleep(fault.delayMs ?? DEFAULT_SLOW_MS, aborted.signal);
      if (res.destroyed || res.writableEnded) return true;
      continue;
    }
    request.log(`fault ${fault.kind} on ${route.operation} ${request.gatewayId ?? ''}`);
    answerWithFault(fault, request);
    return true;
  }
  return false;
}

function answerWithFault(fault: Fault, { req, res, route, principal, authority, rateKind }: FaultedRequest): void {
  const scope = route.gatewayName ? gatewayPath(route) : route.subscriptionId ? `/subscriptions/${route.subscriptionId}` : '/';
  const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
    sendCloudError(res, fault.status ?? status, fault.code ?? code, fault.message ?? message, headers);
  switch (fault.kind) {
    case 'throttle':
      return error(429, 'TooManyRequests', 'The request is being throttled as the limit has been reached for operation type. For more information, see https://aka.ms/armthrottling (emulated fault).', {
        'Retry-After': String(fault.retryAfterSeconds ?? DEFAULT_THROTTLE_RETRY_AFTER),
        [`x-ms-ratelimit-remaining-subscription-${rateKind}`]: '0',
      });
    case 'http500':
      return error(500, 'InternalServerError', 'Encountered internal server error (emulated fault).');
    case 'http503':
      return error(503, 'ServiceUnavailable', 'The service is temporarily unavailable (emulated fault).', fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {});
    case 'malformedJson': {
      const text = '{"value":[{"neighbor":"10.0.0.1","localAddress":"10.0.0.4","state":"Conn';
      res.writeHead(fault.status ?? 200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
      res.end(text);
      return;
    }
    case 'dropConnection':
      req.socket.destroy();
      return;
    case 'unauthorized': {
      const message = fault.message ?? 'The access token is invalid (emulated fault).';
      return error(401, 'InvalidAuthenticationToken', message, { 'WWW-Authenticate': wwwAuthenticate(authority, message) });
    }
    case 'forbidden':
      if (route.operation === 'resourceGraph') return error(403, 'AuthorizationFailed', RESOURCE_GRAPH_REFUSAL);
      return error(
        403,
        'AuthorizationFailed',
        `The client '${principal.preferredUsername ?? principal.oid}' with object id '${principal.oid}' does not have authorization to perform action 'Microsoft.Network/virtualNetworkGateways/${route.operation === 'getGateway' ? 'read' : `${route.operation ?? 'read'}/action`}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      );
    case 'notFound':
      return error(404, 'ResourceNotFound', resourceNotFoundMessage('Microsoft.Network/virtualNetworkGateways', route.gatewayName ?? '', route.resourceGroup ?? ''));
    case 'foreignPollingUrl': {
      // A hijacked or misconfigured front end: the client must refuse to carry its token there.
      const url = fault.pollingUrl ?? 'http://localhost:1/';
      return sendEmpty(res, 202, { Location: url, 'Azure-AsyncOperation': url, 'Retry-After': '1' });
    }
    default:
      return error(500, 'InternalServerError', `fault ${fault.kind} cannot apply to a single request`);
  }
}
