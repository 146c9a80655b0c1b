import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { HISTORY_DB_NAME } from '../src/features/history/store/history-db.ts';
import { expect, guardPage, test, type PageGuard } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
import { recordSoundAndNotifications } from './support/alert-recording.ts';
// Aliased: `useConfig` is not a React hook, but the hooks lint rule goes by the name.
import { configFor, gatewayPanel, lastUpdatedAt, peerRow, POLL_SECONDS, signIn, useConfig as serveConfig } from './support/app.ts';

const emulator = emulatorForThisSpec();
const INTERVAL_MS = POLL_SECONDS * 1000;
// One polling interval, plus the long-running operation's own time (1 s, polled after Retry-After).
const ONE_POLL_MS = INTERVAL_MS + 3000;

/** Another tab of the same browser profile (same context: same Web Locks, BroadcastChannel, IndexedDB). */
async function openTab(page: Page, path = '/', prepare?: (tab: Page) => Promise<void>): Promise<{ tab: Page; guard: PageGuard }> {
  const tab = await page.context().newPage();
  const guard = await guardPage(tab);
  await prepare?.(tab);
  await serveConfig(tab, configFor(emulator.info, 'emulator'));
  // MSAL's and the demo sign-in's caches are per tab (sessionStorage): each tab signs in once.
  await signIn(tab, 'emulator');
  if (path !== '/') await tab.goto(path);
  return { tab, guard };
}

const followerNote = (page: Page) => page.getByTestId('poll-role-note');

/** Serious and critical axe findings (WCAG 2.1 A and AA), as in accessibility.spec.ts. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')}`));
}

async function getBgpPeerStatusCounts(): Promise<Map<string, number>> {
  const counts = await control(emulator.info).requests();
  return new Map(emulator.fleet.gateways.map((g) => [g.id, counts.byGateway[g.id]?.byOperation.getBgpPeerStatus ?? 0]));
}

/** The polls of a gateway stored in this browser's IndexedDB, and its samples, as a reload would read them. */
async function storedHistory(page: Page, gatewayId: string) {
  return page.evaluate(
    async ({ dbName, gatewayId }) => {
      const request = <T>(r: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      const db = await request(indexedDB.open(dbName));
      try {
        const mine = <T extends { gatewayId: string }>(records: T[]) => records.filter((r) => r.gatewayId.toLowerCase() === gatewayId.toLowerCase());
        const polls = mine((await request(db.transaction('polls').objectStore('polls').getAll())) as { gatewayId: string; time: number; ok: boolean }[]);
        const samples = mine((await request(db.transaction('samples').objectStore('samples').getAll())) as { gatewayId: string; peerKey: string; time: number }[]);
        return { pollTimes: polls.map((p) => p.time).sort((a, b) => a - b), samples: samples.map((s) => `${s.peerKey}@${s.time}`) };
      } finally {
        db.close();
      }
    },
    { dbName: HISTORY_DB_NAME, gatewayId },
  );
}

test('two dashboards and a wall in one browser cost one getBgpPeerStatus per gateway per interval, and every tab shows a peer going down', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  // The first tab polls for the browser: it says nothing about it.
  const gateway = emulator.fleet.gateways.find((g) => g.activeActive)!;
  await expect(peerRow(gatewayPanel(page, gateway.id), gateway.peers[0]!.neighbor, gateway.peers[0]!.localAddress)).toBeVisible();
  await expect(followerNote(page)).toHaveCount(0);

  const second = await openTab(page);
  const wall = await openTab(page, '/wall?rotate=0');
  await expect(followerNote(second.tab)).toHaveText(/live from another tab/);
  // The follower shows the leader's answer, with the leader's "updated" time.
  await expect.poll(() => lastUpdatedAt(gatewayPanel(second.tab, gateway.id))).toBe(await lastUpdatedAt(gatewayPanel(page, gateway.id)));
  await expect(wall.tab.locator('[data-testid="wall-tile"][data-health="waiting"]')).toHaveCount(0);

  // Counted over at least three intervals: at most one operation per gateway per interval (plus
  // one that straddles the start), where three tabs polling each would make three.
  await control(emulator.info).resetRequests();
  const start = Date.now();
  await expect
    .poll(async () => Math.min(...(await getBgpPeerStatusCounts()).values()), { timeout: 5 * ONE_POLL_MS, intervals: [500] })
    .toBeGreaterThanOrEqual(3);
  const elapsedIntervals = (Date.now() - start) / INTERVAL_MS;
  const counted = await getBgpPeerStatusCounts();
  test.info().annotations.push({ type: 'getBgpPeerStatus per gateway', description: `${[...counted.values()].join(', ')} in ${elapsedIntervals.toFixed(1)} intervals, 3 tabs` });
  for (const [gatewayId, count] of counted) {
    expect(count, `getBgpPeerStatus on ${gatewayId} in ${elapsedIntervals.toFixed(1)} intervals`).toBeLessThanOrEqual(Math.floor(elapsedIntervals) + 1);
  }

  // A peer forced down shows in the follower dashboard and raises the follower wall's alert.
  const peer = gateway.peers.find((p) => p.temperament === 'steady') ?? gateway.peers[0]!;
  await control(emulator.info).forceState({ gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state: 'Idle' });
  await expect(peerRow(gatewayPanel(second.tab, gateway.id), peer.neighbor, peer.localAddress)).toHaveAttribute('data-state', 'Idle', { timeout: ONE_POLL_MS });
  const alert = wall.tab.getByTestId('wall-alert').first();
  await expect(alert).toHaveAttribute('data-neighbor', peer.neighbor, { timeout: ONE_POLL_MS });
  await expect(alert).toHaveAttribute('data-local-address', peer.localAddress);
  await expect(peerRow(gatewayPanel(page, gateway.id), peer.neighbor, peer.localAddress)).toHaveAttribute('data-state', 'Idle');

  // The follower's header note is readable by a screen reader and keeps the page axe-clean.
  await expect(second.tab.getByRole('banner')).toContainText('another tab of this browser polls Azure');
  expect(await seriousViolations(second.tab)).toEqual([]);
  expect(second.guard.problems).toEqual([]);
  expect(wall.guard.problems).toEqual([]);
});

test('when the polling tab closes, the other takes over within one interval: history without gap or duplicates', async ({ page }) => {
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  const gateway = emulator.fleet.gateways[0]!;
  const second = await openTab(page);
  await expect(followerNote(second.tab)).toBeVisible();
  // A few polls by the first tab, written to the shared history.
  await expect.poll(async () => (await storedHistory(second.tab, gateway.id)).pollTimes.length, { timeout: 4 * ONE_POLL_MS }).toBeGreaterThanOrEqual(2);

  const lastBeforeClose = await lastUpdatedAt(gatewayPanel(second.tab, gateway.id));
  await page.close({ runBeforeUnload: true });
  const closedAt = Date.now();

  // The second tab polls now, and says so by no longer saying it follows.
  await expect(followerNote(second.tab)).toHaveCount(0);
  const callsAtTakeover = (await getBgpPeerStatusCounts()).get(gateway.id) ?? 0;
  await expect.poll(() => lastUpdatedAt(gatewayPanel(second.tab, gateway.id)), { timeout: ONE_POLL_MS }).toBeGreaterThan(Math.max(lastBeforeClose, closedAt));
  expect(await lastUpdatedAt(gatewayPanel(second.tab, gateway.id)) - lastBeforeClose).toBeLessThanOrEqual(ONE_POLL_MS);
  expect((await getBgpPeerStatusCounts()).get(gateway.id) ?? 0).toBeGreaterThan(callsAtTakeover);

  // Two more polls by the new leader reach IndexedDB (written every 2 s).
  const takeoverPoll = await lastUpdatedAt(gatewayPanel(second.tab, gateway.id));
  await expect
    .poll(async () => (await storedHistory(second.tab, gateway.id)).pollTimes.filter((t) => t >= takeoverPoll).length, { timeout: 3 * ONE_POLL_MS })
    .toBeGreaterThanOrEqual(2);
  const { pollTimes, samples } = await storedHistory(second.tab, gateway.id);
  const steps = pollTimes.slice(1).map((time, i) => time - pollTimes[i]!);
  test.info().annotations.push({ type: 'ms between stored polls across the hand-over', description: steps.join(', ') });
  // No gap: every step at most about one interval (plus the operation's time); no duplicate: no
  // two polls close together (two tabs polling made samples 48 ms apart). The tabs of a profile
  // share one polling clock (its seed is kept in localStorage), so the new leader's first poll comes
  // when the old leader's next would have: about one interval on, less the clock's 5 % jitter and
  // the spread of a 1 s operation's answer — not a quarter interval, as with a phase per tab.
  expect(Math.max(...steps), `steps between stored polls: ${steps.join(', ')}`).toBeLessThanOrEqual(ONE_POLL_MS);
  // (The first tab's own first step is left out: a poll on mount is followed by the clock's first
  // tick, a quarter interval later at least.)
  const fromLastBeforeClose = pollTimes.filter((time) => time >= lastBeforeClose);
  const handOverSteps = fromLastBeforeClose.slice(1).map((time, i) => time - fromLastBeforeClose[i]!);
  expect(handOverSteps.length, `stored polls: ${pollTimes.join(', ')}`).toBeGreaterThanOrEqual(2);
  expect(Math.min(...handOverSteps), `steps from the last poll before the close: ${handOverSteps.join(', ')}`).toBeGreaterThanOrEqual(INTERVAL_MS * 0.6);
  // One sample per peer per poll.
  expect(samples).toHaveLength(new Set(samples).size);
  expect(samples.length).toBe(pollTimes.length * gateway.peers.length);
  expect(second.guard.problems).toEqual([]);
});

test('a gateway page in a follower tab draws the history the polling tab records, live', async ({ page }) => {
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  const gateway = emulator.fleet.gateways[0]!;
  const follower = await openTab(page, `/gateway?id=${encodeURIComponent(gateway.id)}`);
  await expect(followerNote(follower.tab)).toBeVisible();
  const routes = follower.tab.getByTestId('routes-chart');
  const localPoints = async () => Number((await routes.getAttribute('data-local-points')) ?? Number.NaN);
  await expect.poll(localPoints, { timeout: 2 * ONE_POLL_MS }).toBeGreaterThanOrEqual(1);
  const before = await localPoints();
  // Each poll of the other tab adds a point here without a reload.
  await expect.poll(localPoints, { timeout: 2 * ONE_POLL_MS }).toBeGreaterThan(before);
  expect(follower.guard.problems).toEqual([]);
});

test('two walls with sound in one browser both show a peer going down, and it sounds and notifies once', async ({ page }) => {
  const walls = [await openTab(page, '/wall?rotate=0&sound=on', recordSoundAndNotifications), await openTab(page, '/wall?rotate=0&sound=on', recordSoundAndNotifications)];
  for (const wall of walls) await expect(wall.tab.locator('[data-testid="wall-tile"][data-health="waiting"]')).toHaveCount(0, { timeout: 30_000 });
  const gateway = emulator.fleet.gateways.find((g) => g.activeActive)!;
  const peer = gateway.peers.find((p) => p.temperament === 'steady') ?? gateway.peers[0]!;
  await control(emulator.info).forceState({ gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state: 'Idle' });
  for (const wall of walls) {
    await expect(wall.tab.getByTestId('wall-alert').first()).toHaveAttribute('data-neighbor', peer.neighbor, { timeout: ONE_POLL_MS });
  }
  const recorded = await Promise.all(walls.map((wall) => wall.tab.evaluate(() => ({ tones: window.__tones ?? 0, notifications: window.__notifications ?? [] }))));
  // One drop: two tones (one alert sound) and one notification in the whole browser.
  expect(recorded.map((r) => r.tones).sort()).toEqual([0, 2]);
  expect(recorded.flatMap((r) => r.notifications)).toEqual([`BGP peer Idle: ${peer.neighbor}`]);
  for (const wall of walls) expect(wall.guard.problems).toEqual([]);
});

test('a follower tab frozen by the browser catches up as soon as it wakes, not an interval later', async ({ page }) => {
  await serveConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  const follower = await openTab(page);
  await expect(followerNote(follower.tab)).toBeVisible();
  const gateway = emulator.fleet.gateways.find((g) => g.activeActive)!;
  const peer = gateway.peers.find((p) => p.temperament === 'steady') ?? gateway.peers[0]!;
  const followerRow = peerRow(gatewayPanel(follower.tab, gateway.id), peer.neighbor, peer.localAddress);
  await expect(followerRow).toHaveAttribute('data-state', 'Connected');

  // Frozen as Chrome freezes background tabs: no timers run, no message is handled until it wakes
  // (then it asks for every state again, and Chromium also hands it the messages it held).
  const cdp = await page.context().newCDPSession(follower.tab);
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await control(emulator.info).forceState({ gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, state: 'Idle' });
  await expect(peerRow(gatewayPanel(page, gateway.id), peer.neighbor, peer.localAddress)).toHaveAttribute('data-state', 'Idle', { timeout: ONE_POLL_MS });
  const updatedByLeader = await lastUpdatedAt(gatewayPanel(page, gateway.id));

  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  const wokeAt = Date.now();
  await expect(followerRow).toHaveAttribute('data-state', 'Idle', { timeout: ONE_POLL_MS });
  expect(Date.now() - wokeAt).toBeLessThan(INTERVAL_MS / 2);
  expect(await lastUpdatedAt(gatewayPanel(follower.tab, gateway.id))).toBeGreaterThanOrEqual(updatedByLeader);
  expect(follower.guard.problems).toEqual([]);
});
