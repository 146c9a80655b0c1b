import { expect, failedLoad, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
import { configFor, gatewayPanel, lastUpdatedAt, peerRow, POLL_SECONDS, signIn, useConfig } from './support/app.ts';


const emulator = emulatorForThisSpec();

// One polling interval, plus the long-running operation's own time (1 s, polled after Retry-After).
const ONE_POLL_MS = (POLL_SECONDS + 3) * 1000;

test('a peer forced down changes its badge within one polling interval, and back', async ({ page }) => {
  await useConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  const gateway = emulator.fleet.gateways.find((g) => g.activeActive)!;
  const peer = gateway.peers[0]!;
  const row = peerRow(gatewayPanel(page, gateway.id), peer.neighbor, peer.localAddress);
  await expect(row).toHaveAttribute('data-state', 'Connected');

  await control(emulator.info).forceState({ gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state: 'Idle' });
  await expect(row).toHaveAttribute('data-state', 'Idle', { timeout: ONE_POLL_MS });
  await expect(row.getByText('Idle', { exact: true })).toBeVisible();
  // A dropped peer is the first row of its gateway.
  await expect(gatewayPanel(page, gateway.id).locator('[data-testid="peer-row"]').first()).toHaveAttribute('data-neighbor', peer.neighbor);
  // The other instance's session with the same neighbor is a different row and stays up.
  const otherInstance = gateway.peers.find((p) => p.neighbor === peer.neighbor && p.localAddress !== peer.localAddress)!;
  await expect(peerRow(gatewayPanel(page, gateway.id), otherInstance.neighbor, otherInstance.localAddress)).toHaveAttribute('data-state', 'Connected');

  await control(emulator.info).forceState({ gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state: 'Connected' });
  await expect(row).toHaveAttribute('data-state', 'Connected', { timeout: ONE_POLL_MS });
});

test('a gateway that fails shows its error and keeps its last peers, while the others keep updating, then recovers', async ({ page, pageGuard }) => {
  pageGuard.allow(failedLoad(403));
  await useConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  const [failing, healthy] = emulator.fleet.gateways;
  const failingPanel = gatewayPanel(page, failing!.id);
  const healthyPanel = gatewayPanel(page, healthy!.id);
  await expect(failingPanel.locator('[data-testid="peer-row"]').first()).toBeVisible();
  const rowsBefore = await failingPanel.locator('[data-testid="peer-row"]').count();

  await control(emulator.info).injectFault({
    kind: 'forbidden',
    gatewayId: failing!.id,
    operation: 'getBgpPeerStatus',
    message: 'The client does not have authorization to perform action getBgpPeerStatus.',
  });
  const stale = failingPanel.getByTestId('stale-marker');
  await expect(stale).toContainText('AuthorizationFailed', { timeout: ONE_POLL_MS });
  await expect(stale).toContainText('does not have authorization');
  await expect(failingPanel.locator('[data-testid="peer-row"]')).toHaveCount(rowsBefore);

  // The healthy gateway is still refreshed on its own schedule.
  const healthyBefore = await lastUpdatedAt(healthyPanel);
  await expect.poll(() => lastUpdatedAt(healthyPanel), { timeout: ONE_POLL_MS }).toBeGreaterThan(healthyBefore);
  await expect(healthyPanel.getByTestId('stale-marker')).toHaveCount(0);

  await control(emulator.info).clearFaults();
  await expect(stale).toHaveCount(0, { timeout: ONE_POLL_MS });
});
