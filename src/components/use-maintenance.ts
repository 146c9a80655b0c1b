import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { activeWindows, readStoredWindows, withWindow, withoutWindow, type MaintenanceWindow } from '../bgp/maintenance';
import { useClockValue } from './use-now';

/**
 * Maintenance windows live in this browser's localStorage, shared by its tabs (the `storage`
 * event) and by the wall on the same machine; a wall elsewhere gets them through its URL (`mute=`).
 */
const STORAGE_KEY = 'bgp-dashboard.maintenance.v1';
const listeners = new Set<() => void>();
let cached: { raw: string | null; windows: MaintenanceWindow[] } = { raw: null, windows: [] };

function read(): MaintenanceWindow[] {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage refused (privacy mode, kiosk policy): no windows rather than a broken page.
  }
  if (raw !== cached.raw) {
    let parsed: unknown;
    try {
      parsed = raw ? JSON.parse(raw) : [];
    } catch {
      parsed = [];
    }
    cached = { raw, windows: readStoredWindows(parsed, Date.now()) };
  }
  return cached.windows;
}

function write(windows: readonly MaintenanceWindow[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(activeWindows(windows, Date.now())));
  } catch {
    // See read(): the window then lasts as long as this page.
    cached = { raw: null, windows: [...windows] };
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export interface Maintenance {
  /** Windows still running (with `extra`, e.g. from the wall's URL); re-evaluated as each one ends. */
  windows: readonly MaintenanceWindow[];
  /** Only the ones saved in this browser, which the page may change. */
  saved: readonly MaintenanceWindow[];
  add: (window: MaintenanceWindow) => void;
  remove: (window: MaintenanceWindow) => void;
}

export function useMaintenance(extra: readonly MaintenanceWindow[] = NONE): Maintenance {
  const stored = useSyncExternalStore(subscribe, read, () => NONE);
  const all = useMemo(() => [...stored, ...extra], [stored, extra]);
  // Re-renders only when the set of running windows changes, e.g. one ends by itself.
  const runningKey = useClockValue((nowMs) => all.map((window) => (window.untilMs > nowMs ? '1' : '0')).join(''));
  const windows = useMemo(() => all.filter((_, index) => runningKey[index] === '1'), [all, runningKey]);
  const saved = useMemo(() => windows.filter((window) => stored.includes(window)), [windows, stored]);
  const add = useCallback((window: MaintenanceWindow) => write(withWindow(read(), window)), []);
  const remove = useCallback((window: MaintenanceWindow) => write(withoutWindow(read(), window)), []);
  return useMemo(() => ({ windows, saved, add, remove }), [windows, saved, add, remove]);
}

const NONE: readonly MaintenanceWindow[] = [];

/** The `nowMs` to pair with useMaintenance's windows, which are all running already. */
export const RUNNING_WINDOWS_ONLY = -Infinity;
