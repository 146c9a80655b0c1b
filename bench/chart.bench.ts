/**
 * Chart time with a day of samples: a day of 15-second polls of a 16-peer gateway (5,760 × 16
 * samples). `chartDeriveMs`: rates, resets, gaps, totals, min/max downsampling and state
 * timelines in Node (median of runs). `chartRenderMs`: the gateway page's two charts and 16
 * state timelines rendered by React + Recharts in headless Chromium, from render start to the
 * frame after the lines exist (median of warm runs; `chartRenderColdMs` is the first one, with
 * Recharts' code still cold; `chartDeriveBrowserColdMs` is one cold derivation in the page).
 * `chartDerivePlusDrawMs` (budget ≤ 100 ms): derivation and drawing one after the other in the page,
 * median of the 10 warm runs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { buildHistoryView, CHART_MAX_POINTS } from '../src/features/history/model/history-view.ts';
import { dayOfSamples, SAMPLE_EVERY_MS } from '../src/testing/day-of-samples.ts';
import { launchChromium, round } from './support.ts';

const CHART_POINTS = CHART_MAX_POINTS;
const figures: Record<string, number> = {};

// Node: derive + downsample.
{
  const toMs = Date.UTC(2025, 0, 16, 12, 0, 0);
  const { samples, polls } = dayOfSamples(toMs);
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    const view = buildHistoryView({ samples, polls, backfill: null, fromMs: toMs - 86_400_000, toMs, selection: 'gateway', maxPoints: CHART_POINTS, pollIntervalMs: SAMPLE_EVERY_MS });
    runs.push(performance.now() - started);
    if (view.rateRows.length === 0 || view.routeRows.length === 0) throw new Error('the view drew nothing');
  }
  runs.sort((a, b) => a - b);
  figures.chartDeriveMs = round(runs[Math.floor(runs.length / 2)] ?? Number.NaN);
  figures.chartSamples = samples.length;
}

// Chromium: render.
const outDir = await mkdtemp(join(tmpdir(), 'chart-bench-'));
try {
  await build({
    root: fileURLToPath(new URL('./chart-render/', import.meta.url)),
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1700, height: 1200 } });
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
    await page.route('http://chart-bench.local/**', async (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = join(outDir, path === '/' ? 'index.html' : path);
      if (!file.startsWith(outDir)) return route.fulfill({ status: 404 });
      try {
        await route.fulfill({ status: 200, contentType: types[extname(file)] ?? 'application/octet-stream', body: await readFile(file) });
      } catch {
        await route.fulfill({ status: 404 });
      }
    });
    await page.goto(`http://chart-bench.local/${process.env.CHART_BENCH_QUERY ?? ''}`);
    const handle = await page.waitForFunction(() => (window as unknown as { benchResult?: unknown }).benchResult, undefined, { timeout: 120_000 });
    const result = (await handle.jsonValue()) as { error?: string; derivePlusRenderMs: number; deriveMs: number; renderColdMs: number; renderMs: number; renderMinMs: number; drawnPoints: number };
    if (result.error) throw new Error(result.error);
    figures.chartDeriveBrowserColdMs = round(result.deriveMs);
    figures.chartRenderMs = round(result.renderMs);
    figures.chartDerivePlusDrawMs = round(result.derivePlusRenderMs);
    figures.chartRenderColdMs = round(result.renderColdMs);
    figures.chartRenderFastestMs = round(result.renderMinMs);
    figures.chartDrawnPoints = result.drawnPoints;
  } finally {
    await browser.close();
  }
} finally {
  await rm(outDir, { recursive: true, force: true });
}

console.log(JSON.stringify(figures));
