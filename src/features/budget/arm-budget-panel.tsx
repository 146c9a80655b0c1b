import { formatClock, formatCount } from '../../lib/format';
import { useThisTabPolls } from '../../queries/shared-polling/poll-role';
import { paceText, remainingText, seconds } from './arm-budget';
import { useArmBudget } from './use-arm-budget';

/** What this page spent of each subscription's ARM budget in the last hour, and what ARM says remains. */
export function ArmBudgetPanel() {
  const { budget, now, fromOtherTab } = useArmBudget();
  const thisTabPolls = useThisTabPolls();
  if (!thisTabPolls && !fromOtherTab) {
    return (
      <p data-testid="arm-budget" className="rounded-lg border border-slate-700 bg-slate-900 px-4 py-3 text-slate-300">
        <span className="font-semibold text-slate-100">ARM budget</span>: another tab of this browser polls ARM for every tab;
        its ARM budget panel counts what is spent.
      </p>
    );
  }
  if (budget.length === 0) return null;
  const requests = budget.reduce((sum, b) => sum + b.requestsLastHour, 0);
  const writes = budget.reduce((sum, b) => sum + b.writesLastHour, 0);
  const next = Math.min(...budget.map((b) => Math.max(b.nextPollAt ?? Infinity, b.throttledUntil ?? 0)));
  return (
    <details data-testid="arm-budget" className="rounded-lg border border-slate-700 bg-slate-900 px-4 py-3">
      <summary className="cursor-pointer text-slate-100">
        <span className="font-semibold">ARM budget</span>: {formatCount(requests)} requests in the last hour ({formatCount(writes)} writes)
        {Number.isFinite(next) && <> · next poll in {seconds(next - now)}</>}
        {fromOtherTab && <span className="text-slate-300"> · counted by the tab of this browser that polls ARM</span>}
      </summary>
      {/* Scrolls within itself on a narrow screen rather than widening the page. */}
      <div className="overflow-x-auto">
        <table className="mt-3 w-full text-left text-sm tabular-nums">
          <caption className="sr-only">ARM requests per subscription in the last hour</caption>
          <thead className="text-slate-300">
            <tr>
              <th scope="col" className="py-1 pr-4 font-semibold">Subscription</th>
              <th scope="col" className="py-1 pr-4 font-semibold">Requests, last hour</th>
              <th scope="col" className="py-1 pr-4 font-semibold">Writes, last hour</th>
              <th scope="col" className="py-1 pr-4 font-semibold">Writes left (ARM)</th>
              <th scope="col" className="py-1 pr-4 font-semibold">Reads left (ARM)</th>
              <th scope="col" className="py-1 pr-4 font-semibold">Pace</th>
              <th scope="col" className="py-1 font-semibold">Next poll</th>
            </tr>
          </thead>
          <tbody>
            {budget.map((b) => (
              <tr key={b.subscriptionId} data-subscription-id={b.subscriptionId} className="border-t border-slate-800">
                <th scope="row" className="py-1 pr-4 font-mono font-normal">{b.subscriptionId}</th>
                <td className="py-1 pr-4" data-field="requests">{formatCount(b.requestsLastHour)}</td>
                <td className="py-1 pr-4" data-field="writes">{formatCount(b.writesLastHour)}</td>
                <td className="py-1 pr-4" data-field="writes-left">{remainingText(b.remaining.writes)}</td>
                <td className="py-1 pr-4" data-field="reads-left">{remainingText(b.remaining.reads)}</td>
                <td className="py-1 pr-4" data-field="pace">{paceText(b)}</td>
                <td className="py-1">
                  {b.nextPollAt !== undefined ? `${formatClock(Math.max(b.nextPollAt, b.throttledUntil ?? 0))}` : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-sm text-slate-400">
        Counted by this browser: every ARM request it sent, each request inside a batch on its own, as ARM counts them. ARM
        budgets are per subscription and signed-in account; other tools using the same account spend from the same budget.
      </p>
    </details>
  );
}
