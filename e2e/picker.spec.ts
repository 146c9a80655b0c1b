import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, failedLoad, test } from './support/page-guard.ts';
import { APP_PORT, emulatorForThisSpec } from './support/emulator.ts';
import { control, type FleetGateway } from './support/emulator-control.ts';
import { configFor, gatewayPanel, useConfig } from './support/app.ts';

// 200 gateways in 6 subscriptions; Resource Graph answers at most 40 rows a page, as Azure
// truncates large answers, so discovery must follow $skipToken.
const PAGE_CAP = 40;
const BGP_OFF = 3;
const emulator = emulatorForThisSpec([
  ...['--fleet', 'large', '--speed', '0.001'],
  ...['--resource-graph-page-cap', String(PAGE_CAP), '--bgp-off-gateways', String(BGP_OFF)],
]);

/**
 * The config names one gateway, so the dashboard polls one gateway, not 200, until a watch list
 * says otherwise (the link and the saved list both outrank config).
 */
function pickerConfig() {
  const first = emulator.fleet.gateways[0];
  if (!first) throw new Error('empty fleet');
  return configFor(emulator.info, 'emulator', { gateways: [first.id] });
}

async function signInAt(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('button', { name: /sign in/i }).first().click();
}

/** Signs in on the picker (after the test served `pickerConfig()`). */
async function openPicker(page: Page) {
  await signInAt(page, '/gateways');
  await expect(page.getByTestId('discovery-summary')).toBeVisible({ timeout: 30_000 });
}

const shown = (page: Page) => page.getByTestId('picker-shown');
const entry = (g: FleetGateway) => `${g.subscriptionId}/${g.resourceGroup}/${g.name}`;
const panels = (page: Page) => page.getByTestId('gateway-panel');

test('discovery lists every gateway the emulator serves, across Resource Graph pages', async ({ page }) => {
  const arm = control(emulator.info);
  const served = (await arm.fleet()).gateways.length;
  await arm.resetRequests();
  await useConfig(page, pickerConfig());
  await openPicker(page);
  await expect(page.getByTestId('discovery-summary')).toHaveAttribute('data-count', String(served));
  await expect(page.getByTestId('discovery-summary')).toHaveAttribute('data-source', 'resourceGraph');
  await expect(shown(page)).toHaveAttribute('data-shown', String(served));
  const counts = await arm.requests();
  expect(counts.byOperation.resourceGraph).toBe(Math.ceil(served / PAGE_CAP));
  expect(counts.byOperation.resourceGraph).toBeGreaterThan(1);
  // Virtualised: hundreds of gateways, a screenful of rows in the page.
  expect(await page.getByTestId('gateway-choice').count()).toBeLessThan(60);

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('search and filters narrow the list to what the fleet holds', async ({ page }) => {
  const { gateways } = emulator.fleet;
  await useConfig(page, pickerConfig());
  await openPicker(page);
  const count = (keep: (g: FleetGateway) => boolean) => String(gateways.filter(keep).length);

  await page.getByLabel('Type').selectOption('ExpressRoute');
  await expect(shown(page)).toHaveAttribute('data-shown', count((g) => g.gatewayType === 'ExpressRoute'));
  await page.getByLabel('Active-active').selectOption('yes');
  await expect(shown(page)).toHaveAttribute('data-shown', count((g) => g.gatewayType === 'ExpressRoute' && g.activeActive));
  await page.getByLabel('Type').selectOption('');
  await page.getByLabel('Active-active').selectOption('');

  const sub = gateways[0]!.subscriptionId;
  await page.getByLabel('Subscription').selectOption(sub);
  await expect(shown(page)).toHaveAttribute('data-shown', count((g) => g.subscriptionId === sub));
  await expect(page).toHaveURL(new RegExp(`subs=${sub}`));
  const location = gateways.find((g) => g.subscriptionId === sub)!.location;
  await page.getByLabel('Location', { exact: true }).selectOption(location);
  await expect(shown(page)).toHaveAttribute('data-shown', count((g) => g.subscriptionId === sub && g.location === location));
  await page.getByLabel('Subscription').selectOption('');
  await page.getByLabel('Location', { exact: true }).selectOption('');

  const target = gateways[17]!;
  await page.getByLabel('Search name, resource group, location').fill(target.name.toUpperCase());
  await expect(shown(page)).toHaveAttribute('data-shown', count((g) => g.name.includes(target.name)));
  await expect(page.getByTestId('gateway-choice').filter({ hasText: target.name }).first()).toBeVisible();
  await page.getByLabel('Search name, resource group, location').fill('no-such-gateway');
  await expect(page.getByText('No gateway matches the search and filters.')).toBeVisible();
});

test('chosen gateways become the dashboard, in the URL and saved for a reload and a bare visit', async ({ page }) => {
  const { gateways } = emulator.fleet;
  const chosen = [gateways[5]!, gateways[120]!];
  await useConfig(page, pickerConfig());
  await openPicker(page);
  // The configured gateway starts chosen; this watch list is these two alone.
  await page.getByRole('button', { name: 'Clear shown' }).click();
  for (const g of chosen) {
    await page.getByLabel('Search name, resource group, location').fill(`${g.name} ${g.resourceGroup}`);
    await page.getByTestId('gateway-choice').filter({ has: page.getByText(g.name, { exact: true }) }).getByRole('checkbox').check();
  }
  await page.getByRole('button', { name: 'Watch 2 gateways' }).click();

  await expect(page).toHaveURL(/\/\?watch=/);
  expect(new URL(page.url()).searchParams.get('watch')?.split(',').sort()).toEqual(chosen.map(entry).sort());
  for (const g of chosen) await expect(gatewayPanel(page, g.id)).toBeVisible();
  await expect(panels(page)).toHaveCount(2);

  await page.reload();
  for (const g of chosen) await expect(gatewayPanel(page, g.id)).toBeVisible();
  await expect(panels(page)).toHaveCount(2);

  // No watch= in the URL: the list saved in this browser, not the configured gateway.
  await page.goto('/');
  await expect(page.getByTestId('watch-list-notice')).toHaveAttribute('data-source', 'saved');
  for (const g of chosen) await expect(gatewayPanel(page, g.id)).toBeVisible();
  await expect(panels(page)).toHaveCount(2);
});

test('a shared link opens the same gateways in a fresh browser after sign-in; a malformed entry is named, the rest load', async ({ browser }) => {
  const { gateways } = emulator.fleet;
  const shared = [gateways[3]!, gateways[99]!, gateways[150]!];
  const context = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}`, ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    await useConfig(page, pickerConfig());
    const bad = 'not-a-gateway';
    const badSub = `1234/${shared[0]!.resourceGroup}/gw`;
    await signInAt(page, `/?watch=${[entry(shared[0]!), bad, entry(shared[1]!), badSub, shared[2]!.id].join(',')}`);
    for (const g of shared) await expect(gatewayPanel(page, g.id)).toBeVisible({ timeout: 30_000 });
    await expect(panels(page)).toHaveCount(3);
    const problems = page.getByTestId('watch-problem');
    await expect(problems).toHaveCount(2);
    await expect(problems.nth(0)).toContainText(bad);
    await expect(problems.nth(0)).toContainText('three parts');
    await expect(problems.nth(1)).toContainText('the subscription ID must be a GUID, not "1234"');
  } finally {
    await context.close();
  }
});

test('the add box names a malformed ID and one that does not exist, and adds one that does', async ({ page, pageGuard }) => {
  pageGuard.allow(failedLoad(404));
  const { gateways } = emulator.fleet;
  await useConfig(page, pickerConfig());
  await openPicker(page);
  await page.getByRole('button', { name: 'Clear shown' }).click();
  const box = page.getByLabel('Add by resource ID');
  const message = page.getByTestId('add-by-id-message');

  await box.fill('/subscriptions/prod/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(message).toContainText('the subscription ID must be a GUID, not "prod"');
  await expect(box).toHaveAttribute('aria-invalid', 'true');

  const real = gateways[42]!;
  await box.fill(real.id.replace(real.name, 'vpngw-nowhere-01'));
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(message).toContainText('No such gateway (ResourceNotFound)');

  await box.fill(real.id);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(message).toHaveText(`Added ${real.name}.`);
  await expect(page.getByRole('button', { name: 'Watch 1 gateway' })).toBeEnabled();
});

test('where Resource Graph is refused, listing each resource group still finds every gateway', async ({ page, pageGuard }) => {
  pageGuard.allow(failedLoad(403));
  const arm = control(emulator.info);
  await arm.injectFault({ kind: 'forbidden', operation: 'resourceGraph' });
  await arm.resetRequests();
  const served = (await arm.fleet()).gateways.length;
  await useConfig(page, pickerConfig());
  await openPicker(page);
  await expect(page.getByTestId('discovery-summary')).toHaveAttribute('data-source', 'resourceGroups');
  await expect(page.getByTestId('discovery-summary')).toHaveAttribute('data-count', String(served));
  await expect(page.getByText(/Resource Graph refused the query \(AuthorizationFailed/)).toBeVisible();
  const counts = await arm.requests();
  expect(counts.byOperation.listResourceGroups).toBeGreaterThan(0);
  expect(counts.byOperation.listGateways).toBeGreaterThan(0);
});

test('gateways with BGP off say so, cannot be chosen, and are not polled when a link names them', async ({ page }) => {
  const { gateways } = emulator.fleet;
  const bgpOff = gateways.filter((g) => !g.enableBgp);
  expect(bgpOff).toHaveLength(BGP_OFF);
  await useConfig(page, pickerConfig());
  await openPicker(page);
  await page.getByLabel('BGP', { exact: true }).selectOption('off');
  await expect(shown(page)).toHaveAttribute('data-shown', String(bgpOff.length));
  for (const g of bgpOff) {
    const row = page.locator(`[data-testid="gateway-choice"][data-gateway-id="${g.id}" i]`);
    await expect(row.getByText('BGP off — not polled')).toBeVisible();
    await expect(row.getByRole('checkbox')).toBeDisabled();
  }
  await expect(page.getByRole('button', { name: /Select all shown \(0\)/ })).toBeDisabled();

  const arm = control(emulator.info);
  const withBgp = gateways.find((g) => g.enableBgp && g.id !== gateways[0]!.id)!;
  await arm.resetRequests();
  await page.goto(`/?watch=${[entry(bgpOff[0]!), entry(withBgp)].join(',')}`);
  await expect(gatewayPanel(page, withBgp.id).getByTestId('peer-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(panels(page)).toHaveCount(1);
  await expect(page.getByText(`Not polled, BGP is off: ${bgpOff[0]!.name}.`)).toBeVisible();
  const counts = await arm.requests();
  expect(counts.byGateway[withBgp.id]?.byOperation.getBgpPeerStatus ?? 0).toBeGreaterThan(0);
  expect(counts.byGateway[bgpOff[0]!.id]?.byOperation.getBgpPeerStatus ?? 0).toBe(0);
});

test('a shared link survives the real sign-in redirect (MSAL) and opens the same gateways', async ({ page }) => {
  const { gateways } = emulator.fleet;
  const shared = [gateways[8]!, gateways[180]!];
  await useConfig(page, { ...configFor(emulator.info, 'msal-aad'), gateways: [gateways[0]!.id] });
  await page.goto(`/?watch=${shared.map(entry).join(',')}`);
  await page.getByRole('button', { name: /sign in/i }).first().click();
  await page.waitForURL((url) => url.protocol === 'https:', { timeout: 20_000 });
  await page.getByRole('button', { name: /sign in/i }).first().click();
  await page.waitForURL((url) => url.protocol === 'http:' && url.port === String(APP_PORT), { timeout: 20_000 });
  for (const g of shared) await expect(gatewayPanel(page, g.id)).toBeVisible({ timeout: 30_000 });
  await expect(panels(page)).toHaveCount(2);
});
