/**
 * The ARM client from Node, without the browser:
 *
 *   npm run peer-status                          # starts a small emulator fleet and prints every peer
 *   npm run peer-status -- --fleet noc           # emulator flags pass through
 *   ARM_TOKEN=$(az account get-access-token --query accessToken -o tsv) \
 *     npm run peer-status -- --arm https://management.azure.com --gateway /subscriptions/…/virtualNetworkGateways/gw
 */
import { createArmClient } from '../src/azure/arm-client.ts';
import { isArmError } from '../src/azure/arm-error.ts';
import { formatDuration } from '../src/lib/format.ts';
import { startEmulatorProcess } from './emulator-process.ts';
import { emulatorScriptToken } from './emulator-token.ts';

// --arm, --gateway (repeatable) and --peer are ours; every other argument goes to the emulator.
const values: { arm?: string; gateway: string[]; peer?: string } = { gateway: [] };
const emulatorFlags: string[] = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i]!;
  const value = args[i + 1];
  if (arg === '--arm' && value) values.arm = args[++i];
  else if (arg === '--gateway' && value) values.gateway.push(args[++i]!);
  else if (arg === '--peer' && value) values.peer = args[++i];
  else emulatorFlags.push(arg);
}

const emulator = values.arm ? undefined : await startEmulatorProcess(emulatorFlags);
try {
  let endpoint: string;
  let token: string;
  if (emulator) {
    endpoint = emulator.info.armEndpoint;
    token = await emulatorScriptToken(emulator.info);
  } else {
    endpoint = values.arm!;
    token = process.env.ARM_TOKEN ?? '';
    if (!token) throw new Error('Set ARM_TOKEN to an ARM access token (e.g. `az account get-access-token`).');
  }
  const client = createArmClient({ endpoint, getToken: async () => token });
  const gatewayIds = values.gateway.length > 0 ? values.gateway : (await client.discoverGateways()).map((g) => g.id);

  // Gateways are independent: one failing never hides the others.
  const results = await Promise.allSettled(
    gatewayIds.map((id) => client.getBgpPeerStatus(id, { peer: values.peer })),
  );
  results.forEach((result, index) => {
    console.log(`\n${gatewayIds[index]}`);
    if (result.status === 'rejected') {
      const error: unknown = result.reason;
      console.log(`  failed: ${isArmError(error) ? `${error.code} — ${error.message}` : String(error)}`);
      return;
    }
    console.table(
      result.value.map((peer) => ({
        neighbor: peer.neighbor,
        localAddress: peer.localAddress,
        asn: peer.asn,
        state: peer.rawState ?? peer.state,
        connectedFor: formatDuration(peer.connectedSeconds),
        routesReceived: peer.routesReceived,
        messagesSent: peer.messagesSent,
        messagesReceived: peer.messagesReceived,
      })),
    );
  });
  process.exitCode = results.some((r) => r.status === 'rejected') ? 1 : 0;
} finally {
  await emulator?.stop();
}
