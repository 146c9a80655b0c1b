import { useId, useMemo, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import type { GatewaySummary } from '../../azure/gateways';
import { gatewayHasBgp } from '../../bgp/gateway-bgp';
import { summarizeError } from '../../bgp/error-summary';
import type { AppConfig } from '../../config/app-config';
import { formatCount } from '../../lib/format';
import { useGatewayFinder } from '../../queries/get-gateways';
import { useSubscriptions } from '../../queries/get-subscriptions';
import { TENANT_PARAM, useTenantId } from '../../queries/use-tenant';
import { useSavedWatchList, useWatchList } from '../../queries/watch-list';
import { encodeWatchParam, SUBSCRIPTIONS_PARAM, WATCH_PARAM } from '../../queries/watch-list-url';
import { AddByResourceId } from './add-by-resource-id';
import { GatewayChoiceList } from './gateway-choice-list';
import { byName, filterChoices, filterGateways, NO_FILTERS, type PickerFilters } from './picker-filters';

const FIELD = 'rounded border border-slate-500 bg-slate-950 px-2 py-1 text-slate-100';

/**
 * `/gateways`: every gateway the principal can see, searchable and filterable, to choose the
 * dashboard's watch list. Saving writes the list to this browser (per tenant) and opens the
 * dashboard with it in the URL, so the link can be shared.
 */
export default function GatewayPickerPage({ config }: { config: AppConfig }) {
  // Another tenant has other gateways: its choice starts afresh from its own saved list.
  return <GatewayPicker key={useTenantId() ?? 'home'} config={config} />;
}

function GatewayPicker({ config }: { config: AppConfig }) {
  const finder = useGatewayFinder();
  const subscriptions = useSubscriptions();
  const watchList = useWatchList(config.gateways);
  const saved = useSavedWatchList();
  const [params, setParams] = useSearchParams();
  const [, navigate] = useLocation();
  const [filters, setFilters] = useState<PickerFilters>(() => ({
    ...NO_FILTERS,
    subscriptionId: watchList.subscriptionIds.length === 1 ? (watchList.subscriptionIds[0] ?? '') : '',
  }));
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(watchList.ids.map((id) => id.toLowerCase())));
  const [added, setAdded] = useState<GatewaySummary[]>([]);

  const all = useMemo(() => {
    const found = finder.data?.gateways ?? [];
    const known = new Set(found.map((g) => g.id.toLowerCase()));
    return [...found, ...added.filter((g) => !known.has(g.id.toLowerCase()))].sort(byName);
  }, [finder.data, added]);
  const shown = useMemo(() => filterGateways(all, filters), [all, filters]);
  const choices = useMemo(() => filterChoices(all, filters.subscriptionId), [all, filters.subscriptionId]);
  const subscriptionName = useMemo(() => {
    const names = new Map((subscriptions.data ?? []).map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
    return (id: string) => names.get(id.toLowerCase()) ?? id;
  }, [subscriptions.data]);
  const subscriptionIds = useMemo(
    () => [...new Set([...(subscriptions.data ?? []).map((s) => s.subscriptionId.toLowerCase()), ...all.map((g) => g.subscriptionId)])],
    [subscriptions.data, all],
  );

  const setFilter = <K extends keyof PickerFilters>(key: K, value: PickerFilters[K]) => {
    setFilters((current) => ({ ...current, [key]: value, ...(key === 'subscriptionId' ? { resourceGroup: '' } : {}) }));
    if (key === 'subscriptionId') {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value === '') next.delete(SUBSCRIPTIONS_PARAM);
          else next.set(SUBSCRIPTIONS_PARAM, value);
          return next;
        },
        { replace: true },
      );
    }
  };

  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id.toLowerCase());
      else next.delete(id.toLowerCase());
      return next;
    });
  const selectable = shown.filter((g) => gatewayHasBgp(g));
  const chooseShown = (on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      for (const g of on ? selectable : shown) {
        if (on) next.add(g.id.toLowerCase());
        else next.delete(g.id.toLowerCase());
      }
      return next;
    });

  // In the list's order; chosen gateways the list does not hold (not found, or not yet) keep theirs.
  const chosenIds = useMemo(() => {
    const inList = all.filter((g) => chosen.has(g.id.toLowerCase())).map((g) => g.id);
    const listed = new Set(inList.map((id) => id.toLowerCase()));
    const others = watchList.ids.filter((id) => chosen.has(id.toLowerCase()) && !listed.has(id.toLowerCase()));
    return [...inList, ...others];
  }, [all, chosen, watchList.ids]);

  const openDashboard = (ids: readonly string[]) => {
    saved.save(ids);
    const query: string[] = [];
    const tenant = params.get(TENANT_PARAM);
    if (tenant) query.push(`${TENANT_PARAM}=${encodeURIComponent(tenant)}`);
    // `/` and `,` stay as they are: the link stays short and readable (see watch-list-url.ts).
    if (ids.length > 0) query.push(`${WATCH_PARAM}=${encodeWatchParam(ids)}`);
    else if (filters.subscriptionId) query.push(`${SUBSCRIPTIONS_PARAM}=${filters.subscriptionId}`);
    navigate(query.length > 0 ? `/?${query.join('&')}` : '/');
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 className="text-xl font-bold text-white">Choose the gateways to watch</h2>
        <Link href="/" className="text-sky-300 underline">
          Back to the dashboard
        </Link>
      </div>
      <DiscoveryStatus finder={finder} />

      <AddByResourceId
        onFound={(gateway) => {
          setAdded((current) => [...current.filter((g) => g.id.toLowerCase() !== gateway.id.toLowerCase()), gateway]);
          if (gatewayHasBgp(gateway)) toggle(gateway.id, true);
        }}
      />

      <fieldset className="flex flex-wrap items-end gap-3 rounded border border-slate-700 p-3">
        <legend className="px-1 text-slate-300">Search and filters</legend>
        <label className="flex flex-col text-sm text-slate-300">
          Search name, resource group, location
          <input
            type="search"
            value={filters.text}
            onChange={(e) => setFilter('text', e.target.value)}
            className={`${FIELD} w-72`}
          />
        </label>
        <Choice label="Subscription" value={filters.subscriptionId} onChange={(v) => setFilter('subscriptionId', v)} anyLabel="All subscriptions">
          {subscriptionIds.map((id) => (
            <option key={id} value={id}>
              {subscriptionName(id)}
            </option>
          ))}
        </Choice>
        <Choice label="Resource group" value={filters.resourceGroup} onChange={(v) => setFilter('resourceGroup', v)} anyLabel="All">
          {choices.resourceGroups.map((rg) => (
            <option key={rg}>{rg}</option>
          ))}
        </Choice>
        <Choice label="Location" value={filters.location} onChange={(v) => setFilter('location', v)} anyLabel="All">
          {choices.locations.map((location) => (
            <option key={location}>{location}</option>
          ))}
        </Choice>
        <Choice label="Type" value={filters.gatewayType} onChange={(v) => setFilter('gatewayType', v as PickerFilters['gatewayType'])} anyLabel="VPN and ExpressRoute">
          <option value="Vpn">VPN</option>
          <option value="ExpressRoute">ExpressRoute</option>
        </Choice>
        <Choice label="SKU" value={filters.sku} onChange={(v) => setFilter('sku', v)} anyLabel="All">
          {choices.skus.map((sku) => (
            <option key={sku}>{sku}</option>
          ))}
        </Choice>
        <Choice label="Active-active" value={filters.activeActive} onChange={(v) => setFilter('activeActive', v as PickerFilters['activeActive'])} anyLabel="Either">
          <option value="yes">Active-active</option>
          <option value="no">Single instance</option>
        </Choice>
        <Choice label="BGP" value={filters.bgp} onChange={(v) => setFilter('bgp', v as PickerFilters['bgp'])} anyLabel="Either">
          <option value="on">BGP on</option>
          <option value="off">BGP off</option>
        </Choice>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <p role="status" data-testid="picker-shown" data-shown={shown.length} className="text-slate-200">
          Showing {formatCount(shown.length)} of {formatCount(all.length)} gateways · {formatCount(chosenIds.length)} chosen
        </p>
        <button type="button" onClick={() => chooseShown(true)} disabled={selectable.length === 0} className={`${FIELD} disabled:text-slate-400`}>
          Select all shown ({formatCount(selectable.length)})
        </button>
        <button type="button" onClick={() => chooseShown(false)} className={FIELD}>
          Clear shown
        </button>
        <button
          type="button"
          onClick={() => openDashboard(chosenIds)}
          disabled={chosenIds.length === 0}
          className="rounded bg-sky-700 px-3 py-1 font-semibold text-white disabled:bg-slate-700 disabled:text-slate-300"
        >
          Watch {formatCount(chosenIds.length)} gateway{chosenIds.length === 1 ? '' : 's'}
        </button>
        <button type="button" onClick={() => openDashboard([])} className={FIELD} title="Forget the saved list: the dashboard then shows every gateway (or the configured ones)">
          Watch every gateway
        </button>
      </div>

      <GatewayChoiceList gateways={shown} chosen={chosen} onToggle={toggle} subscriptionName={subscriptionName} />
    </div>
  );
}

function DiscoveryStatus({ finder }: { finder: ReturnType<typeof useGatewayFinder> }) {
  if (finder.data === undefined) {
    if (finder.error) {
      const { code, message } = summarizeError(finder.error);
      return (
        <p role="alert" className="rounded border-2 border-red-400 bg-red-950/70 p-3 text-red-50">
          Could not list the gateways: <code>{code}</code> — {message}
        </p>
      );
    }
    return (
      <p role="status" className="text-slate-300">
        Finding virtual network gateways…
      </p>
    );
  }
  const { gateways, source, resourceGraphRefusal, unreadable } = finder.data;
  return (
    <div className="flex flex-col gap-1">
      <p data-testid="discovery-summary" data-count={gateways.length} data-source={source} className="text-slate-200">
        Found {formatCount(gateways.length)} gateways{' '}
        {source === 'resourceGraph' ? 'through Resource Graph.' : 'by listing each resource group.'}
      </p>
      {resourceGraphRefusal && (
        <p className="text-amber-200">Resource Graph refused the query ({resourceGraphRefusal}), so each resource group was listed instead.</p>
      )}
      {unreadable.length > 0 && (
        <div role="alert" className="text-amber-200">
          Could not read {unreadable.length} scope{unreadable.length === 1 ? '' : 's'}; their gateways are missing:
          <ul className="list-disc pl-6">
            {unreadable.map(({ scope, error }) => (
              <li key={scope}>
                <code>{scope}</code>: {error.code}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function Choice(props: { label: string; value: string; onChange: (value: string) => void; anyLabel: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-col text-sm text-slate-300">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)} className={FIELD}>
        <option value="">{props.anyLabel}</option>
        {props.children}
      </select>
    </div>
  );
}
