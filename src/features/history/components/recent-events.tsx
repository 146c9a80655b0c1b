import { useEffect, useState } from 'react';
import { EventsList } from './events-list';
import { useHistoryStore } from '../store/history-context';
import type { HistoryEvent } from '../model/peer-sample';

const SHOWN = 30;
const LOOK_BACK_MS = 24 * 3_600_000;

/** The latest changes across every watched gateway, newest first, kept with the history. */
export function RecentEvents() {
  const store = useHistoryStore();
  const [events, setEvents] = useState<HistoryEvent[]>([]);

  useEffect(() => {
    if (!store) return;
    let cancelled = false;
    const unsubscribe = store.subscribe((batch) => {
      if (batch.events.length > 0) setEvents((current) => [...batch.events, ...current].slice(0, SHOWN * 2));
    });
    void store.recentEvents(Date.now() - LOOK_BACK_MS, SHOWN).then((stored) => {
      if (!cancelled) setEvents((current) => [...current, ...stored]);
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [store]);

  return (
    <section aria-labelledby="recent-events-heading" data-testid="recent-events" className="rounded-lg border-2 border-slate-700 bg-slate-900 p-4">
      <h2 id="recent-events-heading" className="mb-2 text-lg font-bold text-white">
        Recent changes
      </h2>
      <EventsList events={events} showGateway limit={SHOWN} emptyText="No changes recorded in the last 24 hours." />
    </section>
  );
}
