import { expect, test, type Page } from '@playwright/test';
import { control, startEmulator } from './support/emulator.ts';
import { configFor, POLL_SECONDS, signIn, useConfig, watchConsole } from './support/app.ts';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type FleetGateway = { id: string; name: string; activeActive: boolean; peers: { neighbor: string; localAddress: string }[] };
type LivePeer = { neighbor: string; localAddress: string; state: string };

let emulator: Emulator;
let gateways: FleetGateway[];

test.beforeAll(async () => {
  emulator = await startEmulator(['--fleet', 'noc']);
  gateways = ((await control(emulator.info).fleet()) as { gateways: FleetGateway[] }).gateways;
});
test.afterAll(async () => emulator?.stop());
test.afterEach(async () => {
  await control(emulator.info).clearFaults();
  await fetch(`${emulator.info.controlUrl}/peers/state`, { method: 'DELETE' });
});

// One polling interval, plus the long-running operation's own time (1 s, polled after Retry-After).
const ONE_POLL_MS = (POLL_SECONDS + 3) * 1000;

async function openWall(page: Page, query = '') {
  await useConfig(page, configFor(emulator.info, 'emulator'));
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
    for (const element of document.querySelectorAll<HTMLElement>('[data-testid="wall"] *')) {
      if (!(element instanceof HTMLElement)) continue; // SVG icons have no client box
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      if (!ownText || getComputedStyle(element).display === 'inline') continue;
      if (element.scrollWidth > element.clientWidth + 1) {
        problems.push(`text cut off (${element.scrollWidth} > ${element.clientWidth}): "${element.textContent?.slice(0, 60)}"`);
      }
    }
    // A tile or band whose content is taller than itself hides whole lines.
    for (const element of document.querySelectorAll<HTMLElement>('[data-testid="wall-tile"], [data-testid="wall-summary"], [data-testid="wall-tiles"] > div')) {
      if (element.scrollHeight > element.clientHeight + 1) problems.push(`${element.dataset.testid ?? 'column'} overflows: ${element.scrollHeight} > ${element.clientHeight}`);
    }
    return problems;
  });
}

async function fontSizePx(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
}

async function livePeers(gatewayId: string): Promise<LivePeer[]> {
  const response = await fetch(`${emulator.info.controlUrl}/peers?gatewayId=${encodeURIComponent(gatewayId)}`);
  return ((await response.json()) as { value: LivePeer[] }).value;
}

for (const size of [
  { name: '1080p', width: 1920, height: 1080, minBodyPx: 24 },
  { name: '4K', width: 3840, height: 2160, minBodyPx: 48 },
]) {
  test(`at ${size.name} the noc fleet fits without scrolling or cut-off text, in type readable from five metres`, async ({ page }, testInfo) => {
    const problems = watchConsole(page);
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
    expect(seen.size).toBe(gateways.length);
    expect(problems).toEqual([]);
  });
}
