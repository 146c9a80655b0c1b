import { useEffect, useState } from 'react';
import type { HistoryBatch } from './history-backend';
import type { HistoryStore } from './history-store';
import type { HistoryEvent, PeerSample, PollOutcome } from '../model/peer-sample';

export interface GatewayHistory {
  loading: boolean;
  samples: PeerSample[];
  polls: PollOutcome[];
  events: HistoryEvent[];
  /** When the history was last extended (load or a new poll); the charts' right edge. */
  updatedAt: number;
}

const EMPTY: GatewayHistory = { loading: true, samples: [], polls: [], events: [], updatedAt: 0 };

function appendWithin<T extends { time: number; gatewayId: string }>(list: readonly T[], added: readonly T[], gatewayId: string, fromMs: number): T[] {
  const mine = added.filter((item) => item.gatewayId === gatewayId);
  if (mine.length === 0) return list as T[];
  // Bounded: whatever the uptime, only the window is kept in memory.
  const firstKept = list.findIndex((item) => item.time >= fromMs);
  return [...(firstKept < 0 ? [] : firstKept > 0 ? list.slice(firstKept) : list), ...mine];
}

/**
 * A gateway's history over the last `windowMs`: read once from the store, then extended by each
 * poll the recorder adds, dropping what falls out of the window.
 */
export function useGatewayHistory(store: HistoryStore | null, gatewayId: string, windowMs: number): GatewayHistory {
  const [history, setHistory] = useState<GatewayHistory>(EMPTY);

  useEffect(() => {
    if (!store) return;
    let cancelled = false;
    let loaded = false;
    const early: HistoryBatch[] = [];
    const apply = (batch: HistoryBatch) =>
      setHistory((current) => {
        const now = Date.now();
        const fromMs = now - windowMs;
        return {
          loading: false,
          samples: appendWithin(current.samples, batch.samples, gatewayId, fromMs),
          polls: appendWithin(current.polls, batch.polls, gatewayId, fromMs),
          events: appendWithin(current.events, batch.events, gatewayId, fromMs),
          updatedAt: now,
        };
      });
    // Subscribe before reading, so a poll recorded meanwhile is not missed (duplicates are harmless:
    // series keep one sample per time).
    const unsubscribe = store.subscribe((batch) => {
      if (!loaded) early.push(batch);
      else apply(batch);
    });
    // The page is keyed by gateway, so a new gateway starts from EMPTY without a reset here.
    const now = Date.now();
    void store.read(gatewayId, now - windowMs, now + 60_000).then((read) => {
      if (cancelled) return;
      loaded = true;
      setHistory({ loading: false, samples: read.samples, polls: read.polls, events: read.events, updatedAt: Date.now() });
      for (const batch of early) apply(batch);
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [store, gatewayId, windowMs]);

  return history;
}
