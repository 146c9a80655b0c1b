import { isArmError } from './arm-error';
import { parseRetryAfter } from './retry';
import { timerSleep } from './time-limit';
import type { ArmRequest } from './transport';

/**
 * What the transports ask of the scheduler. Every ARM request (direct, or inside a batch) waits
 * for `beforeSend` and reports its answer to `answered`; every HTTP request (an ARM request sent
 * directly, a batch POST, its polls) holds a `slot` while on the wire.
 */
export interface ArmPacer {
  /** Resolves when the request's subscription may be asked again (its Retry-After has passed). */
  beforeSend(request: ArmRequest): Promise<void>;
  /** One ARM answer (any status) with its headers. */
  answered(request: ArmRequest, status: number, headers: Headers): void;
  /** Waits for one of the in-flight slots; resolves to the function that frees it. */
  slot(signal?: AbortSignal): Promise<() => void>;
}

export type RateKind = 'reads' | 'writes';

/** What the page knows of one subscription's ARM budget. */
export interface SubscriptionBudget {
  subscriptionId: string;
  /** ARM requests this client sent for the subscription in the last hour (each inner request of a batch counts). */
  requestsLastHour: number;
  /** Of which writes (POSTs: getBgpPeerStatus counts as one). */
  writesLastHour: number;
  /** What ARM said remains (`x-ms-ratelimit-remaining-subscription-*`), when it said so and it could be read. */
  remaining: { reads?: { value: number; at: number }; writes?: { value: number; at: number } };
  /** When ARM's last 429 lets this subscription be asked again (ms), if still ahead. */
  throttledUntil?: number;
  /** 1 at the normal pace; 2 or 4 while ARM says few writes remain. */
  slowdown: 1 | 2 | 4;
  /** When this subscription's gateways are next polled (ms), once a poll interval is known. */
  nextPollAt?: number;
}

export interface ArmScheduler extends ArmPacer {
  /**
   * How long a gateway's poller waits before its next poll: to the next tick of the fleet's
   * clock (one tick per interval, its moment jittered, shared by every gateway so a tick's
   * requests go together), stretched while its subscription is low on writes, and never before a
   * Retry-After ARM gave the subscription or the gateway's own last error.
   */
  pollDelayMs(gatewayId: string, intervalMs: number, last?: LastPoll): number;
  /** A poll of the gateway starts now: the next one is spaced from this start, not from its answer. */
  pollStarted(gatewayId: string): void;
  /** Every subscription seen, in the order first seen. */
  budget(): readonly SubscriptionBudget[];
  /** Called (once per burst of answers) when the budget changes. */
  subscribe(listener: () => void): () => void;
  /** Goes up with every change the listeners are told of (a snapshot for `useSyncExternalStore`). */
  version(): number;
}

/** What the gateway's poller knows of its last poll. */
export interface LastPoll {
  /** When it last got an answer, good or bad (ms); undefined before the first. */
  at?: number;
  /** When that poll started (ms), if known: the gap to the next poll counts from here. */
  startedAt?: number;
  /** The last poll's error, if it failed (a 429's Retry-After counts from `at`). */
  error?: unknown;
}

export interface ArmSchedulerOptions {
  now?: () => number;
  /** Must reject when the signal aborts; default a real timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source, [0, 1). */
  random?: () => number;
  /** HTTP requests on the wire at once; default 6 (what a browser opens per host over HTTP/1.1). */
  maxInFlight?: number;
  /** Each tick moves by up to this share of the interval, default 0.05. */
  jitter?: number;
  /**
   * Fixes the clock's phase and jitter. Tabs of one browser profile pass the same seed, so a tab
   * that takes over polling ticks when the previous one would have; default a random phase.
   */
  seed?: string;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** A throttle answer without a readable Retry-After waits this long, as ARM's clients do. */
const DEFAULT_THROTTLE_MS = 10_000;
/** A Retry-After longer than this is taken as this: a poller must come back eventually. */
const MAX_THROTTLE_MS = 10 * MINUTE_MS;
/** A remaining-writes reading older than this no longer slows anything. */
const READING_TTL_MS = 10 * MINUTE_MS;

/** The subscription an ARM URL or resource ID belongs to, lowercased; undefined for tenant-level calls (batch, Resource Graph). */
export function subscriptionOf(pathOrId: string): string | undefined {
  const match = /^\/subscriptions\/([^/?#]+)/i.exec(pathOrId);
  return match?.[1]?.toLowerCase();
}

export function rateKindOf(method: ArmRequest['method']): RateKind {
  return method === 'GET' ? 'reads' : 'writes';
}

/**
 * How much slower to poll given what ARM says remains of the subscription's writes: normal while
 * at least a quarter of the most ever seen remains, twice as slow below that, four times below a
 * tenth (or below 20 writes, whatever the size of the bucket).
 */
export function slowdownFor(remaining: number | undefined, peak: number | undefined): 1 | 2 | 4 {
  if (remaining === undefined || peak === undefined || peak <= 0) return 1;
  if (remaining < 20 || remaining < peak / 10) return 4;
  if (remaining < peak / 4) return 2;
  return 1;
}

/** A number in [0, 1) fixed by `key`: the same tick moves by the same jitter for every gateway. */
function unitHash(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 4294967296;
}

interface Minutes {
  minute: number[];
  requests: number[];
  writes: number[];
}

interface SubscriptionState {
  id: string;
  minutes: Minutes;
  remaining: SubscriptionBudget['remaining'];
  peakWrites?: number;
  throttled: Partial<Record<RateKind, number>>;
  interval?: number;
}

/**
 * The one scheduler of every ARM call the page makes: a limit on HTTP requests in flight, one
 * shared and jittered polling clock, Retry-After honoured per subscription (and per kind: a
 * write throttle does not hold reads), polling slowed while ARM says few writes remain, and a
 * per-subscription account of what was spent, for the screen.
 */
export function createArmScheduler(options: ArmSchedulerOptions): ArmScheduler {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? timerSleep;
  const maxInFlight = Math.max(1, Math.floor(options.maxInFlight ?? 6));
  const jitter = Math.min(0.5, Math.max(0, options.jitter ?? 0.05));
  // A phase of our own so two browsers started together do not tick together.
  const seed = options.seed ?? String((options.random ?? Math.random)());
  // When each gateway's last poll started (lower-cased ID): the gap to the next counts from it.
  const pollStarts = new Map<string, number>();
  const subscriptions = new Map<string, SubscriptionState>();
  const listeners = new Set<() => void>();
  let notifyQueued = false;
  let version = 0;

  let inFlight = 0;
  const waitingForSlot: Array<() => void> = [];

  function notify(): void {
    version++;
    if (notifyQueued || listeners.size === 0) return;
    notifyQueued = true;
    queueMicrotask(() => {
      notifyQueued = false;
      for (const listener of listeners) listener();
    });
  }

  function stateOf(subscriptionId: string): SubscriptionState {
    let state = subscriptions.get(subscriptionId);
    if (state === undefined) {
      state = { id: subscriptionId, minutes: { minute: [], requests: [], writes: [] }, remaining: {}, throttled: {} };
      subscriptions.set(subscriptionId, state);
    }
    return state;
  }

  function count(state: SubscriptionState, kind: RateKind, at: number): void {
    const minute = Math.floor(at / MINUTE_MS);
    const { minutes } = state;
    const last = minutes.minute.length - 1;
    if (last < 0 || minutes.minute[last] !== minute) {
      minutes.minute.push(minute);
      minutes.requests.push(0);
      minutes.writes.push(0);
      // Sixty one-minute buckets at most: memory stays flat on a wall left running for weeks.
      while (minutes.minute.length > 61) {
        minutes.minute.shift();
        minutes.requests.shift();
        minutes.writes.shift();
      }
    }
    const i = minutes.minute.length - 1;
    minutes.requests[i] = (minutes.requests[i] ?? 0) + 1;
    if (kind === 'writes') minutes.writes[i] = (minutes.writes[i] ?? 0) + 1;
  }

  function lastHour(state: SubscriptionState, at: number): { requests: number; writes: number } {
    const from = Math.floor((at - HOUR_MS) / MINUTE_MS);
    let requests = 0;
    let writes = 0;
    state.minutes.minute.forEach((minute, i) => {
      if (minute <= from) return;
      requests += state.minutes.requests[i] ?? 0;
      writes += state.minutes.writes[i] ?? 0;
    });
    return { requests, writes };
  }

  function throttledUntil(state: SubscriptionState | undefined, kind: RateKind | 'any', at: number): number | undefined {
    if (state === undefined) return undefined;
    const kinds: RateKind[] = kind === 'any' ? ['reads', 'writes'] : [kind];
    let until: number | undefined;
    for (const k of kinds) {
      const t = state.throttled[k];
      if (t !== undefined && t > at && (until === undefined || t > until)) until = t;
    }
    return until;
  }

  function slowdown(state: SubscriptionState | undefined, at: number): 1 | 2 | 4 {
    const writes = state?.remaining.writes;
    if (writes === undefined || at - writes.at > READING_TTL_MS) return 1;
    return slowdownFor(writes.value, state?.peakWrites);
  }

  /** The tick of the fleet clock for `period` at or after `at`. */
  function tickAtOrAfter(period: number, at: number): number {
    const phase = unitHash(`${seed}|phase|${period}`) * period;
    let k = Math.floor((at - phase) / period) - 1;
    for (;;) {
      const tick = phase + k * period + unitHash(`${seed}|${period}|${k}`) * jitter * period;
      if (tick >= at) return tick;
      k++;
    }
  }

  /**
   * The moment of the gateway's next poll. It depends on the last poll's time, not on when it is
   * asked: React Query asks again on every render and restarts its timer with the answer, so the
   * moment must stay put however often it is asked, or a tick could keep slipping away.
   */
  function nextPollAt(gatewayId: string, intervalMs: number, last: LastPoll, at: number): number {
    const state = subscriptions.get(subscriptionOf(gatewayId) ?? '');
    const period = Math.max(1, intervalMs) * slowdown(state, at);
    let earliest = at;
    if (last.at !== undefined) {
      // A quarter of a period at least between the starts of two polls of a gateway: one polled
      // on mount just before a tick waits for the next one. Counted from the start, not the
      // answer: an operation that takes most of the interval (Azure's take 10-60 s) must not
      // make its gateway skip the next tick.
      const recorded = last.startedAt ?? pollStarts.get(gatewayId.toLowerCase());
      const started = recorded !== undefined && recorded <= last.at ? recorded : last.at;
      earliest = Math.max(earliest, started + period / 4);
      if (isArmError(last.error) && last.error.retryAfterMs !== undefined) earliest = Math.max(earliest, last.at + last.error.retryAfterMs);
    }
    const throttled = throttledUntil(state, 'writes', at);
    if (throttled !== undefined) earliest = Math.max(earliest, throttled);
    return tickAtOrAfter(period, earliest);
  }

  return {
    async beforeSend(request) {
      const subscriptionId = subscriptionOf(request.url.pathname);
      if (subscriptionId === undefined) return;
      const kind = rateKindOf(request.method);
      for (;;) {
        const at = now();
        const until = throttledUntil(subscriptions.get(subscriptionId), kind, at);
        if (until === undefined) return;
        await sleep(until - at, request.signal);
      }
    },

    answered(request, status, headers) {
      const subscriptionId = subscriptionOf(request.url.pathname);
      if (subscriptionId === undefined) return;
      const at = now();
      const state = stateOf(subscriptionId);
      const kind = rateKindOf(request.method);
      count(state, kind, at);
      // A 429's own reading (0 left) is what its Retry-After already answers: slowing down on it
      // too would keep polling slow long after the wait, until a slowed poll read a new value.
      for (const k of status === 429 ? [] : (['reads', 'writes'] as const)) {
        const raw = headers.get(`x-ms-ratelimit-remaining-subscription-${k}`);
        const value = raw === null ? NaN : Number(raw.trim());
        if (raw === null || raw.trim() === '' || !Number.isFinite(value) || value < 0) continue;
        state.remaining[k] = { value, at };
        if (k === 'writes') state.peakWrites = Math.max(state.peakWrites ?? 0, value);
      }
      if (status === 429) {
        const retryAfter = parseRetryAfter(headers.get('retry-after'), at) ?? DEFAULT_THROTTLE_MS;
        const until = at + Math.min(MAX_THROTTLE_MS, Math.max(1_000, retryAfter));
        state.throttled[kind] = Math.max(state.throttled[kind] ?? 0, until);
      }
      notify();
    },

    slot(signal) {
      signal?.throwIfAborted();
      if (inFlight < maxInFlight) {
        inFlight++;
        return Promise.resolve(release());
      }
      return new Promise((resolve, reject) => {
        const take = () => {
          signal?.removeEventListener('abort', onAbort);
          inFlight++;
          resolve(release());
        };
        const onAbort = () => {
          const i = waitingForSlot.indexOf(take);
          if (i >= 0) waitingForSlot.splice(i, 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waitingForSlot.push(take);
      });
    },

    pollStarted(gatewayId) {
      pollStarts.set(gatewayId.toLowerCase(), now());
    },

    pollDelayMs(gatewayId, intervalMs, last = {}) {
      const at = now();
      const subscriptionId = subscriptionOf(gatewayId);
      if (subscriptionId !== undefined) {
        const state = stateOf(subscriptionId);
        if (state.interval !== intervalMs) {
          state.interval = intervalMs;
          notify();
        }
      }
      // Never 0: React Query takes 0 as "do not poll".
      return Math.max(1, Math.round(nextPollAt(gatewayId, intervalMs, last, at) - at));
    },

    budget() {
      const at = now();
      return [...subscriptions.values()].map((state) => {
        const { requests, writes } = lastHour(state, at);
        const budget: SubscriptionBudget = {
          subscriptionId: state.id,
          requestsLastHour: requests,
          writesLastHour: writes,
          remaining: { ...state.remaining },
          slowdown: slowdown(state, at),
        };
        const throttled = throttledUntil(state, 'any', at);
        if (throttled !== undefined) budget.throttledUntil = throttled;
        // The subscription's next tick (a gateway just polled may wait for the one after).
        if (state.interval !== undefined) budget.nextPollAt = Math.round(nextPollAt(`/subscriptions/${state.id}`, state.interval, {}, at));
        return budget;
      });
    },

    version: () => version,

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };

  function release(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inFlight--;
      waitingForSlot.shift()?.();
    };
  }
}
