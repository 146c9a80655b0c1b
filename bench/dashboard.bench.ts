/**
 * Bundle size, time to first peer data, render time at fleet scale, and ARM calls per hour.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startEmulatorProcess } from '../scripts/emulator-process.ts';
import { launchChromium, round, serveBuiltApp } from './support.ts';

const dist = fileURLToPath(new URL(`../${process.env.BENCH_DIST ?? 'dist-bench'}/assets/`, import.meta.url));
const assets = readdirSync(dist).filter((name) => name.endsWith('.js') || name.endsWith('.css'));
const gzipKb = (name: string) => gzipSync(readFileSync(join(dist, name))).length / 1024;
const entry = readFileSync(join(dist, '..', 'index.html'), 'utf8');
const initial = assets.filter((name) => entry.includes(name));

const figures: Record<string, number> = {
  bundleInitialGzipKB: round(initial.reduce((sum, name) => sum + gzipKb(name), 0)),
  bundleTotalGzipKB: round(assets.reduce((sum, name) => sum + gzipKb(name), 0)),
};

const browser = await launchChromium();

type Transport = 'direct' | 'batch';

interface RequestCounts {
  total: number;
  byOperation: Record<string, number>;
  batch: { calls: number; polls: number; innerRequests: number };
  preflight: number;
  httpRequests: number;
}

async function requestCounts(controlUrl: string): Promise<RequestCounts> {
  return (await (await fetch(`${controlUrl}/requests`)).json()) as RequestCounts;
}

async function measureFleet(fleet: 'small' | 'large', lroSeconds: number, transport: Transport = 'direct', steadyTicks = 0) {
  const emulator = await startEmulatorProcess(['--port', '0', '--identity-port', '0', '--fleet', fleet, '--lro-seconds', String(lroSeconds)]);
  const app = await serveBuiltApp(emulator.info, { pollingIntervalSeconds: 15, arm: { endpoint: emulator.info.armEndpoint, transport } });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(app.url);
    const signIn = page.getByRole('button', { name: /sign in/i }).first();
    await signIn.waitFor();
    const started = Date.now();
    await signIn.click();
    await page.locator('[data-testid="peer-row"]').first().waitFor({ timeout: 120_000 });
    const firstPeerMs = Date.now() - started;
    const fleetInfo = (await (await fetch(`${emulator.info.controlUrl}/fleet`)).json()) as { gateways: { peers: unknown[] }[] };
    const totalRows = fleetInfo.gateways.reduce((sum, g) => sum + g.peers.length, 0);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="peer-row"]').length >= n, totalRows, { timeout: 300_000, polling: 250 });
    const allPeersMs = Date.now() - started;
    const counts = await requestCounts(emulator.info.controlUrl);
    const gateways = fleetInfo.gateways.length;
    // Steady state: HTTP requests per polling tick once every row is drawn, and ARM requests per
    // operation (the protocol's minimum is one POST, the status polls Retry-After asks for, one result).
    let steady: { httpPerTick: number; preflightsPerTick: number; armRequestsPerOperation: number; operationsPerGatewayPerTick: number } | undefined;
    if (steadyTicks > 0) {
      await fetch(`${emulator.info.controlUrl}/requests`, { method: 'DELETE' });
      const started = Date.now();
      await page.waitForTimeout(steadyTicks * 15_000);
      const after = await requestCounts(emulator.info.controlUrl);
      const ticks = (Date.now() - started) / 15_000;
      const operations = after.byOperation.getBgpPeerStatus ?? 0;
      steady = {
        httpPerTick: round(after.httpRequests / ticks),
        preflightsPerTick: round(after.preflight / ticks),
        armRequestsPerOperation: round(after.total / Math.max(1, operations)),
        operationsPerGatewayPerTick: round(operations / gateways / ticks),
      };
    }
    await page.close();
    return { firstPeerMs, allPeersMs, totalRows, gateways, counts, steady };
  } finally {
    await app.close();
    await emulator.stop();
  }
}

// Time to first peer data: sign-in click to the first peer row, with a 2 s long-running operation
// (real getBgpPeerStatus operations take longer; this measures our side).
const small = await measureFleet('small', 2);
figures.timeToFirstPeerDataMs = small.firstPeerMs;

// NOC scale: 200 gateways, ~1,600 peer rows, every gateway's operation started at once; direct
// and batch side by side in one run, so a slow machine moves both.
for (const transport of ['direct', 'batch'] as const) {
  const large = await measureFleet('large', 2, transport, 4);
  const suffix = transport === 'direct' ? 'Direct' : 'Batch';
  figures.largeFleetGateways = large.gateways;
  figures.largeFleetPeerRows = large.totalRows;
  figures[`largeFleetAllPeersRenderedMs${suffix}`] = large.allPeersMs;
  // HTTP requests (CORS preflights included) until every row was drawn.
  figures[`largeFleetHttpRequestsToAllRows${suffix}`] = large.counts.httpRequests;
  figures[`largeFleetPreflightsToAllRows${suffix}`] = large.counts.preflight;
  if (large.steady) {
    figures[`largeFleetHttpRequestsPerTick${suffix}`] = large.steady.httpPerTick;
    figures[`largeFleetPreflightsPerTick${suffix}`] = large.steady.preflightsPerTick;
    figures[`largeFleetArmRequestsPerOperation${suffix}`] = large.steady.armRequestsPerOperation;
    figures[`largeFleetOperationsPerGatewayPerTick${suffix}`] = large.steady.operationsPerGatewayPerTick;
  }
}

// ARM calls and HTTP requests per hour for the small fleet at a 15 s polling interval, counted by
// the emulator over 2 minutes, for each transport.
for (const transport of ['direct', 'batch'] as const) {
  const emulator = await startEmulatorProcess(['--port', '0', '--identity-port', '0', '--fleet', 'small', '--lro-seconds', '2']);
  const app = await serveBuiltApp(emulator.info, { pollingIntervalSeconds: 15, arm: { endpoint: emulator.info.armEndpoint, transport } });
  const page = await browser.newPage();
  await page.goto(app.url);
  await page.getByRole('button', { name: /sign in/i }).first().click();
  await page.locator('[data-testid="peer-row"]').first().waitFor({ timeout: 60_000 });
  await fetch(`${emulator.info.controlUrl}/requests`, { method: 'DELETE' });
  const windowMs = 120_000;
  await page.waitForTimeout(windowMs);
  const counts = await requestCounts(emulator.info.controlUrl);
  const gateways = ((await (await fetch(`${emulator.info.controlUrl}/fleet`)).json()) as { gateways: unknown[] }).gateways.length;
  const perHour = (n: number) => Math.round((n * 3_600_000) / windowMs);
  const perGatewayHour = (n: number) => round((n * 3_600_000) / windowMs / gateways);
  const suffix = transport === 'direct' ? 'Direct' : 'Batch';
  figures[`armCallsPerHourSmallFleet15s${suffix}`] = perHour(counts.total);
  figures[`armWritesPerHourSmallFleet15s${suffix}`] = perHour(counts.byOperation.getBgpPeerStatus ?? 0);
  figures[`httpRequestsPerGatewayHour15s${suffix}`] = perGatewayHour(counts.httpRequests);
  figures[`preflightsPerGatewayHour15s${suffix}`] = perGatewayHour(counts.preflight);
  await page.close();
  await app.close();
  await emulator.stop();
}

await browser.close();
console.log(JSON.stringify(figures));
