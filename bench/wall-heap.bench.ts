/**
 * A simulated day of an unattended NOC wall: the `noc` fleet (30 gateways) on `/wall` at
 * 1920×1080, polled every 10 minutes, with the browser's clock driven by Playwright. Each step
 * jumps one polling interval (like a machine that slept through it, which also exercises the
 * wall's wake-up path), lets the real emulator answer, and moves on; the emulator's own clock
 * runs fast enough that its peers live a whole day too (flaps, alerts, recent changes).
 *
 * Prints `{"wallHeapGrowthMB", "wallDomNodesGrowth", "wallSimulatedHours", "wallStaleTilesAtEnd", …}`: JS heap and
 * DOM nodes after a forced garbage collection, from the end of the warm-up to the end of the day.
 * WALL_BENCH_HOURS (default 24) and WALL_BENCH_BUDGET_S (default 420 s of real time) bound it;
 * when the budget runs out first, the hours actually simulated are what it reports.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { startEmulatorProcess } from '../scripts/emulator-process.ts';
import { heapTotals, type HeapTotals } from './heap-snapshot.ts';
import { launchChromium, round, serveBuiltApp } from './support.ts';

// Every 10 minutes: a day is 144 poll rounds of 30 operations.
const POLL_SECONDS = 600;
const MIN_STEP_REAL_MS = 500;
// ARM's budgets are per real second, and this page lives up to 1,200 times faster than that: 18 of
// the fleet's gateways share one subscription, so a round every half second would ask for ~36
// writes a second of a budget of 10 and run it dry partway through the day (every poll then
// answered 429). Scaled like the page's clock, the budget stays what ARM gives a real wall.
const ARM_BUDGET_SCALE = (POLL_SECONDS * 1000) / MIN_STEP_REAL_MS;
const HOURS = Number(process.env.WALL_BENCH_HOURS ?? 24);
const BUDGET_MS = Number(process.env.WALL_BENCH_BUDGET_S ?? 420) * 1000;
const WARM_UP_STEPS = 6;
// Page time run after each jump, in slices with the network quiet before each: runFor fires the
// timers due and returns at once, while a real clock keeps running as an answer is awaited. A wait
// that an answer starts (the LRO's Retry-After, 1 s) must run within the step: left to the next
// jump, it is cancelled there by the wall's wake-up path, and that poll never ends. The settle
// time also covers the polling clock's jitter (each tick moves by up to 5 % of the interval, 30 s
// here): with 3 s, a tick that fell after the jump waited for the next step, and the wall polled
// every other step (73 polls a day instead of 144) — an artefact of the jumps, not what a wall does.
const SETTLE_PAGE_MS = 40_000;
const SETTLE_SLICE_MS = 2_000;

const emulator = await startEmulatorProcess([
  ...['--port', '0', '--identity-port', '0', '--fleet', 'noc'],
  // Operations finish at once (the page's clock, not the emulator's, sets the pace); the
  // emulator's peers age a day in about the real time the bench runs.
  ...['--lro-seconds', '0', '--speed', '576'],
  ...['--arm-budget-scale', String(ARM_BUDGET_SCALE)],
]);
const app = await serveBuiltApp(emulator.info, {
  pollingIntervalSeconds: POLL_SECONDS,
  ...(process.env.WALL_BENCH_HISTORY_HOURS ? { historyRetentionHours: Number(process.env.WALL_BENCH_HISTORY_HOURS) } : {}),
});
const browser = await launchChromium();

interface Sample {
  /** V8's JavaScript heap: the app's own objects. */
  heapMB: number;
  /** Blink's C++ heap (DOM, layout, and DevTools' buffer of every response, which the harness causes). */
  embedderHeapMB: number;
  cdpNodes: number;
  domNodes: number;
}

/**
 * A heap snapshot's totals (WALL_BENCH_SNAPSHOTS=dir also keeps the file, for bench/heap-diff.ts).
 * The budgeted growth is that of the app's objects: the snapshot without compiled code and without
 * Blink's objects (see docs/benchmarks.md: what grows over the day is V8's compiled code).
 */
async function snapshot(cdp: CDPSession, name: string): Promise<HeapTotals> {
  const dir = process.env.WALL_BENCH_SNAPSHOTS;
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const text = chunks.join('');
  if (dir) await writeFile(join(dir, `${name}.heapsnapshot`), text);
  return heapTotals(text);
}

async function sample(page: Page, cdp: CDPSession): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
  const mb = (bytes: number) => round(bytes / 1024 / 1024, 3);
  return { heapMB: mb(usage.usedSize), embedderHeapMB: mb(usage.embedderHeapUsedSize ?? Number.NaN), cdpNodes: metric('Nodes'), domNodes };
}

/** Waits until the page has no request in flight (twice in a row, so a chained request is not missed). */
function inFlightTracker(page: Page) {
  let inFlight = 0;
  page.on('request', () => (inFlight += 1));
  page.on('requestfinished', () => (inFlight -= 1));
  page.on('requestfailed', () => (inFlight -= 1));
  return async function settled(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietChecks = 0;
    while (quietChecks < 2) {
      if (Date.now() > deadline) throw new Error(`requests still in flight after ${timeoutMs} ms: ${inFlight}`);
      await new Promise((resolve) => setTimeout(resolve, 40));
      quietChecks = inFlight === 0 ? quietChecks + 1 : 0;
    }
  };
}

try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const settled = inFlightTracker(page);
  let throttled = 0;
  page.on('response', (response) => {
    if (response.status() === 429) throttled += 1;
  });
  await page.clock.install();
  await page.goto(`${app.url}/wall`);
  await page.getByRole('button', { name: /sign in/i }).first().click();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="wall-tile"]').length > 0 && document.querySelectorAll('[data-health="waiting"]').length === 0,
    undefined,
    { timeout: 120_000, polling: 250 },
  );
  await settled();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  const stepMs = POLL_SECONDS * 1000;
  const totalSteps = Math.round((HOURS * 3_600_000) / stepMs);
  const step = async () => {
    const began = Date.now();
    await page.clock.fastForward(stepMs - SETTLE_PAGE_MS);
    for (let ran = 0; ran < SETTLE_PAGE_MS; ran += SETTLE_SLICE_MS) {
      await settled();
      await page.clock.runFor(SETTLE_SLICE_MS);
    }
    await settled();
    // Faster than this, the run would be throttled by ARM's write budget rather than measure the wall.
    const left = MIN_STEP_REAL_MS - (Date.now() - began);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  };

  for (let i = 0; i < WARM_UP_STEPS; i++) await step();
  await fetch(`${emulator.info.controlUrl}/requests`, { method: 'DELETE' });
  throttled = 0;
  const start = await sample(page, cdp);
  const startHeap = await snapshot(cdp, 'start');
  process.stderr.write(`wall soak: start ${JSON.stringify(start)}\n`);
  const began = Date.now();
  let steps = 0;
  while (steps < totalSteps - WARM_UP_STEPS && Date.now() - began < BUDGET_MS) {
    await step();
    steps += 1;
    if (steps % 12 === 0) {
      process.stderr.write(`wall soak: +${round((steps * stepMs) / 3_600_000)} h ${JSON.stringify(await sample(page, cdp))}\n`);
    }
  }
  const end = await sample(page, cdp);
  const endHeap = await snapshot(cdp, 'end');
  process.stderr.write(`wall soak: app objects ${startHeap.appObjectBytes} → ${endHeap.appObjectBytes} B, compiled code ${startHeap.codeBytes} → ${endHeap.codeBytes} B\n`);
  process.stderr.write(`wall soak: end ${JSON.stringify(end)}\n`);
  const counts = (await (await fetch(`${emulator.info.controlUrl}/requests`)).json()) as { byOperation: Record<string, number> };
  const staleTexts = await page.locator('[data-testid="wall-stale"]').allTextContents();
  if (staleTexts.length > 0) process.stderr.write(`wall soak: stale at the end: ${staleTexts.join(' | ')}\n`);
  const stale = staleTexts.length;
  console.log(
    JSON.stringify({
      wallHeapGrowthMB: round(end.heapMB - start.heapMB, 2),
      wallHeapGrowthPercent: round(((endHeap.appObjectBytes - startHeap.appObjectBytes) / startHeap.appObjectBytes) * 100),
      wallHeapUsedGrowthPercent: round(((end.heapMB - start.heapMB) / start.heapMB) * 100),
      wallCompiledCodeGrowthMB: round((endHeap.codeBytes - startHeap.codeBytes) / 1024 / 1024, 2),
      wallEmbedderHeapGrowthMB: round(end.embedderHeapMB - start.embedderHeapMB, 2),
      wallDomNodesGrowth: end.domNodes - start.domNodes,
      wallDetachedAndLiveNodesGrowth: end.cdpNodes - start.cdpNodes,
      wallSimulatedHours: round(((steps + WARM_UP_STEPS) * stepMs) / 3_600_000),
      wallHeapStartMB: round(start.heapMB, 2),
      wallPollsPerGateway: Math.round((counts.byOperation.getBgpPeerStatus ?? 0) / 30),
      wallStaleTilesAtEnd: stale,
      wallThrottledAnswers: throttled,
      wallSoakRealSeconds: Math.round((Date.now() - began) / 1000),
    }),
  );
} finally {
  await browser.close();
  await app.close();
  await emulator.stop();
}
