/** A sortable column of a table: its sort key, its header, and whether its values are numbers (right-aligned). */
export interface SortableColumn<Key extends string> {
  key: Key;
  label: string;
  numeric?: boolean;
  /** Drawn only from a medium screen up (a phone keeps the columns without it). */
  wide?: boolean;
}

/**
 * A sortable column's header button, shared by every table (peers, the fleet view, routes): its
 * label, then ▲ / ▼ on the column the rows are sorted by. The `<th>` around it says `aria-sort`.
 */
export function SortButton({
  label,
  direction,
  numeric = false,
  onClick,
}: {
  label: string;
  /** The rows' direction when they are sorted by this column; null otherwise. */
  direction: 'ascending' | 'descending' | null;
  numeric?: boolean;
  onClick: () => void;
}) {
  return (
    <button type="button" onClick={onClick} className={`inline-flex items-center gap-1 hover:text-white ${numeric ? 'text-right' : 'text-left'}`}>
      {label}
      <span aria-hidden="true" className="w-3 text-sky-300">
        {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
      </span>
    </button>
  );
}
