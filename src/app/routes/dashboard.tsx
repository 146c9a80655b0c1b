import { ErrorBoundary } from '../../components/error-boundary';
import type { AppConfig } from '../../config/app-config';
import { summarizeError } from '../../bgp/error-summary';
import { ArmBudgetNotice } from '../../features/budget/arm-budget';
import { FleetSummary } from '../../features/peers/fleet-summary';
import { GatewayPanel } from '../../features/peers/gateway-panel';
import { usePeersPrefetch } from '../../queries/get-bgp-peer-status';
import { useWatchedGateways, type WatchedGateway } from '../../queries/get-gateways';
import { lazy, memo, Suspense, useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useSearchParams } from 'wouter';
import type { FleetSort, FleetStateFilter } from '../../bgp/fleet-peers';
import { FleetPeersView, FLEET_PEERS_ID } from '../../features/peers/fleet-peers-view';
import { SkipToPeers } from '../../features/peers/skip-to-peers';
import { useFleetRows } from '../../features/peers/use-fleet-rows';
import {
  panelsCollapsedFor,
  problemsOnlyFor,
  readDashboardView,
  writeDashboardView,
  type DashboardView,
} from '../../features/peers/dashboard-params';
import { alertsToShow, type ConditionContext } from '../../bgp/peer-condition';
import type { PeerAlert } from '../../bgp/peer-signals';
import { RUNNING_WINDOWS_ONLY, useMaintenance, type Maintenance } from '../../components/use-maintenance';
import { DashboardAlerts } from '../../features/peers/dashboard-alerts';
import { usePeerSignals } from '../../queries/use-peer-signals';
import { WatchListNotice } from '../../features/picker/watch-list-notice';

const PANEL_RECOVERY_MS = 60_000;
// Below the peers, not needed for the first screen: loaded beside the first data.
const RecentEvents = lazy(() => import('../../features/history/components/recent-events').then((module) => ({ default: module.RecentEvents })));
const ArmBudgetPanel = lazy(() => import('../../features/budget/arm-budget-panel').then((module) => ({ default: module.ArmBudgetPanel })));
const NO_GATEWAYS: WatchedGateway[] = [];
const NO_IDS: ReadonlySet<string> = new Set();

/**
 * The view in the URL: a toggle, a badge or a sort is a history entry (back undoes it); typing
 * in the search box replaces the entry so back does not step through every keystroke.
 */
function useDashboardView(): [DashboardView, (change: Partial<DashboardView>, options?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readDashboardView(params), [params]);
  const change = useCallback(
    (next: Partial<DashboardView>, options?: { replace?: boolean }) => setParams((current) => writeDashboardView(current, next), options),
    [setParams],
  );
  return [view, change];
}

export function Dashboard({ config }: { config: AppConfig }) {
  const intervalMs = config.pollingIntervalSeconds * 1000;
  // The first polls start as the list arrives, before React draws the page of 200 panels for it.
  const prefetchPeers = usePeersPrefetch(intervalMs);
  const gateways = useWatchedGateways(config.gateways, intervalMs, { watchList: true, onArrival: prefetchPeers });
  // And any gateway of the list the cache has not seen, however the list came (from the cache).
  if (gateways.data !== undefined) prefetchPeers(gateways.data);
  // Alerts and "not trying" are derived here, from every poll the panels make, and handed down.
  const { signals, snapshot } = usePeerSignals(gateways.data ?? NO_GATEWAYS);
  const maintenance = useMaintenance();
  const conditions = useMemo<ConditionContext>(
    () => ({ notTrying: snapshot.notTrying, windows: maintenance.windows, nowMs: RUNNING_WINDOWS_ONLY }),
    [snapshot.notTrying, maintenance.windows],
  );
  const panelSignals = useMemo(() => ({ conditions, maintenance }), [conditions, maintenance]);
  const alerts = useMemo(() => alertsToShow(snapshot.alerts, maintenance.windows, RUNNING_WINDOWS_ONLY), [snapshot.alerts, maintenance.windows]);
  const acknowledge = useCallback(() => signals.acknowledge(), [signals]);
  const names = useMemo(() => new Map((gateways.data ?? []).map((g) => [g.id.toLowerCase(), g.name])), [gateways.data]);
  const gatewayName = useCallback((id: string) => names.get(id.toLowerCase()) ?? id.split('/').at(-1) ?? id, [names]);
  const [view, change] = useDashboardView();
  const gatewayCount = gateways.data?.length ?? 0;
  const allCollapsed = panelsCollapsedFor(view, gatewayCount);
  // Panels toggled away from the default, until the default changes ("Show all" / "Hide all").
  const [toggled, setToggled] = useState<{ base: boolean; ids: ReadonlySet<string> }>({ base: allCollapsed, ids: new Set() });
  const toggledIds = toggled.base === allCollapsed ? toggled.ids : NO_IDS;
  const onToggle = useCallback(
    (id: string) =>
      setToggled((current) => {
        const ids = new Set(current.base === allCollapsed ? current.ids : NO_IDS);
        if (!ids.delete(id)) ids.add(id);
        return { base: allCollapsed, ids };
      }),
    [allCollapsed],
  );

  // The page for a new list (200 panels, the fleet table, the counts) is drawn in a render React
  // can pause: the first polls' answers are read meanwhile, so their next steps (a status poll
  // Retry-After later) are not held back by however long the drawing takes.
  const shown = useDeferredValue(gateways.data ?? NO_GATEWAYS, NO_GATEWAYS);

  const watchListNotice = <WatchListNotice configuredIds={config.gateways} intervalMs={intervalMs} />;
  if (gateways.data === undefined) {
    if (gateways.error) {
      const { code, message } = summarizeError(gateways.error);
      return (
        <div role="alert" className="rounded border-2 border-red-400 bg-red-950/70 p-4 text-red-50">
          <p className="font-bold">Could not find the gateways to watch</p>
          <p className="mt-1">
            <code className="font-semibold">{code}</code> — {message}
          </p>
          <p className="mt-1 text-sm text-red-200">Trying again automatically.</p>
        </div>
      );
    }
    return (
      <p role="status" className="text-slate-300">
        Finding virtual network gateways…
      </p>
    );
  }

  const list = gateways.data;
  const drawing = shown === NO_GATEWAYS && list.length > 0;
  return (
    <div className="flex flex-col gap-4">
      <SkipToPeers targetId={FLEET_PEERS_ID} />
      {watchListNotice}
      {/* A moment's note (a render, not a wait on Azure): no live region to announce it. The
          counts and the fleet table wait for it: drawn for no gateways they would say "0 peers". */}
      {drawing ? (
        <p className="text-slate-300">Drawing {list.length} gateways…</p>
      ) : (
        <FleetSummary
          gatewayIds={shown.map((g) => g.id)}
          intervalMs={intervalMs}
          conditions={conditions}
          stateFilter={view.state}
          onStateFilter={(state: FleetStateFilter | null) => change({ state })}
        />
      )}
      {/* Why some data waits (ARM throttling) is said before the data it explains. */}
      <ArmBudgetNotice />
      {drawing ? null : <FleetProblems gateways={shown} intervalMs={intervalMs} conditions={conditions} alerts={alerts} view={view} change={change} />}
      <DashboardAlerts
        alerts={alerts}
        onAcknowledge={acknowledge}
        maintenance={maintenance.saved}
        onEndMaintenance={maintenance.remove}
        gatewayName={gatewayName}
      />
      {gateways.error !== null && (
        <p role="status" className="text-amber-200">
          The gateway list could not be refreshed ({summarizeError(gateways.error).code}); showing the last one.
        </p>
      )}
      {list.length === 0 && (
        <p className="text-slate-300">No virtual network gateways found in the subscriptions this account can read.</p>
      )}
      {list.length > 0 && (
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="text-lg font-bold text-white">Gateways</h2>
          <button type="button" onClick={() => change({ collapsed: false })} className="rounded border border-slate-500 px-2 py-0.5 text-sm text-slate-100 hover:border-slate-200">
            Show every gateway's peers
          </button>
          <button type="button" onClick={() => change({ collapsed: true })} className="rounded border border-slate-500 px-2 py-0.5 text-sm text-slate-100 hover:border-slate-200">
            Hide every gateway's peers
          </button>
        </div>
      )}
      <GatewayPanels gateways={shown} intervalMs={intervalMs} signals={panelSignals} allCollapsed={allCollapsed} toggledIds={toggledIds} onToggle={onToggle} />
      <ErrorBoundary resetAfterMs={PANEL_RECOVERY_MS} fallback={() => null}>
        <Suspense fallback={null}>
          <RecentEvents />
        </Suspense>
      </ErrorBoundary>
      <ErrorBoundary resetAfterMs={PANEL_RECOVERY_MS} fallback={() => null}>
        <Suspense fallback={null}>
          <ArmBudgetPanel />
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}

interface FleetProblemsProps {
  gateways: readonly WatchedGateway[];
  intervalMs: number;
  conditions: ConditionContext;
  alerts: readonly PeerAlert[];
  view: DashboardView;
  change: (change: Partial<DashboardView>, options?: { replace?: boolean }) => void;
}

/** The fleet view with its own subscription to every gateway's peers: a poll answer re-renders it, not the page. */
function FleetProblems({ gateways, intervalMs, conditions, alerts, view, change }: FleetProblemsProps) {
  const fleet = useFleetRows(gateways, intervalMs, conditions, alerts);
  return (
    <FleetPeersView
      rows={fleet.rows}
      gatewayCount={gateways.length}
      gatewaysWithData={fleet.gatewaysWithData}
      query={view.query}
      problemsOnly={problemsOnlyFor(view, gateways.length)}
      state={view.state}
      sort={view.sort}
      onQuery={(query) => change({ query }, { replace: true })}
      onProblemsOnly={(problems) => change({ problems })}
      onState={(state) => change({ state })}
      onSort={(sort: FleetSort) => change({ sort })}
    />
  );
}

interface GatewayPanelsProps {
  gateways: readonly WatchedGateway[];
  intervalMs: number;
  signals: { conditions: ConditionContext; maintenance: Maintenance };
  allCollapsed: boolean;
  toggledIds: ReadonlySet<string>;
  onToggle: (gatewayId: string) => void;
}

/** Memoised with stable props: the 200 panels' boundaries are not walked again on every render of the page. */
const GatewayPanels = memo(function GatewayPanels({ gateways, intervalMs, signals, allCollapsed, toggledIds, onToggle }: GatewayPanelsProps) {
  // One gateway per row: eight columns of peers need the full width to stay readable.
  return (
    <div className="grid grid-cols-1 gap-4">
      {gateways.map((gateway) => (
        <ErrorBoundary
          key={gateway.id}
          resetAfterMs={PANEL_RECOVERY_MS}
          fallback={(error, reset) => <BrokenPanel gateway={gateway} error={error} onRetry={reset} />}
        >
          <GatewayPanel
            gateway={gateway}
            intervalMs={intervalMs}
            signals={signals}
            collapsed={allCollapsed !== toggledIds.has(gateway.id)}
            onToggle={onToggle}
          />
        </ErrorBoundary>
      ))}
    </div>
  );
});

function BrokenPanel({ gateway, error, onRetry }: { gateway: WatchedGateway; error: Error; onRetry: () => void }) {
  return (
    <section
      data-testid="gateway-panel"
      data-gateway-id={gateway.id}
      className="flex flex-col gap-2 rounded-lg border-2 border-red-400 bg-slate-900 p-4"
    >
      <h2 className="text-xl font-bold text-white">{gateway.name}</h2>
      <div role="alert" className="text-red-100">
        This panel hit a bug and stopped drawing: {error.message}. It retries by itself within a minute.
      </div>
      <button type="button" onClick={onRetry} className="self-start rounded border border-slate-400 px-3 py-1">
        Retry now
      </button>
    </section>
  );
}
