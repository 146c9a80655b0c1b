/**
 * `npm run bench`: builds the app once, runs every `bench/*.bench.ts` in turn (each prints one JSON
 * object on its last stdout line) and prints the merged figures as JSON.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);

const build = spawnSync('npx', ['vite', 'build', '--outDir', 'dist-bench'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

const files = readdirSync(new URL('.', import.meta.url))
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();

const figures: Record<string, unknown> = {};
let failed = false;
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
    Object.assign(figures, JSON.parse(last));
  } catch (error) {
    failed = true;
    figures[file] = { error: error instanceof Error ? error.message : String(error), output: last.slice(0, 500) };
  }
}
console.log(JSON.stringify(figures, null, 2));
process.exit(failed ? 1 : 0);
