import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { GatewaySummary } from '../../azure/gateways';
import { gatewayHasBgp } from '../../bgp/gateway-bgp';

const ROW_HEIGHT = 48;

interface GatewayChoiceListProps {
  gateways: readonly GatewaySummary[];
  /** Lower-cased IDs of the chosen gateways. */
  chosen: ReadonlySet<string>;
  onToggle: (gatewayId: string, on: boolean) => void;
  subscriptionName: (subscriptionId: string) => string;
}

/**
 * One row per gateway with its checkbox, virtualised: hundreds of gateways draw only the rows in
 * view. A gateway with BGP off has no peers to poll, so it says so and cannot be chosen.
 */
export function GatewayChoiceList({ gateways, chosen, onToggle, subscriptionName }: GatewayChoiceListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Not memoised by the compiler: the virtualizer re-renders this list itself as it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: gateways.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  if (gateways.length === 0) return <p className="text-slate-300">No gateway matches the search and filters.</p>;
  return (
    <div
      ref={scrollRef}
      className="max-h-[60vh] overflow-auto rounded border border-slate-700"
      data-testid="gateway-choices"
      data-rows={gateways.length}
    >
      <ul aria-label="Gateways" className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const gateway = gateways[item.index];
          if (!gateway) return null;
          const bgp = gatewayHasBgp(gateway);
          const checkboxId = `choose-${item.index}`;
          return (
            <li
              key={gateway.id}
              data-testid="gateway-choice"
              data-gateway-id={gateway.id}
              aria-setsize={gateways.length}
              aria-posinset={item.index + 1}
              className="absolute inset-x-0 flex items-center gap-3 border-b border-slate-800 px-3 text-sm"
              style={{ top: item.start, height: ROW_HEIGHT }}
            >
              <input
                id={checkboxId}
                type="checkbox"
                className="size-4"
                checked={bgp && chosen.has(gateway.id.toLowerCase())}
                disabled={!bgp}
                onChange={(e) => onToggle(gateway.id, e.target.checked)}
              />
              <label htmlFor={checkboxId} className="w-64 truncate font-semibold text-white" title={gateway.id}>
                {gateway.name}
              </label>
              <span className="w-44 truncate text-slate-300">{gateway.resourceGroup}</span>
              <span className="w-52 truncate text-slate-300">{subscriptionName(gateway.subscriptionId)}</span>
              <span className="w-32 truncate text-slate-300">{gateway.location ?? '—'}</span>
              <span className="w-28 text-slate-300">{gateway.gatewayType === 'ExpressRoute' ? 'ExpressRoute' : gateway.gatewayType === 'Vpn' ? 'VPN' : '—'}</span>
              <span className="w-24 truncate text-slate-300">{gateway.sku ?? '—'}</span>
              <span className="w-28 text-slate-300">{gateway.activeActive ? 'active-active' : 'single'}</span>
              {bgp ? (
                <span className="text-slate-300">BGP{gateway.bgpAsn !== null ? ` AS ${gateway.bgpAsn}` : ''}</span>
              ) : (
                <span data-testid="bgp-off" className="font-semibold text-amber-200">
                  BGP off — not polled
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
