import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'wouter';
import { gatewayHasBgp } from '../../bgp/gateway-bgp';
import { useArmClient } from '../../queries/arm-client-context';
import { gatewaysQueryOptions } from '../../queries/get-gateways';
import { TENANT_PARAM } from '../../queries/use-tenant';
import { useWatchList } from '../../queries/watch-list';
import { SUBSCRIPTIONS_PARAM, WATCH_PARAM } from '../../queries/watch-list-url';

/**
 * Above the dashboard: which list it watches and a way to change it, the link's entries that were
 * skipped (each named, with why), and the watched gateways left unpolled because BGP is off.
 */
export function WatchListNotice({ configuredIds, intervalMs }: { configuredIds: readonly string[]; intervalMs: number }) {
  const client = useArmClient();
  const watchList = useWatchList(configuredIds);
  // The same cache entry the dashboard reads, before its BGP filter.
  const gateways = useQuery(gatewaysQueryOptions(client, watchList.ids, intervalMs, watchList.subscriptionIds));
  const bgpOff = (gateways.data ?? []).filter((g) => !gatewayHasBgp(g.summary));
  const count = watchList.ids.length === 1 ? 'the gateway' : `the ${watchList.ids.length} gateways`;
  const what = {
    url: `Watching ${count} this link names.`,
    saved: `Watching ${count} chosen in this browser.`,
    config: `Watching ${count} configured.`,
    all: watchList.subscriptionIds.length > 0 ? 'Watching every gateway in the chosen subscriptions.' : 'Watching every gateway found.',
  }[watchList.source];
  const [params] = useSearchParams();
  // The picker opens on the same tenant, list and subscriptions.
  const search = new URLSearchParams();
  for (const name of [TENANT_PARAM, WATCH_PARAM, SUBSCRIPTIONS_PARAM]) {
    const value = params.get(name);
    if (value !== null) search.set(name, value);
  }
  const pickerHref = `/gateways${search.size > 0 ? `?${search.toString()}` : ''}`;
  return (
    <div className="flex flex-col gap-2" data-testid="watch-list-notice" data-source={watchList.source}>
      <p className="text-slate-300">
        {what}{' '}
        <Link href={pickerHref} className="text-sky-300 underline">
          Choose gateways
        </Link>
      </p>
      {watchList.problems.length > 0 && (
        <div role="alert" className="rounded border-2 border-amber-400 bg-slate-900 p-3 text-amber-100">
          <p className="font-semibold">
            {watchList.problems.length} entr{watchList.problems.length === 1 ? 'y' : 'ies'} of this link could not be read and {watchList.problems.length === 1 ? 'was' : 'were'} skipped:
          </p>
          <ul className="list-disc pl-6">
            {watchList.problems.map((problem) => (
              <li key={problem.entry} data-testid="watch-problem">
                <code className="break-all">{problem.entry}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {bgpOff.length > 0 && (
        <p role="status" className="text-amber-200">
          Not polled, BGP is off: {bgpOff.map((g) => g.name).join(', ')}.
        </p>
      )}
    </div>
  );
}
