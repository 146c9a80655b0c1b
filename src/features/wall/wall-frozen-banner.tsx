import { FrozenSince } from './wall-clock-text';
import { PALETTES, type WallTheme } from './wall-theme';

interface FrozenBannerProps {
  /** Why nothing refreshes, in words. */
  reasons: readonly string[];
  oldestUpdatedAt: number | null;
  /** Offer the button: only a sign-in brings this screen back. */
  signInAgain: (() => void) | null;
  theme: WallTheme;
}

/** Says loudly that the whole screen is frozen (offline, sign-in expired), not one gateway. */
export function WallFrozenBanner({ reasons, oldestUpdatedAt, signInAgain, theme }: FrozenBannerProps) {
  return (
    <div
      role="alert"
      data-testid="wall-frozen"
      className={`flex h-[2.5rem] shrink-0 items-center justify-between gap-[1rem] rounded-[0.3rem] px-[0.75rem] text-[1.25rem] font-bold ${PALETTES[theme].banner}`}
    >
      <p className="min-w-0 truncate">
        SCREEN FROZEN: {reasons.join(' and ')}. Nothing below is refreshing
        <FrozenSince oldestUpdatedAt={oldestUpdatedAt} />.
      </p>
      {signInAgain && (
        <button type="button" onClick={signInAgain} className="shrink-0 rounded-[0.25rem] border-[0.1rem] border-current px-[0.75rem]">
          Sign in again
        </button>
      )}
    </div>
  );
}
