import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { TileArea } from './wall-layout';

/**
 * Type that grows with the screen: 24 px at 1920 px wide (readable from five metres), 48 px on a
 * 3840 px 4K panel, so both show the same pages. Everything on the wall is sized in rem.
 */
export const WALL_ROOT_FONT_SIZE = 'clamp(16px, 1.25vw, 96px)';

export function useWallRootFontSize(): void {
  useLayoutEffect(() => {
    const root = document.documentElement;
    const before = root.style.fontSize;
    root.style.fontSize = WALL_ROOT_FONT_SIZE;
    return () => {
      root.style.fontSize = before;
    };
  }, []);
}

/** The tile area's size in px and the root font size, re-measured whenever either changes. */
export function useTileArea(): [RefObject<HTMLDivElement | null>, TileArea | null] {
  const ref = useRef<HTMLDivElement>(null);
  const [area, setArea] = useState<TileArea | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      const remPx = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setArea((previous) =>
        previous && previous.widthPx === width && previous.heightPx === height && previous.remPx === remPx
          ? previous
          : { widthPx: width, heightPx: height, remPx },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, area];
}
