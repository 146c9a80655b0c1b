import { useMemo, useState } from 'react';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { peerDataAttributes, peerRowKey } from '../../bgp/peer-identity';
import { formatDuration } from '../../lib/format';
import { isPrivateAsn } from '../../bgp/asn';
import { formatCount } from '../../lib/format';
import { instanceLabels } from '../../bgp/peer-instances';
import { DEFAULT_PEER_SORT, sortPeers, toggleSort, type PeerSort, type PeerSortKey } from '../../bgp/peer-sort';
import { countPeersByState, filterPeersByState, type PeerStateFilter } from '../../bgp/peer-state';
import { PeerStateBadge } from '../../components/peer-state-badge';
import { MaintenanceButton } from '../../components/maintenance-button';
import type { Maintenance } from '../../components/use-maintenance';
import { peerCondition, type ConditionContext, type PeerCondition } from '../../bgp/peer-condition';
import { PeerStateFilterButtons } from './peer-state-filter';
import { SortButton, type SortableColumn } from '../../components/sort-button';

/** Below md (a phone) only Neighbor and State are drawn: the state must stay on screen for every row. */
type Column = SortableColumn<PeerSortKey>;

const COLUMNS: readonly Column[] = [
  { key: 'neighbor', label: 'Neighbor' },
  { key: 'instance', label: 'Instance', wide: true },
  { key: 'asn', label: 'ASN', wide: true },
  { key: 'state', label: 'State' },
  { key: 'connected', label: 'Connected for', numeric: true, wide: true },
  { key: 'routesReceived', label: 'Routes received', numeric: true, wide: true },
  { key: 'messagesSent', label: 'Messages sent', numeric: true, wide: true },
  { key: 'messagesReceived', label: 'Messages received', numeric: true, wide: true },
];
const WIDE_ONLY = 'hidden md:table-cell';

interface PeerTableProps {
  peers: readonly BgpPeer[];
  gatewayName: string;
  /** From the gateway's properties; instances are also told apart when two local addresses show up. */
  activeActive?: boolean;
  /** The peers are the last ones read and no longer fresh: rows are drawn dimmed. */
  stale?: boolean;
  /** With these, rows say "Stopped (not trying)" / "Expected down" and offer the maintenance action. */
  signals?: { gatewayId: string; conditions: ConditionContext; maintenance: Maintenance };
}

export function PeerTable({ peers, gatewayName, activeActive = false, stale = false, signals }: PeerTableProps) {
  const [sort, setSort] = useState<PeerSort>(DEFAULT_PEER_SORT);
  const [filter, setFilter] = useState<PeerStateFilter>('all');

  const counts = useMemo(() => countPeersByState(peers), [peers]);
  const instances = useMemo(() => instanceLabels(peers, activeActive), [peers, activeActive]);
  const rows = useMemo(() => sortPeers(filterPeersByState(peers, filter), sort), [peers, filter, sort]);

  return (
    <div className="flex flex-col gap-2">
      <PeerStateFilterButtons
        label={`Filter peers of ${gatewayName} by state`}
        counts={counts}
        total={peers.length}
        value={filter}
        onChange={setFilter}
      />
      {/* relative: screen-reader-only text is absolutely positioned and would otherwise escape the
          scroll box and widen the page when the table is wider than the panel. */}
      <div className="relative overflow-x-auto">
        <table className={`w-full border-collapse text-left max-xl:text-sm ${stale ? 'text-slate-400' : ''}`}>
          <caption className="sr-only">BGP peers of {gatewayName}</caption>
          <thead>
            <tr className="border-b border-slate-600 text-sm text-slate-300">
              {COLUMNS.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={sort.key === column.key ? sort.direction : undefined}
                  // Labels wrap below xl so that at 1024 px every column fits ("Messages received" was cut).
                  className={`px-2 py-1 max-xl:px-1 font-semibold xl:whitespace-nowrap ${column.numeric ? 'text-right' : ''} ${column.wide ? WIDE_ONLY : ''}`}
                >
                  <SortButton
                    label={column.label}
                    direction={sort.key === column.key ? sort.direction : null}
                    numeric={column.numeric ?? false}
                    onClick={() => setSort((current) => toggleSort(current, column.key))}
                  />
                </th>
              ))}
              {signals && (
                <th scope="col" className="px-2 py-1 max-xl:px-1 font-semibold whitespace-nowrap">
                  Maintenance
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((peer, index) => (
              <PeerRow
                key={peer.neighbor === null ? `#${index}` : peerRowKey(peer.localAddress, peer.neighbor)}
                peer={peer}
                stale={stale}
                instance={peer.localAddress === null ? undefined : instances.get(peer.localAddress)}
                gatewayName={gatewayName}
                signals={signals}
              />
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length + (signals ? 1 : 0)} className="px-2 py-3 text-slate-300">
                  {peers.length === 0 ? 'This gateway reports no BGP peers.' : `No peers are ${filter} right now.`}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const MISSING = '—';
// The longest IPv6 address with a zone is under 50 characters; anything longer is garbage from
// the service (noted on the row) and is cut so one bad value cannot widen the whole table.
const MAX_ADDRESS_SHOWN = 64;

function shortened(text: string | null): string {
  if (text === null) return '';
  return text.length > MAX_ADDRESS_SHOWN ? `${text.slice(0, MAX_ADDRESS_SHOWN)}…` : text;
}

// A row that is not Connected is tinted along its whole width, not only in its badge, so a
// dropped peer catches the eye from across the room.
const ROW_TONE: Record<BgpPeer['state'], string> = {
  Connected: '',
  Connecting: 'bg-amber-950/40 shadow-[inset_4px_0_0_var(--color-amber-300)]',
  Idle: 'bg-red-950/50 shadow-[inset_4px_0_0_var(--color-orange-400)]',
  Stopped: 'bg-red-950/50 shadow-[inset_4px_0_0_var(--color-red-500)]',
  Unknown: 'bg-slate-800/60 shadow-[inset_4px_0_0_var(--color-slate-400)]',
};
const numberCell = `px-2 py-1 max-xl:px-1 text-right tabular-nums ${WIDE_ONLY}`;

// Down but no outage: marked by a dotted neutral rule, not an alarm colour.
const EXCUSED_TONE = 'shadow-[inset_4px_0_0_var(--color-slate-400)]';

interface PeerRowProps {
  peer: BgpPeer;
  instance: string | undefined;
  gatewayName: string;
  signals: PeerTableProps['signals'];
  stale: boolean;
}

function PeerRow({ peer, instance, gatewayName, signals, stale }: PeerRowProps) {
  const condition: PeerCondition | null = signals ? peerCondition(signals.gatewayId, peer, signals.conditions) : null;
  return (
    <tr
      data-testid="peer-row"
      {...peerDataAttributes(peer)}
      data-state={peer.state}
      data-condition={condition?.kind}
      data-stale={stale}
      // Dimmed: slate-400 text on the panel's slate-900 is still about 6.9:1.
      className={`border-b border-slate-800 ${condition ? EXCUSED_TONE : ROW_TONE[peer.state]} ${stale ? 'bg-slate-950/60 text-slate-400 italic' : ''}`}
    >
      <td className="px-2 py-1 max-xl:px-1 font-mono whitespace-nowrap">
        {peer.neighbor === null ? MISSING : shortened(peer.neighbor)}
        {instance && <span className="block font-sans text-sm text-slate-300 md:hidden">{instance}</span>}
        {peer.problems.map((problem) => (
          <span key={problem} className="mt-0.5 flex min-w-56 items-center gap-1 font-sans text-sm text-amber-200">
            <span aria-hidden="true">⚠</span>
            <span className="sr-only">Data problem: </span>
            {problem}
          </span>
        ))}
      </td>
      <td className={`px-2 py-1 max-xl:px-1 whitespace-nowrap ${WIDE_ONLY}`}>
        {instance ? (
          <>
            {instance} <span className="font-mono text-sm text-slate-400 max-xl:block">{shortened(peer.localAddress)}</span>
          </>
        ) : (
          <span className="font-mono">{peer.localAddress === null ? MISSING : shortened(peer.localAddress)}</span>
        )}
      </td>
      <td className={`px-2 py-1 max-xl:px-1 whitespace-nowrap tabular-nums ${WIDE_ONLY}`}>
        {peer.asn === null ? (
          MISSING
        ) : (
          <>
            {peer.asn}{' '}
            <span className="rounded bg-slate-800 px-1 text-xs text-slate-300 max-xl:table">
              {isPrivateAsn(peer.asn) ? 'private' : 'public'}
            </span>
          </>
        )}
      </td>
      <td className="px-2 py-1 max-xl:px-1">
        <PeerStateBadge state={peer.state} rawState={peer.rawState} condition={condition} />
      </td>
      <td className={numberCell}>
        <span title={peer.connectedDuration ?? undefined}>{formatDuration(peer.connectedSeconds)}</span>
        {peer.connectedDuration !== null && <span className="sr-only"> ({peer.connectedDuration})</span>}
      </td>
      <td className={numberCell}>{formatCount(peer.routesReceived)}</td>
      <td className={numberCell}>{formatCount(peer.messagesSent)}</td>
      <td className={numberCell}>{formatCount(peer.messagesReceived)}</td>
      {signals && (
        <td className="px-2 py-1 max-xl:px-1">
          {peer.neighbor !== null && (
            <MaintenanceButton
              compact
              target={{ gatewayId: signals.gatewayId, neighbor: peer.neighbor, localAddress: peer.localAddress }}
              what={`peer ${peer.neighbor}${instance ? ` (${instance})` : ''} on ${gatewayName}`}
              maintenance={signals.maintenance}
            />
          )}
        </td>
      )}
    </tr>
  );
}
