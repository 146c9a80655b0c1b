import { createContext, useContext } from 'react';
import type { PollRole } from './tab-leadership';

// Without a provider (unit tests, a page rendered alone) the tab polls for itself.
export const PollRoleContext = createContext<PollRole>('leader');

/** This tab's part in polling ARM: 'leader' polls for every tab, a 'follower' shows the leader's results. */
export function usePollRole(): PollRole {
  return useContext(PollRoleContext);
}

/** Whether this tab's peers queries call ARM themselves (only the leader's do). */
export function useThisTabPolls(): boolean {
  return usePollRole() === 'leader';
}
