import { expect, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
import { configFor, signIn, useConfig } from './support/app.ts';

// 200 gateways in 6 subscriptions, 1,579 peer rows, through the default transport (auto: batch).
const emulator = emulatorForThisSpec(['--fleet', 'large', '--speed', '0.001']);
const INTERVAL_SECONDS = 15;

test('the large fleet through batch: every row drawn, one operation per gateway per tick at the protocol minimum, a handful of HTTP requests per tick', async ({ page }) => {
  test.setTimeout(240_000);
  const { gateways } = emulator.fleet;
  const rows = gateways.reduce((sum, g) => sum + g.peers.length, 0);
  expect(gateways).toHaveLength(200);

  await useConfig(page, configFor(emulator.info, 'emulator', { pollingIntervalSeconds: INTERVAL_SECONDS }));
  await signIn(page, 'emulator');
  // Past 10 gateways the panels are collapsed: every row is in the fleet view, which says how many have data.
  const fleet = page.getByTestId('fleet-peer-table');
  await expect(fleet).toHaveAttribute('data-peer-rows', String(rows), { timeout: 90_000 });
  await expect(page.getByTestId('gateway-panel').getByRole('alert')).toHaveCount(0);

  const arm = control(emulator.info);
  await arm.resetRequests();
  // Two whole ticks after the reset.
  await expect
    .poll(async () => {
      const counts = await arm.requests();
      return Math.min(...gateways.map((g) => counts.byGateway[g.id]?.byOperation.getBgpPeerStatus ?? 0));
    }, { timeout: 4 * INTERVAL_SECONDS * 1000, intervals: [1000] })
    .toBeGreaterThanOrEqual(2);
  const counts = await arm.requests();
  const operations = counts.byOperation.getBgpPeerStatus ?? 0;
  const ticks = operations / gateways.length;
  // Never more than one operation per gateway per tick (a partly counted third tick at most).
  for (const gateway of gateways) expect(counts.byGateway[gateway.id]?.byOperation.getBgpPeerStatus ?? 0).toBeLessThanOrEqual(3);
  // The protocol's minimum with 1 s operations: the POST, one status poll, the result.
  expect(counts.total / operations).toBeLessThanOrEqual(3.05);
  // Everything went inside batches: a handful of HTTP requests per tick whatever the fleet size.
  expect(counts.batch.innerRequests).toBe(counts.total);
  expect((counts.httpRequests - counts.preflight) / ticks).toBeLessThanOrEqual(12);
});

test('the fleet view lists every peer of the large fleet: virtualised, the last row reached by scrolling', async ({ page }) => {
  test.setTimeout(180_000);
  const rows = emulator.fleet.gateways.reduce((sum, g) => sum + g.peers.length, 0);
  await useConfig(page, configFor(emulator.info, 'emulator', { pollingIntervalSeconds: INTERVAL_SECONDS }));
  await signIn(page, 'emulator');
  await page.goto('/?problems=0&sort=gateway.asc');
  const fleet = page.getByTestId('fleet-peer-table');
  await expect(fleet).toHaveAttribute('data-peer-rows', String(rows), { timeout: 90_000 });
  await expect(fleet).toHaveAttribute('data-shown-rows', String(rows));
  // Collapsed panels draw no peer table, and the fleet view draws only what is in view.
  await expect(page.getByTestId('peer-row')).toHaveCount(0);
  expect(await page.getByTestId('fleet-peer-row').count()).toBeLessThan(100);

  const last = [...emulator.fleet.gateways].sort((a, b) => a.name.localeCompare(b.name)).at(-1)!;
  await page.getByTestId('fleet-peer-scroll').evaluate((box) => box.scrollTo({ top: box.scrollHeight }));
  const lastRow = page.locator(`[data-testid="fleet-peer-row"][aria-rowindex="${rows + 1}"]`);
  await expect(lastRow).toBeVisible();
  await expect(lastRow).toHaveAttribute('data-gateway-name', last.name);

  // A whole tick of 200 answers with every row in the fleet view: the longest main-thread task it caused.
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => w.longTasks.push(entry.duration))).observe({ type: 'longtask' });
  });
  const arm = control(emulator.info);
  await arm.resetRequests();
  await expect
    .poll(async () => {
      const counts = await arm.requests();
      return Math.min(...emulator.fleet.gateways.map((g) => counts.byGateway[g.id]?.byOperation.getBgpPeerStatus ?? 0));
    }, { timeout: 3 * INTERVAL_SECONDS * 1000, intervals: [1000] })
    .toBeGreaterThanOrEqual(2);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  test.info().annotations.push({ type: 'long tasks (ms) over a tick', description: JSON.stringify(longTasks.map(Math.round)) });
  console.log('long tasks', JSON.stringify(longTasks.map(Math.round)));
});
