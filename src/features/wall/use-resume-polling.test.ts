import { describe, expect, it } from 'vitest';
import { sleptBetween, WAKE_GAP_MS } from './use-resume-polling';

describe('sleptBetween', () => {
  it('a check on time, or a little late under load, is not a wake-up', () => {
    expect(sleptBetween(0, 5_000)).toBe(false);
    expect(sleptBetween(0, 5_000 + WAKE_GAP_MS)).toBe(false);
  });

  it('a check that fires much later than planned means the machine slept', () => {
    expect(sleptBetween(0, 5_000 + WAKE_GAP_MS + 1)).toBe(true);
    expect(sleptBetween(0, 8 * 3_600_000)).toBe(true);
  });
});
