import type { Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { HISTORY_DB_NAME } from '../src/features/history/store/history-db.ts';
import { expect, failedLoad, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
// Aliased: `useConfig` is not a React hook, but the hooks lint rule goes by the name.
import { configFor, gatewayPanel, peerRow, POLL_SECONDS, signIn, useConfig as serveConfig } from './support/app.ts';

// A fast simulated clock: a simulated day passes in 24 real minutes, so Azure Monitor's
// back-fill (on the app's real time axis) shows many simulated hours of peer life.
const emulator = emulatorForThisSpec(['--fleet', 'small', '--speed', '60']);
const gateways = () => emulator.fleet.gateways;

// One polling interval, plus the long-running operation's own time (1 s, polled after Retry-After).
const ONE_POLL_MS = (POLL_SECONDS + 3) * 1000;

const activeActive = () => gateways().find((g) => g.activeActive)!;

async function openGatewayPage(page: Page, gatewayId: string) {
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  await page.goto(`/gateway?id=${encodeURIComponent(gatewayId)}`);
  await expect(page.getByTestId('gateway-history')).toBeVisible();
}

const numberAttribute = async (locator: Locator, name: string) => Number((await locator.getAttribute(name)) ?? Number.NaN);

/** How many polls of this gateway IndexedDB holds samples of: what a reload can draw again. */
async function storedPollsWithSamples(page: Page, gatewayId: string): Promise<number> {
  return page.evaluate(
    async ({ dbName, gatewayId }) => {
      const request = <T>(r: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      const db = await request(indexedDB.open(dbName));
      try {
        const samples = (await request(db.transaction('samples').objectStore('samples').getAll())) as { gatewayId: string; time: number }[];
        return new Set(samples.filter((s) => s.gatewayId.toLowerCase() === gatewayId.toLowerCase()).map((s) => s.time)).size;
      } finally {
        db.close();
      }
    },
    { dbName: HISTORY_DB_NAME, gatewayId },
  );
}

test('the Azure Monitor back-fill comes before the first local sample, polls add points, and a reload keeps the history', async ({ page }) => {
  const gateway = activeActive();
  await openGatewayPage(page, gateway.id);
  const routes = page.getByTestId('routes-chart');
  const rates = page.getByTestId('rate-chart');

  // Back-filled from Azure Monitor, labelled, and drawn only before local history starts.
  await expect(routes).not.toHaveAttribute('data-monitor-points', '0');
  await expect(page.getByTestId('backfill-note')).toContainText('Azure Monitor, 5-minute average');
  await expect(routes.locator('.monitor-line path.recharts-line-curve')).toBeVisible();

  // The live peer table is there too, above the history.
  await expect(page.getByTestId('gateway-panel').locator('[data-testid="peer-row"]').first()).toBeVisible();

  // Several polls: the charts get local points (rates need two polls).
  await expect.poll(() => numberAttribute(rates, 'data-local-points'), { timeout: 4 * ONE_POLL_MS }).toBeGreaterThanOrEqual(3);
  await expect(rates.locator('path.recharts-line-curve').first()).toBeVisible();
  // One crosshair: pointing at a rate shows the routes chart's row of that poll, with its own time.
  await page.getByRole('button', { name: '15 min' }).click();
  await rates.scrollIntoViewIfNeeded();
  const dot = (await rates.locator('.recharts-line-dot').last().boundingBox())!;
  await page.mouse.move(dot.x + dot.width / 2 - 1, dot.y + dot.height / 2);
  await expect(rates.locator('.recharts-tooltip-wrapper')).toContainText('Messages sent per minute');
  await expect(routes.locator('.recharts-tooltip-cursor')).toBeAttached();
  await expect(routes.locator('.recharts-tooltip-wrapper')).toContainText('Routes received:');
  await page.mouse.move(0, 0);
  await page.getByRole('button', { name: '1 h' }).click();
  const firstLocal = await numberAttribute(routes, 'data-first-local-time');
  // Over the whole day, Azure Monitor covers the hours before this page was opened.
  await page.getByRole('button', { name: '24 h' }).click();
  await expect(page.getByRole('button', { name: '24 h' })).toHaveAttribute('aria-pressed', 'true');
  const firstMonitor = await numberAttribute(routes, 'data-first-monitor-time');
  expect(firstMonitor).toBeLessThan(firstLocal);
  expect(Date.now() - firstMonitor).toBeGreaterThan(23 * 3_600_000);
  const pointsBefore = await numberAttribute(rates, 'data-local-points');

  // Every peer row has a timeline with local states after the back-filled stretch.
  await expect(page.getByTestId('peer-timeline')).toHaveCount(gateway.peers.length);
  await expect(page.getByTestId('peer-timeline').first().locator('[data-testid="timeline-segment"][data-state^="monitor-"]').first()).toBeAttached();

  // Writes are batched every 2 s: reload once every poll drawn so far is in IndexedDB.
  await expect.poll(() => storedPollsWithSamples(page, gateway.id)).toBeGreaterThanOrEqual(pointsBefore);
  await page.reload();
  await expect(page.getByTestId('gateway-history')).toBeVisible();
  await expect.poll(() => numberAttribute(routes, 'data-first-local-time')).toBe(firstLocal);
  expect(await numberAttribute(rates, 'data-local-points')).toBeGreaterThanOrEqual(pointsBefore);
});

test('a peer forced down and back up shows a reset marker, a timeline segment and events', async ({ page }) => {
  const gateway = activeActive();
  // A steady peer: it does not flap by itself during the test, so what shows is what we forced.
  const peer = gateway.peers.find((p) => p.temperament === 'steady') ?? gateway.peers[0]!;
  const peerKey = `${peer.localAddress}|${peer.neighbor}`;
  await openGatewayPage(page, gateway.id);
  await page.getByLabel('Show').selectOption(peerKey);
  const rates = page.getByTestId('rate-chart');
  await expect.poll(() => numberAttribute(rates, 'data-local-points'), { timeout: 3 * ONE_POLL_MS }).toBeGreaterThanOrEqual(2);
  await expect(rates).toHaveAttribute('data-reset-count', '0');

  const force = (state: 'Idle' | 'Connected') => control(emulator.info).forceState({ gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state });
  await force('Idle');
  const strip = page.locator(`[data-testid="peer-timeline"][data-peer-key="${peerKey}"]`);
  await expect(strip.locator('[data-testid="timeline-segment"][data-state="Idle"]')).toBeAttached({ timeout: 2 * ONE_POLL_MS });
  await expect(strip.getByTestId('timeline-summary')).toContainText('down since');
  await force('Connected');
  await expect(strip.getByTestId('timeline-summary')).toContainText('up since', { timeout: 2 * ONE_POLL_MS });
  await expect(strip.getByTestId('timeline-summary')).toHaveAttribute('data-flaps', '1');

  // The counters fell to zero when the session dropped: a reset marker, never a negative rate.
  await expect(rates).not.toHaveAttribute('data-reset-count', '0');
  await expect(rates.locator('.reset-marker').first()).toBeAttached();

  const events = page.getByTestId('history-events');
  await expect(events.locator('[data-kind="state-change"]', { hasText: `${peer.neighbor} via ${peer.localAddress}: Connected → Idle` })).toBeVisible();
  await expect(events.locator('[data-kind="state-change"]', { hasText: `${peer.neighbor} via ${peer.localAddress}: Idle → Connected` })).toBeVisible();
  // Newest first.
  await expect(events.locator('[data-kind="state-change"]').first()).toContainText('Idle → Connected');

  // The samples of that peer for the range download as CSV.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('time,gatewayId,localAddress,neighbor,state,routesReceived,messagesSent,messagesReceived,connectedSeconds');
  expect(lines.length).toBeGreaterThan(3);
  expect(lines.slice(1).every((line) => line.includes(`,${peer.localAddress},${peer.neighbor},`))).toBe(true);
  expect(lines.some((line) => line.includes(',Idle,'))).toBe(true);
});

test('a 403 on metrics hides the back-fill with a note, and local history still draws', async ({ page, pageGuard }) => {
  const gateway = gateways().find((g) => !g.activeActive)!;
  pageGuard.allow(failedLoad(403));
  await control(emulator.info).injectFault({ kind: 'forbidden', gatewayId: gateway.id, operation: 'metrics', message: 'The client does not have authorization to perform action microsoft.insights/metrics/read.' });
  await openGatewayPage(page, gateway.id);
  await expect(page.getByTestId('backfill-note')).toContainText('Azure Monitor history is hidden');
  await expect(page.getByTestId('backfill-note')).toContainText('AuthorizationFailed');
  const routes = page.getByTestId('routes-chart');
  await expect(routes).toHaveAttribute('data-monitor-points', '0');
  await expect.poll(() => numberAttribute(routes, 'data-local-points'), { timeout: 3 * ONE_POLL_MS }).toBeGreaterThanOrEqual(1);
});

test('without IndexedDB (private mode) history is kept in memory, with a visible note', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  const gateway = activeActive();
  await openGatewayPage(page, gateway.id);
  await expect(page.getByTestId('history-memory-note')).toContainText('memory only');
  await expect.poll(() => numberAttribute(page.getByTestId('rate-chart'), 'data-local-points'), { timeout: 3 * ONE_POLL_MS }).toBeGreaterThanOrEqual(2);
});

test('the dashboard lists recent changes across gateways, newest first', async ({ page }) => {
  const gateway = activeActive();
  const peer = gateway.peers[0]!;
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  // A change needs a poll before it to change from.
  await expect(peerRow(gatewayPanel(page, gateway.id), peer.neighbor, peer.localAddress)).toBeVisible();
  await control(emulator.info).forceState({ gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state: 'Stopped' });
  const recent = page.getByTestId('recent-events');
  await expect(recent.locator('[data-kind="state-change"]', { hasText: `${peer.neighbor} via ${peer.localAddress}:` }).first()).toContainText('→ Stopped', {
    timeout: 3 * ONE_POLL_MS,
  });
  await expect(recent).toContainText(gateway.name);
});
