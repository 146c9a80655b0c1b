import { memo } from 'react';
import { PeerStateIcon } from '../../components/peer-state-badge';
import { shortInstance } from '../../bgp/alert-words';
import type { StateChange } from '../../bgp/peer-signals';
import { formatClock } from '../../lib/format';
import { PALETTES, type WallTheme } from './wall-theme';

/** The last state changes this screen saw, newest first, on one line. */
export const WallChangesStrip = memo(function WallChangesStrip({ changes, theme }: { changes: readonly StateChange[]; theme: WallTheme }) {
  const palette = PALETTES[theme];
  return (
    <section
      aria-label="Recent state changes"
      data-testid="wall-changes"
      className={`flex h-[2rem] shrink-0 items-center gap-[0.75rem] leading-[2rem] ${palette.muted}`}
    >
      <p className="shrink-0 font-semibold">Recent changes</p>
      {changes.length === 0 ? (
        <p>none since this screen started</p>
      ) : (
        <ul className="flex h-[2rem] min-w-0 flex-1 flex-wrap gap-x-[1.25rem] overflow-hidden">
          {changes.map((change) => (
            <li key={`${change.key}|${change.atMs}`} className="flex h-[2rem] items-center gap-[0.3rem] whitespace-nowrap">
              <span className="tabular-nums">{formatClock(change.atMs)}</span>
              <span className={palette.strong}>{change.gatewayName}</span>
              <span className="tabular-nums">{change.neighbor ?? '—'}</span>
              {change.instance && <span aria-label={change.instance}>{shortInstance(change.instance)}</span>}
              <span>{change.from}</span>→
              <PeerStateIcon state={change.to} />
              <span className="font-bold">{change.to}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
