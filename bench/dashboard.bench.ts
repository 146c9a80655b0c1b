/**
 * The dashboard against the emulator, each timing beside the same operation from Node's
 * `createArmClient` in the same run (so a slow machine moves both):
 * - bundle: first-screen JS + CSS (gzip) and whether charting code is in it;
 * - small fleet: sign-in click → first peer row, minus Node's token + discovery + first peer
 *   status (median of RUNS);
 * - small fleet, steady state: ARM requests per gateway per poll ÷ the protocol's minimum (3: POST,
 *   one status poll, the result), with one tab and with three tabs of one browser (one poller);
 * - `--fleet large`: sign-in click → every row drawn (default transport, median of 3 sign-ins;
 *   direct once beside it), ÷ one getBgpPeerStatus from Node; long tasks (> 50 ms) while poll
 *   results update the screen.
 * Page timings are taken in the page (see PAGE_TIMING), not by Playwright's waiting.
 * `DASHBOARD_BENCH_ONLY=first-row|requests|large-fleet` runs one part (the bundle figures always).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { createArmClient } from '../src/azure/arm-client.ts';
import { startEmulatorProcess, type EmulatorInfo } from '../scripts/emulator-process.ts';
import { emulatorScriptToken } from '../scripts/emulator-token.ts';
import { median } from './report.ts';
import { launchChromium, round, serveBuiltApp } from './support.ts';

const RUNS = Number(process.env.DASHBOARD_BENCH_RUNS ?? 5);
const ONLY = process.env.DASHBOARD_BENCH_ONLY;
const part = (name: 'first-row' | 'requests' | 'large-fleet') => ONLY === undefined || ONLY === name;
const LRO_SECONDS = 2;

const dist = fileURLToPath(new URL(`../${process.env.BENCH_DIST ?? 'dist-bench'}/assets/`, import.meta.url));
const assets = readdirSync(dist).filter((name) => name.endsWith('.js') || name.endsWith('.css'));
const gzipKb = (name: string) => gzipSync(readFileSync(join(dist, name))).length / 1024;
const entry = readFileSync(join(dist, '..', 'index.html'), 'utf8');
const initial = assets.filter((name) => entry.includes(name));

const figures: Record<string, number> = {
  bundleInitialGzipKB: round(initial.reduce((sum, name) => sum + gzipKb(name), 0)),
  // Recharts' class names (recharts-wrapper, recharts-line-curve…) are in its code, whatever the minifier does.
  bundleInitialChartingModules: initial.filter((name) => readFileSync(join(dist, name), 'utf8').includes('recharts-')).length,
  bundleTotalGzipKB: round(assets.reduce((sum, name) => sum + gzipKb(name), 0)),
};

interface RequestCounts {
  total: number;
  byOperation: Record<string, number>;
  httpRequests: number;
  preflight: number;
}

const requestCounts = async (info: EmulatorInfo) => (await (await fetch(`${info.controlUrl}/requests`)).json()) as RequestCounts;
const fleetOf = async (info: EmulatorInfo) => (await (await fetch(`${info.controlUrl}/fleet`)).json()) as { gateways: { id: string; peers: unknown[] }[] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The emulator's counters at the next moment no getBgpPeerStatus operation is in flight (as many
 * results read as POSTs made), so a window between two such moments holds whole operations only.
 * Read at one moment of the polling cycle and again whole intervals later, the window holds
 * exactly that many ticks: the operations of a tick run for about a second out of five.
 */
async function quietCounts(info: EmulatorInfo): Promise<RequestCounts & { at: number }> {
  for (let tries = 0; ; tries++) {
    const at = Date.now();
    const counts = await requestCounts(info);
    const inFlight = (counts.byOperation.getBgpPeerStatus ?? 0) - (counts.byOperation.lroResult ?? 0);
    if (inFlight === 0 || tries >= 200) return { ...counts, at };
    await sleep(50);
  }
}

/** Node's own time: token, discovery, and the first gateway's peers (what the first row needs). */
async function nodeFirstPeer(info: EmulatorInfo): Promise<number> {
  const started = performance.now();
  const token = await emulatorScriptToken(info);
  const client = createArmClient({ endpoint: info.armEndpoint, getToken: async () => token });
  const gateways = await client.discoverGateways();
  await Promise.any(gateways.map((gateway) => client.getBgpPeerStatus(gateway.id)));
  return performance.now() - started;
}

/** Node's own time for one getBgpPeerStatus (token and discovery done beforehand). */
async function nodeOperation(info: EmulatorInfo): Promise<number> {
  const token = await emulatorScriptToken(info);
  const client = createArmClient({ endpoint: info.armEndpoint, getToken: async () => token });
  const [gateway] = await client.discoverGateways();
  if (!gateway) throw new Error('no gateway');
  const started = performance.now();
  await client.getBgpPeerStatus(gateway.id);
  return performance.now() - started;
}

/**
 * Timing taken in the page, on the page's clock, from the sign-in click's input event to the DOM
 * change that shows the first peer row (a gateway panel's row, or the fleet view's count of rows
 * with data: past 10 gateways the panels start folded) and, once `benchExpectRows` is set, every
 * row. A MutationObserver sees the change in the microtask after React commits it; Playwright's
 * own waiting polls at up to 500 ms intervals and added 150–280 ms of its own to these figures.
 * A string, not a function: tsx would wrap named functions in a helper the page does not have.
 */
const PAGE_TIMING = `
  window.benchTiming = { click: null, firstRow: null, allRows: null };
  window.benchExpectRows = 0;
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (window.benchTiming.click === null && button && /sign in/i.test(button.textContent || '')) window.benchTiming.click = event.timeStamp;
  }, true);
  const observer = new MutationObserver(() => {
    const timing = window.benchTiming;
    if (timing.click === null) return;
    if (timing.firstRow === null && document.querySelector('[data-testid="peer-row"], [data-peer-rows]:not([data-peer-rows="0"])')) timing.firstRow = performance.now();
    if (timing.firstRow !== null && window.benchExpectRows > 0) {
      const fleet = document.querySelector('[data-peer-rows]');
      const rows = fleet ? Number(fleet.getAttribute('data-peer-rows') || 0) : document.querySelectorAll('[data-testid="peer-row"]').length;
      if (rows >= window.benchExpectRows) {
        timing.allRows = performance.now();
        observer.disconnect();
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-peer-rows'] });
`;

interface PageTiming {
  click: number | null;
  firstRow: number | null;
  allRows: number | null;
}

const pageTiming = (page: Page) => page.evaluate(() => (window as unknown as { benchTiming: PageTiming }).benchTiming);

/** Sign in on a fresh page; resolves with the page's time from the click to the first peer row. */
async function signInToFirstRow(page: Page, url: string, expectRows = 0): Promise<number> {
  await page.addInitScript({ content: PAGE_TIMING });
  await page.goto(url);
  if (expectRows > 0) await page.evaluate((rows) => ((window as unknown as { benchExpectRows: number }).benchExpectRows = rows), expectRows);
  const signIn = page.getByRole('button', { name: /sign in/i }).first();
  await signIn.waitFor();
  await signIn.click();
  await page.waitForFunction(() => (window as unknown as { benchTiming: PageTiming }).benchTiming.firstRow !== null, undefined, { timeout: 120_000 });
  const { click, firstRow } = await pageTiming(page);
  if (click === null || firstRow === null) throw new Error('the sign-in click or the first row was not seen');
  return firstRow - click;
}

async function withApp<T>(emulatorFlags: string[], config: Record<string, unknown>, body: (info: EmulatorInfo, url: string) => Promise<T>): Promise<T> {
  const emulator = await startEmulatorProcess(['--port', '0', '--identity-port', '0', ...emulatorFlags]);
  const app = await serveBuiltApp(emulator.info, { ...config, arm: { endpoint: emulator.info.armEndpoint, ...(config.arm as object | undefined) } });
  try {
    return await body(emulator.info, app.url);
  } finally {
    await app.close();
    await emulator.stop();
  }
}

const browser: Browser = await launchChromium();

// 1. Time to the first peer row, and Node's time for the same, alternately, RUNS times.
if (part('first-row')) await withApp(['--fleet', 'small', '--lro-seconds', String(LRO_SECONDS)], { pollingIntervalSeconds: 15 }, async (info, url) => {
  const page: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(await nodeFirstPeer(info));
    const context = await browser.newContext();
    page.push(await signInToFirstRow(await context.newPage(), url));
    await context.close();
  }
  process.stderr.write(`dashboard: first peer row ${JSON.stringify(page.map((ms) => Math.round(ms)))} ms, Node ${JSON.stringify(node.map((ms) => Math.round(ms)))} ms\n`);
  figures.timeToFirstPeerDataMs = Math.round(median(page));
  figures.nodeFirstPeerMs = Math.round(median(node));
  figures.dashboardOverheadMs = Math.round(median(page.map((ms, i) => ms - node[i]!)));
});

// 2. ARM requests per gateway per poll, one tab and three tabs of one browser. Two snapshots of the
// emulator's counters a whole number of intervals apart, in the steady state, each at a moment no
// operation is in flight: the same phase of the polling cycle at both ends, so the difference is
// exactly that many polls' requests. (Snapshots taken at any moment once split a tick's
// operations across the end of the window, and read 0.89, below the protocol's minimum.)
// Operations of 1 s here: the emulator answers the POST with Retry-After 1 s, so the protocol's
// minimum is then POST, one status poll (done), the result: 3. (With 2 s operations any client
// that honours Retry-After needs a second status poll: 4.)
const POLL_SECONDS = 5;
const WINDOW_POLLS = 6;
for (const tabs of part('requests') ? [1, 3] : []) {
  await withApp(['--fleet', 'small', '--lro-seconds', '1'], { pollingIntervalSeconds: POLL_SECONDS }, async (info, url) => {
    const context: BrowserContext = await browser.newContext();
    const first = await context.newPage();
    await signInToFirstRow(first, url);
    for (let i = 1; i < tabs; i++) {
      // The demo sign-in's cache is per tab (sessionStorage): each tab signs in once.
      await signInToFirstRow(await context.newPage(), url);
    }
    const gateways = (await fleetOf(info)).gateways.length;
    await sleep(2 * POLL_SECONDS * 1000);
    const before = await quietCounts(info);
    await sleep(WINDOW_POLLS * POLL_SECONDS * 1000 - (Date.now() - before.at));
    const after = await quietCounts(info);
    await context.close();
    const requests = after.total - before.total;
    const operations = (after.byOperation.getBgpPeerStatus ?? 0) - (before.byOperation.getBgpPeerStatus ?? 0);
    const suffix = tabs === 1 ? 'OneTab' : 'ThreeTabs';
    figures[`armRequestsPerGatewayPoll${suffix}`] = round(requests / gateways / WINDOW_POLLS / 3, 2);
    figures[`armRequestsPerOperation${suffix}`] = round(requests / Math.max(1, operations), 2);
    figures[`armOperationsPerGatewayPoll${suffix}`] = round(operations / gateways / WINDOW_POLLS, 2);
  });
}

// 3. The large fleet: every row drawn (median of LARGE_RUNS sign-ins with the default transport,
// each beside its own Node operation); then, on the last one, long tasks while poll results
// update the screen. The direct transport once, for the comparison.
const LARGE_POLL_SECONDS = 15;
const LONG_TASK_POLLS = 3;
const LARGE_RUNS = Number(process.env.DASHBOARD_BENCH_LARGE_RUNS ?? 3);
for (const transport of part('large-fleet') ? (['auto', 'direct'] as const) : []) {
  await withApp(['--fleet', 'large', '--lro-seconds', String(LRO_SECONDS)], { pollingIntervalSeconds: LARGE_POLL_SECONDS, arm: { transport } }, async (info, url) => {
    const fleet = await fleetOf(info);
    const totalRows = fleet.gateways.reduce((sum, g) => sum + g.peers.length, 0);
    const runs = transport === 'auto' ? LARGE_RUNS : 1;
    const allRows: number[] = [];
    const operations: number[] = [];
    let context: BrowserContext | undefined;
    let page: Page | undefined;
    for (let run = 0; run < runs; run++) {
      await context?.close();
      // Each sign-in in a fresh browser context (no cache, no history) after its own Node operation.
      operations.push(await nodeOperation(info));
      context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      page = await context.newPage();
      await page.addInitScript(() => {
        const tasks: { startTime: number; duration: number }[] = [];
        (window as unknown as { benchLongTasks: typeof tasks }).benchLongTasks = tasks;
        new PerformanceObserver((list) => {
          for (const task of list.getEntries()) tasks.push({ startTime: task.startTime, duration: task.duration });
        }).observe({ type: 'longtask', buffered: true });
      });
      await signInToFirstRow(page, url, totalRows);
      await page.waitForFunction(() => (window as unknown as { benchTiming: PageTiming }).benchTiming.allRows !== null, undefined, { timeout: 300_000 });
      const timing = await pageTiming(page);
      allRows.push(Math.round(timing.allRows! - timing.click!));
    }
    if (!context || !page) throw new Error('no large-fleet run');
    const ratios = allRows.map((ms, i) => ms / operations[i]!);
    const allRowsMs = Math.round(median(allRows));
    process.stderr.write(
      `dashboard: large fleet (${transport}) every row (${totalRows}) in ${JSON.stringify(allRows)} ms; Node operation ${JSON.stringify(operations.map((ms) => Math.round(ms)))} ms; ratios ${JSON.stringify(ratios.map((r) => round(r, 2)))}\n`,
    );
    if (transport === 'auto') {
      figures.largeFleetGateways = fleet.gateways.length;
      figures.largeFleetPeerRows = totalRows;
      figures.nodeOperationMs = Math.round(median(operations));
      figures.largeFleetAllRowsMs = allRowsMs;
      figures.largeFleetAllRowsPerOperation = round(median(ratios), 2);
      // Poll results now replace drawn rows: the screen's work per update, over several polls.
      const profiling = process.env.DASHBOARD_BENCH_PROFILE !== undefined;
      const cdp = profiling ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
        await cdp.send('Profiler.start');
      }
      const from = await page.evaluate(() => performance.now());
      const counted = await requestCounts(info);
      // Several polling intervals, then the time the last poll's results take to reach the screen.
      await sleep((LONG_TASK_POLLS * LARGE_POLL_SECONDS + LRO_SECONDS + 3) * 1000);
      const polled = (await requestCounts(info)).byOperation.getBgpPeerStatus ?? 0;
      figures.largeFleetPollsPerGatewayInLongTaskWindow = round((polled - (counted.byOperation.getBgpPeerStatus ?? 0)) / fleet.gateways.length, 2);
      const tasks = await page.evaluate((since) => (window as unknown as { benchLongTasks: { startTime: number; duration: number }[] }).benchLongTasks.filter((t) => t.startTime >= since), from);
      if (cdp) await writeLongTaskProfile(cdp);
      figures.largeFleetLongTasks = tasks.length;
      figures.largeFleetLongTaskMaxMs = round(Math.max(0, ...tasks.map((t) => t.duration)));
    }
    // `auto` uses ARM's batch endpoint whenever it answers, as the emulator's does.
    figures[`largeFleetAllRowsMs${transport === 'auto' ? 'Batch' : 'Direct'}`] = allRowsMs;
    await context.close();
  });
}

await browser.close();
console.log(JSON.stringify(figures));

/**
 * `DASHBOARD_BENCH_PROFILE=1`: what runs in the long tasks, from a CPU profile of the window, to
 * stderr: each run of busy samples (no idle sample between) longer than 40 ms, with its self time
 * by function and the outer frames. For finding them, not a figure.
 */
async function writeLongTaskProfile(cdp: CDPSession) {
  type Node = { id: number; parent?: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } };
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) { const child = nodes.get(c); if (child) child.parent = n.id; }
  const name = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  let run: { from: number; to: number; self: Map<string, number> } | null = null;
  let t = 0;
  const flush = () => {
    if (run && run.to - run.from > 40_000) {
      process.stderr.write(`busy ${Math.round((run.to - run.from) / 1000)} ms at +${Math.round(run.from / 1000)} ms:\n`);
      for (const [key, us] of [...run.self].sort((a, b) => b[1] - a[1]).slice(0, 16)) process.stderr.write(`  ${(us / 1000).toFixed(1).padStart(6)} ${key}\n`);
    }
    run = null;
  };
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    const node = nodes.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return flush();
    run ??= { from: t - dt, to: t, self: new Map() };
    run.to = t;
    const stack: string[] = [];
    for (let n: Node | undefined = node; n; n = n.parent !== undefined ? nodes.get(n.parent) : undefined) stack.push(name(n));
    const key = `${stack[0]}  <=  ${stack.slice(1, 7).join(' < ')}`;
    run.self.set(key, (run.self.get(key) ?? 0) + dt);
  });
  flush();
}
