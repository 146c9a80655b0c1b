import { useSyncExternalStore } from 'react';
import type { SubscriptionBudget } from '../../azure/arm-client';
import { useNow } from '../../components/use-now';
import { useArmClient } from '../../queries/arm-client-context';

const NONE: readonly SubscriptionBudget[] = [];
const subscribeToNothing = () => () => {};
const noVersion = () => 0;

/**
 * What this page spent of each subscription's ARM budget, what ARM says remains and when each is
 * polled next. Re-read on every answer (a 429 shows at once) and every second (the hour window
 * and "next poll in" move on their own).
 */
export function useArmBudget(): { budget: readonly SubscriptionBudget[]; now: number } {
  const { scheduler } = useArmClient();
  const now = useNow();
  useSyncExternalStore(scheduler?.subscribe ?? subscribeToNothing, scheduler?.version ?? noVersion);
  return { budget: scheduler ? scheduler.budget() : NONE, now };
}
