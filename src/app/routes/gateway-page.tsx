import { Link, useSearchParams } from 'wouter';
import { parseGatewayId } from '../../azure/resource-id';
import { summarizeError } from '../../bgp/error-summary';
import { peerRowKey } from '../../bgp/peer-identity';
import { parseIpAddress } from '../../bgp/route-prefix';
import { ErrorBoundary } from '../../components/error-boundary';
import type { AppConfig } from '../../config/app-config';
import { GatewayProperties } from '../../features/gateway/gateway-properties';
import { RouteTabs, routeTabFromParam } from '../../features/gateway/route-tabs';
import { AdvertisedRoutes, LearnedRoutes } from '../../features/gateway/routes-panel';
import { GatewayHistory, rangeIdFromParam, type RangeId } from '../../features/history/components/gateway-history';
import { GatewayPanel } from '../../features/peers/gateway-panel';
import { PeerTable } from '../../features/peers/peer-table';
import { RefreshStatus, StaleMarker, useStalePeers } from '../../features/peers/refresh-status';
import { useGatewayPeers, usePeerStatus } from '../../queries/get-bgp-peer-status';
import { useWatchedGateways, type WatchedGateway } from '../../queries/get-gateways';

/** `/gateway?id={resourceId}`: one gateway's properties, live peers and history; `&peer={ip}`: one peer and its routes. */
export default function GatewayPage({ config }: { config: AppConfig }) {
  const [params] = useSearchParams();
  const id = params.get('id') ?? '';
  const peer = params.get('peer');
  let problem: string | null = null;
  try {
    parseGatewayId(id);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (problem !== null) {
    return (
      <BadAddress title="This is not a gateway address" detail={problem}>
        <Link href="/" className="underline">
          Back to all gateways
        </Link>
      </BadAddress>
    );
  }
  if (peer !== null && parseIpAddress(peer) === null) {
    return (
      <BadAddress
        title="This is not a peer address"
        detail={`The peer “${peer.slice(0, 100)}” in the link is not an IPv4 or IPv6 address; a BGP peer is named by its neighbor IP address.`}
      >
        <Link href={gatewayHref(id)} className="underline">
          Back to the gateway {parseGatewayId(id).name}
        </Link>
      </BadAddress>
    );
  }
  return peer !== null ? (
    <PeerPage key={`${id}|${peer}`} gatewayId={id} neighbor={peer.trim()} config={config} />
  ) : (
    <GatewayPageFor key={id} gatewayId={id} config={config} />
  );
}

/** The history section's range in the URL (`range=`), so a shared link opens the same window. */
function useHistoryRange(): { range: RangeId | null; onRangeChange: (range: RangeId) => void } {
  const [params, setParams] = useSearchParams();
  return {
    range: rangeIdFromParam(params.get('range')),
    onRangeChange: (range) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        next.set('range', range);
        return next;
      }),
  };
}

function gatewayHref(gatewayId: string): string {
  return `/gateway?id=${encodeURIComponent(gatewayId)}`;
}

function peerHref(gatewayId: string, neighbor: string): string {
  return `${gatewayHref(gatewayId)}&peer=${encodeURIComponent(neighbor)}`;
}

function BadAddress({ title, detail, children }: { title: string; detail: string; children: React.ReactNode }) {
  return (
    <div role="alert" className="flex flex-col gap-2 rounded border-2 border-red-400 bg-red-950/70 p-4 text-red-50">
      <p className="font-bold">{title}</p>
      <p>{detail}</p>
      {children}
    </div>
  );
}

function useGateway(gatewayId: string, intervalMs: number): WatchedGateway {
  const gateways = useWatchedGateways([gatewayId], intervalMs);
  return gateways.data?.[0] ?? { id: gatewayId, name: parseGatewayId(gatewayId).name, summary: null, error: null };
}

function GatewayPageFor({ gatewayId, config }: { gatewayId: string; config: AppConfig }) {
  const intervalMs = config.pollingIntervalSeconds * 1000;
  const gateway = useGateway(gatewayId, intervalMs);
  const historyRange = useHistoryRange();
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb">
        <Link href="/" className="text-sky-300 underline-offset-4 hover:underline">
          ← All gateways
        </Link>
      </nav>
      <GatewayProperties summary={gateway.summary} error={gateway.error} />
      <ErrorBoundary resetAfterMs={60_000} fallback={(error) => <p role="alert">The peer table stopped drawing: {error.message}</p>}>
        <GatewayPanel gateway={gateway} intervalMs={intervalMs} />
        <PeerLinks gatewayId={gatewayId} intervalMs={intervalMs} />
      </ErrorBoundary>
      <ErrorBoundary resetAfterMs={60_000} fallback={(error) => <p role="alert">The history stopped drawing: {error.message}</p>}>
        <GatewayHistory
          gatewayId={gatewayId}
          gatewayName={gateway.name}
          intervalMs={intervalMs}
          retentionMs={config.historyRetentionHours * 3_600_000}
          activeActive={gateway.summary?.activeActive ?? false}
          {...historyRange}
        />
      </ErrorBoundary>
    </div>
  );
}

/** One link per neighbor (not per row: an active-active gateway lists each neighbor twice). */
function PeerLinks({ gatewayId, intervalMs }: { gatewayId: string; intervalMs: number }) {
  const peers = useGatewayPeers(gatewayId, intervalMs).data;
  const neighbors = [...new Set((peers ?? []).flatMap((p) => (p.neighbor ? [p.neighbor] : [])))];
  if (neighbors.length === 0) return null;
  return (
    <nav aria-label="Peer pages" className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
      <span className="text-slate-300">Routes and history of one peer:</span>
      {neighbors.map((neighbor) => (
        <Link key={neighbor} href={peerHref(gatewayId, neighbor)} className="font-mono text-sky-300 underline underline-offset-2">
          {neighbor}
        </Link>
      ))}
    </nav>
  );
}

function PeerPage({ gatewayId, neighbor, config }: { gatewayId: string; neighbor: string; config: AppConfig }) {
  const intervalMs = config.pollingIntervalSeconds * 1000;
  const gateway = useGateway(gatewayId, intervalMs);
  const historyRange = useHistoryRange();
  const [params, setParams] = useSearchParams();
  const tab = routeTabFromParam(params.get('tab'));
  const rows = usePeerStatus(gatewayId, neighbor, intervalMs);
  const failure = rows.error ? summarizeError(rows.error) : null;
  const stale = useStalePeers(rows.dataUpdatedAt, failure, intervalMs) && rows.data !== undefined;
  const notAPeer = rows.data !== undefined && rows.data.length === 0;
  // History opens on this peer's first instance (its row choice lists each instance); it is drawn
  // again once, when the peer's rows first arrive and name that instance.
  const firstRow = rows.data?.[0];
  const historyPeer = firstRow ? peerRowKey(firstRow.localAddress, firstRow.neighbor) : undefined;

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="flex flex-wrap gap-x-2">
        <Link href="/" className="text-sky-300 underline-offset-4 hover:underline">
          All gateways
        </Link>
        <span aria-hidden="true" className="text-slate-400">›</span>
        <Link href={gatewayHref(gatewayId)} className="text-sky-300 underline-offset-4 hover:underline">
          {gateway.name}
        </Link>
      </nav>
      <section aria-labelledby="peer-heading" data-testid="peer-rows" className="flex flex-col gap-3 rounded-lg border-2 border-slate-700 bg-slate-900 p-4">
        <header className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2">
          <h2 id="peer-heading" className="text-xl font-bold text-white">
            Peer <span className="font-mono">{neighbor}</span> of {gateway.name}
          </h2>
          {rows.data !== undefined && (
            <RefreshStatus dataUpdatedAt={rows.dataUpdatedAt} failure={failure} isFetching={rows.isFetching} intervalMs={intervalMs} />
          )}
        </header>
        {rows.data !== undefined && (
          <StaleMarker dataUpdatedAt={rows.dataUpdatedAt} failure={failure} isFetching={rows.isFetching} intervalMs={intervalMs} />
        )}
        {notAPeer ? (
          <div role="alert" data-testid="not-a-peer" className="flex flex-col gap-1 rounded border-2 border-amber-300 bg-amber-950/60 p-3 text-amber-50">
            <p className="font-bold">
              {neighbor} is not a BGP peer of {gateway.name}
            </p>
            <p>getBgpPeerStatus with peer={neighbor} answered with no rows: the gateway has no session with this address.</p>
            <Link href={gatewayHref(gatewayId)} className="underline">
              See the peers of {gateway.name}
            </Link>
          </div>
        ) : rows.data !== undefined ? (
          <div data-stale={stale} className={stale ? 'border-l-4 border-dashed border-amber-400 pl-2' : undefined}>
            <PeerTable peers={rows.data} gatewayName={gateway.name} activeActive={gateway.summary?.activeActive ?? false} stale={stale} />
          </div>
        ) : failure ? (
          <p role="alert" className="rounded border-2 border-red-400 bg-red-950/70 p-3 text-red-50">
            Could not read this peer: {failure.headline}. {failure.code} — {failure.message}
          </p>
        ) : (
          <p role="status" className="text-slate-300">
            Reading this peer… getBgpPeerStatus is a long-running Azure operation and can take a minute.
          </p>
        )}
      </section>

      {!notAPeer && (
        <section aria-label="Routes" className="flex flex-col gap-2">
          <ErrorBoundary resetAfterMs={60_000} fallback={(error) => <p role="alert">The routes stopped drawing: {error.message}</p>}>
            <RouteTabs
              tab={tab}
              onSelect={(kind) =>
                setParams((current) => {
                  const next = new URLSearchParams(current);
                  next.set('tab', kind);
                  return next;
                })
              }
            >
              {tab === 'learned' ? (
                <LearnedRoutes gatewayId={gatewayId} gatewayName={gateway.name} neighbor={neighbor} />
              ) : (
                <AdvertisedRoutes gatewayId={gatewayId} gatewayName={gateway.name} neighbor={neighbor} />
              )}
            </RouteTabs>
          </ErrorBoundary>
        </section>
      )}

      <ErrorBoundary resetAfterMs={60_000} fallback={(error) => <p role="alert">The history stopped drawing: {error.message}</p>}>
        <GatewayHistory
          key={historyPeer ?? 'gateway'}
          gatewayId={gatewayId}
          gatewayName={gateway.name}
          intervalMs={intervalMs}
          retentionMs={config.historyRetentionHours * 3_600_000}
          activeActive={gateway.summary?.activeActive ?? false}
          {...(historyPeer ? { initialSelection: historyPeer } : {})}
          {...historyRange}
        />
      </ErrorBoundary>
    </div>
  );
}
