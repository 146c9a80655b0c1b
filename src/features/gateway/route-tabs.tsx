import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { RouteKind } from './route-columns';

const TABS: readonly { kind: RouteKind; label: string }[] = [
  { kind: 'learned', label: 'Learned routes' },
  { kind: 'advertised', label: 'Advertised routes' },
];

interface RouteTabsProps {
  /** The open tab, from the URL; null: none open yet (nothing is read until one is). */
  tab: RouteKind | null;
  onSelect: (kind: RouteKind) => void;
  /** The open tab's content; only that panel is rendered, so only its routes are read. */
  children: ReactNode;
}

/** WAI-ARIA tabs (automatic activation, arrow keys, Home / End); the open tab lives in the URL. */
export function RouteTabs({ tab, onSelect, children }: RouteTabsProps) {
  const baseId = useId();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const focusable = tab ?? 'learned';

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = TABS.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    const target = next === null ? undefined : TABS[next];
    if (!target) return;
    event.preventDefault();
    tabRefs.current[next ?? 0]?.focus();
    onSelect(target.kind);
  };

  return (
    <div className="flex flex-col gap-3">
      <div role="tablist" aria-label="Routes of this peer" className="flex gap-1 border-b border-slate-600">
        {TABS.map(({ kind, label }, index) => {
          const selected = tab === kind;
          return (
            <button
              key={kind}
              ref={(element) => {
                tabRefs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${kind}`}
              aria-selected={selected}
              aria-controls={selected ? `${baseId}-panel` : undefined}
              tabIndex={kind === focusable ? 0 : -1}
              onClick={() => onSelect(kind)}
              onKeyDown={(event) => onKeyDown(event, index)}
              className={`-mb-px rounded-t border-x border-t px-4 py-2 font-semibold ${
                selected ? 'border-slate-500 bg-slate-900 text-white' : 'border-transparent text-slate-300 hover:text-white'
              }`}
            >
              {label}
            </button>
          );
        })}
      </div>
      {tab ? (
        <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${tab}`}>
          {children}
        </div>
      ) : (
        <p className="text-slate-300">
          Open a tab to read this peer&apos;s routes. Each is a long-running Azure operation, read only when asked for.
        </p>
      )}
    </div>
  );
}

/** The `tab` URL parameter, or null when it names no tab. */
export function routeTabFromParam(value: string | null): RouteKind | null {
  return value === 'learned' || value === 'advertised' ? value : null;
}
