import { expect, test } from './support/page-guard.ts';
import { startEmulator } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
import { configFor, gatewayPanel, peerRow, peerRows, signIn, useConfig, type SignInMode } from './support/app.ts';
import { scriptArmClient } from './support/script-client.ts';
import { formatDuration } from '../src/lib/format.ts';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;

// A near-frozen simulated clock, so what the page shows and what a script reads can be compared.
test.beforeAll(async () => {
  emulator = await startEmulator(['--fleet', 'small', '--speed', '0.001']);
});
test.afterAll(async () => emulator?.stop());

for (const mode of ['msal-aad', 'msal-oidc'] as const satisfies SignInMode[]) {
  test(`signs in through MSAL (${mode === 'msal-aad' ? 'AAD' : 'OIDC'} protocol mode) and shows the peers a Node script reads`, async ({ page }) => {
    await useConfig(page, configFor(emulator.info, mode));
    await signIn(page, mode);

    await expect(page.getByText('Demo Engineer')).toBeVisible();
    const fleet = await control(emulator.info).fleet();
    await expect(page.getByTestId('gateway-panel')).toHaveCount(fleet.gateways.length);

    // The page's rows against what createArmClient(...).getBgpPeerStatus(...) returns in Node.
    const client = await scriptArmClient(emulator.info);
    for (const gateway of fleet.gateways) {
      const panel = gatewayPanel(page, gateway.id);
      await expect(panel.getByRole('heading', { name: gateway.name })).toBeVisible();
      const peers = await client.getBgpPeerStatus(gateway.id);
      await expect(peerRows(panel)).toHaveCount(peers.length);
      for (const peer of peers) {
        const row = peerRow(panel, peer.neighbor!, peer.localAddress!);
        await expect(row).toHaveAttribute('data-state', peer.state);
        await expect(row).toContainText(String(peer.asn));
        await expect(row).toContainText(formatDuration(peer.connectedSeconds));
        await expect(row.getByRole('cell').nth(5)).toHaveText((peer.routesReceived ?? 0).toLocaleString('en-US'));
      }
    }
  });
}
