import { Agent, fetch as undiciFetch } from 'undici';
import type { EmulatorInfo } from './emulator-process.ts';

/**
 * What any Node script does to call the emulator's ARM: the client_credentials grant at the
 * emulator's identity side, trusting its self-signed certificate (from the ready line) rather
 * than switching TLS checks off.
 */
export async function emulatorScriptToken(info: EmulatorInfo): Promise<string> {
  const dispatcher = new Agent({ connect: { ca: info.identityCertificate } });
  const discoveryResponse = await undiciFetch(`${info.oidcAuthority}/.well-known/openid-configuration`, { dispatcher });
  const { token_endpoint: tokenEndpoint } = (await discoveryResponse.json()) as { token_endpoint: string };
  const response = await undiciFetch(tokenEndpoint, {
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
  if (!response.ok) throw new Error(`client_credentials grant failed: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
