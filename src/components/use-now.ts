import { useSyncExternalStore } from 'react';

/**
 * One clock for the whole page: every "updated N s ago" ticks from the same timer, so a wall
 * screen with hundreds of panels runs one interval, and only the components showing a time
 * re-render each second.
 */
const TICK_MS = 1000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function getSnapshot(): number {
  return now;
}

/** The current time in ms, updated every second while any component uses it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot);
}

/**
 * Something read from the same clock by a component that must not re-render every second: it
 * re-renders only when `read` gives a different value (compared with Object.is).
 */
export function useClockValue<T>(read: (nowMs: number) => T): T {
  return useSyncExternalStore(subscribe, () => read(now));
}
