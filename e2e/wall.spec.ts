import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './support/page-guard.ts';
import { recordSoundAndNotifications } from './support/alert-recording.ts';
import { emulatorForThisSpec, startEmulator } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
// Aliased: it serves config.json through Playwright and is no React hook, whatever its name says.
import { configFor, POLL_SECONDS, signIn, useConfig as serveConfig } from './support/app.ts';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

// A near-frozen simulated clock: with 240 peers at real speed, a natural flap can land in the
// middle of a test and add a second alert to the one the test forced.
const emulator = emulatorForThisSpec(['--fleet', 'noc', '--speed', '0.001']);
const gateways = () => emulator.fleet.gateways;

// One polling interval, plus the long-running operation's own time (1 s, polled after Retry-After).
const ONE_POLL_MS = (POLL_SECONDS + 3) * 1000;

async function openWall(page: Page, query = '') {
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  await page.goto(`/wall${query}`);
  await expect(page.getByTestId('wall-tile').first()).toBeVisible();
}

/** Every tile on the page has had its first answer. */
async function waitForAllAnswers(page: Page) {
  await expect(page.locator('[data-testid="wall-tile"][data-health="waiting"]')).toHaveCount(0, { timeout: 30_000 });
}

/** What a person at the screen would call broken layout: a scrollbar, or text cut off at its box's edge. */
async function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollHeight > window.innerHeight) problems.push(`document scrolls vertically: ${root.scrollHeight} > ${window.innerHeight}`);
    if (root.scrollWidth > window.innerWidth) problems.push(`document scrolls horizontally: ${root.scrollWidth} > ${window.innerWidth}`);
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-testid="wall"] *'))) {
      if (!(element instanceof HTMLElement)) continue; // SVG icons have no client box
      const ownText = Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      if (!ownText || getComputedStyle(element).display === 'inline') continue;
      if (element.scrollWidth > element.clientWidth + 1) {
        problems.push(`text cut off (${element.scrollWidth} > ${element.clientWidth}): "${element.textContent?.slice(0, 60)}"`);
      }
    }
    // A tile or band whose content is taller than itself hides whole lines.
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-testid="wall-tile"], [data-testid="wall-summary"], [data-testid="wall-tiles"] > div'))) {
      if (element.scrollHeight > element.clientHeight + 1) problems.push(`${element.dataset.testid ?? 'column'} overflows: ${element.scrollHeight} > ${element.clientHeight}`);
    }
    return problems;
  });
}

async function fontSizePx(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
}

for (const size of [
  { name: '1080p', width: 1920, height: 1080, minBodyPx: 24 },
  { name: '4K', width: 3840, height: 2160, minBodyPx: 48 },
]) {
  test(`at ${size.name} the noc fleet fits without scrolling or cut-off text, in type readable from five metres`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await openWall(page, '?rotate=0');
    await waitForAllAnswers(page);
    await expect(page.getByTestId('wall-page-indicator')).toHaveText(/^Page 1 \/ \d+/);

    await page.screenshot({ path: testInfo.outputPath(`wall-${size.name}.png`) });
    expect(await layoutProblems(page)).toEqual([]);
    expect(await fontSizePx(page, '[data-testid="wall-peer"]')).toBeGreaterThanOrEqual(size.minBodyPx);
    expect(await fontSizePx(page, '[data-testid="wall-updated"]')).toBeGreaterThanOrEqual(size.minBodyPx);
    // Page through the whole fleet: every page is laid out without overflow.
    const pages = Number((await page.getByTestId('wall-page-indicator').textContent())?.match(/\/ (\d+)/)?.[1]);
    const seen = new Set<string>();
    for (let n = 1; n <= pages; n++) {
      await expect(page.getByTestId('wall-page-indicator')).toHaveText(new RegExp(`^Page ${n} / ${pages}`));
      for (const id of await page.getByTestId('wall-tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-gateway-id')))) seen.add(id!);
      expect(await layoutProblems(page), `page ${n}`).toEqual([]);
      await page.keyboard.press('ArrowRight');
    }
    expect(seen.size).toBe(gateways().length);
  });
}

test('a peer forced down is first on the screen, highlighted, with sound and a notification, until acknowledged', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await recordSoundAndNotifications(page);
  await openWall(page, '?rotate=0&sound=on');
  await waitForAllAnswers(page);

  // A peer that is up now, on a gateway that is all healthy, so the move to the top is visible.
  const healthyIds = await page.locator('[data-testid="wall-tile"][data-health="healthy"]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-gateway-id')!));
  const gateway = gateways().find((g) => healthyIds.some((id) => id.toLowerCase() === g.id.toLowerCase()) && g.activeActive) ?? gateways().find((g) => healthyIds.includes(g.id))!;
  const peer = (await control(emulator.info).peers(gateway.id)).value.find((p) => p.state === 'Connected')!;
  await control(emulator.info).forceState({ gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state: 'Idle' });
  const forcedAt = Date.now();

  const alert = page.getByTestId('wall-alert').first();
  await expect(alert).toHaveAttribute('data-neighbor', peer.neighbor, { timeout: ONE_POLL_MS });
  expect(Date.now() - forcedAt).toBeLessThan(ONE_POLL_MS);
  await expect(alert).toHaveAttribute('data-local-address', peer.localAddress);
  await expect(page.getByTestId('wall-alerts')).toContainText('1 peer DOWN · press A to acknowledge');
  // The instance is named on an active-active gateway (i0 / i1), and the alert says since when.
  await expect(alert).toContainText(new RegExp(`^Idle${peer.neighbor.replace(/\./g, '\\.')}${gateway.activeActive ? 'i[01]' : ''}on ${gateway.name}since \\d\\d:\\d\\d`));

  const firstTile = page.getByTestId('wall-tile').first();
  expect((await firstTile.getAttribute('data-gateway-id'))?.toLowerCase()).toBe(gateway.id.toLowerCase());
  await expect(firstTile).toHaveAttribute('data-alert', 'true');
  await expect(firstTile).toHaveClass(/wall-flash/);
  const firstBadge = firstTile.getByTestId('wall-peer').first();
  await expect(firstBadge).toHaveAttribute('data-neighbor', peer.neighbor);
  await expect(firstBadge).toHaveAttribute('data-local-address', peer.localAddress);
  await expect(firstBadge).toHaveAttribute('data-alert', 'true');
  await expect(firstBadge).toContainText('Idle');
  // "Recent changes" names the instance on an active-active gateway.
  await expect(page.getByTestId('wall-changes')).toContainText(new RegExp(`${gateway.name}${peer.neighbor.replace(/\./g, '\\.')}${gateway.activeActive ? 'i[01]' : ''}Connected→Idle`));

  const recorded = await page.evaluate(() => ({ __tones: window.__tones, __notifications: window.__notifications }));
  expect(recorded.__tones).toBeGreaterThan(0);
  expect(recorded.__notifications).toEqual([`BGP peer Idle: ${peer.neighbor}`]);

  await page.screenshot({ path: test.info().outputPath('wall-peer-down.png') });
  await page.keyboard.press('a');
  // Acknowledged: still listed, plainly drawn, until the peer recovers; the tile stops flashing.
  await expect(alert).toHaveAttribute('data-acknowledged', 'true');
  await expect(page.getByTestId('wall-alerts')).toContainText('1 peer DOWN (1 acknowledged)');
  await expect(firstTile).toHaveAttribute('data-alert', 'false');
  // Acknowledged, still down: still a problem tile, the peer still first in it. (Not necessarily
  // the first tile any more: a peer of the live fleet may drop meanwhile, and a new alert leads.)
  const tileOfGateway = page.locator(`[data-testid="wall-tile"][data-gateway-id="${gateway.id}" i]`);
  await expect(tileOfGateway).not.toHaveAttribute('data-health', 'healthy');
  await expect(tileOfGateway.getByTestId('wall-peer').first()).toHaveAttribute('data-state', 'Idle');
});

test('a gateway whose calls fail turns STALE with the reason while the others stay fresh, then recovers', async ({ page, pageGuard }) => {
  pageGuard.allow(/Failed to load resource.*403/);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openWall(page, '?rotate=0');
  await waitForAllAnswers(page);
  const failing = gateways().find((g) => g.name.includes('branch')) ?? gateways()[0]!;

  await control(emulator.info).injectFault({ kind: 'forbidden', gatewayId: failing.id, operation: 'getBgpPeerStatus' });
  const tile = page.locator(`[data-testid="wall-tile"][data-gateway-id="${failing.id}" i]`);
  await expect(tile.getByTestId('wall-stale')).toHaveText(/^STALE since \d\d:\d\d:\d\d · error AuthorizationFailed$/, { timeout: ONE_POLL_MS });
  await expect(tile).toHaveAttribute('data-health', 'not-answering');
  // Its last peers stay on screen.
  await expect(tile.getByTestId('wall-peer').first()).toBeVisible();
  await expect(page.getByTestId('wall-summary')).toContainText('1not answering');

  // The others keep refreshing on their own schedule.
  const others = page.locator(`[data-testid="wall-tile"][data-stale="false"]`);
  await expect(others.first()).toBeVisible();
  expect(await page.getByTestId('wall-stale').count()).toBe(1);
  await expect(others.first().getByTestId('wall-updated')).toHaveText(/^updated [0-9]s ago$/);
  await page.screenshot({ path: test.info().outputPath('wall-stale.png') });

  await control(emulator.info).clearFaults();
  // Healthy again, the tile leaves the problem-first top of the order: judge by the summary.
  await expect(page.getByTestId('wall-summary')).toContainText('0not answering', { timeout: ONE_POLL_MS });
  await expect(page.getByTestId('wall-stale')).toHaveCount(0);
});

test('pages rotate on the interval from the URL; space pauses, arrows turn', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  // Page time flows as usual until the pause, which then lets page time pass without waiting for it.
  await page.clock.install();
  await openWall(page, '?rotate=5');
  await waitForAllAnswers(page);
  const indicator = page.getByTestId('wall-page-indicator');
  const pages = Number((await indicator.textContent())?.match(/\/ (\d+)/)?.[1]);
  expect(pages).toBeGreaterThan(1);
  await expect(indicator).toContainText('next page every 5 s');

  const current = async () => Number((await indicator.textContent())?.match(/^Page (\d+)/)?.[1]);
  const before = await current();
  const tilesBefore = await page.getByTestId('wall-tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-gateway-id')));
  await expect.poll(current, { timeout: 8_000 }).toBe((before % pages) + 1);
  const tilesAfter = await page.getByTestId('wall-tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-gateway-id')));
  expect(tilesAfter.some((id) => tilesBefore.includes(id))).toBe(false);

  await page.keyboard.press('Space');
  await expect(indicator).toContainText('rotation PAUSED');
  const paused = await current();
  // Longer than the rotation interval: had the pause not held, its page turn would fire here.
  await page.clock.runFor(6_500);
  await expect(indicator).toContainText('rotation PAUSED');
  expect(await current()).toBe(paused);
  await page.keyboard.press('ArrowLeft');
  expect(await current()).toBe(((paused - 2 + pages) % pages) + 1);
});

test('offline freezes the screen with a banner; back online, polling resumes by itself', async ({ page, context, pageGuard }) => {
  pageGuard.allow(/Failed to load resource/, /ERR_INTERNET_DISCONNECTED/);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openWall(page, '?rotate=0');
  await waitForAllAnswers(page);

  await context.setOffline(true);
  await expect(page.getByTestId('wall-frozen')).toContainText('SCREEN FROZEN: the network is offline');
  // Long enough for every tile to go stale and say why.
  await expect(page.locator('[data-testid="wall-tile"][data-stale="false"]')).toHaveCount(0, { timeout: 3 * POLL_SECONDS * 1000 + 5_000 });
  await expect(page.getByTestId('wall-stale').first()).toContainText('offline');
  expect(await layoutProblems(page)).toEqual([]);

  await context.setOffline(false);
  await expect(page.getByTestId('wall-frozen')).toHaveCount(0);
  await expect(page.locator('[data-testid="wall-tile"][data-stale="true"]')).toHaveCount(0, { timeout: ONE_POLL_MS });
});

test('a mistyped wall URL says what to fix', async ({ page }) => {
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  await page.goto('/wall?rotate=2&theme=blue&gateways=/subscriptions/x');
  const problems = page.getByTestId('wall-url-problems');
  await expect(problems).toContainText('"rotate" must be 0 (no rotation) or at least 5 seconds');
  await expect(problems).toContainText('"theme" must be "dark" or "light"');
  await expect(problems).toContainText('"gateways" entry "/subscriptions/x" is not a virtual network gateway ID');
});

test('the dashboard links to the wall view', async ({ page }) => {
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  await page.getByRole('link', { name: 'Open this view as a wall screen' }).click();
  await expect(page).toHaveURL(/\/wall$/);
  await expect(page.getByTestId('wall-tile').first()).toBeVisible();
});

test.describe('unattended', () => {
  let soakEmulator: Emulator;
  test.beforeAll(async () => {
    // Operations finish at once: the page's fake clock, not the emulator, sets the pace. The
    // emulator's peers age fast so the soak sees flaps, alerts and recent changes. ARM's write
    // budget refills in real seconds while page time runs some 400 times faster: scaled like the
    // page's clock (as in the bench), or the page would rightly slow its polling as ARM's
    // remaining-writes header falls, and the tiles would go STALE for a reason a real wall never meets.
    soakEmulator = await startEmulator(['--fleet', 'noc', '--lro-seconds', '0', '--speed', '576', '--arm-budget-scale', '1200']);
  });
  test.afterAll(async () => soakEmulator?.stop());

  test('hours of simulated polling under clock control leave heap and DOM nodes flat, and the wall fresh', async ({ page }) => {
    test.setTimeout(180_000);
    const pollSeconds = 300;
    await page.setViewportSize({ width: 1920, height: 1080 });
    let inFlight = 0;
    page.on('request', () => (inFlight += 1));
    page.on('requestfinished', () => (inFlight -= 1));
    page.on('requestfailed', () => (inFlight -= 1));
    // A jump of page time must never land while a request is out: its 30 s time limit would fire.
    // Quiet three readings in a row, 40 ms apart: a poll's next request may start just after its last one ends.
    const settled = async () => {
      let quietReadings = 0;
      await expect
        .poll(() => (quietReadings = inFlight === 0 ? quietReadings + 1 : 0), { intervals: [40], timeout: 20_000, message: 'requests still in flight after 20 s' })
        .toBeGreaterThanOrEqual(3);
    };

    await page.clock.install();
    await serveConfig(page, configFor(soakEmulator.info, 'emulator', { pollingIntervalSeconds: pollSeconds }));
    await signIn(page, 'emulator');
    await page.goto('/wall');
    await waitForAllAnswers(page);
    await settled();

    const cdp: CDPSession = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const heapMB = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / 1024 / 1024;
      const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
      return { heapMB, domNodes };
    };
    // One step is one polling interval of page time, jumped like a machine waking from sleep.
    // runFor does not wait for the network: the settle time runs in slices, each followed by a
    // quiet network, so every wait of a poll through batch (the async batch's own poll, then the
    // operation's Retry-After) ends within its step instead of being cut off by the next jump.
    const step = async () => {
      await page.clock.fastForward(pollSeconds * 1000 - 3_000);
      await settled();
      for (let slice = 0; slice < 3; slice++) {
        await page.clock.runFor(1_000);
        await settled();
      }
    };

    for (let i = 0; i < 6; i++) await step();
    const start = await measure();
    const steps = 36;
    for (let i = 0; i < steps; i++) await step();
    const end = await measure();
    const hours = ((steps + 6) * pollSeconds) / 3600;
    const figures = { hours, heapStartMB: start.heapMB, heapGrowthMB: end.heapMB - start.heapMB, domNodesStart: start.domNodes, domNodesGrowth: end.domNodes - start.domNodes };
    test.info().annotations.push({ type: 'wall soak', description: JSON.stringify(figures) });
    console.log(`wall soak: ${JSON.stringify(figures)}`);

    // Bounded, not zero: the recent-changes strip fills to its cap and pages differ in content.
    expect(figures.heapGrowthMB).toBeLessThan(3);
    expect(Math.abs(figures.domNodesGrowth)).toBeLessThan(400);
    // After all those wake-ups, polling still runs by itself: every tile has fresh data.
    await expect(page.locator('[data-testid="wall-tile"][data-stale="true"]')).toHaveCount(0);
    await expect(page.getByTestId('wall-frozen')).toHaveCount(0);
  });
});
