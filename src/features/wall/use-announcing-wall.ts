import { useCallback, useEffect, useRef } from 'react';
import { electTabLeader, type LockManagerLike, type TabLeadership } from '../../queries/shared-polling/tab-leadership';

/**
 * Whether this wall is the one of the browser profile that announces `what` (the alert sound, or
 * notifications): every wall shows the alerts, but one drop must sound once, not once per tab.
 * The first wall that takes part announces until it closes, then the next. Returns a check, read
 * at the moment of announcing.
 */
export function useAnnouncingWall(what: 'sound' | 'notifications', takesPart: boolean): () => boolean {
  const leadership = useRef<TabLeadership | null>(null);
  useEffect(() => {
    if (!takesPart) return;
    const locks = typeof navigator === 'undefined' ? undefined : (navigator as { locks?: LockManagerLike }).locks;
    const elected = electTabLeader(locks, `bgp-dashboard.wall-${what}`);
    leadership.current = elected;
    return () => {
      elected.stop();
      if (leadership.current === elected) leadership.current = null;
    };
  }, [what, takesPart]);
  return useCallback(() => leadership.current?.role() === 'leader', []);
}
