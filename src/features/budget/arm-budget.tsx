import type { SubscriptionBudget } from '../../azure/arm-client';
import { formatClock, formatCount } from '../../lib/format';
import { useArmBudget } from './use-arm-budget';

export function seconds(ms: number): string {
  return `${Math.max(0, Math.ceil(ms / 1000))} s`;
}

export function remainingText(reading: { value: number } | undefined): string {
  return reading === undefined ? 'not readable' : formatCount(reading.value);
}

export function paceText(budget: SubscriptionBudget): string {
  if (budget.throttledUntil !== undefined) return `throttled by ARM until ${formatClock(budget.throttledUntil)}`;
  if (budget.slowdown > 1) return `slowed ×${budget.slowdown}: ARM says few writes remain`;
  return 'normal';
}

/**
 * Says, above the peers, which subscriptions ARM is throttling or running low on, and that the
 * others keep their pace: a gateway whose data grows old for that reason must not look broken.
 */
export function ArmBudgetNotice() {
  const { budget, now, fromOtherTab } = useArmBudget();
  const held = budget.filter((b) => b.throttledUntil !== undefined || b.slowdown > 1);
  if (held.length === 0) return null;
  return (
    <div role="status" data-testid="arm-budget-notice" className="rounded border-2 border-amber-400 bg-amber-950/60 px-4 py-2 text-amber-50">
      <ul>
        {held.map((b) => (
          <li key={b.subscriptionId}>
            Subscription <code className="font-semibold">{b.subscriptionId}</code>:{' '}
            {b.throttledUntil !== undefined
              ? `ARM asked us to wait (HTTP 429); its gateways are polled again in ${seconds(b.throttledUntil - now)}.`
              : `ARM says ${remainingText(b.remaining.writes)} writes remain; its gateways are polled ${b.slowdown} times less often.`}
          </li>
        ))}
      </ul>
      {held.length < budget.length && <p className="text-sm text-amber-200">Other subscriptions keep their pace.</p>}
      {fromOtherTab && <p className="text-sm text-amber-200">Another tab of this browser polls ARM for this one.</p>}
    </div>
  );
}
