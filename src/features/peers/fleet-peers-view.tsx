import { lazy, Suspense, useEffect, useId, useMemo, useRef } from 'react';
import {
  countDown,
  filterFleetRows,
  fleetTitle,
  sortFleetRows,
  toggleFleetSort,
  type FleetPeerRow,
  type FleetSort,
  type FleetStateFilter,
} from '../../bgp/fleet-peers';
import { formatCount } from '../../lib/format';

// The virtualised table (and its virtualiser) loads beside the first data, not before the first
// screen: an ARM operation takes seconds, the chunk milliseconds.
const FleetPeerTable = lazy(() => import('./fleet-peer-table').then((module) => ({ default: module.FleetPeerTable })));

export const FLEET_PEERS_ID = 'fleet-peers';

interface FleetPeersViewProps {
  /** Every peer with data, in any order. */
  rows: readonly FleetPeerRow[];
  gatewayCount: number;
  gatewaysWithData: number;
  query: string;
  problemsOnly: boolean;
  state: FleetStateFilter | null;
  sort: FleetSort;
  onQuery: (query: string) => void;
  onProblemsOnly: (on: boolean) => void;
  onState: (state: FleetStateFilter | null) => void;
  onSort: (sort: FleetSort) => void;
}

const STATE_WORDS: Record<FleetStateFilter, string> = {
  Stopped: 'Stopped',
  Idle: 'Idle',
  Unknown: 'Unknown',
  Connecting: 'Connecting',
  Connected: 'Connected',
  'not-trying': 'Stopped (not trying)',
  'expected-down': 'Expected down',
};

/**
 * Problems first: every peer of the fleet in one table, worst first, with search and the
 * "problems only" switch. The tab's title counts the peers down, for a tab in the background.
 */
export function FleetPeersView(props: FleetPeersViewProps) {
  const { rows, gatewayCount, gatewaysWithData, query, problemsOnly, state, sort } = props;
  const headingId = useId();
  const searchRef = useRef<HTMLInputElement>(null);

  const shown = useMemo(() => sortFleetRows(filterFleetRows(rows, { problemsOnly, state, query }), sort), [rows, problemsOnly, state, query, sort]);
  const down = useMemo(() => countDown(rows), [rows]);

  useEffect(() => {
    document.title = fleetTitle(down);
  }, [down]);
  useEffect(() => () => void (document.title = fleetTitle(0)), []);

  // "/" jumps to the search box from anywhere on the page, as on GitHub and Grafana.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const filtering = query.trim() !== '' || state !== null;
  const empty = emptyText(rows, { problemsOnly: problemsOnly && state === null, filtering, gatewaysWithData, gatewayCount });

  return (
    <section
      id={FLEET_PEERS_ID}
      tabIndex={-1}
      aria-labelledby={headingId}
      data-testid="fleet-peers"
      className="flex min-w-0 flex-col gap-2 rounded-lg border-2 border-slate-700 bg-slate-900 p-3 focus:outline-none"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id={headingId} className="text-xl font-bold text-white">
          Peers across the fleet
        </h2>
        <label className="flex items-center gap-2">
          <span className="text-slate-200">Search</span>
          <input
            ref={searchRef}
            type="search"
            value={query}
            onChange={(event) => props.onQuery(event.target.value)}
            placeholder="neighbor IP, ASN or gateway  ( / )"
            aria-keyshortcuts="/"
            aria-describedby={`${headingId}-search-help`}
            className="w-64 max-w-full rounded border border-slate-500 bg-slate-950 px-2 py-1 text-slate-100 placeholder:text-slate-400"
          />
        </label>
        <span id={`${headingId}-search-help`} className="sr-only">
          Matches neighbor addresses (prefix or part), ASNs and gateway names; press slash to come back here.
        </span>
        <label className="flex items-center gap-2 text-slate-200">
          <input
            type="checkbox"
            role="switch"
            checked={problemsOnly}
            aria-checked={problemsOnly}
            onChange={(event) => props.onProblemsOnly(event.target.checked)}
            className="size-4 accent-sky-400"
          />
          Problems only
          {problemsOnly && state !== null && <span className="text-sm text-slate-400">(not while a state is chosen)</span>}
        </label>
        {state !== null && (
          <button
            type="button"
            onClick={() => props.onState(null)}
            className="rounded border border-sky-300 bg-sky-900/60 px-2 py-0.5 text-sm text-white"
          >
            State: {STATE_WORDS[state]} <span aria-hidden="true">✕</span>
            <span className="sr-only"> (show every state)</span>
          </button>
        )}
        <p role="status" data-testid="fleet-count" className="text-slate-300 tabular-nums">
          {formatCount(shown.length)} of {formatCount(rows.length)} peers
          {gatewaysWithData < gatewayCount && ` · ${formatCount(gatewayCount - gatewaysWithData)} gateways not answered yet`}
        </p>
      </div>
      <Suspense fallback={<p className="text-slate-300">Loading the peer table…</p>}>
        <FleetPeerTable rows={shown} totalRows={rows.length} sort={sort} onSort={(key) => props.onSort(toggleFleetSort(sort, key))} empty={empty} />
      </Suspense>
    </section>
  );
}

function emptyText(
  rows: readonly FleetPeerRow[],
  { problemsOnly, filtering, gatewaysWithData, gatewayCount }: { problemsOnly: boolean; filtering: boolean; gatewaysWithData: number; gatewayCount: number },
): string {
  if (rows.length === 0) return gatewaysWithData < gatewayCount ? 'Waiting for the first peer status of the gateways…' : 'No gateway reports any BGP peer.';
  if (filtering) return 'No peer matches.';
  if (!problemsOnly) return 'No peers.';
  const connected = rows.filter((row) => row.peer.state === 'Connected').length;
  if (connected === rows.length) return `No problems: all ${formatCount(rows.length)} peers Connected.`;
  return `No problems: ${formatCount(connected)} of ${formatCount(rows.length)} peers Connected, the others not trying or expected down.`;
}
