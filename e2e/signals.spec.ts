import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control, type FleetGateway } from './support/emulator-control.ts';
import { configFor, gatewayPanel, peerRow, POLL_SECONDS, signIn, useConfig as serveConfig } from './support/app.ts';

// Signals a NOC acts on (issue 11, parts 1–5): drops, withdrawn routes, flapping, maintenance,
// admin-stopped peers, and an alert band that never hides an alert. A near-frozen simulated
// clock: the only changes are the ones a test forces.
const emulator = emulatorForThisSpec(['--fleet', 'small', '--speed', '0.001']);

// One polling interval plus the long-running operation's own time.
const ONE_POLL_MS = (POLL_SECONDS + 4) * 1000;
const count = new Intl.NumberFormat('en-US');

interface PickedPeer {
  gateway: FleetGateway;
  neighbor: string;
  localAddress: string;
  routesReceived: number;
}

/** Peers Connected right now with a steady life (no natural flap), up to `n`, at most `perGateway` per gateway. */
async function steadyConnectedPeers(n: number, { allConnected = false } = {}): Promise<PickedPeer[]> {
  const picked: PickedPeer[] = [];
  for (const gateway of emulator.fleet.gateways) {
    const live = (await control(emulator.info).peers(gateway.id)).value;
    if (allConnected && live.some((row) => row.state !== 'Connected')) continue;
    for (const row of live) {
      const temperament = gateway.peers.find((p) => p.neighbor === row.neighbor && p.localAddress === row.localAddress)?.temperament;
      if (row.state !== 'Connected' || temperament !== 'steady' || picked.length >= n) continue;
      picked.push({ gateway, neighbor: row.neighbor, localAddress: row.localAddress, routesReceived: row.routesReceived });
    }
  }
  if (picked.length < n) throw new Error(`only ${picked.length} steady Connected peers, wanted ${n}`);
  return picked;
}

function adminStoppedPeer(): { gateway: FleetGateway; neighbor: string; localAddress: string } {
  for (const gateway of emulator.fleet.gateways) {
    const peer = gateway.peers.find((p) => p.temperament === 'adminStopped');
    if (peer) return { gateway, neighbor: peer.neighbor, localAddress: peer.localAddress };
  }
  throw new Error('the small fleet has no admin-stopped peer');
}

async function openDashboard(page: Page) {
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
}

/** Opens the wall (signing in first unless this page already has) and waits until every tile has had its first answer. */
async function openWall(page: Page, query = '', { signedIn = false } = {}) {
  await page.setViewportSize({ width: 1920, height: 1080 });
  if (!signedIn) await openDashboard(page);
  await page.goto(`/wall${query}`);
  await expect(page.getByTestId('wall-tile')).toHaveCount(emulator.fleet.gateways.length, { timeout: 30_000 });
  await expect(page.locator('[data-testid="wall-tile"][data-health="waiting"]')).toHaveCount(0, { timeout: 30_000 });
}

function dashboardAlert(page: Page, kind: string, peer: { neighbor: string; localAddress: string }): Locator {
  return page.locator(`[data-testid="dashboard-alert"][data-kind="${kind}"][data-neighbor="${peer.neighbor}"][data-local-address="${peer.localAddress}"]`);
}

function wallAlert(page: Page, kind: string, peer: { neighbor: string; localAddress: string }): Locator {
  return page.locator(`[data-testid="wall-alert"][data-kind="${kind}"][data-neighbor="${peer.neighbor}"][data-local-address="${peer.localAddress}"]`);
}

/** Forces a state and waits until the dashboard's row shows it (so each change is a poll of its own). */
async function forceAndSee(page: Page, peer: PickedPeer, state: 'Idle' | 'Connected') {
  // The page must have seen the peer before the change, or the change is no news to it.
  await expect(peerRow(gatewayPanel(page, peer.gateway.id), peer.neighbor, peer.localAddress)).toBeVisible();
  await control(emulator.info).forceState({ gatewayId: peer.gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state });
  await expect(peerRow(gatewayPanel(page, peer.gateway.id), peer.neighbor, peer.localAddress)).toHaveAttribute('data-state', state, { timeout: ONE_POLL_MS });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')} — ${node.failureSummary ?? v.help}`));
}

test('a peer leaving Connected raises a drop alert on the dashboard naming peer, instance and gateway', async ({ page }) => {
  await openDashboard(page);
  const [peer] = await steadyConnectedPeers(1);
  await expect(peerRow(gatewayPanel(page, peer!.gateway.id), peer!.neighbor, peer!.localAddress)).toBeVisible();
  await expect(page.getByTestId('dashboard-alerts')).toContainText('None');

  await forceAndSee(page, peer!, 'Idle');
  const alert = dashboardAlert(page, 'down', peer!);
  await expect(alert).toContainText(new RegExp(`Idle${peer!.neighbor.replace(/\./g, '\\.')}${peer!.gateway.activeActive ? 'Instance [01]' : ''}on ${peer!.gateway.name}since \\d\\d:\\d\\d`));

  await page.getByRole('button', { name: 'Acknowledge all' }).click();
  await expect(alert).toHaveAttribute('data-acknowledged', 'true');
  await forceAndSee(page, peer!, 'Connected');
  await expect(alert).toHaveCount(0);
});

test('an alert outlives a reload (a wall restarts, a desk reloads): still there after the first poll, with its time and acknowledgement, on the dashboard and the wall', async ({ page }) => {
  await openDashboard(page);
  const [, peer] = await steadyConnectedPeers(2);
  await forceAndSee(page, peer!, 'Idle');
  const alert = dashboardAlert(page, 'down', peer!);
  await expect(alert).toBeVisible();
  await page.getByRole('button', { name: 'Acknowledge all' }).click();
  await expect(alert).toHaveAttribute('data-acknowledged', 'true');
  const since = /since \d\d:\d\d(:\d\d)?/.exec((await alert.textContent()) ?? '')?.[0];
  expect(since).toBeTruthy();

  // Without saving, the peer would be "down when first seen" after the reload: no alert at all.
  await page.reload();
  await expect(alert).toHaveAttribute('data-acknowledged', 'true', { timeout: ONE_POLL_MS });
  await expect(alert).toContainText(since!);

  // A wall opened in this browser profile knows it too.
  await openWall(page, '', { signedIn: true });
  await expect(wallAlert(page, 'down', peer!)).toBeVisible({ timeout: ONE_POLL_MS });

  await page.goto('/');
  await forceAndSee(page, peer!, 'Connected');
  await expect(alert).toHaveCount(0);
  // Recovered: not brought back by the next reload.
  await page.reload();
  await expect(peerRow(gatewayPanel(page, peer!.gateway.id), peer!.neighbor, peer!.localAddress)).toHaveAttribute('data-state', 'Connected', { timeout: ONE_POLL_MS });
  await expect(page.getByTestId('dashboard-alerts')).toContainText('None');
});

test('a Connected peer whose routes drop to 0 raises "routes withdrawn" on the dashboard and the wall, cleared when they come back', async ({ page }) => {
  const [peer] = await steadyConnectedPeers(1);
  const words = `routes ${count.format(peer!.routesReceived)} → 0`;
  await openDashboard(page);
  await expect(peerRow(gatewayPanel(page, peer!.gateway.id), peer!.neighbor, peer!.localAddress)).toBeVisible();

  await control(emulator.info).forceRoutes({ gatewayId: peer!.gateway.id, neighbor: peer!.neighbor, localAddress: peer!.localAddress, routesReceived: 0 });
  const alert = dashboardAlert(page, 'routes-withdrawn', peer!);
  await expect(alert).toContainText(`Routes withdrawn${peer!.neighbor}`, { timeout: ONE_POLL_MS });
  await expect(alert).toContainText(`on ${peer!.gateway.name}${words}`);
  // The session itself never left Connected.
  await expect(peerRow(gatewayPanel(page, peer!.gateway.id), peer!.neighbor, peer!.localAddress)).toHaveAttribute('data-state', 'Connected');

  await control(emulator.info).releaseRoutes();
  await expect(alert).toHaveCount(0, { timeout: ONE_POLL_MS });

  // The wall says the same, with the numbers.
  await openWall(page, '?rotate=0', { signedIn: true });
  await control(emulator.info).forceRoutes({ gatewayId: peer!.gateway.id, neighbor: peer!.neighbor, localAddress: peer!.localAddress, routesReceived: 0 });
  const band = wallAlert(page, 'routes-withdrawn', peer!);
  await expect(band).toContainText(words, { timeout: ONE_POLL_MS });
  await expect(band).toContainText(`on ${peer!.gateway.name}`);
  await expect(page.getByTestId('wall-alerts')).toContainText('1 routes withdrawn');
  await control(emulator.info).releaseRoutes();
  await expect(band).toHaveCount(0, { timeout: ONE_POLL_MS });
});

test('three changes in and out of Connected within the hour flag the peer flapping, once', async ({ page }) => {
  const [peer] = await steadyConnectedPeers(1);
  await openDashboard(page);
  await expect(peerRow(gatewayPanel(page, peer!.gateway.id), peer!.neighbor, peer!.localAddress)).toBeVisible();

  await forceAndSee(page, peer!, 'Idle');
  await forceAndSee(page, peer!, 'Connected');
  await expect(dashboardAlert(page, 'flapping', peer!)).toHaveCount(0);
  await forceAndSee(page, peer!, 'Idle');
  await expect(dashboardAlert(page, 'flapping', peer!)).toContainText(`Flapping${peer!.neighbor}`);
  await expect(dashboardAlert(page, 'flapping', peer!)).toContainText('3+ state changes within an hour');
  await forceAndSee(page, peer!, 'Connected');
  await forceAndSee(page, peer!, 'Idle');
  // Still one flapping alert (it stays until the peer is quiet for an hour), beside its drop.
  await expect(dashboardAlert(page, 'flapping', peer!)).toHaveCount(1);
  await expect(dashboardAlert(page, 'down', peer!)).toHaveCount(1);
});

test('a gateway marked expected down from the keyboard raises no alert for its peers and is counted apart; the wall URL carries it', async ({ page }) => {
  const [peer] = await steadyConnectedPeers(1, { allConnected: true });
  await openDashboard(page);
  const panel = gatewayPanel(page, peer!.gateway.id);
  await expect(peerRow(panel, peer!.neighbor, peer!.localAddress)).toBeVisible();

  const mark = panel.getByRole('button', { name: `Mark gateway ${peer!.gateway.name} expected down` });
  await mark.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Mark gateway ${peer!.gateway.name} expected down` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('For').selectOption({ label: '2 hours' });
  await dialog.getByLabel('Note').fill('Change 4711 gateway upgrade');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId('maintenance-status')).toContainText('Change 4711 gateway upgrade');
  expect(await axeOnDashboard(page)).toEqual([]);

  await forceAndSee(page, peer!, 'Idle');
  const row = peerRow(panel, peer!.neighbor, peer!.localAddress);
  await expect(row).toHaveAttribute('data-condition', 'expected-down');
  await expect(row).toContainText('Expected down (Idle)');
  await expect(page.getByTestId('fleet-summary').locator('[data-state="expected-down"]')).toContainText('1');
  await expect(page.locator('[data-testid="dashboard-alert"]')).toHaveCount(0);

  // The wall gets the window through its URL, as a wall on another machine would.
  const wallLink = await page.getByRole('link', { name: 'wall with these windows' }).getAttribute('href');
  expect(wallLink).toMatch(/^\/wall\?mute=/);
  await page.evaluate(() => localStorage.clear());
  await openWall(page, `${wallLink!.slice('/wall'.length)}&rotate=0`, { signedIn: true });
  const tile = page.locator(`[data-testid="wall-tile"][data-gateway-id="${peer!.gateway.id}" i]`);
  await expect(tile.locator(`[data-testid="wall-peer"][data-neighbor="${peer!.neighbor}"][data-local-address="${peer!.localAddress}"]`)).toHaveAttribute('data-condition', 'expected-down');
  await expect(page.getByTestId('wall-alerts')).toHaveCount(0);
  await expect(tile).not.toHaveAttribute('data-health', /down|degraded/);
  await expect(page.getByTestId('wall-summary')).toContainText('Expected down1');
});

test('a wall URL with a bad mute= value says what to fix', async ({ page }) => {
  await openDashboard(page);
  const gateway = emulator.fleet.gateways[0]!;
  await page.goto(`/wall?${new URLSearchParams({ mute: `${gateway.id}~~~tomorrow` })}`);
  await expect(page.getByTestId('wall-url-problems')).toContainText('"mute" "');
  await expect(page.getByTestId('wall-url-problems')).toContainText('until "tomorrow" must be a date and time with its zone');
});

test('a peer Stopped when first seen is "Stopped (not trying)": neutral, counted apart, no alert, its tile not red', async ({ page }) => {
  const stopped = adminStoppedPeer();
  await openDashboard(page);
  const row = peerRow(gatewayPanel(page, stopped.gateway.id), stopped.neighbor, stopped.localAddress);
  await expect(row).toHaveAttribute('data-condition', 'not-trying');
  await expect(row).toContainText('Stopped (not trying)');
  await expect(page.getByTestId('fleet-summary').locator('[data-state="not-trying"]')).toContainText('1');
  await expect(page.getByTestId('fleet-summary').locator('li[data-state="Stopped"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="dashboard-alert"]')).toHaveCount(0);

  await openWall(page, '?rotate=0', { signedIn: true });
  const tile = page.locator(`[data-testid="wall-tile"][data-gateway-id="${stopped.gateway.id}" i]`);
  await expect(tile.locator(`[data-testid="wall-peer"][data-neighbor="${stopped.neighbor}"]`)).toContainText('Stopped (not trying)');
  const others = (await control(emulator.info).peers(stopped.gateway.id)).value.filter((p) => p.neighbor !== stopped.neighbor);
  if (others.every((p) => p.state === 'Connected')) await expect(tile).toHaveAttribute('data-health', 'healthy');
  await expect(tile).toHaveAttribute('data-alert', 'false');
  await expect(page.getByTestId('wall-summary')).toContainText('Stopped (not trying)1');
  await expect(page.getByTestId('wall-alerts')).toHaveCount(0);
});

test('more alerts than the band holds: the last slot says "+N more" and every alert reaches the screen in turn', async ({ page }) => {
  const peers = await steadyConnectedPeers(7);
  await openWall(page, '?rotate=0');
  for (const peer of peers) {
    await control(emulator.info).forceState({ gatewayId: peer.gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state: 'Idle' });
  }
  await expect(page.getByTestId('wall-alerts')).toContainText('7 peers DOWN', { timeout: ONE_POLL_MS });
  const shownNow = await page.getByTestId('wall-alert').count();
  expect(shownNow).toBeLessThan(7);
  await expect(page.getByTestId('wall-alert-more')).toContainText(`+${7 - shownNow} more`);
  await page.screenshot({ path: test.info().outputPath('band-more.png') });

  // Pages turn by themselves: collect what reaches the screen until every alert has.
  const seen = new Set<string>();
  const want = peers.map((p) => `${p.neighbor}|${p.localAddress}`);
  await expect
    .poll(
      async () => {
        const items = await page.getByTestId('wall-alert').evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-neighbor')}|${n.getAttribute('data-local-address')}`));
        for (const item of items) seen.add(item);
        return want.filter((key) => !seen.has(key));
      },
      { timeout: 45_000, intervals: [1000] },
    )
    .toEqual([]);

  // Acknowledged alerts stay, plainly drawn, until they recover; the page stays axe-clean.
  await page.keyboard.press('a');
  await expect(page.getByTestId('wall-alerts')).toContainText('(7 acknowledged)');
  await expect(page.locator('[data-testid="wall-alert"][data-acknowledged="false"]')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the dashboard with alerts, a not-trying peer and maintenance has no serious or critical axe violations', async ({ page }) => {
  const [peer] = await steadyConnectedPeers(1);
  await openDashboard(page);
  await forceAndSee(page, peer!, 'Idle');
  await expect(page.locator('[data-testid="dashboard-alert"]').first()).toBeVisible();
  const panel = gatewayPanel(page, peer!.gateway.id);
  await panel.getByRole('button', { name: new RegExp(`^Mark peer ${peer!.neighbor.replace(/\./g, '\\.')} .* expected down$`) }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('maintenance-list')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('dashboard-alerts.png') });
  expect(await seriousViolations(page)).toEqual([]);
});

async function axeOnDashboard(page: Page) {
  return seriousViolations(page);
}
