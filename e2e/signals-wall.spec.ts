import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { peerRowKey } from '../src/bgp/peer-identity.ts';
import { expect, failedLoad, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
// Aliased: `useConfig` is not a React hook, but the hooks lint rule goes by the name.
import { configFor, gatewayPanel, peerRow, POLL_SECONDS, signIn, useConfig as serveConfig } from './support/app.ts';

// The noc fleet (30 gateways) at 4× speed: a keepalive every 15 real seconds, so message rates
// show within a test, and natural flaps may land in a test too (the order test allows for them).
const emulator = emulatorForThisSpec(['--fleet', 'noc', '--speed', '4']);
const gateways = () => emulator.fleet.gateways;

// One polling interval, plus the long-running operation's own time (1 s, polled after Retry-After).
const ONE_POLL_MS = (POLL_SECONDS + 3) * 1000;

async function open(page: Page, path: string, extra: Record<string, unknown> = {}) {
  await serveConfig(page, configFor(emulator.info, 'emulator', extra));
  await signIn(page, 'emulator');
  await page.goto(path);
}

/** Serious and critical axe findings (WCAG 2.1 A and AA), as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')} — ${node.failureSummary ?? v.help}`));
}

/** Resolves once every gateway has been polled `polls` more times (emulator request counts). */
async function waitForPolls(polls: number, gatewayIds: readonly string[]) {
  const api = control(emulator.info);
  const count = async () => {
    const { byGateway } = await api.requests();
    return Math.min(...gatewayIds.map((id) => byGateway[id]?.byOperation.getBgpPeerStatus ?? byGateway[id.toLowerCase()]?.byOperation.getBgpPeerStatus ?? 0));
  };
  const start = await count();
  await expect.poll(count, { timeout: (polls + 1) * ONE_POLL_MS + 10_000 }).toBeGreaterThanOrEqual(start + polls);
}

/** What a person at the screen would call overlap: a scrollbar, bands over each other, tiles over each other or out of their area, cut text. */
async function overlapProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth || root.scrollHeight > window.innerHeight) found.push('the page scrolls');
    const regions = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="wall"] > *')).map((el) => el.getBoundingClientRect());
    for (let i = 1; i < regions.length; i++) if (regions[i]!.top < regions[i - 1]!.bottom - 0.5) found.push(`region ${i} overlaps region ${i - 1}`);
    const tiles = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="wall-tile"]'));
    const boxes = tiles.map((tile) => tile.getBoundingClientRect());
    const area = document.querySelector('[data-testid="wall-tiles"]')!.getBoundingClientRect();
    boxes.forEach((a, i) => {
      if (a.right > area.right + 0.5 || a.bottom > area.bottom + 0.5) found.push(`tile ${i} leaves the tile area`);
      boxes.forEach((b, j) => {
        if (j > i && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) found.push(`tiles ${i} and ${j} overlap`);
      });
    });
    for (const tile of tiles) {
      for (const child of Array.from(tile.querySelectorAll<HTMLElement>('*'))) {
        if (!(child instanceof HTMLElement)) continue;
        const hasText = Array.from(child.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
        if (hasText && getComputedStyle(child).display !== 'inline' && child.scrollWidth > child.clientWidth + 1) found.push(`text cut off: ${child.textContent}`);
      }
    }
    return found;
  });
}

interface TileSeen {
  id: string;
  name: string;
  health: string;
  alert: boolean;
}

/** The tiles of the page on screen in reading order: across the columns, row by row. */
async function tilesInReadingOrder(page: Page): Promise<TileSeen[]> {
  return page.getByTestId('wall-tile-grid').evaluate((grid) => {
    const columns = Array.from(grid.children).map((column) => Array.from(column.querySelectorAll<HTMLElement>('[data-testid="wall-tile"]')));
    const rows = Math.max(0, ...columns.map((column) => column.length));
    const seen: { id: string; name: string; health: string; alert: boolean }[] = [];
    for (let row = 0; row < rows; row++) {
      for (const column of columns) {
        const tile = column[row];
        if (!tile) continue;
        seen.push({
          id: tile.dataset.gatewayId ?? '',
          name: tile.querySelector('h2')?.textContent ?? '',
          health: tile.dataset.health ?? '',
          alert: tile.dataset.alert === 'true',
        });
      }
    }
    return seen;
  });
}

// The app's own rule, restated: alerting tiles first, then by health, then by name.
const HEALTH_RANK: Record<string, number> = { down: 0, 'not-answering': 1, degraded: 2, waiting: 3, healthy: 4 };
function severityThenName(tiles: readonly TileSeen[]): string[] {
  return [...tiles]
    .sort(
      (a, b) =>
        Number(b.alert) - Number(a.alert) ||
        (HEALTH_RANK[a.health] ?? 9) - (HEALTH_RANK[b.health] ?? 9) ||
        a.name.localeCompare(b.name) ||
        a.id.localeCompare(b.id),
    )
    .map((tile) => tile.id);
}

test('wall tiles keep their order (severity, then name) over several polls', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await open(page, '/wall?rotate=0');
  // Tiles drawn first: "no tile waiting" is also true of a wall that has drawn none yet.
  await expect(page.getByTestId('wall-tile').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-testid="wall-tile"][data-health="waiting"]')).toHaveCount(0, { timeout: 30_000 });
  // A peer down on a gateway in the middle of the alphabet makes its tile taller: under the old
  // shortest-column packing that moved the tiles after it from column to column.
  const middle = [...gateways()].sort((a, b) => a.name.localeCompare(b.name))[Math.floor(gateways().length / 2)]!;
  await control(emulator.info).forceState({ gatewayId: middle.id, neighbor: middle.peers[0]!.neighbor, state: 'Idle' });

  const snapshots: TileSeen[][] = [];
  for (let poll = 0; poll < 5; poll++) {
    await waitForPolls(1, gateways().map((g) => g.id));
    // Read once the page's layout has settled on a full page of tiles (a re-layout after an answer takes a frame or two).
    await expect.poll(async () => (await tilesInReadingOrder(page)).length).toBeGreaterThan(3);
    const tiles = await tilesInReadingOrder(page);
    expect(tiles.map((t) => t.id), `poll ${poll}: reading order`).toEqual(severityThenName(tiles));
    snapshots.push(tiles);
  }
  // Tiles whose severity did not change between two polls kept their order among themselves
  // (a natural flap elsewhere may move one tile, never swap two others).
  const severity = (t: TileSeen) => `${t.health}:${t.alert}`;
  let compared = 0;
  for (let i = 1; i < snapshots.length; i++) {
    const before = new Map(snapshots[i - 1]!.map((t) => [t.id, severity(t)]));
    const unchanged = (t: TileSeen) => before.get(t.id) === severity(t);
    const now = snapshots[i]!.filter(unchanged).map((t) => t.id);
    const earlier = snapshots[i - 1]!.filter((t) => now.includes(t.id)).map((t) => t.id);
    expect(now, `polls ${i - 1} → ${i}`).toEqual(earlier);
    if (now.length >= 3) compared++;
  }
  // At least two pairs of polls compared on three or more tiles each.
  expect(compared).toBeGreaterThanOrEqual(2);

  // The full fleet, compacted, overlaps nowhere at narrower screens either.
  for (const width of [1280, 1600]) {
    await page.setViewportSize({ width, height: 800 });
    await expect(page.getByTestId('wall-tile').first()).toBeVisible();
    await expect.poll(() => overlapProblems(page), { message: `at ${width} px`, timeout: 5_000 }).toEqual([]);
  }
});

test('with few gateways the wall grows its type to fill the screen, shows the time zone, flashes without changing colours, and stays axe-clean', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const withSteadyPeer = gateways().filter((g) => g.peers.some((p) => p.temperament === 'steady'));
  const [first, second] = [...withSteadyPeer].sort((a, b) => a.peers.length - b.peers.length);
  const neighbor = first!.peers.find((p) => p.temperament === 'steady')!.neighbor;
  await open(page, `/wall?rotate=0&gateways=${[first!.id, second!.id].map(encodeURIComponent).join(',')}`);
  await expect(page.getByTestId('wall-tile')).toHaveCount(2);
  await expect(page.locator('[data-testid="wall-tile"][data-health="waiting"]')).toHaveCount(0, { timeout: 30_000 });
  // A drop: an alert, a flashing tile and a large Idle badge.
  await control(emulator.info).forceState({ gatewayId: first!.id, neighbor, state: 'Idle' });
  const badge = page.locator(`[data-testid="wall-peer"][data-state="Idle"]`).first();
  await expect(badge).toBeVisible({ timeout: 2 * ONE_POLL_MS });
  await expect(page.locator('[data-testid="wall-tile"][data-alert="true"]')).toHaveCount(1);

  // The tiles are drawn larger than the base size, and every state word is at least 24 px.
  expect(Number(await page.getByTestId('wall-tile-grid').getAttribute('data-scale'))).toBeGreaterThan(1.2);
  const smallestStateWord = await page.evaluate(() => {
    const words = /^(Connected|Connecting|Idle|Stopped|Unknown)$|Connected$/;
    let smallest = Infinity;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-testid="wall"] span, [data-testid="wall"] p'))) {
      const ownText = Array.from(element.childNodes)
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      if (!words.test(ownText) || element.getClientRects().length === 0) continue;
      // Rendered size: the computed font size times any CSS zoom above it.
      const zoom = (element as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
      smallest = Math.min(smallest, Number.parseFloat(getComputedStyle(element).fontSize) * zoom);
    }
    return smallest;
  });
  expect(smallestStateWord).toBeGreaterThanOrEqual(24);
  expect(smallestStateWord).toBeLessThan(Infinity);

  // The wall clock names its time zone.
  await expect(page.getByTestId('wall-clock')).toHaveText(/^\d\d:\d\d:\d\d\s+(UTC|GMT[+-]\d+|[A-Z]{2,5})$/);

  // The flash animates a ring only: no filter or colour that would turn Idle's orange into Connecting's yellow.
  const animated = await page.locator('[data-testid="wall-tile"][data-alert="true"]').evaluate((tile) =>
    tile.getAnimations().flatMap((animation) => ((animation.effect as KeyframeEffect | null)?.getKeyframes() ?? []).flatMap((frame) => Object.keys(frame))),
  );
  expect(animated).toContain('boxShadow');
  expect(animated.filter((property) => /filter|color|background/i.test(property))).toEqual([]);

  await page.screenshot({ path: test.info().outputPath('wall-few-gateways.png') });
  expect(await seriousViolations(page)).toEqual([]);

  // No overlap and no scrollbar at any width from 1280 px.
  for (const width of [1280, 1440, 1600, 1920]) {
    await page.setViewportSize({ width, height: 1080 });
    // The wall lays itself out again after a resize (a frame or a poll later): judged once settled.
    await expect.poll(() => overlapProblems(page), { message: `at ${width} px`, timeout: 5_000 }).toEqual([]);
  }
});

const numberAttribute = async (locator: Locator, name: string) => Number((await locator.getAttribute(name)) || Number.NaN);

test('a forced flap draws no message rate above twice the natural rate, and the gateway page stays axe-clean', async ({ page }) => {
  test.setTimeout(150_000);
  const gateway = gateways().find((g) => g.peers.some((p) => p.temperament === 'steady'))!;
  const peer = gateway.peers.find((p) => p.temperament === 'steady')!;
  await open(page, `/gateway?id=${encodeURIComponent(gateway.id)}`, { gateways: [gateway.id] });
  const history = page.getByTestId('gateway-history');
  await expect(history).toBeVisible();
  // Before two samples exist, the page says when the first points will come.
  await expect(page.getByTestId('collecting-data')).toHaveText(/Collecting data — first points in about \d+ s/);

  const select = history.getByRole('combobox');
  await expect(select.locator('option', { hasText: peer.neighbor }).first()).toBeAttached({ timeout: 2 * ONE_POLL_MS });
  await select.selectOption(peerRowKey(peer.localAddress, peer.neighbor));
  const rates = page.getByTestId('rate-chart');
  // The natural rate: keepalives, a few a minute, seen over several polls.
  await expect.poll(() => numberAttribute(rates, 'data-max-rate'), { timeout: 8 * ONE_POLL_MS }).toBeGreaterThan(0);
  await waitForPolls(2, [gateway.id]);
  const natural = await numberAttribute(rates, 'data-max-rate');
  expect(natural).toBeLessThan(100);

  // Down and back up, as an engineer resetting the session would do.
  const panel = gatewayPanel(page, gateway.id);
  const api = control(emulator.info);
  await api.forceState({ gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state: 'Idle' });
  await expect(peerRow(panel, peer.neighbor, peer.localAddress)).toHaveAttribute('data-state', 'Idle', { timeout: 2 * ONE_POLL_MS });
  await api.forceState({ gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state: null });
  await expect(peerRow(panel, peer.neighbor, peer.localAddress)).toHaveAttribute('data-state', 'Connected', { timeout: 2 * ONE_POLL_MS });
  await waitForPolls(3, [gateway.id]);

  // The emulator brought the session back new: counters from zero, not its old totals.
  const live = (await api.peers(gateway.id, peer.neighbor)).value.find((row) => row.localAddress === peer.localAddress)!;
  expect(live.messagesSent).toBeLessThan(50);
  // The chart drew nothing across the state change.
  const afterFlap = await numberAttribute(rates, 'data-max-rate');
  expect(afterFlap).toBeLessThanOrEqual(2 * natural);
  await expect(rates.locator('path.recharts-line-curve').first()).toBeVisible();
  // Round ticks with thousands separators only; time labels without seconds at 1 h.
  const yTicks = await rates.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
  expect(yTicks.length).toBeGreaterThan(1);
  for (const tick of yTicks) expect(tick).toMatch(/^(0|[1-9]\d{0,2}(,\d{3})*(\.\d+)?|0\.\d+)$/);
  const xTicks = await rates.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
  for (const tick of xTicks) expect(tick).toMatch(/^\d\d:\d\d$/);
  // A routes-received chart per peer.
  await expect(page.getByTestId('peer-routes-chart')).toHaveCount(gateway.peers.length);
  await page.screenshot({ path: test.info().outputPath('gateway-page-after-flap.png'), fullPage: true });

  // Drag across the rate chart to zoom into the samples, then reset. A zoom ends on samples and
  // spans at least 30 s: wait for 10 rate points (45 s of 5 s polls), or the drag, which ends on
  // the first and the last, may span less (it did once, at about 30 s).
  await expect.poll(() => numberAttribute(rates, 'data-local-points'), { timeout: 10 * ONE_POLL_MS }).toBeGreaterThanOrEqual(10);
  await history.getByRole('button', { name: '15 min' }).click();
  const plot = rates.locator('.recharts-cartesian-grid');
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.995, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const reset = page.getByTestId('zoom-reset');
  await expect(reset).toBeVisible();
  await expect(history.getByRole('button', { name: '15 min' })).toHaveAttribute('aria-pressed', 'false');
  await reset.click();
  await expect(reset).toHaveCount(0);
  await expect(history.getByRole('button', { name: '15 min' })).toHaveAttribute('aria-pressed', 'true');

  expect(await seriousViolations(page)).toEqual([]);
});

test('a stale panel dims its rows, keeps its age in the header apart from the STALE box, and stays axe-clean', async ({ page, pageGuard }) => {
  pageGuard.allow(failedLoad(403));
  const [gateway] = gateways();
  await open(page, '/', { gateways: [gateway!.id] });
  const panel = gatewayPanel(page, gateway!.id);
  await expect(panel.getByTestId('peer-row').first()).toBeVisible();
  await control(emulator.info).injectFault({ kind: 'forbidden', gatewayId: gateway!.id, operation: 'getBgpPeerStatus' });
  const marker = panel.getByTestId('stale-marker');
  await expect(marker).toBeVisible({ timeout: 2 * ONE_POLL_MS });

  await expect(panel.getByTestId('peer-row').first()).toHaveAttribute('data-stale', 'true');
  const dimmed = await panel.getByTestId('peer-row').first().evaluate((row) => getComputedStyle(row).color);
  expect(dimmed).not.toBe(await panel.getByRole('heading').evaluate((h) => getComputedStyle(h).color));
  expect(await panel.getByTestId('peer-row').first().evaluate((row) => getComputedStyle(row).opacity)).toBe('1');

  const age = panel.getByTestId('panel-age');
  await expect(age).toHaveText(/^updated \d+\w* ago/);
  expect(await age.evaluate((el) => el.closest('header') !== null)).toBe(true);
  const [ageBox, markerBox, headerBox] = await Promise.all([age.boundingBox(), marker.boundingBox(), panel.locator('header').boundingBox()]);
  // The age sits inside the header, the STALE box wholly below it: nothing floats over anything.
  expect(ageBox!.y + ageBox!.height).toBeLessThanOrEqual(headerBox!.y + headerBox!.height + 0.5);
  expect(markerBox!.y).toBeGreaterThanOrEqual(headerBox!.y + headerBox!.height - 0.5);

  expect(await seriousViolations(page)).toEqual([]);
});
