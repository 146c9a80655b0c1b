import { parseGatewayId } from '../../../azure/resource-id';
import { formatDayClock } from '../../../lib/format';
import type { HistoryEvent, HistoryEventKind } from '../model/peer-sample';

const KIND_LABEL: Record<HistoryEventKind, string> = {
  'state-change': 'State',
  'session-reset': 'Reset',
  're-established': 'Re-established',
  'routes-changed': 'Routes',
  'gateway-stopped-answering': 'No answer',
  'gateway-answering-again': 'Answering',
};

// Bad news reads as bad news without colour: the label word says it, the colour only helps.
function isBad(event: HistoryEvent): boolean {
  if (event.kind === 'state-change') return event.to !== 'Connected';
  return event.kind === 'session-reset' || event.kind === 're-established' || event.kind === 'gateway-stopped-answering';
}

function gatewayName(gatewayId: string): string {
  try {
    return parseGatewayId(gatewayId).name;
  } catch {
    return gatewayId;
  }
}

interface EventsListProps {
  events: readonly HistoryEvent[];
  /** Show which gateway each event is about (the dashboard's list across gateways). */
  showGateway?: boolean;
  limit?: number;
  emptyText?: string;
}

/** What changed, newest first. */
export function EventsList({ events, showGateway = false, limit = 200, emptyText = 'Nothing has changed yet.' }: EventsListProps) {
  const unique = [...new Map(events.map((e) => [e.id, e])).values()].sort((a, b) => b.time - a.time).slice(0, limit);
  if (unique.length === 0) return <p className="text-slate-400">{emptyText}</p>;
  return (
    <ol className="flex flex-col divide-y divide-slate-800" data-testid="history-events">
      {unique.map((event) => (
        <li key={event.id} data-testid="history-event" data-kind={event.kind} className="flex flex-wrap items-baseline gap-x-3 py-1">
          <time dateTime={new Date(event.time).toISOString()} className="font-mono text-sm text-slate-400">
            {formatDayClock(event.time)}
          </time>
          <span
            className={`rounded px-1.5 text-xs font-bold uppercase ${isBad(event) ? 'bg-amber-400 text-slate-950' : 'border border-slate-500 text-slate-200'}`}
          >
            {KIND_LABEL[event.kind]}
          </span>
          {showGateway && <span className="font-semibold text-white">{gatewayName(event.gatewayId)}</span>}
          <span className="text-slate-100">{event.detail}</span>
        </li>
      ))}
    </ol>
  );
}
