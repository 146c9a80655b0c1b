import { createArmClient, type ArmClient } from '../../src/azure/arm-client.ts';
import { emulatorScriptToken } from '../../scripts/emulator-token.ts';
import type { EmulatorInfo } from './emulator.ts';

/** What a Node script does: a client_credentials token, then the same ARM client the page uses. */
export async function scriptArmClient(info: EmulatorInfo): Promise<ArmClient> {
  const token = await emulatorScriptToken(info);
  return createArmClient({ endpoint: info.armEndpoint, getToken: async () => token });
}
