import { describe, expect, it } from 'vitest';
import { alertDetail, alertHeadline, shortInstance } from './alert-words';

describe('alert words', () => {
  it('name the kind and give the numbers, with thousands separators', () => {
    expect(alertHeadline({ kind: 'down', state: 'Idle' })).toBe('Idle');
    expect(alertHeadline({ kind: 'routes-withdrawn', state: 'Connected' })).toBe('Routes withdrawn');
    expect(alertDetail({ kind: 'routes-withdrawn', routes: { from: 12_400, to: 0 } })).toBe('routes 12,400 → 0');
    expect(alertDetail({ kind: 'flapping' })).toBe('3+ state changes within an hour');
    expect(alertDetail({ kind: 'down' })).toBe('left Connected');
  });

  it('shorten instances to i0 / i1 for the wall', () => {
    expect(shortInstance('Instance 1')).toBe('i1');
    expect(shortInstance(null)).toBeNull();
  });
});
