/**
 * Test support: an ARM client wired to a scripted fetch, a fake clock and a sleep that only
 * advances that clock, so protocol tests run without timers or network.
 */
import { createArmClient, createArmScheduler, type ArmClient, type ArmClientOptions } from '../azure/arm-client';
import type { ArmScheduler, ArmSchedulerOptions } from '../azure/scheduler';

export const ENDPOINT = 'https://arm.example.test';
export const GATEWAY_ID =
  '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/gw-1';

export interface RecordedCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** One scripted answer: a Response, an error fetch throws, or a function of the request. */
export type Step = Response | Error | ((call: RecordedCall, signal?: AbortSignal) => Response | Promise<Response>);

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function empty(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

export function raw(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers });
}

export interface FakeArm {
  client: ArmClient;
  calls: RecordedCall[];
  sleeps: number[];
  tokens: number;
  /** Milliseconds the fake clock has advanced. */
  elapsed(): number;
  /** Moves the fake clock on without a sleep. */
  advance(ms: number): void;
  /** The scheduler the client answers to, on the fake clock (only with `scheduler` given). */
  scheduler?: ArmScheduler;
}

export interface FakeArmExtras {
  /** Gives the client a scheduler on the fake clock, with these options. */
  scheduler?: Omit<ArmSchedulerOptions, 'now' | 'sleep'>;
}

export function fakeArm(steps: Step[], options: Partial<ArmClientOptions> = {}, extras: FakeArmExtras = {}): FakeArm {
  const queue = [...steps];
  const calls: RecordedCall[] = [];
  const sleeps: number[] = [];
  const start = Date.UTC(2024, 0, 1);
  let clock = start;
  const state = { tokens: 0 };

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const call: RecordedCall = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    init?.signal?.throwIfAborted();
    const step = queue.shift();
    if (step === undefined) throw new Error(`unexpected request ${call.method} ${call.url}`);
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(call, init?.signal ?? undefined);
    return step;
  };

  const sleep = async (ms: number, signal?: AbortSignal) => {
    // Recorded before the abort check, so a test can tell a wait that was attempted.
    sleeps.push(ms);
    signal?.throwIfAborted();
    clock += ms;
  };

  const scheduler = extras.scheduler ? createArmScheduler({ ...extras.scheduler, now: () => clock, sleep }) : undefined;
  const client = createArmClient({
    endpoint: ENDPOINT,
    ...(scheduler ? { scheduler } : {}),
    getToken: async () => `token-${++state.tokens}`,
    fetch: fetch as typeof globalThis.fetch,
    sleep,
    now: () => clock,
    random: () => 0.5,
    ...options,
  });

  return {
    client,
    calls,
    sleeps,
    get tokens() {
      return state.tokens;
    },
    elapsed: () => clock - start,
    advance: (ms) => {
      clock += ms;
    },
    ...(scheduler ? { scheduler } : {}),
  };
}

/** One request inside a batch POST, as the client sends it. */
export interface InnerRequest {
  httpMethod: string;
  name: string;
  url: string;
  requestHeaderDetails?: { commandName?: string };
  content?: unknown;
}

/** One inner answer; `name` defaults to the request's. */
export interface InnerAnswer {
  name?: string;
  httpStatusCode: number | string;
  headers?: Record<string, unknown>;
  content?: unknown;
}

/** The inner requests of a recorded batch POST (empty for any other call). */
export function innerRequests(call: RecordedCall): InnerRequest[] {
  const body = call.body as { requests?: InnerRequest[] } | undefined;
  return body?.requests ?? [];
}

/**
 * A step answering a batch POST 200 `{responses}`, one inner answer per inner request from
 * `answer` (undefined leaves that request out). `array` names the list; `extra` joins the body.
 */
export function batchOf(
  answer: (inner: InnerRequest, index: number) => InnerAnswer | undefined,
  { array = 'responses', extra = {} }: { array?: 'responses' | 'value'; extra?: Record<string, unknown> } = {},
): (call: RecordedCall) => Response {
  return (call) => {
    const responses = innerRequests(call).flatMap((inner, index) => {
      const one = answer(inner, index);
      return one === undefined ? [] : [{ name: inner.name, contentLength: 0, ...one }];
    });
    return json(200, { [array]: responses, ...extra });
  };
}

/** Runs a promise expected to reject and hands back the rejection. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
