import { formatDuration } from '../../../lib/format';
import { peerLabel } from '../../../bgp/peer-identity';
import { type HistoryEvent, type HistoryEventKind, type PeerSample, type PollOutcome } from './peer-sample';
import { isSessionReset } from './peer-series';

export interface EventRules {
  /** A route count change is news when it moves by at least this many routes… */
  routeChangeMinimum: number;
  /** …and by at least this fraction of the previous count. */
  routeChangeFraction: number;
  /** A session younger than this was (re-)established recently: a flap may have happened unseen. */
  reEstablishedUnderSeconds: number;
}

export const DEFAULT_EVENT_RULES: EventRules = {
  routeChangeMinimum: 10,
  routeChangeFraction: 0.2,
  reEstablishedUnderSeconds: 300,
};

function event(
  gatewayId: string,
  peerKey: string | null,
  time: number,
  kind: HistoryEventKind,
  detail: string,
  extra: { from?: string; to?: string } = {},
): HistoryEvent {
  return { id: `${gatewayId}|${peerKey ?? ''}|${time}|${kind}`, gatewayId, peerKey, time, kind, detail, ...extra };
}

/**
 * What changed for one peer row between its previous sample (undefined: first seen) and the new
 * one: state transitions, session resets between polls, big route count moves, and a young
 * session ("re-established") that tells of a flap the polls did not catch.
 */
export function peerEvents(previous: PeerSample | undefined, next: PeerSample, rules: EventRules = DEFAULT_EVENT_RULES): HistoryEvent[] {
  const { gatewayId, peerKey, time } = next;
  const name = peerLabel(peerKey);
  const events: HistoryEvent[] = [];
  const young = next.state === 'Connected' && next.connectedSeconds !== null && next.connectedSeconds < rules.reEstablishedUnderSeconds;

  if (previous && previous.state !== next.state) {
    events.push(event(gatewayId, peerKey, time, 'state-change', `${name}: ${previous.state} → ${next.state}`, { from: previous.state, to: next.state }));
  } else if (previous && previous.state === 'Connected' && next.state === 'Connected' && isSessionReset(previous, next)) {
    const age = next.connectedSeconds !== null ? ` (up ${formatDuration(next.connectedSeconds)})` : '';
    events.push(event(gatewayId, peerKey, time, 'session-reset', `${name}: session reset between polls${age}; counters restarted`));
  } else if (!previous && young) {
    events.push(
      event(gatewayId, peerKey, time, 're-established', `${name}: re-established ${formatDuration(next.connectedSeconds)} ago`),
    );
  }

  if (previous && previous.state === 'Connected' && next.state === 'Connected' && previous.routesReceived !== null && next.routesReceived !== null) {
    const change = next.routesReceived - previous.routesReceived;
    const threshold = Math.max(rules.routeChangeMinimum, rules.routeChangeFraction * previous.routesReceived);
    if (Math.abs(change) >= threshold) {
      events.push(
        event(
          gatewayId,
          peerKey,
          time,
          'routes-changed',
          `${name}: routes received ${previous.routesReceived} → ${next.routesReceived} (${change > 0 ? '+' : ''}${change})`,
        ),
      );
    }
  }
  return events;
}

/** A gateway that stops answering, or answers again. `previousOk` undefined: the first poll seen. */
export function pollEvents(previousOk: boolean | undefined, outcome: PollOutcome): HistoryEvent[] {
  if (!outcome.ok && previousOk !== false) {
    const why = outcome.errorCode ? ` (${outcome.errorCode})` : '';
    return [event(outcome.gatewayId, null, outcome.time, 'gateway-stopped-answering', `Gateway stopped answering${why}`)];
  }
  if (outcome.ok && previousOk === false) {
    return [event(outcome.gatewayId, null, outcome.time, 'gateway-answering-again', 'Gateway answering again')];
  }
  return [];
}
