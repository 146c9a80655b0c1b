import type { BgpPeerState } from '../azure/bgp-peer-status';
import type { ReactNode } from 'react';
import { conditionWord, type PeerCondition } from '../bgp/peer-condition';
import { peerStateWord } from '../bgp/peer-state';

interface StateLook {
  /** Down states are filled so a dropped peer stands out from across the room. */
  className: string;
  icon: ReactNode;
}

// Colour, shape and word each tell the state on their own, so no one needs to tell red from green.
const LOOKS: Record<BgpPeerState, StateLook> = {
  Connected: {
    className: 'border-emerald-400/60 text-emerald-300',
    icon: <circle cx="8" cy="8" r="6" fill="currentColor" />,
  },
  Connecting: {
    className: 'border-amber-300/70 text-amber-200',
    icon: (
      <>
        <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 2.5 A5.5 5.5 0 0 0 8 13.5 Z" fill="currentColor" />
      </>
    ),
  },
  Idle: {
    className: 'border-orange-300 bg-orange-400 text-slate-950',
    icon: <path d="M8 1.5 L14.5 14 H1.5 Z" fill="currentColor" />,
  },
  Stopped: {
    className: 'border-red-300 bg-red-600 text-white',
    icon: <rect x="2" y="2" width="12" height="12" fill="currentColor" />,
  },
  Unknown: {
    className: 'border-slate-400 border-dashed text-slate-200',
    icon: (
      <text x="8" y="13" textAnchor="middle" fontSize="14" fontWeight="700" fill="currentColor">
        ?
      </text>
    ),
  },
};

export function PeerStateIcon({ state }: { state: BgpPeerState }) {
  return (
    <svg viewBox="0 0 16 16" className="size-[1em] shrink-0" aria-hidden="true" focusable="false">
      {LOOKS[state].icon}
    </svg>
  );
}

interface PeerStateBadgeProps {
  state: BgpPeerState;
  /** The state string ARM sent when it was none of the five known ones. */
  rawState?: string | null;
  /** Not trying or expected down: a neutral look and its own word, never an outage's red. */
  condition?: PeerCondition | null;
}

const EXCUSED_LOOK = 'border-dotted border-slate-400 text-slate-200';

export function PeerStateBadge({ state, rawState, condition = null }: PeerStateBadgeProps) {
  return (
    <span
      data-state={state}
      data-condition={condition?.kind}
      className={`inline-flex items-center gap-1.5 rounded border px-2 py-0.5 font-semibold whitespace-nowrap ${
        condition ? EXCUSED_LOOK : LOOKS[state].className
      }`}
    >
      <PeerStateIcon state={state} />
      {condition ? conditionWord(condition, state) : peerStateWord(state, rawState)}
    </span>
  );
}
