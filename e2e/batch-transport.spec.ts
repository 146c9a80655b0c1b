import { expect, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
import { configFor, gatewayPanel, peerRow, peerRows, POLL_SECONDS, signIn, useConfig } from './support/app.ts';

// An ARM that, as a strict CORS policy would, lets the browser read no header beyond the
// safelisted ones: no Location, Azure-AsyncOperation or Retry-After on a 202.
const emulator = emulatorForThisSpec(['--fleet', 'small', '--speed', '0.001', '--cors-expose', 'none']);

const ONE_POLL_MS = (POLL_SECONDS + 4) * 1000;

test('configured for direct, with polling headers unreadable, the dashboard switches to the batch endpoint by itself, says so once, and shows every peer live', async ({ page }) => {
  await useConfig(page, configFor(emulator.info, 'emulator', { arm: { endpoint: emulator.info.armEndpoint, transport: 'direct' } }));
  await signIn(page, 'emulator');

  for (const gateway of emulator.fleet.gateways) {
    const panel = gatewayPanel(page, gateway.id);
    await expect(peerRows(panel)).toHaveCount(gateway.peers.length, { timeout: 30_000 });
    await expect(panel.getByRole('alert')).toHaveCount(0);
  }
  const note = page.getByTestId('transport-note');
  await expect(note).toHaveAttribute('data-mode', 'batch');
  await expect(note).toHaveAttribute('title', /polling headers cannot be read/);
  await expect(page.getByText('PollingHeadersUnreadable')).toHaveCount(0);

  // Still live: a peer forced down shows within one interval, through batch.
  const gateway = emulator.fleet.gateways[0]!;
  const peer = gateway.peers[0]!;
  await control(emulator.info).forceState({ gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state: 'Idle' });
  await expect(peerRow(gatewayPanel(page, gateway.id), peer.neighbor, peer.localAddress)).toHaveAttribute('data-state', 'Idle', { timeout: ONE_POLL_MS });

  const counts = await control(emulator.info).requests();
  expect(counts.batch.calls).toBeGreaterThan(0);
  expect(counts.batch.innerRequests).toBeGreaterThan(0);
});

test('by default (auto), with polling headers unreadable, every peer shows through batch from the first poll, with nothing to explain', async ({ page }) => {
  await useConfig(page, configFor(emulator.info, 'emulator'));
  await control(emulator.info).resetRequests();
  await signIn(page, 'emulator');
  for (const gateway of emulator.fleet.gateways) {
    const panel = gatewayPanel(page, gateway.id);
    await expect(peerRows(panel)).toHaveCount(gateway.peers.length, { timeout: 30_000 });
    await expect(panel.getByRole('alert')).toHaveCount(0);
  }
  await expect(page.getByTestId('transport-note')).toHaveCount(0);
  const counts = await control(emulator.info).requests();
  // Not one operation was started directly and lost to unreadable headers.
  expect(counts.batch.innerRequests).toBe(counts.total);
});

test('configured for batch, every ARM call of the page goes through the batch endpoint, each operation counted as if sent alone', async ({ page }) => {
  await useConfig(page, configFor(emulator.info, 'emulator', { arm: { endpoint: emulator.info.armEndpoint, transport: 'batch' } }));
  await signIn(page, 'emulator');
  for (const gateway of emulator.fleet.gateways) {
    await expect(peerRows(gatewayPanel(page, gateway.id))).toHaveCount(gateway.peers.length, { timeout: 30_000 });
  }
  // As configured: nothing to explain.
  await expect(page.getByTestId('transport-note')).toHaveCount(0);

  await control(emulator.info).resetRequests();
  await expect
    .poll(async () => {
      const counts = await control(emulator.info).requests();
      return emulator.fleet.gateways.every((g) => (counts.byGateway[g.id]?.byOperation.getBgpPeerStatus ?? 0) >= 2);
    }, { timeout: 3 * ONE_POLL_MS })
    .toBe(true);

  const counts = await control(emulator.info).requests();
  // No request outside a batch envelope (CORS preflights aside).
  expect(counts.httpRequests - counts.preflight).toBe(counts.batch.calls + counts.batch.polls);
  expect(counts.batch.innerRequests).toBe(counts.total);
  // Batching pays: fewer HTTP requests than ARM operations.
  expect(counts.batch.calls + counts.batch.polls).toBeLessThan(counts.total);
});
