import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type { GatewayRoute } from '../src/azure/gateway-routes.ts';
import { formatCount } from '../src/lib/format.ts';
import { expect, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
import { scriptArmClient } from './support/script-client.ts';
// Aliased: `useConfig` is not a React hook, but the hooks lint rule goes by the name.
import { configFor, POLL_SECONDS, signIn, useConfig as serveConfig } from './support/app.ts';

const emulator = emulatorForThisSpec();

// Thousands of learned routes from one peer: far more rows than the table draws at once.
const FORCED_ROUTES = 2_500;

/** The small fleet's active-active VPN gateway and a neighbor that is not admin-stopped. */
function activeActivePeer() {
  const gateway = emulator.fleet.gateways.find((g) => g.activeActive && g.gatewayType === 'Vpn')!;
  const peer = gateway.peers.find((p) => p.temperament !== 'adminStopped')!;
  return { gateway, neighbor: peer.neighbor };
}

/** A Connected neighbor announcing FORCED_ROUTES prefixes on both instances. */
async function manyRoutesPeer() {
  const { gateway, neighbor } = activeActivePeer();
  await control(emulator.info).forceState({ gatewayId: gateway.id, neighbor, state: 'Connected' });
  await control(emulator.info).forceRoutes({ gatewayId: gateway.id, neighbor, routesReceived: FORCED_ROUTES });
  return { gateway, neighbor };
}

async function openPeerPage(page: Page, gatewayId: string, neighbor: string, tab?: string) {
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  await page.goto(`/gateway?id=${encodeURIComponent(gatewayId)}&peer=${encodeURIComponent(neighbor)}${tab ? `&tab=${tab}` : ''}`);
}

const countLine = (page: Page) => page.getByTestId('routes-count');

test("a peer's learned and advertised routes load, and their counts are what the ARM client reads from Node", async ({ page }) => {
  const { gateway, neighbor } = await manyRoutesPeer();
  const arm = await scriptArmClient(emulator.info);
  const learned = await arm.getLearnedRoutes(gateway.id);
  const fromPeer = learned.filter((r) => r.sourcePeer === neighbor);
  const advertised = await arm.getAdvertisedRoutes(gateway.id, neighbor);
  // One row per instance for each prefix: the forced count on each of the two instances.
  expect(fromPeer).toHaveLength(2 * FORCED_ROUTES);

  await openPeerPage(page, gateway.id, neighbor, 'learned');
  await expect(page.getByRole('tab', { name: 'Learned routes' })).toHaveAttribute('aria-selected', 'true');
  await expect(countLine(page)).toHaveText(`${formatCount(fromPeer.length)} learned routes`, { timeout: 30_000 });
  expect(await countLine(page).textContent()).toBe('5,000 learned routes');
  // Virtualised: every row is in the table's row count, only a screenful in the DOM.
  await expect(page.getByTestId('routes-table')).toHaveAttribute('aria-rowcount', String(fromPeer.length + 1));
  const drawn = await page.getByTestId('route-row').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(100);
  // Scrolled to the bottom, the last route (in network order) is drawn.
  await page.getByTestId('routes-scroll').evaluate((box) => box.scrollTo(0, box.scrollHeight));
  await expect(page.getByTestId('route-row').last()).toHaveAttribute('aria-rowindex', String(fromPeer.length + 1));

  // The switch shows every route of the gateway.
  await page.getByRole('switch', { name: /All routes of the gateway/ }).check();
  await expect(countLine(page)).toHaveText(`${formatCount(learned.length)} learned routes`);

  await page.getByRole('tab', { name: 'Advertised routes' }).click();
  await expect(page).toHaveURL(/[?&]tab=advertised/);
  await expect(countLine(page)).toHaveText(`${formatCount(advertised.length)} advertised routes`, { timeout: 30_000 });
  expect(advertised.length).toBeGreaterThan(0);
  await expect(page.getByTestId('route-row')).toHaveCount(advertised.length);

  // The tab is in the URL: it survives a reload, and back returns to the learned tab (from cache).
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Advertised routes' })).toHaveAttribute('aria-selected', 'true');
  await expect(countLine(page)).toHaveText(`${formatCount(advertised.length)} advertised routes`, { timeout: 30_000 });
  await page.goBack();
  await expect(page).toHaveURL(/[?&]tab=learned/);
  await expect(page.getByRole('tab', { name: 'Learned routes' })).toHaveAttribute('aria-selected', 'true');
});

test('the prefix filter and the longest match find routes, and the CSV holds the rows shown', async ({ page }) => {
  const { gateway, neighbor } = await manyRoutesPeer();
  const arm = await scriptArmClient(emulator.info);
  const fromPeer = (await arm.getLearnedRoutes(gateway.id)).filter((r) => r.sourcePeer === neighbor);
  await openPeerPage(page, gateway.id, neighbor, 'learned');
  await expect(countLine(page)).toHaveText(`${formatCount(fromPeer.length)} learned routes`, { timeout: 30_000 });

  // Contains: "16.1" is in 172.16.1.0/24, 172.16.10.0/24, 172.16.100.0/24 … as typed, not as a prefix.
  const needle = '16.1';
  const containing = fromPeer.filter((r) => r.network.includes(needle));
  expect(containing.length).toBeGreaterThan(0);
  await page.getByLabel('Network contains').fill(needle);
  await expect(countLine(page)).toHaveText(`${formatCount(containing.length)} learned routes`);

  // The CSV has exactly the rows shown: header, then one line per filtered route.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('learned-routes').getByRole('button', { name: `Download CSV (${formatCount(containing.length)} routes shown)` }).click();
  const download = await downloading;
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('network,nextHop,origin,asPath,weight,localAddress,sourcePeer');
  expect(lines).toHaveLength(containing.length + 1);
  expect(lines.slice(1).every((line) => line.split(',')[0]!.includes(needle))).toBe(true);
  expect(download.suggestedFilename()).toMatch(/^bgp-learned-routes-.*\.csv$/);
  await page.getByLabel('Network contains').fill('');

  // Longest match: an address inside one of the peer's /24s finds that /24 on both instances.
  const target = fromPeer[fromPeer.length - 1]!;
  const address = target.network.replace(/\.0\/24$/, '.77');
  await page.getByLabel('Route covering address (longest match)').fill(address);
  await expect(countLine(page)).toHaveText('2 learned routes');
  await expect(page.getByTestId('route-row')).toHaveCount(2);
  for (const row of await page.getByTestId('route-row').all()) await expect(row.locator('td').first()).toHaveText(target.network);

  // With every route of the gateway, an address in its own VNet matches the gateway's own prefix.
  await page.getByRole('switch', { name: /All routes of the gateway/ }).check();
  const vnetRoute = (await arm.getLearnedRoutes(gateway.id)).find((r) => r.origin === 'Network')!;
  await page.getByLabel('Route covering address (longest match)').fill(vnetRoute.network.replace(/\.0\.0\/16$/, '.200.9'));
  await expect(page.getByTestId('route-row').first().locator('td').first()).toHaveText(vnetRoute.network);
  await page.getByLabel('Route covering address (longest match)').fill('not an address');
  await expect(page.getByText('“not an address” is not an IPv4 or IPv6 address.')).toBeVisible();
});

test("the peer's rows refresh alone, through getBgpPeerStatus's peer parameter", async ({ page }) => {
  const { gateway, neighbor } = activeActivePeer();
  const emulatorControl = control(emulator.info);
  await emulatorControl.resetRequests();
  await openPeerPage(page, gateway.id, neighbor);
  const rows = page.getByTestId('peer-rows').getByTestId('peer-row');
  // One row per instance of the active-active gateway.
  await expect(rows).toHaveCount(2, { timeout: 30_000 });
  await expect(rows.first()).toHaveAttribute('data-neighbor', neighbor);
  // The history below opens on this peer (one of its instances), not on the gateway totals.
  const localAddresses = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-local-address')));
  const peerKeys = localAddresses.map((local) => `${local}|${neighbor}`);
  const show = page.getByTestId('gateway-history').getByRole('combobox', { name: 'Show' });
  await expect.poll(async () => peerKeys.includes(await show.inputValue())).toBe(true);
  const asked = async () => (await emulatorControl.requests()).withPeer.getBgpPeerStatus?.[neighbor] ?? 0;
  const first = await asked();
  expect(first).toBeGreaterThanOrEqual(1);
  // Polled again at the configured interval.
  await expect.poll(asked, { timeout: 3 * POLL_SECONDS * 1000 }).toBeGreaterThan(first);
  // Opening the page read no routes: they are read when a tab opens.
  const counts = await emulatorControl.requests();
  expect(counts.byOperation.getLearnedRoutes ?? 0).toBe(0);
  expect(counts.byOperation.getAdvertisedRoutes ?? 0).toBe(0);
});

test('a failed refresh of the routes says what failed and keeps the last routes, marked stale', async ({ page }) => {
  const { gateway, neighbor } = await manyRoutesPeer();
  const arm = await scriptArmClient(emulator.info);
  const advertised: GatewayRoute[] = await arm.getAdvertisedRoutes(gateway.id, neighbor);
  await openPeerPage(page, gateway.id, neighbor, 'advertised');
  await expect(countLine(page)).toHaveText(`${formatCount(advertised.length)} advertised routes`, { timeout: 30_000 });

  await control(emulator.info).injectFault({
    kind: 'lroFailed',
    operation: 'getAdvertisedRoutes',
    gatewayId: gateway.id,
    code: 'GatewayOperationFailed',
    message: 'The gateway could not list its advertised routes.',
  });
  await page.getByRole('button', { name: 'Refresh routes' }).click();
  const error = page.getByTestId('routes-error');
  await expect(error).toContainText('getAdvertisedRoutes failed', { timeout: 30_000 });
  await expect(error).toContainText('GatewayOperationFailed');
  await expect(error).toContainText('STALE');
  await expect(countLine(page)).toHaveText(`${formatCount(advertised.length)} advertised routes`);
  await expect(page.getByTestId('route-row')).toHaveCount(advertised.length);

  // Recovered on the next refresh.
  await control(emulator.info).clearFaults();
  await page.getByRole('button', { name: 'Refresh routes' }).click();
  await expect(error).toBeHidden({ timeout: 30_000 });
});

test("the gateway page shows the gateway's properties as ARM reports them", async ({ page }) => {
  const { gateway } = activeActivePeer();
  const arm = await scriptArmClient(emulator.info);
  const summary = await arm.getGateway(gateway.id);
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  await page.goto(`/gateway?id=${encodeURIComponent(gateway.id)}`);
  const properties = page.getByTestId('gateway-properties');
  const value = (name: string) => properties.locator(`dd[data-property="${name}"]`);
  await expect(value('Type')).toHaveText('VPN');
  await expect(value('VPN type')).toHaveText(summary.vpnType!);
  await expect(value('SKU')).toHaveText(summary.sku!);
  await expect(value('Generation')).toHaveText(summary.generation!);
  await expect(value('Active-active')).toHaveText('Yes');
  await expect(value('Local ASN')).toHaveText(String(summary.bgpAsn));
  await expect(value('Provisioning state')).toHaveText(summary.provisioningState!);
  await expect(value('Location')).toHaveText(summary.location!);
  const addressRows = properties.getByTestId('peering-addresses').locator('tbody tr');
  await expect(addressRows).toHaveCount(summary.bgpPeeringAddresses.length);
  for (const [index, address] of summary.bgpPeeringAddresses.entries()) {
    await expect(addressRows.nth(index)).toContainText(address.defaultBgpIpAddresses.join(', '));
    await expect(addressRows.nth(index)).toContainText(address.tunnelIpAddresses.join(', '));
  }
  // The history range is in the URL: it survives a reload.
  await page.getByRole('button', { name: '24 h' }).click();
  await expect(page).toHaveURL(/[?&]range=24h/);
  await page.reload();
  await expect(page.getByRole('button', { name: '24 h' })).toHaveAttribute('aria-pressed', 'true');

  // Each neighbor has a link to its peer page.
  const neighbor = gateway.peers[0]!.neighbor;
  await page.getByRole('navigation', { name: 'Peer pages' }).getByRole('link', { name: neighbor, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Peer ${neighbor} of ${gateway.name}` })).toBeVisible();
});

test('a peer that is not an IP address, or not a peer of the gateway, gets its own message and a way back', async ({ page }) => {
  const { gateway } = activeActivePeer();
  await openPeerPage(page, gateway.id, 'not-an-ip');
  await expect(page.getByRole('alert')).toContainText('This is not a peer address');
  await page.getByRole('link', { name: `Back to the gateway ${gateway.name}` }).click();
  await expect(page.getByTestId('gateway-properties')).toBeVisible();

  await page.goto(`/gateway?id=${encodeURIComponent(gateway.id)}&peer=192.0.2.77`);
  await expect(page.getByTestId('not-a-peer')).toContainText(`192.0.2.77 is not a BGP peer of ${gateway.name}`, { timeout: 30_000 });
  await expect(page.getByRole('tab')).toHaveCount(0);
  await expect(page.getByRole('link', { name: `See the peers of ${gateway.name}` })).toBeVisible();
});

test('the peer page and the gateway page have no serious axe violations, and the tabs work from the keyboard', async ({ page }) => {
  const { gateway, neighbor } = await manyRoutesPeer();
  await openPeerPage(page, gateway.id, neighbor, 'learned');
  await expect(countLine(page)).toHaveText(/^[\d,]+ learned routes$/, { timeout: 30_000 });
  await expect(page.getByTestId('peer-rows').getByTestId('peer-row').first()).toBeVisible({ timeout: 30_000 });
  const serious = async () =>
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
  expect(await serious()).toEqual([]);

  // Arrow keys move between tabs and open them (automatic activation), and the URL follows.
  await page.getByRole('tab', { name: 'Learned routes' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Advertised routes' })).toBeFocused();
  await expect(page).toHaveURL(/[?&]tab=advertised/);
  await expect(page.getByRole('tabpanel', { name: 'Advertised routes' })).toBeVisible();
  await expect(countLine(page)).toHaveText(/^[\d,]+ advertised routes$/, { timeout: 30_000 });
  expect(await serious()).toEqual([]);

  await page.goto(`/gateway?id=${encodeURIComponent(gateway.id)}`);
  await expect(page.getByTestId('gateway-properties').locator('dd').first()).toHaveText('VPN');
  expect(await serious()).toEqual([]);
});
