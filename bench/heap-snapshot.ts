/**
 * Totals of a V8 heap snapshot (the `.heapsnapshot` JSON Chromium writes) by node type and
 * constructor, for the wall's heap bench and bench/heap-diff.ts.
 */

interface SnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface HeapTotals {
  /** Bytes by "type name" (name only for objects, closures and native objects). */
  byConstructor: Map<string, { count: number; bytes: number }>;
  /** Every node's self size. */
  totalBytes: number;
  /** Compiled code (bytecode, baseline and optimized code, feedback): grows as functions first run or get optimized. */
  codeBytes: number;
  /** Blink's C++ objects the snapshot includes (DOM, layout, the performance timeline). */
  nativeBytes: number;
  /** What the app's JavaScript keeps: everything else (objects, arrays, strings, closures, shapes). */
  appObjectBytes: number;
}

export function heapTotals(text: string): HeapTotals {
  const heap = JSON.parse(text) as SnapshotJson;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [number, number, number];
  const byConstructor = new Map<string, { count: number; bytes: number }>();
  let totalBytes = 0;
  let codeBytes = 0;
  let nativeBytes = 0;
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const type = types[heap.nodes[i + typeAt]!] ?? '?';
    const size = heap.nodes[i + sizeAt]!;
    const name = type === 'object' || type === 'closure' || type === 'native' ? (heap.strings[heap.nodes[i + nameAt]!] ?? '?') : '';
    const key = `${type} ${name.slice(0, 60)}`;
    const entry = byConstructor.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += size;
    byConstructor.set(key, entry);
    totalBytes += size;
    if (type === 'code') codeBytes += size;
    else if (type === 'native') nativeBytes += size;
  }
  return { byConstructor, totalBytes, codeBytes, nativeBytes, appObjectBytes: totalBytes - codeBytes - nativeBytes };
}
