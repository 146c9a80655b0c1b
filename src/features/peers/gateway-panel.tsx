import { useId } from 'react';
import { Link } from 'wouter';
import type { GatewaySummary } from '../../azure/gateways';
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
}

/** One gateway: its facts, its peers, and how fresh they are. Data first: a failed refresh keeps the last peers. */
export function GatewayPanel({ gateway, intervalMs, signals }: GatewayPanelProps) {
  const headingId = useId();
  const peers = useGatewayPeers(gateway.id, intervalMs);
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
      <header className="flex items-start justify-between gap-x-6 gap-y-2">
        <div className="flex min-w-0 flex-col gap-1">
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
        <div data-testid="panel-peers" data-stale={stale} className={stale ? 'border-l-4 border-dashed border-amber-400 pl-2' : undefined}>
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
