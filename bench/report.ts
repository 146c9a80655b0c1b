/**
 * What `npm run bench` does with the figures the benchmarks print: budgets (PASS/FAIL), ratios to
 * a reference measured in the same run, comparison with `bench/baseline.json`, and the README's
 * table. Pure functions only (no I/O), so they are unit tested (bench/report.test.ts).
 */

export type Figures = Record<string, number>;

export interface Budget {
  /** The figure must be at most this (`<=`), or below it when `strict` (`<`). */
  max: number;
  strict?: boolean;
}

export interface FigureSpec {
  key: string;
  /** What it measures, in a few words (the table's first column). */
  label: string;
  unit: 'ms' | 'kB' | '%' | '×' | '';
  budget?: Budget;
  /** Another figure of the same run this one is divided by (printed as "× ref"). */
  ratioTo?: string;
  /** Smaller is better (the default); false for figures that only describe the run. */
  lowerIsBetter?: boolean;
}

/**
 * Every figure the benchmarks print that the table shows, in order. Figures not listed here are
 * still in the JSON (and the baseline), not in the table.
 */
export const FIGURES: readonly FigureSpec[] = [
  { key: 'bundleInitialGzipKB', label: 'first-screen JS + CSS (gzip)', unit: 'kB', budget: { max: 150 } },
  { key: 'bundleInitialChartingModules', label: 'charting modules in the first screen', unit: '', budget: { max: 0 } },
  { key: 'bundleTotalGzipKB', label: 'every asset (gzip)', unit: 'kB' },
  { key: 'nodeFirstPeerMs', label: 'Node createArmClient: discover + first peer status (reference)', unit: 'ms' },
  { key: 'timeToFirstPeerDataMs', label: 'sign-in click → first peer row (median)', unit: 'ms', ratioTo: 'nodeFirstPeerMs' },
  { key: 'dashboardOverheadMs', label: 'dashboard overhead: first peer row − Node time (median)', unit: 'ms', budget: { max: 300 } },
  { key: 'armRequestsPerGatewayPollOneTab', label: 'ARM requests per gateway per poll ÷ minimum (3), one tab', unit: '×', budget: { max: 1 } },
  { key: 'armRequestsPerGatewayPollThreeTabs', label: 'ARM requests per gateway per poll ÷ minimum (3), three tabs', unit: '×', budget: { max: 1 } },
  { key: 'nodeOperationMs', label: 'Node createArmClient: one getBgpPeerStatus (reference)', unit: 'ms' },
  { key: 'largeFleetAllRowsMs', label: '--fleet large: sign-in click → every row drawn', unit: 'ms', ratioTo: 'nodeOperationMs' },
  { key: 'largeFleetAllRowsPerOperation', label: '--fleet large: every row drawn ÷ one operation', unit: '×', budget: { max: 1.5 } },
  { key: 'largeFleetAllRowsMsBatch', label: '--fleet large, batch transport: every row drawn', unit: 'ms', ratioTo: 'largeFleetAllRowsMsDirect' },
  { key: 'largeFleetAllRowsMsDirect', label: '--fleet large, direct transport: every row drawn', unit: 'ms', ratioTo: 'nodeOperationMs' },
  { key: 'largeFleetLongTasks', label: '--fleet large: long tasks > 50 ms during poll updates', unit: '', budget: { max: 0 } },
  { key: 'largeFleetLongTaskMaxMs', label: '--fleet large: longest task during poll updates', unit: 'ms' },
  { key: 'chartDeriveMs', label: 'a day of 15 s samples, 16 peers: derive (Node, median)', unit: 'ms' },
  { key: 'chartRenderMs', label: 'same: draw (Chromium, median of warm runs)', unit: 'ms' },
  { key: 'chartDerivePlusDrawMs', label: 'same: derive + draw', unit: 'ms', budget: { max: 100 } },
  { key: 'wallHeapGrowthPercent', label: 'wall JS heap growth, hour 1 → hour 24', unit: '%', budget: { max: 10, strict: true } },
  { key: 'wallStaleTilesAtEnd', label: 'wall STALE tiles at the end of the day', unit: '', budget: { max: 0 } },
];

export type Verdict = 'PASS' | 'FAIL' | 'MISSING' | '';

export interface Row {
  spec: FigureSpec;
  value: number | undefined;
  verdict: Verdict;
  ratio: number | undefined;
  baseline: number | undefined;
  changePercent: number | undefined;
}

export function verdict(value: number | undefined, budget: Budget | undefined): Verdict {
  if (!budget) return '';
  if (value === undefined || !Number.isFinite(value)) return 'MISSING';
  return (budget.strict ? value < budget.max : value <= budget.max) ? 'PASS' : 'FAIL';
}

export function ratio(value: number | undefined, reference: number | undefined): number | undefined {
  if (value === undefined || reference === undefined || !Number.isFinite(value) || !Number.isFinite(reference) || reference === 0) return undefined;
  return value / reference;
}

/** Change from the baseline, in percent (undefined without a usable baseline). */
export function changePercent(value: number | undefined, baseline: number | undefined): number | undefined {
  if (value === undefined || baseline === undefined || !Number.isFinite(value) || !Number.isFinite(baseline)) return undefined;
  if (baseline === 0) return value === 0 ? 0 : undefined;
  return ((value - baseline) / Math.abs(baseline)) * 100;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function evaluate(figures: Figures, baseline?: Figures, specs: readonly FigureSpec[] = FIGURES): Row[] {
  return specs.map((spec) => {
    const value = figures[spec.key];
    return {
      spec,
      value,
      verdict: verdict(value, spec.budget),
      ratio: spec.ratioTo ? ratio(value, figures[spec.ratioTo]) : undefined,
      baseline: baseline?.[spec.key],
      changePercent: baseline ? changePercent(value, baseline[spec.key]) : undefined,
    };
  });
}

export function failed(rows: readonly Row[]): Row[] {
  return rows.filter((row) => row.verdict === 'FAIL' || row.verdict === 'MISSING');
}

export function formatNumber(value: number | undefined, unit: FigureSpec['unit'] = ''): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const digits = unit === '×' ? 2 : Math.abs(value) >= 1000 || Number.isInteger(value) ? 0 : 1;
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (unit === '') return text;
  if (unit === '×') return `${text}×`;
  return `${text} ${unit}`;
}

export function formatBudget(spec: FigureSpec): string {
  if (!spec.budget) return '';
  return `${spec.budget.strict ? '<' : '≤'} ${formatNumber(spec.budget.max, spec.unit)}`;
}

export function formatRatio(row: Row): string {
  if (!row.spec.ratioTo) return '';
  return row.ratio === undefined ? `— × ${row.spec.ratioTo}` : `${row.ratio.toFixed(2)}× ${row.spec.ratioTo}`;
}

export function formatChange(percent: number | undefined): string {
  if (percent === undefined) return '—';
  const rounded = Math.round(percent * 10) / 10;
  if (rounded === 0) return '±0%';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)}%`;
}

function pad(cells: string[][]): string {
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => [...(row[column] ?? '')].length)));
  return cells.map((row) => row.map((cell, column) => cell + ' '.repeat(widths[column]! - [...cell].length)).join('  ').trimEnd()).join('\n');
}

/** The human table `npm run bench` prints (with the baseline's columns under `--compare`). */
export function formatTable(rows: readonly Row[], options: { compare?: boolean } = {}): string {
  const header = ['figure', 'value', 'budget', 'verdict', 'ratio', ...(options.compare ? ['baseline', 'change'] : [])];
  const body = rows.map((row) => [
    row.spec.label,
    formatNumber(row.value, row.spec.unit),
    formatBudget(row.spec),
    row.verdict,
    formatRatio(row),
    ...(options.compare ? [formatNumber(row.baseline, row.spec.unit), formatChange(row.changePercent)] : []),
  ]);
  const bad = failed(rows);
  const summary = bad.length === 0 ? 'every budget holds' : `${bad.length} budget(s) broken: ${bad.map((row) => row.spec.key).join(', ')}`;
  return `${pad([header, ...body])}\n\n${summary}`;
}

export const README_START = '<!-- bench:table:start -->';
export const README_END = '<!-- bench:table:end -->';

export interface RunInfo {
  date: string;
  machine: string;
}

export function markdownTable(rows: readonly Row[], run: RunInfo): string {
  const lines = [
    `Figures from one \`npm run bench\` run on ${run.date}, ${run.machine} (\`npm run bench -- --write-readme\` regenerates this table).`,
    '',
    '| figure | value | budget | verdict | ratio |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.spec.label} | ${formatNumber(row.value, row.spec.unit)} | ${formatBudget(row.spec)} | ${row.verdict} | ${formatRatio(row).replace(/([a-zA-Z]+)$/, '`$1`')} |`),
  ];
  return lines.join('\n');
}

/** The README with the text between the bench markers replaced by the table (markers kept). */
export function replaceReadmeTable(readme: string, table: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} section`);
  return `${readme.slice(0, start + README_START.length)}\n${table}\n${readme.slice(end)}`;
}

export interface Baseline extends RunInfo {
  figures: Figures;
}

export function parseBaseline(text: string): Baseline {
  const parsed = JSON.parse(text) as Partial<Baseline>;
  if (!parsed || typeof parsed !== 'object' || typeof parsed.figures !== 'object' || parsed.figures === null) {
    throw new Error('bench/baseline.json: expected { date, machine, figures }');
  }
  return { date: String(parsed.date ?? ''), machine: String(parsed.machine ?? ''), figures: parsed.figures };
}
