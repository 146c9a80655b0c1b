/**
 * `npx tsx bench/heap-diff.ts start.heapsnapshot end.heapsnapshot`: what grew between two V8 heap
 * snapshots, by constructor, largest growth first. A tool for the wall's heap bench
 * (WALL_BENCH_SNAPSHOTS=dir keeps its start and end snapshots), not a benchmark.
 */
import { readFileSync } from 'node:fs';
import { heapTotals } from './heap-snapshot.ts';

const [before, after] = process.argv.slice(2);
if (!before || !after) throw new Error('usage: heap-diff.ts start.heapsnapshot end.heapsnapshot');
const a = heapTotals(readFileSync(before, 'utf8'));
const b = heapTotals(readFileSync(after, 'utf8'));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(3)} MB`;
for (const part of ['totalBytes', 'codeBytes', 'nativeBytes', 'appObjectBytes'] as const) {
  console.log(`${part.padEnd(15)} ${mb(a[part])} → ${mb(b[part])} (${(((b[part] - a[part]) / a[part]) * 100).toFixed(1)} %)`);
}
const keys = new Set([...a.byConstructor.keys(), ...b.byConstructor.keys()]);
const rows = [...keys]
  .map((key) => {
    const x = a.byConstructor.get(key) ?? { count: 0, bytes: 0 };
    const y = b.byConstructor.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: y.count - x.count, bytes: y.bytes - x.bytes };
  })
  .sort((x, y) => Math.abs(y.bytes) - Math.abs(x.bytes));
for (const row of rows.slice(0, 30)) console.log(`${String(row.bytes).padStart(10)} B  ${String(row.count).padStart(7)}  ${row.key}`);
