import { describe, expect, it } from 'vitest';
import {
  changePercent,
  evaluate,
  failed,
  formatChange,
  formatTable,
  markdownTable,
  median,
  parseBaseline,
  README_END,
  README_START,
  ratio,
  replaceReadmeTable,
  verdict,
  type FigureSpec,
} from './report.ts';

const specs: FigureSpec[] = [
  { key: 'sizeKB', label: 'size', unit: 'kB', budget: { max: 150 } },
  { key: 'growth', label: 'growth', unit: '%', budget: { max: 10, strict: true } },
  { key: 'refMs', label: 'reference', unit: 'ms' },
  { key: 'pageMs', label: 'page', unit: 'ms', ratioTo: 'refMs' },
];

describe('budgets', () => {
  it('passes at the limit of an inclusive budget and fails above it', () => {
    expect(verdict(150, { max: 150 })).toBe('PASS');
    expect(verdict(150.1, { max: 150 })).toBe('FAIL');
  });

  it('fails at the limit of a strict budget', () => {
    expect(verdict(9.9, { max: 10, strict: true })).toBe('PASS');
    expect(verdict(10, { max: 10, strict: true })).toBe('FAIL');
  });

  it('counts a budgeted figure the run did not produce as broken, and an unbudgeted one as neither', () => {
    const rows = evaluate({ sizeKB: 120, refMs: 1000, pageMs: 1500 }, undefined, specs);
    expect(rows.map((row) => row.verdict)).toEqual(['PASS', 'MISSING', '', '']);
    expect(failed(rows).map((row) => row.spec.key)).toEqual(['growth']);
  });
});

describe('ratios and comparison', () => {
  it('divides by the reference of the same run', () => {
    const [, , , page] = evaluate({ refMs: 2000, pageMs: 2500 }, undefined, specs);
    expect(page!.ratio).toBeCloseTo(1.25);
    expect(ratio(5, 0)).toBeUndefined();
    expect(ratio(5, undefined)).toBeUndefined();
  });

  it('gives the change from the baseline in percent, signed', () => {
    expect(changePercent(110, 100)).toBeCloseTo(10);
    expect(changePercent(90, 100)).toBeCloseTo(-10);
    expect(changePercent(0, 0)).toBe(0);
    expect(changePercent(3, 0)).toBeUndefined();
    expect(formatChange(12.345)).toBe('+12.3%');
    expect(formatChange(-4)).toBe('−4.0%');
    expect(formatChange(0.01)).toBe('±0%');
    expect(formatChange(undefined)).toBe('—');
  });

  it('takes the median of an odd and an even number of runs', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('the printed table', () => {
  it('shows each figure with its budget, verdict and ratio, and says which budgets broke', () => {
    const table = formatTable(evaluate({ sizeKB: 151.2, growth: 3, refMs: 1000, pageMs: 1500 }, undefined, specs));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^figure\s+value\s+budget\s+verdict\s+ratio$/);
    expect(lines[1]).toMatch(/^size\s+151\.2 kB\s+≤ 150 kB\s+FAIL$/);
    expect(lines[2]).toMatch(/^growth\s+3 %\s+< 10 %\s+PASS$/);
    expect(lines[4]).toMatch(/^page\s+1,500 ms\s+1\.50× refMs$/);
    expect(table).toMatch(/1 budget\(s\) broken: sizeKB$/);
  });

  it('adds the baseline and the change under --compare', () => {
    const baseline = { sizeKB: 140, growth: 3, refMs: 1000, pageMs: 2000 };
    const table = formatTable(evaluate({ sizeKB: 147, growth: 3, refMs: 1000, pageMs: 1500 }, baseline, specs), { compare: true });
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/baseline\s+change$/);
    expect(lines[1]).toMatch(/147 kB\s+≤ 150 kB\s+PASS\s+140 kB\s+\+5\.0%$/);
    expect(lines[4]).toMatch(/2,000 ms\s+−25\.0%$/);
    expect(table).toMatch(/every budget holds$/);
  });
});

describe('the README table', () => {
  const readme = `# App\n\nintro\n\n${README_START}\nold table\n${README_END}\n\nafter\n`;

  it('replaces only what is between the markers, with the date and the machine', () => {
    const table = markdownTable(evaluate({ sizeKB: 120, growth: 3, refMs: 1000, pageMs: 1500 }, undefined, specs), { date: '2026-12-02', machine: '2-core test box' });
    const written = replaceReadmeTable(readme, table);
    expect(written).not.toContain('old table');
    expect(written.startsWith('# App\n\nintro\n\n')).toBe(true);
    expect(written.endsWith(`${README_END}\n\nafter\n`)).toBe(true);
    expect(written).toContain('2026-12-02, 2-core test box');
    expect(written).toContain('| size | 120 kB | ≤ 150 kB | PASS |  |');
    expect(written).toContain('| page | 1,500 ms |  |  | 1.50× `refMs` |');
    // Writing twice gives the same README.
    expect(replaceReadmeTable(written, table)).toBe(written);
  });

  it('refuses a README without the markers', () => {
    expect(() => replaceReadmeTable('# App\n', 'x')).toThrow(/bench:table:start/);
  });
});

describe('the baseline file', () => {
  it('reads figures with the date and machine, and rejects a file without figures', () => {
    expect(parseBaseline('{"date":"d","machine":"m","figures":{"a":1}}')).toEqual({ date: 'd', machine: 'm', figures: { a: 1 } });
    expect(() => parseBaseline('{"a":1}')).toThrow(/figures/);
  });
});
