import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { TransportMode } from '../azure/arm-client';

export interface TransportChange {
  mode: TransportMode;
  /** Why, in words (e.g. the polling headers could not be read). */
  reason: string;
}

/** What the ARM client last said about how it reaches ARM; null until it says anything. */
export interface TransportStatus {
  report(change: TransportChange): void;
  subscribe(listener: () => void): () => void;
  current(): TransportChange | null;
}

export function createTransportStatus(): TransportStatus {
  let current: TransportChange | null = null;
  const listeners = new Set<() => void>();
  return {
    report: (change) => {
      current = change;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    current: () => current,
  };
}

const TransportStatusContext = createContext<TransportStatus | null>(null);

export function TransportStatusProvider({ status, children }: { status: TransportStatus; children: ReactNode }) {
  return <TransportStatusContext value={status}>{children}</TransportStatusContext>;
}

const NO_STATUS: TransportStatus = createTransportStatus();

/** How the page's ARM client reaches ARM now; null while it uses its configured way without comment. */
export function useTransportChange(): TransportChange | null {
  const status = useContext(TransportStatusContext) ?? NO_STATUS;
  return useSyncExternalStore(status.subscribe, status.current);
}
