import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { GatewayRoute } from '../../azure/gateway-routes';
import type { RouteSort, RouteSortKey } from '../../bgp/route-sort';
import { formatCount } from '../../lib/format';
import { routeColumns, type RouteKind } from './route-columns';
import { SortButton } from '../../components/sort-button';

const ROW_HEIGHT_PX = 32;
/** About 16 rows on screen: the table scrolls inside its box, the page keeps its tabs and counts in view. */
const BOX_HEIGHT_PX = 520;

interface RoutesTableProps {
  kind: RouteKind;
  routes: readonly GatewayRoute[];
  caption: string;
  sort: RouteSort;
  onSort: (key: RouteSortKey) => void;
  stale: boolean;
  emptyText: string;
}

/**
 * Every route, however many: only the rows in view are in the DOM (spacer rows keep the
 * scrollbar true), so 10,000 routes scroll like 20. A real table, so screen readers get
 * headers, with `aria-rowcount` / `aria-rowindex` saying where the visible rows sit.
 */
export function RoutesTable({ kind, routes, caption, sort, onSort, stale, emptyText }: RoutesTableProps) {
  const columns = routeColumns(kind);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer is read afresh on every render (scrolling re-renders this component), so
  // memoizing around it would gain nothing.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: routes.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

  return (
    <div
      ref={scrollRef}
      // Focusable so keyboard users can scroll it (axe: scrollable-region-focusable).
      tabIndex={0}
      role="region"
      aria-label={`${caption}, scrollable`}
      data-testid="routes-scroll"
      className="relative overflow-auto rounded border border-slate-700 focus-visible:outline-2 focus-visible:outline-sky-300"
      style={{ maxHeight: BOX_HEIGHT_PX }}
    >
      <table
        aria-rowcount={routes.length + 1}
        data-testid="routes-table"
        className={`w-full border-collapse text-left text-sm ${stale ? 'text-slate-400' : 'text-slate-100'}`}
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 z-10 bg-slate-900">
          <tr aria-rowindex={1} className="border-b border-slate-600 text-slate-300">
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                aria-sort={sort.key === column.key ? sort.direction : undefined}
                className={`px-2 py-1 font-semibold whitespace-nowrap ${column.numeric ? 'text-right' : ''}`}
              >
                <SortButton label={column.label} direction={sort.key === column.key ? sort.direction : null} onClick={() => onSort(column.key)} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true" style={{ height: before }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {items.map((item) => {
            const route = routes[item.index];
            if (!route) return null;
            return (
              <tr
                key={item.key}
                aria-rowindex={item.index + 2}
                data-testid="route-row"
                className="border-b border-slate-800 font-mono"
                style={{ height: ROW_HEIGHT_PX }}
              >
                {columns.map((column) => (
                  <td key={column.key} className={`px-2 whitespace-nowrap ${column.numeric ? 'text-right tabular-nums' : ''}`}>
                    {column.key === 'weight' ? formatCount(route.weight) : route[column.key] || <span className="text-slate-400">—</span>}
                  </td>
                ))}
              </tr>
            );
          })}
          {after > 0 && (
            <tr aria-hidden="true" style={{ height: after }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {routes.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="px-2 py-3 font-sans text-slate-300">
                {emptyText}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
