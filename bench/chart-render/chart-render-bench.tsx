import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { MessageRateChart, RoutesChart } from '../../src/features/history/components/history-charts';
import { buildHistoryView, CHART_MAX_POINTS, type HistoryView } from '../../src/features/history/model/history-view';
import { robustScale } from '../../src/features/history/model/chart-scale';
import { StateTimelineStrip, TimelinePatterns } from '../../src/features/history/components/state-timeline-strip';
import { dayOfSamples, SAMPLE_EVERY_MS } from '../../src/testing/day-of-samples';

/**
 * Benchmark page for `bench/chart.bench.ts` (built from bench/chart-render/index.html; not part of
 * the app): the gateway page's charts and state timelines for a day of 15-second samples of 16
 * peers, timed from the start of React's render to the frame after the chart lines exist. It
 * lives here because only the app's TypeScript project reads JSX.
 */
// `?points=N&parts=charts|timelines` for experiments; the benchmark uses the defaults.
const params = new URLSearchParams(location.search);
const CHART_POINTS = Number(params.get('points') ?? CHART_MAX_POINTS);
const PARTS = params.get('parts') ?? 'all';

function Charts({ view, fromMs, toMs }: { view: HistoryView; fromMs: number; toMs: number }) {
  return (
    <div>
      <TimelinePatterns />
      {PARTS !== 'timelines' && (
        <MessageRateChart
          rows={view.rateRows}
          resetTimes={view.resetTimes}
          fromMs={fromMs}
          toMs={toMs}
          syncId="bench"
          scale={robustScale(view.rateRows.flatMap((r) => [r.sentPerMinute, r.receivedPerMinute]))}
          onZoom={() => undefined}
        />
      )}
      {PARTS !== 'timelines' && (
        <RoutesChart
          rows={view.routeRows}
          resetTimes={view.resetTimes}
          fromMs={fromMs}
          toMs={toMs}
          syncId="bench"
          scale={robustScale(view.routeRows.map((r) => r.routesReceived), { full: true, integers: true })}
          onZoom={() => undefined}
        />
      )}
      <ul>
        {PARTS !== 'charts' &&
          view.timelines.map((timeline) => <StateTimelineStrip key={timeline.peerKey} timeline={timeline} fromMs={fromMs} toMs={toMs} />)}
      </ul>
    </div>
  );
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

async function renderOnce(container: HTMLElement, view: HistoryView, fromMs: number, toMs: number): Promise<{ ms: number; root: Root }> {
  const started = performance.now();
  const root = createRoot(container);
  flushSync(() => root.render(<Charts view={view} fromMs={fromMs} toMs={toMs} />));
  // ResponsiveContainer measures first and draws on the next pass: wait for the four lines.
  const lines = PARTS === 'timelines' ? 0 : 4;
  while (container.querySelectorAll('path.recharts-line-curve').length < lines) await nextFrame();
  await nextFrame();
  return { ms: performance.now() - started, root };
}

async function run() {
  const toMs = Date.UTC(2025, 0, 16, 12, 0, 0);
  const fromMs = toMs - 24 * 3_600_000;
  const { samples, polls } = dayOfSamples(toMs);
  const deriveStarted = performance.now();
  const view = buildHistoryView({ samples, polls, backfill: null, fromMs, toMs, selection: 'gateway', maxPoints: CHART_POINTS, pollIntervalMs: SAMPLE_EVERY_MS });
  const deriveMs = performance.now() - deriveStarted;

  const container = document.getElementById('root');
  if (!container) throw new Error('no #root');
  const runs: number[] = [];
  // Derive + draw together, as the gateway page does when a day's samples arrive.
  const both: number[] = [];
  for (let i = 0; i < 11; i++) {
    const started = performance.now();
    const fresh = buildHistoryView({ samples, polls, backfill: null, fromMs, toMs, selection: 'gateway', maxPoints: CHART_POINTS, pollIntervalMs: SAMPLE_EVERY_MS });
    const derived = performance.now() - started;
    const { ms, root } = await renderOnce(container, fresh, fromMs, toMs);
    runs.push(ms);
    both.push(derived + ms);
    root.unmount();
  }
  const [cold, ...warm] = runs;
  warm.sort((a, b) => a - b);
  const warmBoth = both.slice(1).sort((a, b) => a - b);
  const result = {
    derivePlusRenderMs: warmBoth[Math.floor(warmBoth.length / 2)] ?? Number.NaN,
    deriveMs,
    renderColdMs: cold ?? Number.NaN,
    renderMs: warm[Math.floor(warm.length / 2)] ?? Number.NaN,
    renderMinMs: warm[0] ?? Number.NaN,
    drawnPoints: view.rateRows.length + view.routeRows.length,
    samples: samples.length,
  };
  (window as unknown as { benchResult: unknown }).benchResult = result;
}

run().catch((error: unknown) => {
  (window as unknown as { benchResult: unknown }).benchResult = { error: String(error) };
});
