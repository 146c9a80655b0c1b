import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control, type FleetGateway } from './support/emulator-control.ts';
import { configFor, POLL_SECONDS, signIn, useConfig as serveConfig } from './support/app.ts';

// Problems first (issue 10, parts 1 and 7) on the 30-gateway NOC fleet, its clock near-frozen:
// the only changes are the ones a test forces.
const emulator = emulatorForThisSpec(['--fleet', 'noc', '--speed', '0.001']);
const ONE_POLL_MS = (POLL_SECONDS + 4) * 1000;

const fleetTable = (page: Page) => page.getByTestId('fleet-peer-table');
const fleetRows = (page: Page) => page.getByTestId('fleet-peer-row');
const searchBox = (page: Page) => page.getByRole('searchbox');
const problemsSwitch = (page: Page) => page.getByRole('switch', { name: 'Problems only' });

function totalPeers(): number {
  return emulator.fleet.gateways.reduce((sum, gateway) => sum + gateway.peers.length, 0);
}

/** Every peer that is not Connected and not admin-stopped is forced Connected: nothing is down but what a test drops. */
async function quietFleet(): Promise<void> {
  const arm = control(emulator.info);
  for (const gateway of emulator.fleet.gateways) {
    for (const row of (await arm.peers(gateway.id)).value) {
      const temperament = gateway.peers.find((p) => p.neighbor === row.neighbor && p.localAddress === row.localAddress)?.temperament;
      if (row.state !== 'Connected' && temperament !== 'adminStopped') {
        await arm.forceState({ gatewayId: gateway.id, neighbor: row.neighbor, localAddress: row.localAddress, state: 'Connected' });
      }
    }
  }
}

async function openDashboard(page: Page, path = '/') {
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  if (path !== '/') await page.goto(path);
  await expect(fleetTable(page)).toHaveAttribute('data-peer-rows', String(totalPeers()), { timeout: 60_000 });
}

function lastGateway(): FleetGateway {
  return [...emulator.fleet.gateways].sort((a, b) => a.name.localeCompare(b.name)).at(-1)!;
}

const shownRows = async (page: Page) => Number(await fleetTable(page).getAttribute('data-shown-rows'));

test('a peer dropped on the alphabetically last gateway is on the first screen within one poll, and the title counts it', async ({ page }) => {
  await quietFleet();
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDashboard(page);
  await expect(page).toHaveTitle('BGP peers');
  // Past 10 gateways: problems only, and nothing is a problem.
  await expect(problemsSwitch(page)).toBeChecked();
  await expect(page.getByTestId('fleet-empty')).toHaveText(/^No problems: /);

  const gateway = lastGateway();
  const live = (await control(emulator.info).peers(gateway.id)).value.find((row) => row.state === 'Connected')!;
  await control(emulator.info).forceState({ gatewayId: gateway.id, neighbor: live.neighbor, localAddress: live.localAddress, state: 'Idle' });

  const row = page.locator(
    `[data-testid="fleet-peer-row"][data-gateway-id="${gateway.id}" i][data-neighbor="${live.neighbor}"][data-local-address="${live.localAddress}"]`,
  );
  await expect(row).toHaveAttribute('data-state', 'Idle', { timeout: ONE_POLL_MS });
  await expect(row).toBeInViewport({ ratio: 1 });
  const box = (await row.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(900);
  await expect(page).toHaveTitle('1 down · BGP peers');
  // Its links lead to its gateway and to the peer itself.
  await expect(row.getByRole('link', { name: gateway.name })).toHaveAttribute('href', `/gateway?id=${encodeURIComponent(gateway.id)}`);
  await expect(row.getByRole('link', { name: live.neighbor })).toHaveAttribute(
    'href',
    `/gateway?id=${encodeURIComponent(gateway.id)}&peer=${encodeURIComponent(live.neighbor)}`,
  );
});

test('past 10 gateways the panels are collapsed (no peer tables) and open one by one; a skip link is the first tab stop', async ({ page }) => {
  await openDashboard(page);
  const panels = page.getByTestId('gateway-panel');
  await expect(panels).toHaveCount(emulator.fleet.gateways.length);
  await expect(page.locator('[data-testid="gateway-panel"][data-collapsed="true"]')).toHaveCount(emulator.fleet.gateways.length);
  await expect(page.getByTestId('peer-row')).toHaveCount(0);

  const gateway = lastGateway();
  await page.getByRole('button', { name: `Show peers of ${gateway.name}` }).click();
  await expect(page.getByRole('button', { name: `Hide peers of ${gateway.name}` })).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('peer-row')).toHaveCount(gateway.peers.length);

  // From a fresh page: the first Tab lands on the skip link.
  await page.reload();
  await expect(fleetTable(page)).toHaveAttribute('data-peer-rows', String(totalPeers()), { timeout: 60_000 });
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to peers' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('fleet-peers')).toBeFocused();
});

test('summary badges filter the fleet view by state, pressed and in the URL', async ({ page }) => {
  await openDashboard(page);
  const connected = page.getByTestId('fleet-summary').locator('li[data-state="Connected"]').getByRole('button');
  const count = Number((await connected.textContent())?.replace(/\D/g, ''));
  await connected.click();
  await expect(connected).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/[?&]state=Connected/);
  await expect.poll(() => shownRows(page)).toBe(count);
  const states = await fleetRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state')));
  expect(states.length).toBeGreaterThan(0);
  expect(new Set(states)).toEqual(new Set(['Connected']));

  await connected.click();
  await expect(connected).toHaveAttribute('aria-pressed', 'false');
  await expect(page).not.toHaveURL(/state=/);
});

test('search by neighbor address, ASN or gateway name across the fleet; "/" focuses the box', async ({ page }) => {
  await openDashboard(page);
  await problemsSwitch(page).uncheck();
  await expect.poll(() => shownRows(page)).toBe(totalPeers());
  const peers = emulator.fleet.gateways.flatMap((gateway) => gateway.peers.map((peer) => ({ ...peer, gateway: gateway.name })));

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await expect(searchBox(page)).toBeFocused();

  const someone = peers[peers.length - 1]!;
  const prefix = someone.neighbor.split('.').slice(0, 3).join('.') + '.';
  const cases = [
    { query: prefix, expected: peers.filter((p) => p.neighbor.includes(prefix)).length },
    { query: String(someone.asn), expected: peers.filter((p) => String(p.asn).startsWith(String(someone.asn))).length },
    { query: lastGateway().name, expected: peers.filter((p) => p.gateway.includes(lastGateway().name)).length },
  ];
  for (const { query, expected } of cases) {
    expect(expected).toBeGreaterThan(0);
    await searchBox(page).fill(query);
    await expect.poll(() => shownRows(page), { message: query }).toBe(expected);
  }
  await searchBox(page).fill('no-such-gateway-anywhere');
  await expect(page.getByTestId('fleet-empty')).toHaveText('No peer matches.');
});

test('the view is in the URL: a reload and back/forward restore search, problems, state and sort', async ({ page }) => {
  await openDashboard(page);
  await problemsSwitch(page).uncheck();
  await expect(page).toHaveURL(/[?&]problems=0/);
  await page.getByRole('columnheader', { name: /^ASN/ }).getByRole('button').click();
  await page.getByRole('columnheader', { name: /^ASN/ }).getByRole('button').click();
  await expect(page).toHaveURL(/[?&]sort=asn\.desc/);
  await searchBox(page).fill(lastGateway().name);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${lastGateway().name}`));

  await page.reload();
  await expect(fleetTable(page)).toHaveAttribute('data-peer-rows', String(totalPeers()), { timeout: 60_000 });
  await expect(searchBox(page)).toHaveValue(lastGateway().name);
  await expect(problemsSwitch(page)).not.toBeChecked();
  await expect(page.getByRole('columnheader', { name: /^ASN/ })).toHaveAttribute('aria-sort', 'descending');
  const asns = await fleetRows(page).evaluateAll((rows) => rows.map((row) => Number(row.querySelectorAll('td')[4]?.textContent?.split(' ')[0])));
  expect(asns).toEqual([...asns].sort((a, b) => b - a));

  // Back undoes the sort's second click (typing replaced its entry), forward redoes it.
  await page.goBack();
  await expect(page.getByRole('columnheader', { name: /^ASN/ })).toHaveAttribute('aria-sort', 'ascending');
  await page.goForward();
  await expect(page.getByRole('columnheader', { name: /^ASN/ })).toHaveAttribute('aria-sort', 'descending');
});

test('at 390 px every row shows its state, in the fleet view and in a gateway panel', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openDashboard(page, '/?problems=0');
  const gateway = lastGateway();
  await page.getByRole('button', { name: `Show peers of ${gateway.name}` }).click();
  await expect(page.getByTestId('peer-row')).toHaveCount(gateway.peers.length);

  const badgesInView = (selector: string) =>
    page.locator(selector).evaluateAll((rows) =>
      rows.map((row) => {
        const badge = row.querySelector('[data-state] > svg')?.parentElement ?? row.querySelector('span[data-state]');
        const box = badge?.getBoundingClientRect();
        return box !== undefined && box.width > 0 && box.left >= 0 && box.right <= window.innerWidth;
      }),
    );
  const fleet = await badgesInView('[data-testid="fleet-peer-row"]');
  expect(fleet.length).toBeGreaterThan(5);
  expect(fleet.every(Boolean)).toBe(true);
  const panel = await badgesInView('[data-testid="peer-row"]');
  expect(panel).toHaveLength(gateway.peers.length);
  expect(panel.every(Boolean)).toBe(true);
  // Nothing widens the page sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('at 1024 px no column is cut: the tables fit their boxes, "Messages received" included', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await openDashboard(page, '/?problems=0&collapsed=0');
  await expect(page.getByTestId('peer-row').first()).toBeVisible();
  const overflow = await page.evaluate(() =>
    Array.from(document.querySelectorAll('table'), (table) => {
      const box = table.parentElement!;
      return { scroll: box.scrollWidth, client: box.clientWidth, widths: Array.from(table.querySelectorAll('th'), (th) => `${th.textContent}:${Math.round(th.getBoundingClientRect().width)}`).join(' ') };
    }),
  );
  expect(overflow.length).toBeGreaterThan(emulator.fleet.gateways.length);
  for (const { scroll, client, widths } of overflow) expect(scroll, widths).toBeLessThanOrEqual(client);
  for (const header of await page.getByRole('columnheader', { name: 'Messages received' }).all()) {
    const box = (await header.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
  }
});

test('the problems-first dashboard is axe-clean: collapsed panels, a pressed badge, a search, a narrow screen', async ({ page }) => {
  const serious = async () =>
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
  await openDashboard(page, '/?problems=0&state=Connected&q=10.');
  await expect(fleetRows(page).first()).toBeVisible();
  expect(await serious()).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: `Show peers of ${lastGateway().name}` }).click();
  expect(await serious()).toEqual([]);
});
