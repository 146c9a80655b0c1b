import { memo, useId } from 'react';
import { Link } from 'wouter';
import type { GatewaySummary } from '../../azure/gateways';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { formatDuration } from '../../lib/format';
import { summarizeError, type ErrorSummary } from '../../bgp/error-summary';
import type { WatchedGateway } from '../../queries/get-gateways';
import { PeerTable } from './peer-table';
import { RefreshStatus, StaleMarker, useStalePeers } from './refresh-status';
import { useGatewayPeers } from '../../queries/get-bgp-peer-status';
import type { ConditionContext } from '../../bgp/peer-condition';
import { MaintenanceButton } from '../../components/maintenance-button';
import type { Maintenance } from '../../components/use-maintenance';

interface GatewayPanelProps {
  gateway: WatchedGateway;
  intervalMs: number;
  /** Which peers are not trying or expected down, and the maintenance windows to change. */
  signals?: { conditions: ConditionContext; maintenance: Maintenance };
  /** With onToggle, the panel can fold to its header; folded, it draws no peer table (200 gateways stay cheap). */
  collapsed?: boolean;
  onToggle?: (gatewayId: string) => void;
}

/**
 * One gateway: its facts, its peers, and how fresh they are. Data first: a failed refresh keeps
 * the last peers. Memoised: one gateway's answer re-renders that panel, not its 199 neighbours.
 */
export const GatewayPanel = memo(function GatewayPanel({ gateway, intervalMs, signals, collapsed = false, onToggle }: GatewayPanelProps) {
  const peers = useGatewayPeers(gateway.id, intervalMs);
  if (collapsed && onToggle) return <CollapsedPanel gateway={gateway} peers={peers.data} error={peers.error} onToggle={onToggle} />;
  return <ExpandedPanel gateway={gateway} intervalMs={intervalMs} signals={signals} peers={peers} onToggle={onToggle} />;
});

function ToggleButton({ gateway, expanded, onToggle, controls }: { gateway: WatchedGateway; expanded: boolean; onToggle: (id: string) => void; controls?: string }) {
  return (
    <button
      type="button"
      aria-expanded={expanded}
      aria-controls={controls}
      onClick={() => onToggle(gateway.id)}
      className="shrink-0 rounded border border-slate-500 px-2 py-0.5 text-sm text-slate-100 hover:border-slate-200"
    >
      <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {expanded ? 'Hide peers' : 'Show peers'}
      <span className="sr-only"> of {gateway.name}</span>
    </button>
  );
}

/** The folded panel: name, how many peers are down, and whether its refresh fails. No clock ticks here. */
function CollapsedPanel({ gateway, peers, error, onToggle }: { gateway: WatchedGateway; peers: readonly BgpPeer[] | undefined; error: unknown; onToggle: (id: string) => void }) {
  const headingId = useId();
  const down = peers?.filter((peer) => peer.state !== 'Connected').length ?? 0;
  return (
    <section
      data-testid="gateway-panel"
      data-gateway-id={gateway.id}
      data-collapsed="true"
      aria-labelledby={headingId}
      className={`flex min-w-0 flex-wrap items-center gap-x-4 gap-y-1 rounded-lg border-2 bg-slate-900 px-4 py-2 ${error ? 'border-amber-400' : 'border-slate-700'}`}
    >
      <ToggleButton gateway={gateway} expanded={false} onToggle={onToggle} />
      <h2 id={headingId} className="text-lg font-bold text-white">
        <Link href={`/gateway?id=${encodeURIComponent(gateway.id)}`} className="underline-offset-4 hover:underline focus-visible:underline">
          {gateway.name}
        </Link>
      </h2>
      <p className="text-slate-300 tabular-nums">
        {peers === undefined ? (error ? '' : 'waiting for the first peer status') : `${peers.length} ${peers.length === 1 ? 'peer' : 'peers'}`}
        {down > 0 && <span className="ml-2 font-semibold text-red-300">{down} not Connected</span>}
      </p>
      {error !== null && error !== undefined && (
        <p className="font-semibold text-amber-200">Refresh failing: {summarizeError(error).code}</p>
      )}
    </section>
  );
}

interface ExpandedPanelProps {
  gateway: WatchedGateway;
  intervalMs: number;
  signals: GatewayPanelProps['signals'];
  peers: ReturnType<typeof useGatewayPeers>;
  onToggle: GatewayPanelProps['onToggle'];
}

function ExpandedPanel({ gateway, intervalMs, signals, peers, onToggle }: ExpandedPanelProps) {
  const headingId = useId();
  const bodyId = useId();
  const failure = peers.error ? summarizeError(peers.error) : null;
  const stale = useStalePeers(peers.dataUpdatedAt, failure, intervalMs) && peers.data !== undefined;

  return (
    <section
      data-testid="gateway-panel"
      data-gateway-id={gateway.id}
      aria-labelledby={headingId}
      // min-w-0: as a grid item the panel would otherwise grow to its widest cell and push the page sideways.
      className={`flex min-w-0 flex-col gap-3 rounded-lg border-2 bg-slate-900 p-4 ${
        failure ? 'border-amber-400' : 'border-slate-700'
      }`}
    >
      <header className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2">
        <div className="flex min-w-0 flex-col gap-1">
          {onToggle && (
            <div>
              <ToggleButton gateway={gateway} expanded onToggle={onToggle} controls={peers.data !== undefined ? bodyId : undefined} />
            </div>
          )}
          <h2 id={headingId} className="text-xl font-bold text-white">
            <Link
              href={`/gateway?id=${encodeURIComponent(gateway.id)}`}
              className="underline-offset-4 hover:underline focus-visible:underline"
              title="History, charts and events of this gateway"
            >
              {gateway.name}
            </Link>
          </h2>
          <GatewayFacts gateway={gateway} />
          {signals && (
            <div>
              <MaintenanceButton
                target={{ gatewayId: gateway.id, neighbor: null, localAddress: null }}
                what={`gateway ${gateway.name}`}
                maintenance={signals.maintenance}
              />
            </div>
          )}
        </div>
        {peers.data !== undefined && (
          <RefreshStatus
            dataUpdatedAt={peers.dataUpdatedAt}
            failure={failure}
            isFetching={peers.isFetching}
            intervalMs={intervalMs}
          />
        )}
      </header>
      {peers.data !== undefined && (
        <StaleMarker dataUpdatedAt={peers.dataUpdatedAt} failure={failure} isFetching={peers.isFetching} intervalMs={intervalMs} />
      )}

      {peers.data !== undefined ? (
        // Stale peers are dimmed by a quieter text colour, never by opacity (which would take the
        // text below 4.5:1), and set apart by a dashed amber rule.
        <div id={bodyId} data-testid="panel-peers" data-stale={stale} className={stale ? 'border-l-4 border-dashed border-amber-400 pl-2' : undefined}>
          <PeerTable
            stale={stale}
            peers={peers.data}
            gatewayName={gateway.name}
            activeActive={gateway.summary?.activeActive ?? false}
            signals={signals && { gatewayId: gateway.id, ...signals }}
          />
        </div>
      ) : failure ? (
        <GatewayError failure={failure} intervalMs={intervalMs} />
      ) : (
        <p role="status" className="text-slate-300">
          Waiting for the first peer status… getBgpPeerStatus is a long-running Azure operation and can take a
          minute.
        </p>
      )}
    </section>
  );
}

function GatewayFacts({ gateway }: { gateway: WatchedGateway }) {
  const { summary } = gateway;
  if (!summary) {
    return gateway.error ? (
      <p className="text-sm text-amber-200">
        Gateway details unavailable: {summarizeError(gateway.error).headline}. {summarizeError(gateway.error).code} —{' '}
        {summarizeError(gateway.error).message}
      </p>
    ) : null;
  }
  return (
    <p className="flex flex-wrap gap-x-3 text-sm text-slate-300">
      {describeGateway(summary).map((fact) => (
        <span key={fact}>{fact}</span>
      ))}
    </p>
  );
}

/** The facts an engineer checks first, in their words: "VPN", "VpnGw2", "ASN 65515", "active-active". */
export function describeGateway(summary: GatewaySummary): string[] {
  const facts: string[] = [];
  if (summary.gatewayType) facts.push(summary.gatewayType === 'Vpn' ? 'VPN' : summary.gatewayType);
  if (summary.sku) facts.push(summary.sku);
  if (summary.vpnType) facts.push(summary.vpnType);
  if (summary.bgpAsn !== null) facts.push(`ASN ${summary.bgpAsn}`);
  facts.push(summary.activeActive ? 'active-active' : 'single instance');
  if (!summary.enableBgp) facts.push('BGP disabled');
  if (summary.location) facts.push(summary.location);
  facts.push(summary.resourceGroup);
  return facts;
}

function GatewayError({ failure, intervalMs }: { failure: ErrorSummary; intervalMs: number }) {
  return (
    <div role="alert" className="rounded border-2 border-red-400 bg-red-950/70 p-3 text-red-50">
      <p className="font-bold">Could not read the BGP peers of this gateway: {failure.headline}</p>
      <p className="mt-1 break-words">
        <code className="font-mono font-semibold">{failure.code}</code> — {failure.message}
      </p>
      <p className="mt-1 text-sm text-red-200">
        Trying again automatically every {formatDuration(intervalMs / 1000)}
        {failure.requestId ? ` · request ID ${failure.requestId}` : ''}.
      </p>
    </div>
  );
}
