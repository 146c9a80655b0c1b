import { DEFAULT_MISSING_FIELDS, type Fault } from '../control/faults';
import type { LongRunningOperation } from './long-running-operations';

/**
 * The control API's operation faults, captured when a long-running operation starts, as its
 * status and result show them: Failed, never finished, or rows spoiled on purpose.
 */

export type ResultRow = Record<string, unknown>;

/** The `lroFailed` fault of an operation, if it has one. */
export function failureOf(operation: LongRunningOperation): Fault | undefined {
  return operation.faults.find((f) => f.kind === 'lroFailed');
}

export function neverFinishes(operation: LongRunningOperation): boolean {
  return operation.faults.some((f) => f.kind === 'lroNeverFinishes');
}

/** The CloudErrorBody a failed operation reports, on its status URL and its result URL alike. */
export function failureError(fault: Fault) {
  return {
    code: fault.code ?? 'InternalServerError',
    message: fault.message ?? 'An error occurred while reading BGP peer status from the gateway (emulated fault).',
  };
}

/** The result rows as the operation's faults (unknownState, hostileValues, missingFields) change them. */
export function applyOperationFaults(rows: ResultRow[], faults: Fault[]): ResultRow[] {
  let value = rows;
  for (const fault of faults) {
    if (fault.kind === 'unknownState') value = value.map((row) => ({ ...row, state: fault.state ?? 'Flapping' }));
    if (fault.kind === 'hostileValues') value = hostilePeers(value);
    if (fault.kind === 'missingFields') {
      const fields = fault.fields ?? DEFAULT_MISSING_FIELDS;
      value = value.map((row) => Object.fromEntries(Object.entries(row).filter(([name]) => !fields.includes(name))));
    }
  }
  return value;
}

/** The markup a hostile or broken service might put in a text field: it must show as text. */
export const HOSTILE_MARKUP = '<img src=x onerror="window.__injected=1;alert(1)">';

/**
 * Every peer's values turned into what a careless or hostile service could send: markup in
 * text fields, a very long string, negative, fractional, huge and non-numeric counters, a
 * non-numeric ASN. The first row keeps its neighbor so the page can still be matched to it.
 */
export function hostilePeers(peers: ResultRow[]): ResultRow[] {
  return peers.map((row, index) => ({
    ...row,
    neighbor: index === 0 ? row.neighbor : `${HOSTILE_MARKUP}${index}`,
    localAddress: index === 1 ? 'x'.repeat(5000) : row.localAddress,
    asn: index % 2 === 0 ? 'AS65001<script>alert(1)</script>' : -1,
    state: index === 0 ? row.state : `<b onmouseover=alert(1)>Connected</b>`,
    connectedDuration: '<svg onload=alert(1)>',
    routesReceived: -5,
    messagesSent: 1e300,
    messagesReceived: '12345678901234567890123',
  }));
}
