import { useSyncExternalStore } from 'react';
import type { SubscriptionBudget } from '../../azure/arm-client';
import { useNow } from '../../components/use-now';
import { useArmClient } from '../../queries/arm-client-context';
import { useThisTabPolls } from '../../queries/shared-polling/poll-role';
import { useSharedBudget } from '../../queries/shared-polling/shared-budget';

const NONE: readonly SubscriptionBudget[] = [];
const subscribeToNothing = () => () => {};
const noVersion = () => 0;

/**
 * What the polling tab spent of each subscription's ARM budget, what ARM says remains and when
 * each is polled next: this tab's own scheduler while it polls, the polling tab's budget as last
 * heard while another tab polls. Re-read on every answer (a 429 shows at once) and every second
 * (the hour window and "next poll in" move on their own). `fromOtherTab` says which.
 */
export function useArmBudget(): { budget: readonly SubscriptionBudget[]; now: number; fromOtherTab: boolean } {
  const { scheduler } = useArmClient();
  const now = useNow();
  const thisTabPolls = useThisTabPolls();
  const shared = useSharedBudget();
  useSyncExternalStore(scheduler?.subscribe ?? subscribeToNothing, scheduler?.version ?? noVersion);
  if (!thisTabPolls && shared !== null) return { budget: shared, now, fromOtherTab: true };
  return { budget: scheduler ? scheduler.budget() : NONE, now, fromOtherTab: false };
}
