import { createLocalJWKSet, jwtVerify, errors as joseErrors, type JWK } from 'jose';

/**
 * Verification of ARM access tokens, as ARM does it: this emulator's signature, issuer, audience
 * and expiry. Refusals carry ARM's own codes and wording, which the ARM face answers with.
 */

export interface VerifiedToken {
  oid: string;
  tid: string;
  scp?: string;
  appid?: string;
  preferredUsername?: string;
  exp: number;
}

/** Why a bearer token was refused, in ARM's own error codes. */
export class TokenRejectedError extends Error {
  constructor(
    readonly code: 'InvalidAuthenticationToken' | 'ExpiredAuthenticationToken' | 'AuthenticationFailed',
    message: string,
  ) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}

export interface TokenVerifierSettings {
  /** The public half of the key the provider signs access tokens with. */
  publicJwk: JWK;
  /** Tenant ID → the issuer of its tokens; a token's `tid` must be its issuer's tenant. */
  issuers: ReadonlyMap<string, string>;
  /** The ARM resource, e.g. `http://localhost:8710`. */
  audience: string;
  algorithm: string;
}

/** Returns `verifyAccessToken`: resolves the token's claims or throws TokenRejectedError. */
export function createTokenVerifier({ publicJwk, issuers, audience, algorithm }: TokenVerifierSettings): (token: string) => Promise<VerifiedToken> {
  const localJwks = createLocalJWKSet({ keys: [publicJwk] });
  const issuer = [...issuers.values()];

  function toTokenRejected(error: unknown, token: string): TokenRejectedError {
    if (error instanceof joseErrors.JWTExpired) {
      const exp = error.payload.exp;
      const expired = typeof exp === 'number' ? formatUtc(new Date(exp * 1000)) : 'unknown';
      return new TokenRejectedError(
        'ExpiredAuthenticationToken',
        `The access token expiry UTC time '${expired}' is earlier than current UTC time '${formatUtc(new Date())}'.`,
      );
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') {
      return new TokenRejectedError(
        'InvalidAuthenticationToken',
        `The access token has been obtained for wrong audience or resource '${String(error.payload.aud)}'. It should exactly match with one of the allowed audiences '${audience}','${audience}/'.`,
      );
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'iss') {
      return new TokenRejectedError(
        'InvalidAuthenticationToken',
        `The access token is from the wrong issuer '${String(error.payload.iss)}'. It must match the tenant '${issuer[0]}' associated with this subscription.`,
      );
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) {
      return new TokenRejectedError('InvalidAuthenticationToken', 'The access token signature is invalid.');
    }
    const looksLikeJwt = token.split('.').length === 3;
    return new TokenRejectedError(
      'InvalidAuthenticationToken',
      looksLikeJwt ? `The access token is invalid: ${error instanceof Error ? error.message : String(error)}.` : 'The access token is invalid.',
    );
  }

  // Tokens whose signature and claims have been checked, as ARM's front door keeps them: a
  // client sends the same token with every request (a batch's inner requests each carry it) and
  // an RSA check costs about 0.25 ms of the emulator's one thread. Expiry is checked on every use.
  const verified = new Map<string, VerifiedToken>();

  return async function verifyAccessToken(token: string): Promise<VerifiedToken> {
    const known = verified.get(token);
    if (known !== undefined && known.exp * 1000 > Date.now()) return known;
    verified.delete(token);
    const claims = await verifyOnce(token);
    verified.set(token, claims);
    if (verified.size > VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
    return claims;
  };

  async function verifyOnce(token: string): Promise<VerifiedToken> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, localJwks, { issuer, audience, algorithms: [algorithm] }));
    } catch (error) {
      throw toTokenRejected(error, token);
    }
    const { oid, tid, scp, appid, preferred_username: preferredUsername, exp } = payload;
    if (typeof oid !== 'string' || typeof tid !== 'string' || typeof exp !== 'number') {
      throw new TokenRejectedError('InvalidAuthenticationToken', 'The access token is missing the oid, tid or exp claim.');
    }
    if (issuers.get(tid.toLowerCase()) !== payload.iss) {
      throw new TokenRejectedError('InvalidAuthenticationToken', `The access token's tenant '${tid}' is not the tenant of its issuer '${String(payload.iss)}'.`);
    }
    return {
      oid,
      tid,
      exp,
      ...(typeof scp === 'string' ? { scp } : {}),
      ...(typeof appid === 'string' ? { appid } : {}),
      ...(typeof preferredUsername === 'string' ? { preferredUsername } : {}),
    };
  }
}

/** Verified tokens kept (the oldest goes first): a few per signed-in tab and script. */
const VERIFIED_TOKENS_KEPT = 256;

function formatUtc(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
