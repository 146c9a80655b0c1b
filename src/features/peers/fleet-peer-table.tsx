import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import { Link } from 'wouter';
import { type FleetPeerRow, type FleetSort, type FleetSortKey } from '../../bgp/fleet-peers';
import { isPrivateAsn } from '../../bgp/asn';
import { peerDataAttributes } from '../../bgp/peer-identity';
import { PeerStateBadge } from '../../components/peer-state-badge';
import { formatCount, formatDuration } from '../../lib/format';
import { SortButton, type SortableColumn } from '../../components/sort-button';

/** Priority columns: State, Gateway and Neighbor stay on a phone; the rest from this width up. */
type Column = SortableColumn<FleetSortKey>;

// State first: at 390 px wide it is the column a phone must still show for every row.
const COLUMNS: readonly Column[] = [
  { key: 'state', label: 'State' },
  { key: 'gateway', label: 'Gateway' },
  { key: 'neighbor', label: 'Neighbor' },
  { key: 'instance', label: 'Instance', wide: true },
  { key: 'asn', label: 'ASN', wide: true },
  { key: 'connected', label: 'Connected for', numeric: true, wide: true },
  { key: 'routesReceived', label: 'Routes received', numeric: true, wide: true },
  { key: 'messagesSent', label: 'Messages sent', numeric: true, wide: true },
  { key: 'messagesReceived', label: 'Messages received', numeric: true, wide: true },
];
const WIDE_ONLY = 'hidden md:table-cell';
const ROW_HEIGHT_PX = 37;
// About 14 rows: the fleet view and its controls fit the first screen at 1440×900 with the summary above.
const MAX_HEIGHT = 'max-h-[min(60vh,34rem)]';

interface FleetPeerTableProps {
  rows: readonly FleetPeerRow[];
  /** Peer rows with data across the fleet, before any filter (the bench reads it). */
  totalRows: number;
  sort: FleetSort;
  onSort: (key: FleetSortKey) => void;
  /** Shown in place of rows when none match. */
  empty: string;
}

/**
 * Every peer of every watched gateway in one table, virtualised: 1,600 rows cost the DOM of the
 * 20 in view. Real table semantics (the virtual window is padded with two spacer rows), so screen
 * readers announce columns; the scroll box is focusable so the keyboard scrolls it.
 */
export function FleetPeerTable({ rows, totalRows, sort, onSort, empty }: FleetPeerTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The library's mutable virtualiser is used as documented; React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 8,
    getItemKey: (index) => rows[index]?.key ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;

  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label="Peers across the fleet, scrollable"
      data-testid="fleet-peer-scroll"
      className={`relative ${MAX_HEIGHT} overflow-auto rounded border border-slate-700 focus-visible:outline-2 focus-visible:outline-sky-300`}
    >
      <table
        data-testid="fleet-peer-table"
        data-peer-rows={totalRows}
        data-shown-rows={rows.length}
        aria-rowcount={rows.length + 1}
        className="w-full border-collapse text-left max-xl:text-sm"
      >
        <caption className="sr-only">BGP peers of every watched gateway, {rows.length} shown</caption>
        <thead className="sticky top-0 z-10 bg-slate-900">
          <tr className="border-b border-slate-600 text-sm text-slate-300">
            {COLUMNS.map((column) => (
              <th
                key={column.key}
                scope="col"
                aria-sort={sort.key === column.key ? sort.direction : undefined}
                className={`px-2 py-1 max-xl:px-1 font-semibold ${column.numeric ? 'text-right' : ''} ${column.wide ? WIDE_ONLY : ''}`}
              >
                <SortButton
                  label={column.label}
                  direction={sort.key === column.key ? sort.direction : null}
                  numeric={column.numeric ?? false}
                  onClick={() => onSort(column.key)}
                />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {before > 0 && <tr aria-hidden="true" style={{ height: before }} />}
          {items.map((item) => {
            const row = rows[item.index];
            return row ? <FleetRow key={item.key} row={row} index={item.index} measure={virtualizer.measureElement} /> : null;
          })}
          {after > 0 && <tr aria-hidden="true" style={{ height: after }} />}
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length} data-testid="fleet-empty" className="px-3 py-4 text-lg text-slate-200">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

const ROW_TONE: Record<FleetPeerRow['peer']['state'], string> = {
  Connected: '',
  Connecting: 'bg-amber-950/40 shadow-[inset_4px_0_0_var(--color-amber-300)]',
  Idle: 'bg-red-950/50 shadow-[inset_4px_0_0_var(--color-orange-400)]',
  Stopped: 'bg-red-950/50 shadow-[inset_4px_0_0_var(--color-red-500)]',
  Unknown: 'bg-slate-800/60 shadow-[inset_4px_0_0_var(--color-slate-400)]',
};
const numberCell = `px-2 py-1 max-xl:px-1 text-right tabular-nums whitespace-nowrap ${WIDE_ONLY}`;

// Garbage from the service (the panel's row says what was wrong) is cut so one value cannot widen the table.
const MAX_ADDRESS_SHOWN = 64;
function shortened(text: string): string {
  return text.length > MAX_ADDRESS_SHOWN ? `${text.slice(0, MAX_ADDRESS_SHOWN)}…` : text;
}

const FleetRow = memo(function FleetRow({ row, index, measure }: { row: FleetPeerRow; index: number; measure: (node: Element | null) => void }) {
  const { peer } = row;
  const gatewayHref = `/gateway?id=${encodeURIComponent(row.gatewayId)}`;
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      data-testid="fleet-peer-row"
      data-gateway-id={row.gatewayId}
      data-gateway-name={row.gatewayName}
      {...peerDataAttributes(peer)}
      data-state={peer.state}
      data-condition={row.condition?.kind}
      data-alerted={row.alerted}
      className={`border-b border-slate-800 ${row.condition ? 'shadow-[inset_4px_0_0_var(--color-slate-400)]' : ROW_TONE[peer.state]}`}
    >
      <td className="px-2 py-1 max-xl:px-1">
        <PeerStateBadge state={peer.state} rawState={peer.rawState} condition={row.condition} />
        {row.alerted && peer.state === 'Connected' && <span className="ml-1 text-sm text-amber-200">alert</span>}
      </td>
      {/* Room for a whole name from 1280 px up (in three lines it doubled every row); it wraps below. */}
      <td className="px-2 py-1 max-xl:px-1 [overflow-wrap:anywhere] xl:min-w-40">
        <Link href={gatewayHref} className="text-sky-300 underline-offset-2 hover:underline">
          {row.gatewayName}
        </Link>
      </td>
      <td className="px-2 py-1 max-xl:px-1 font-mono whitespace-nowrap">
        {peer.neighbor === null ? (
          '—'
        ) : (
          <Link href={`${gatewayHref}&peer=${encodeURIComponent(peer.neighbor)}`} className="text-sky-300 underline-offset-2 hover:underline">
            {shortened(peer.neighbor)}
          </Link>
        )}
      </td>
      <td className={`px-2 py-1 max-xl:px-1 whitespace-nowrap ${WIDE_ONLY}`}>
        {row.instance ? (
          <>
            {row.instance} <span className="font-mono text-sm text-slate-400 max-xl:block">{shortened(peer.localAddress ?? '')}</span>
          </>
        ) : (
          <span className="font-mono">{peer.localAddress === null ? '—' : shortened(peer.localAddress)}</span>
        )}
      </td>
      <td className={`px-2 py-1 max-xl:px-1 whitespace-nowrap tabular-nums ${WIDE_ONLY}`}>
        {peer.asn === null ? (
          '—'
        ) : (
          <>
            {peer.asn} <span className="rounded bg-slate-800 px-1 text-xs text-slate-300 max-xl:table">{isPrivateAsn(peer.asn) ? 'private' : 'public'}</span>
          </>
        )}
      </td>
      <td className={numberCell}>{formatDuration(peer.connectedSeconds)}</td>
      <td className={numberCell}>{formatCount(peer.routesReceived)}</td>
      <td className={numberCell}>{formatCount(peer.messagesSent)}</td>
      <td className={numberCell}>{formatCount(peer.messagesReceived)}</td>
    </tr>
  );
});
