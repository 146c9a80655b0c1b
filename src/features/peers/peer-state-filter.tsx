import type { ReactNode } from 'react';
import { PEER_STATES_BY_SEVERITY, type PeerStateCounts, type PeerStateFilter } from '../../bgp/peer-state';
import { PeerStateIcon } from '../../components/peer-state-badge';

interface PeerStateFilterProps {
  counts: PeerStateCounts;
  total: number;
  value: PeerStateFilter;
  onChange: (value: PeerStateFilter) => void;
  label: string;
}

/** Toggle buttons with counts; only states that occur (or the one selected) are offered. */
export function PeerStateFilterButtons({ counts, total, value, onChange, label }: PeerStateFilterProps) {
  const states = PEER_STATES_BY_SEVERITY.filter((state) => counts[state] > 0 || state === value);
  const button = (filter: PeerStateFilter, content: ReactNode) => (
    <button
      key={filter}
      type="button"
      aria-pressed={value === filter}
      onClick={() => onChange(filter)}
      className="inline-flex items-center gap-1.5 rounded border border-slate-600 px-2 py-0.5 text-sm text-slate-200 hover:border-slate-300 aria-pressed:border-sky-300 aria-pressed:bg-sky-900/60 aria-pressed:text-white"
    >
      {content}
    </button>
  );
  return (
    <div role="group" aria-label={label} className="flex flex-wrap gap-1.5">
      {button('all', <>All <span className="tabular-nums">{total}</span></>)}
      {states.map((state) =>
        button(
          state,
          <>
            <PeerStateIcon state={state} />
            {state} <span className="tabular-nums">{counts[state]}</span>
          </>,
        ),
      )}
    </div>
  );
}
