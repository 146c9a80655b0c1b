import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { generate as generateCertificate, type GenerateResult } from 'selfsigned';

/** Made fresh at every start and kept in memory only: nothing secret is ever written to the repo. */

export const SIGNING_ALG = 'RS256';

export interface SigningKeys {
  privateKey: CryptoKey;
  kid: string;
  /** What oidc-provider signs with. */
  privateJwk: JWK;
  /** What the token verifier trusts. */
  publicJwk: JWK;
}

export async function createSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = randomUUID();
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG, use: 'sig' };
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: 'sig' };
  return { privateKey, kid, privateJwk, publicJwk };
}

/** MSAL refuses http: authorities, so the identity face is HTTPS with a throwaway certificate for localhost. */
export function createLocalhostCertificate(): Promise<GenerateResult> {
  return generateCertificate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
}
