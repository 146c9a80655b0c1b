import { useCallback, useEffect, useState } from 'react';

export interface PageRotation {
  /** 0-based, always within [0, pageCount) (0 when there are no pages). */
  page: number;
  paused: boolean;
  next: () => void;
  previous: () => void;
  togglePause: () => void;
}

/**
 * Shows each page for `rotateSeconds` (0: no rotation). A page turned by hand gets its full
 * time on screen; the page count changes as gateways change health, so the index wraps.
 */
export function usePageRotation(pageCount: number, rotateSeconds: number, startPage: number): PageRotation {
  const [wanted, setWanted] = useState(Math.max(0, startPage - 1));
  const [paused, setPaused] = useState(false);
  const page = pageCount === 0 ? 0 : wanted % pageCount;

  const next = useCallback(() => setWanted((p) => (pageCount === 0 ? 0 : ((p % pageCount) + 1) % pageCount)), [pageCount]);
  const previous = useCallback(
    () => setWanted((p) => (pageCount === 0 ? 0 : ((p % pageCount) - 1 + pageCount) % pageCount)),
    [pageCount],
  );
  const togglePause = useCallback(() => setPaused((p) => !p), []);

  useEffect(() => {
    if (paused || rotateSeconds === 0 || pageCount <= 1) return;
    const timer = setTimeout(next, rotateSeconds * 1000);
    return () => clearTimeout(timer);
  }, [paused, rotateSeconds, pageCount, page, next]);

  return { page, paused, next, previous, togglePause };
}

export interface WallKeys {
  next: () => void;
  previous: () => void;
  togglePause: () => void;
  acknowledge: () => void;
  /** Any key: a user gesture that lets audio and notifications start. */
  anyKey: () => void;
}

/** Keyboard on a wall screen: → / ← pages, space pauses rotation, A acknowledges alerts. */
export function useWallKeys(keys: WallKeys): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      keys.anyKey();
      switch (event.key) {
        case 'ArrowRight':
        case 'PageDown':
          keys.next();
          break;
        case 'ArrowLeft':
        case 'PageUp':
          keys.previous();
          break;
        case ' ':
          keys.togglePause();
          break;
        case 'a':
        case 'A':
          keys.acknowledge();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [keys]);
}
