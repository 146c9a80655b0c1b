import { PALETTES, type WallTheme } from './wall-theme';

interface PageIndicatorProps {
  /** 0-based. */
  page: number;
  pageCount: number;
  paused: boolean;
  rotateSeconds: number;
  pollingIntervalSeconds: number;
  sound: boolean;
  theme: WallTheme;
}

/** The footer: which page, whether it rotates, how often it polls, and the keys. */
export function WallPageIndicator({ page, pageCount, paused, rotateSeconds, pollingIntervalSeconds, sound, theme }: PageIndicatorProps) {
  return (
    <footer className={`flex h-[1.75rem] shrink-0 items-center justify-between gap-[1rem] leading-[1.75rem] ${PALETTES[theme].muted}`}>
      <p data-testid="wall-page-indicator" className="shrink-0 font-semibold">
        {pageCount > 0 ? `Page ${page + 1} / ${pageCount}` : 'Page —'}
        <span className="font-normal">
          {' · '}
          {paused ? 'rotation PAUSED' : rotateSeconds === 0 || pageCount <= 1 ? 'no rotation' : `next page every ${rotateSeconds} s`}
          {' · '}polled every {pollingIntervalSeconds} s{sound ? ' · sound on' : ''}
        </span>
      </p>
      <p data-testid="wall-keys" className="min-w-0 truncate text-[0.8rem]">
        Keys: → ← page · Space pause · A acknowledge alerts
      </p>
    </footer>
  );
}
