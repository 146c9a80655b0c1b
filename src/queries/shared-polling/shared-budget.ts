import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SubscriptionBudget } from '../../azure/arm-client';
import { isObject } from '../../azure/json';

/**
 * The polling tab's ARM budget as a follower tab last heard it (see peers-sync.ts): a follower
 * makes no ARM calls, so its own scheduler knows nothing of a 429 or of writes running low, and
 * without this it could not say why its gateways' data is growing old.
 */
export interface SharedBudgetStore {
  /** The leader's budget, null while this tab polls itself or has heard nothing yet. */
  read(): readonly SubscriptionBudget[] | null;
  set(budget: readonly SubscriptionBudget[] | null): void;
  subscribe(listener: () => void): () => void;
}

export function createSharedBudgetStore(): SharedBudgetStore {
  let current: readonly SubscriptionBudget[] | null = null;
  const listeners = new Set<() => void>();
  return {
    read: () => current,
    set(budget) {
      if (budget === current) return;
      current = budget;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const NO_STORE: SharedBudgetStore = createSharedBudgetStore();
export const SharedBudgetContext = createContext<SharedBudgetStore>(NO_STORE);

/** The polling tab's budget, in a follower tab; null in the polling tab (its own scheduler knows). */
export function useSharedBudget(): readonly SubscriptionBudget[] | null {
  const store = useContext(SharedBudgetContext);
  return useSyncExternalStore(store.subscribe, store.read);
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function readReading(value: unknown): { value: number; at: number } | undefined {
  return isObject(value) && finite(value.value) && finite(value.at) ? { value: value.value, at: value.at } : undefined;
}

/** A budget as it arrived from another tab, checked field by field; null if it is not one. */
export function readSharedBudget(value: unknown): SubscriptionBudget[] | null {
  if (!Array.isArray(value)) return null;
  const budget: SubscriptionBudget[] = [];
  for (const item of value) {
    if (!isObject(item) || typeof item.subscriptionId !== 'string' || !finite(item.requestsLastHour) || !finite(item.writesLastHour)) return null;
    const slowdown = item.slowdown === 2 || item.slowdown === 4 ? item.slowdown : 1;
    const remaining = isObject(item.remaining) ? item.remaining : {};
    const entry: SubscriptionBudget = {
      subscriptionId: item.subscriptionId,
      requestsLastHour: item.requestsLastHour,
      writesLastHour: item.writesLastHour,
      remaining: {},
      slowdown,
    };
    const reads = readReading(remaining.reads);
    const writes = readReading(remaining.writes);
    if (reads) entry.remaining.reads = reads;
    if (writes) entry.remaining.writes = writes;
    if (finite(item.throttledUntil)) entry.throttledUntil = item.throttledUntil;
    if (finite(item.nextPollAt)) entry.nextPollAt = item.nextPollAt;
    budget.push(entry);
  }
  return budget;
}
