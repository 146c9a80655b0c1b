import { randomUUID } from 'node:crypto';

/**
 * Injected faults: an overlay on the ARM routes. A fault matches a request by gateway and/or
 * operation (either may be left out to match all) and lasts `count` matching requests, or until
 * cleared.
 */

export const ARM_OPERATIONS = [
  'listSubscriptions',
  'getSubscription',
  'listTenants',
  'resourceGraph',
  'listResourceGroups',
  'listGateways',
  'getGateway',
  'getBgpPeerStatus',
  'getLearnedRoutes',
  'getAdvertisedRoutes',
  'lroStatus',
  'lroResult',
  'metrics',
] as const;
export type ArmOperation = (typeof ARM_OPERATIONS)[number];

/** The operations that start a long-running operation: POST actions, so ARM counts them as writes. */
export const LONG_RUNNING_OPERATIONS = ['getBgpPeerStatus', 'getLearnedRoutes', 'getAdvertisedRoutes'] as const;
export type LongRunningOperationName = (typeof LONG_RUNNING_OPERATIONS)[number];

/** Faults that change how one HTTP request is answered. */
export const REQUEST_FAULT_KINDS = [
  'throttle',
  'http500',
  'http503',
  'malformedJson',
  'dropConnection',
  'slow',
  'unauthorized',
  'forbidden',
  'notFound',
  'foreignPollingUrl',
] as const;
/** Faults that change a long-running operation; captured when the operation starts. */
export const OPERATION_FAULT_KINDS = ['lroFailed', 'lroNeverFinishes', 'unknownState', 'missingFields', 'hostileValues'] as const;

export type RequestFaultKind = (typeof REQUEST_FAULT_KINDS)[number];
export type OperationFaultKind = (typeof OPERATION_FAULT_KINDS)[number];
export type FaultKind = RequestFaultKind | OperationFaultKind;

export interface Fault {
  id: string;
  kind: FaultKind;
  gatewayId?: string;
  operation?: ArmOperation;
  /** Matching requests (or started operations) left; undefined = until cleared. */
  remaining?: number;
  retryAfterSeconds?: number;
  status?: number;
  code?: string;
  message?: string;
  delayMs?: number;
  /** unknownState: the state string to send (default "Flapping"). */
  state?: string;
  /** missingFields: which peer fields to drop. */
  fields?: string[];
  /** foreignPollingUrl: the absolute URL (on another origin) the 202's polling headers name. */
  pollingUrl?: string;
}

/**
 * The body of POST /_emulator/faults, for the clients of the control API: one kind, with the
 * fields that kind reads (see applyRequestFault and operationResult in the ARM routes).
 */
export type FaultRequest = FaultScope &
  (
    | ({ kind: 'throttle' | 'http503'; retryAfterSeconds?: number } & CloudErrorOverrides)
    | ({ kind: 'http500' | 'unauthorized' | 'forbidden' | 'notFound' | 'lroFailed' } & CloudErrorOverrides)
    | { kind: 'malformedJson'; status?: number }
    | { kind: 'slow'; delayMs?: number }
    | { kind: 'foreignPollingUrl'; pollingUrl: string }
    | { kind: 'unknownState'; state?: string }
    | { kind: 'missingFields'; fields?: string[] }
    | { kind: 'dropConnection' | 'lroNeverFinishes' | 'hostileValues' }
  );

/** Which requests a fault matches, and for how long: every kind takes these. */
export interface FaultScope {
  /** Left out: any gateway (and requests that name none). */
  gatewayId?: string;
  /** Left out: any operation. */
  operation?: ArmOperation;
  /** Matching requests (or started operations) it lasts; left out: until cleared. */
  count?: number;
}

/** What replaces the emulated CloudError's status, code and message. */
export interface CloudErrorOverrides {
  status?: number;
  code?: string;
  message?: string;
}

export const DEFAULT_MISSING_FIELDS = ['asn', 'connectedDuration', 'routesReceived', 'messagesReceived'];

export class FaultInputError extends Error {}

export interface FaultMatch {
  operation: ArmOperation;
  gatewayId?: string;
}

const isRequestKind = (kind: FaultKind): kind is RequestFaultKind => (REQUEST_FAULT_KINDS as readonly string[]).includes(kind);

export class FaultRegistry {
  private faults: Fault[] = [];

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  add(input: unknown): Fault {
    const fault = parseFault(input);
    this.faults.push(fault);
    return fault;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((fault) => fault.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * The request faults to apply to one request, consuming one count from each: every matching
   * `slow` fault (delays add up) and then the first other matching one.
   */
  takeRequestFaults(match: FaultMatch): Fault[] {
    const taken: Fault[] = [];
    for (const fault of this.faults) {
      if (!isRequestKind(fault.kind) || !matches(fault, match.gatewayId) || (fault.operation && fault.operation !== match.operation)) continue;
      if (fault.kind !== 'slow' && taken.some((t) => t.kind !== 'slow')) continue;
      taken.push(fault);
    }
    this.consume(taken);
    return taken;
  }

  /** Operation faults for a long-running operation that starts now. */
  takeOperationFaults(match: { operation: LongRunningOperationName; gatewayId: string }): Fault[] {
    const taken = this.faults.filter(
      (fault) =>
        !isRequestKind(fault.kind) &&
        matches(fault, match.gatewayId) &&
        // An operation fault aimed at the polling URLs means the operation they poll.
        (!fault.operation || fault.operation === match.operation || fault.operation === 'lroStatus' || fault.operation === 'lroResult'),
    );
    this.consume(taken);
    return taken;
  }

  private consume(taken: Fault[]): void {
    for (const fault of taken) {
      if (fault.remaining !== undefined) fault.remaining -= 1;
    }
    this.faults = this.faults.filter((fault) => fault.remaining === undefined || fault.remaining > 0);
  }
}

function matches(fault: Fault, gatewayId: string | undefined): boolean {
  return !fault.gatewayId || (gatewayId !== undefined && fault.gatewayId.toLowerCase() === gatewayId.toLowerCase());
}

function parseFault(input: unknown): Fault {
  if (typeof input !== 'object' || input === null) throw new FaultInputError('body must be a JSON object');
  const body = input as Record<string, unknown>;
  const kinds: readonly string[] = [...REQUEST_FAULT_KINDS, ...OPERATION_FAULT_KINDS];
  if (typeof body.kind !== 'string' || !kinds.includes(body.kind)) {
    throw new FaultInputError(`kind must be one of ${kinds.join(', ')}`);
  }
  const fault: Fault = { id: randomUUID(), kind: body.kind as FaultKind };
  if (body.gatewayId !== undefined && body.gatewayId !== null) {
    if (typeof body.gatewayId !== 'string' || !body.gatewayId.startsWith('/subscriptions/')) {
      throw new FaultInputError('gatewayId must be a gateway resource ID (/subscriptions/...)');
    }
    fault.gatewayId = body.gatewayId;
  }
  if (body.operation !== undefined && body.operation !== null) {
    if (typeof body.operation !== 'string' || !(ARM_OPERATIONS as readonly string[]).includes(body.operation)) {
      throw new FaultInputError(`operation must be one of ${ARM_OPERATIONS.join(', ')}`);
    }
    fault.operation = body.operation as ArmOperation;
  }
  const positiveInt = (name: 'count' | 'retryAfterSeconds' | 'delayMs' | 'status', min: number, max: number): number | undefined => {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new FaultInputError(`${name} must be an integer from ${min} to ${max}`);
    }
    return value;
  };
  const count = positiveInt('count', 1, 1_000_000);
  if (count !== undefined) fault.remaining = count;
  const retryAfterSeconds = positiveInt('retryAfterSeconds', 0, 86_400);
  if (retryAfterSeconds !== undefined) fault.retryAfterSeconds = retryAfterSeconds;
  const delayMs = positiveInt('delayMs', 0, 600_000);
  if (delayMs !== undefined) fault.delayMs = delayMs;
  const status = positiveInt('status', 200, 599);
  if (status !== undefined) fault.status = status;
  for (const name of ['code', 'message', 'state'] as const) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new FaultInputError(`${name} must be a string`);
    fault[name] = value;
  }
  if (body.pollingUrl !== undefined && body.pollingUrl !== null) {
    if (typeof body.pollingUrl !== 'string' || !URL.canParse(body.pollingUrl)) {
      throw new FaultInputError('pollingUrl must be an absolute URL');
    }
    fault.pollingUrl = body.pollingUrl;
  }
  if (fault.kind === 'foreignPollingUrl' && fault.pollingUrl === undefined) {
    throw new FaultInputError('foreignPollingUrl needs a pollingUrl (an absolute URL on another origin)');
  }
  if (body.fields !== undefined && body.fields !== null) {
    if (!Array.isArray(body.fields) || !body.fields.every((field) => typeof field === 'string')) {
      throw new FaultInputError('fields must be an array of field names');
    }
    fault.fields = body.fields as string[];
  }
  return fault;
}
