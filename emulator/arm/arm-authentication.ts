import type { AnswerSink } from '../http-io';
import type { IdentityServer } from '../identity/identity-types';
import { TokenRejectedError, type VerifiedToken } from '../identity/token-verifier';
import type { ArmIncoming } from './arm-request';
import { sendCloudError } from './cloud-error';

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
