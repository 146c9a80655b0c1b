import { Agent, fetch as undiciFetch } from 'undici';
import { createArmClient, type ArmClient } from '../../src/azure/arm-client.ts';
import type { EmulatorInfo } from './emulator.ts';

/**
 * What a Node script does: a client_credentials token from the emulator's identity side, then
 * the same ARM client the page uses. The identity side's certificate is self-signed, made at start.
 */
export async function scriptArmClient(info: EmulatorInfo): Promise<ArmClient> {
  const dispatcher = new Agent({ connect: { ca: info.identityCertificate } });
  const discovery = (await (
    await undiciFetch(`${info.oidcAuthority}/.well-known/openid-configuration`, { dispatcher })
  ).json()) as { token_endpoint: string };
  const response = await undiciFetch(discovery.token_endpoint, {
    dispatcher,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: info.scriptClient.clientId,
      client_secret: info.scriptClient.clientSecret,
      scope: `${info.armEndpoint}/.default`,
    }).toString(),
  });
  if (!response.ok) throw new Error(`client_credentials failed: HTTP ${response.status} ${await response.text()}`);
  const { access_token: token } = (await response.json()) as { access_token: string };
  return createArmClient({ endpoint: info.armEndpoint, getToken: async () => token });
}
