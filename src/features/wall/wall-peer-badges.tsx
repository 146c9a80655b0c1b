import type { BgpPeer } from '../../azure/bgp-peer-status';
import { peerDataAttributes } from '../../bgp/peer-identity';
import { conditionWord, type PeerCondition } from '../../bgp/peer-condition';
import { peerStateWord } from '../../bgp/peer-state';
import { PeerStateIcon } from '../../components/peer-state-badge';
import { DownFor } from './wall-clock-text';
import { formatDurationShort } from '../../lib/format';
import { WALL_SIZES } from './wall-layout';
import { PALETTES, type WallTheme } from './wall-theme';

interface DownPeerBadgeProps {
  peer: BgpPeer;
  instance: string | null;
  alert: boolean;
  /** When this screen saw it leave Connected; null when it was already down on the first poll. */
  sinceMs: number | null;
  /** Not trying or expected down: drawn plainly, with its own word, never as an outage. */
  condition?: PeerCondition | null;
  theme: WallTheme;
}

/** A peer that is not Connected: large, its state in word, icon and colour, and how long it has been so. */
export function DownPeerBadge({ peer, instance, alert, sinceMs, condition = null, theme }: DownPeerBadgeProps) {
  const { badgeWidthRem, downBadgeHeightRem } = WALL_SIZES;
  const word = condition ? conditionWord(condition, peer.state) : peerStateWord(peer.state, peer.rawState);
  const look = condition ? PALETTES[theme].excused : PALETTES[theme].states[peer.state];
  return (
    <li
      data-testid="wall-peer"
      {...peerDataAttributes(peer)}
      data-state={peer.state}
      data-alert={alert}
      data-condition={condition?.kind}
      title={condition?.kind === 'expected-down' && condition.window.note ? condition.window.note : undefined}
      style={{ width: `${badgeWidthRem}rem`, height: `${downBadgeHeightRem}rem` }}
      className={`box-border flex flex-col justify-center rounded-[0.25rem] border-[0.1rem] px-[0.3rem] leading-[1.25rem] ${look} ${alert ? `outline-[0.2rem] outline-offset-[0.1rem] ${PALETTES[theme].alertOutline}` : ''}`}
    >
      <div className="flex items-center gap-[0.3rem]">
        <PeerStateIcon state={peer.state} />
        <span className="min-w-0 flex-1 truncate font-semibold tabular-nums">{peer.neighbor ?? '—'}</span>
        {instance && <InstanceTag instance={instance} />}
      </div>
      <div className="flex items-baseline gap-[0.4rem]">
        <span className="min-w-0 truncate font-bold">{word}</span>
        {sinceMs !== null && <DownFor sinceMs={sinceMs} />}
      </div>
    </li>
  );
}

/** A Connected peer, on one line: the tile's "N / M Connected" names the state; icon and colour mark each chip. */
export function ConnectedPeerChip({ peer, instance, theme }: { peer: BgpPeer; instance: string | null; theme: WallTheme }) {
  const { badgeWidthRem, upChipHeightRem } = WALL_SIZES;
  const duration = formatDurationShort(peer.connectedSeconds);
  return (
    <li
      data-testid="wall-peer"
      {...peerDataAttributes(peer)}
      data-state={peer.state}
      data-alert="false"
      aria-label={`${peer.neighbor ?? 'unknown neighbor'} Connected`}
      style={{ width: `${badgeWidthRem}rem`, height: `${upChipHeightRem}rem` }}
      className={`box-border flex items-center gap-[0.3rem] rounded-[0.25rem] border-[0.1rem] px-[0.3rem] leading-[1.5rem] ${PALETTES[theme].states.Connected}`}
    >
      <PeerStateIcon state="Connected" />
      <span className="min-w-0 flex-1 truncate tabular-nums">{peer.neighbor ?? '—'}</span>
      {instance && <InstanceTag instance={instance} />}
      {duration && <span className="shrink-0 tabular-nums opacity-90">{duration}</span>}
    </li>
  );
}

/** "i0" / "i1": which instance of an active-active gateway holds this session. */
function InstanceTag({ instance }: { instance: string }) {
  return (
    <span className="shrink-0 opacity-80" aria-label={instance}>
      i{instance.replace(/\D+/g, '')}
    </span>
  );
}
