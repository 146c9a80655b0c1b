import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { SIGNING_ALG, type SigningKeys } from './keys-and-certificate.ts';

/** The one user of the emulator. Fixed ids so tests and the ARM side can predict them. */
export const demoUser = {
  oid: '6f1d5c1e-0b7a-4c52-9d3e-2a4d00000001',
  username: 'demo.engineer@emulator.localhost',
  name: 'Demo Engineer',
} as const;

/** The object id of the script client's service principal (Entra puts the app's SP id in `oid`). */
export const scriptServicePrincipalId = '6f1d5c1e-0b7a-4c52-9d3e-2a4d00000002';

export interface DemoToken {
  accessToken: string;
  expiresOn: number;
  username: string;
  name: string;
  /** The tenant the token was issued for (its `tid`). */
  tenantId: string;
}

export interface DemoTokenSettings {
  keys: SigningKeys;
  /** The issuer of each tenant's tokens. */
  issuerFor: (tenantId: string) => string;
  armResource: string;
  /** The home tenant: the token's tenant when none is asked for. */
  tenantId: string;
  spaClientId: string;
  tokenLifetimeSeconds: number;
}

/**
 * Returns `issueDemoToken`: an access token for the demo user signed like the provider's own, for
 * the emulator's one-click sign-in, which skips the authorization-code dance.
 */
export function createDemoTokenIssuer({ keys, issuerFor, armResource, tenantId: homeTenantId, spaClientId, tokenLifetimeSeconds }: DemoTokenSettings): (tenantId?: string) => Promise<DemoToken> {
  return async function issueDemoToken(tenantId = homeTenantId): Promise<DemoToken> {
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + tokenLifetimeSeconds;
    const accessToken = await new SignJWT({
      scope: `${armResource}/user_impersonation`,
      client_id: spaClientId,
      tid: tenantId,
      oid: demoUser.oid,
      scp: 'user_impersonation',
      preferred_username: demoUser.username,
      name: demoUser.name,
      appid: spaClientId,
    })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid, typ: 'at+jwt' })
      .setIssuer(issuerFor(tenantId))
      .setAudience(armResource)
      .setSubject(demoUser.oid)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(keys.privateKey);
    return { accessToken, expiresOn: expiresAt * 1000, username: demoUser.username, name: demoUser.name, tenantId };
  };
}
