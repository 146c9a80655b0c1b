import { describe, expect, it } from 'vitest';
import { readSharedBudget } from './shared-budget';

describe('readSharedBudget', () => {
  it('keeps a budget that crossed a structured clone, and drops fields that are not numbers', () => {
    const budget = [{ subscriptionId: 's', requestsLastHour: 5, writesLastHour: 2, remaining: { writes: { value: 10, at: 1 }, reads: { value: 'x', at: 1 } }, slowdown: 4, throttledUntil: 99, nextPollAt: null }];
    expect(readSharedBudget(structuredClone(budget))).toEqual([
      { subscriptionId: 's', requestsLastHour: 5, writesLastHour: 2, remaining: { writes: { value: 10, at: 1 } }, slowdown: 4, throttledUntil: 99 },
    ]);
  });

  it('refuses what is not a budget', () => {
    expect(readSharedBudget({})).toBeNull();
    expect(readSharedBudget([{ subscriptionId: 's' }])).toBeNull();
    expect(readSharedBudget([{ subscriptionId: 1, requestsLastHour: 1, writesLastHour: 1 }])).toBeNull();
  });
});
