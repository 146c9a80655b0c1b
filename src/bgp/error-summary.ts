import { isArmError, type ArmError } from '../azure/arm-error';
import { formatDuration } from '../lib/format';

export interface ErrorSummary {
  /** What happened, in an engineer's words: "Azure is throttling requests (HTTP 429) …". */
  headline: string;
  /** ARM's CloudError code, or the ARM client's own (`NetworkError`, `OperationTimedOut` …). */
  code: string;
  message: string;
  requestId: string | null;
}

/**
 * What a panel says about a failure: a plain-words headline, then ARM's CloudError code and
 * message exactly as sent (the code is what a support ticket or a search needs).
 */
export function summarizeError(error: unknown): ErrorSummary {
  if (isArmError(error)) {
    return { headline: headlineFor(error), code: error.code, message: error.message, requestId: error.requestId ?? null };
  }
  if (error instanceof Error) {
    return { headline: 'Something unexpected went wrong', code: error.name || 'Error', message: error.message, requestId: null };
  }
  return { headline: 'Something unexpected went wrong', code: 'Error', message: String(error), requestId: null };
}

const AUTHENTICATION_CODES = new Set(['InvalidAuthenticationToken', 'AuthenticationFailed', 'InvalidAuthenticationTokenTenant']);

function headlineFor(error: ArmError): string {
  const { code, status } = error;
  if (error.operationStatus === 'Failed') return 'Azure ran the peer status operation and it failed';
  if (error.operationStatus === 'Canceled') return 'Azure canceled the peer status operation';
  switch (code) {
    case 'NetworkError':
      return 'Azure could not be reached: the connection failed or was dropped';
    case 'RequestTimedOut':
      return 'Azure did not answer in time';
    case 'OperationTimedOut':
      return 'The peer status operation never finished in Azure, so it was abandoned';
    case 'InvalidResponse':
      return 'Azure sent an answer that could not be read';
    case 'ExpiredAuthenticationToken':
      return 'Azure refused the sign-in token as expired (HTTP 401)';
    case 'InvalidAuthenticationTokenTenant':
      return "This gateway belongs to another tenant than the one chosen: switch tenant in the header (HTTP 401)";
    case 'AuthorizationFailed':
      return 'This account is not allowed to read this gateway (HTTP 403): check its Azure role';
    case 'ResourceNotFound':
      return 'The gateway was not found (HTTP 404): deleted, renamed or moved?';
    case 'ResourceGroupNotFound':
      return "The gateway's resource group was not found (HTTP 404)";
    case 'SubscriptionNotFound':
      return "The gateway's subscription was not found, or this account cannot see it (HTTP 404)";
    case 'ForeignPollingUrl':
    case 'ForeignUrl':
      return 'Refused to follow Azure to another server, so the sign-in token stays with ARM';
    case 'PollingHeadersUnreadable':
      return "The operation's progress cannot be followed from the browser";
    case 'BatchResponseMissing':
      return "ARM's batch endpoint left this request unanswered";
    case 'BatchLocationUnreadable':
      return "ARM's batch endpoint answered later, at an address this browser cannot read (CORS)";
    case 'BatchTimedOut':
      return "ARM's batch endpoint did not finish in time";
    case 'UnexpectedRedirect':
      return 'Azure answered with a redirect, which is not followed';
    case 'TokenUnavailable':
      return 'No sign-in token for Azure';
    case 'InvalidResourceId':
      return 'The gateway ID is not valid';
  }
  if (AUTHENTICATION_CODES.has(code) || status === 401) return 'Azure refused the sign-in token (HTTP 401)';
  if (status === 429 || code === 'TooManyRequests') {
    const wait = error.retryAfterMs !== undefined ? `; ARM asked to wait ${formatDuration(error.retryAfterMs / 1000)}` : '';
    return `Azure is throttling requests (HTTP 429)${wait}`;
  }
  if (status === 500) return 'Azure had an internal error (HTTP 500)';
  if (status === 502 || status === 504) return `A gateway in front of Azure failed (HTTP ${status})`;
  if (status === 503) return 'Azure is temporarily unavailable (HTTP 503)';
  if (status === 403) return 'Access denied (HTTP 403)';
  if (status === 404) return 'Not found (HTTP 404)';
  if (status !== undefined) return `Azure answered with an error (HTTP ${status})`;
  return 'The request to Azure failed';
}
