/**
 * `npm run bench`: builds the app once, runs every `bench/*.bench.ts` in turn (each prints one JSON
 * object on its last stdout line), then prints the merged figures as JSON and a table of every
 * figure with its budget, PASS/FAIL and its ratio to a reference of the same run. Exits non-zero
 * when a budget is broken (or a benchmark failed).
 *
 *   npm run bench                         # everything
 *   npm run bench -- chart                # only bench files whose name contains "chart"
 *   npm run bench -- --compare            # beside bench/baseline.json, with the change in percent
 *   npm run bench -- --write-baseline     # this run becomes bench/baseline.json
 *   npm run bench -- --write-readme       # this run becomes the README's benchmark table
 *   npm run bench -- --from figures.json  # no run: report on figures saved from an earlier one (or a baseline)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { evaluate, failed, formatTable, markdownTable, parseBaseline, replaceReadmeTable, type Figures } from './report.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const baselinePath = fileURLToPath(new URL('./baseline.json', import.meta.url));
const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const fromIndex = args.indexOf('--from');
const fromFile = fromIndex >= 0 ? args[fromIndex + 1] : undefined;
const only = args.filter((arg, index) => !arg.startsWith('--') && !(fromIndex >= 0 && index === fromIndex + 1));

function runBenchmarks(): { figures: Figures; broken: string[] } {
  const build = spawnSync('npx', ['vite', 'build', '--outDir', 'dist-bench'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const files = readdirSync(new URL('.', import.meta.url))
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
    .sort();
  const figures: Figures = {};
  const broken: string[] = [];
  for (const file of files) {
    process.stderr.write(`bench: ${file}…\n`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`], {
      cwd: root,
      env: { ...process.env, BENCH_DIST: 'dist-bench' },
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      timeout: 15 * 60_000,
    });
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    try {
      if (run.status !== 0) throw new Error(`exit code ${run.status}`);
      Object.assign(figures, JSON.parse(last) as Figures);
    } catch (error) {
      broken.push(file);
      process.stderr.write(`bench: ${file} failed: ${error instanceof Error ? error.message : String(error)}\n${last.slice(0, 500)}\n`);
    }
  }
  return { figures, broken };
}

/** A run's JSON, or a baseline file (`{ date, machine, figures }`). */
function figuresOf(json: Figures | { figures: Figures }): Figures {
  return typeof json.figures === 'object' ? (json.figures as Figures) : (json as Figures);
}

// The load when the run began: on a shared machine it says how far to trust the timings.
const loadAtStart = loadavg()[0] ?? 0;

const { figures, broken } = fromFile
  ? { figures: figuresOf(JSON.parse(readFileSync(fromFile, 'utf8')) as Figures | { figures: Figures }), broken: [] as string[] }
  : runBenchmarks();

const run = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.versions.node}, ${process.platform}${fromFile ? '' : `, load average ${loadAtStart.toFixed(1)} at the start`}`,
};

console.log(JSON.stringify(figures, null, 2));

const compare = flag('--compare');
const baseline = compare ? parseBaseline(readFileSync(baselinePath, 'utf8')) : undefined;
// A partial run (`npm run bench -- chart`) is judged on the figures it made only.
const rows = evaluate(figures, baseline?.figures).filter((row) => only.length === 0 || row.value !== undefined);
console.log('');
if (baseline) console.log(`baseline: ${baseline.date}, ${baseline.machine}`);
console.log(formatTable(rows, { compare }));
if (broken.length > 0) console.log(`benchmarks that failed to run: ${broken.join(', ')}`);

if (flag('--write-baseline')) {
  writeFileSync(baselinePath, `${JSON.stringify({ ...run, figures }, null, 2)}\n`);
  console.log(`wrote ${baselinePath}`);
}
if (flag('--write-readme')) {
  writeFileSync(readmePath, replaceReadmeTable(readFileSync(readmePath, 'utf8'), markdownTable(rows, run)));
  console.log(`wrote the benchmark table of ${readmePath}`);
}

process.exit(failed(rows).length > 0 || broken.length > 0 ? 1 : 0);
