import type { AnswerSink } from '../http-io';
import type { Fleet } from '../simulation/fleet';
import type { IdentityServer } from '../identity/identity-types';
import { TokenRejectedError, type VerifiedToken } from '../identity/token-verifier';
import type { ArmIncoming } from './arm-request';
import { sendCloudError } from './cloud-error';
import { findSubscription } from './subscriptions-and-tenants';

/**
 * Checks the bearer token of an ARM request. On refusal, answers ARM's 401 (CloudError and
 * `WWW-Authenticate` naming the authority) and returns undefined.
 */
export async function authenticate(req: Pick<ArmIncoming, 'headers'>, res: AnswerSink, identity: IdentityServer): Promise<VerifiedToken | undefined> {
  const refuse = (code: string, message: string): undefined => {
    sendCloudError(res, 401, code, message, { 'WWW-Authenticate': wwwAuthenticate(identity.authority, message) });
    return undefined;
  };
  const header = req.headers.authorization;
  if (!header) return refuse('AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return refuse('AuthenticationFailed', "Authentication failed. The 'Authorization' header is provided in an invalid format.");
  try {
    return await identity.verifyAccessToken(match[1]);
  } catch (error) {
    if (error instanceof TokenRejectedError) return refuse(error.code, error.message);
    return refuse('InvalidAuthenticationToken', 'The access token is invalid.');
  }
}

export function wwwAuthenticate(authority: string, description: string): string {
  return `Bearer authorization_uri="${authority}", error="invalid_token", error_description="${description.replace(/"/g, "'")}"`;
}

/**
 * ARM's answer to a valid token of one tenant on a subscription of another: 401
 * `InvalidAuthenticationTokenTenant`, with `authorization_uri` naming the subscription's tenant so
 * a client knows which authority to ask. Returns true once answered. An unknown subscription is
 * left to the handlers (404 `SubscriptionNotFound`).
 */
export function refuseWrongTenant(principal: VerifiedToken, subscriptionId: string, fleet: Fleet, res: AnswerSink, identity: IdentityServer): boolean {
  const subscription = findSubscription(fleet, subscriptionId);
  if (!subscription || subscription.tenantId.toLowerCase() === principal.tid.toLowerCase()) return false;
  const tokenIssuer = `https://sts.windows.net/${principal.tid}/`;
  const subscriptionIssuer = `https://sts.windows.net/${subscription.tenantId}/`;
  const authority = identity.authorityFor(subscription.tenantId);
  const message =
    `The access token is from the wrong issuer '${tokenIssuer}'. It must match the tenant '${subscriptionIssuer}' associated with this subscription. ` +
    `Please use the authority (URL) '${authority}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, ` +
    'but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.';
  sendCloudError(res, 401, 'InvalidAuthenticationTokenTenant', message, {
    'WWW-Authenticate': wwwAuthenticate(authority, 'The access token is from the wrong issuer.'),
  });
  return true;
}
