import { ArmError, isArmError } from './arm-error';
import { isObject } from './json';
import { parseRetryAfter, withRetries } from './retry';
import {
  createDirectTransport,
  errorFromAnswer,
  type ArmRequest,
  type ArmResponse,
  type ArmTransport,
  type DirectTransportOptions,
} from './transport';

export const BATCH_API_VERSION = '2020-06-01';
/** ARM answers up to 20 requests synchronously, and never takes more than 20 that carry a body. */
const MAX_SYNC_REQUESTS = 20;
const MAX_REQUESTS = 500;
/** Past this many requests in one moment, one large (asynchronous) batch beats many batches of 20. */
const ASYNC_WORTH_IT = 60;
const MAX_PAGES = 100;

export interface BatchTransportOptions extends DirectTransportOptions {
  /**
   * Closes the collecting window: calls `flush` once the requests of this moment are queued.
   * Default: when no request has joined for 10 ms (2 ms while all are urgent; at once when
   * several urgent ones were started in one task and its microtasks have run), and at most
   * 100 ms after the first (the gateways of one polling tick start within a few ms of each
   * other, not in one task).
   * Injectable for tests.
   */
  schedule?: (flush: () => void) => void;
  /**
   * Most requests per batch, default 500 (ARM's limit). Past 20, ARM may take a batch for later
   * (202) with its `Location` as a header, which a browser reading ARM across origins may not
   * see: so batches stay at 20 until an answer shows that ARM's headers can be read here, and go
   * back to 20 for good if a 202's `Location` turns out unreadable. Even then a large batch is
   * only made when more than 60 requests wait at once: one answered later costs a second. A batch holding a request
   * with a body stays at 20 whatever this says.
   */
  maxBatchSize?: number;
  /** How long a batch that answered 202 is polled before its missing answers give up; default 120 s. */
  asyncTimeoutMs?: number;
  /** Sent as each inner request's `requestHeaderDetails.commandName`. */
  commandName?: string;
  /**
   * Answers handed to their callers per task, default 5: the rest wait for the next task
   * (`yieldTask`), so a batch of 20 final results does not update 20 gateways' screens in one
   * long task. Urgent answers (a gateway's first poll, with nothing on screen yet) go at once.
   */
  answersPerTask?: number;
  /** Lets the browser run other tasks (input, drawing); default `scheduler.yield()` where there is one, else a 0 ms timer. */
  yieldTask?: () => Promise<void>;
}

function defaultYieldTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return typeof scheduler?.yield === 'function' ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

interface Waiting {
  readonly name: string;
  readonly request: ArmRequest;
  readonly forceRefresh: boolean;
  done: boolean;
  resolve(response: ArmResponse): void;
  reject(error: unknown): void;
}

const batchFailures = new WeakSet<object>();

/**
 * True for an error of the batch request itself (refused, unreachable, unreadable), which every
 * request in that batch was rejected with, as opposed to the answer to one inner request.
 */
export function isBatchFailure(e: unknown): boolean {
  return typeof e === 'object' && e !== null && batchFailures.has(e);
}

/** Carries a batch failure through `withRetries`, which must not retry what the batch already retried. */
class BatchFailed {
  constructor(readonly error: unknown) {}
}

function readStatus(value: unknown): number | undefined {
  const status = typeof value === 'string' && /^\d{3}$/.test(value.trim()) ? Number(value) : value;
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599 ? status : undefined;
}

/** Inner headers arrive as a JSON object; values that are not text or numbers are left out. */
function readHeaders(value: unknown): Headers {
  const headers = new Headers();
  if (!isObject(value)) return headers;
  for (const [name, raw] of Object.entries(value)) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const one of values) {
      if (typeof one !== 'string' && typeof one !== 'number') continue;
      try {
        headers.append(name, String(one));
      } catch {
        // A name or value Headers refuses is not one ARM's protocol uses.
      }
    }
  }
  return headers;
}

/** `content` is the inner body as JSON; a JSON document sent as text is read as the document. */
function readContent(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function listOf(body: unknown): unknown[] | undefined {
  if (!isObject(body)) return undefined;
  if (Array.isArray(body.responses)) return body.responses;
  return Array.isArray(body.value) ? body.value : undefined;
}

/** Splits the queue in order: at most `max` a batch, and at most 20 once one carries a body. */
function intoBatches(queue: Waiting[], max: number): Waiting[][] {
  const batches: Waiting[][] = [];
  let current: Waiting[] = [];
  let withBody = false;
  for (const waiting of queue) {
    const hasBody = waiting.request.body !== undefined;
    const limit = withBody || hasBody ? Math.min(max, MAX_SYNC_REQUESTS) : max;
    if (current.length >= limit) {
      batches.push(current);
      current = [];
      withBody = false;
    }
    current.push(waiting);
    withBody ||= hasBody;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * A collecting window that closes once no request has joined for `quietMs`, and at most `maxMs`
 * after it opened; `urgentQuietMs` while every request in it is urgent (someone waits for it on
 * screen, and such requests of one moment join within a millisecond or two of each other).
 * Returns the `schedule` function; each call opens a window, and the function it hands back
 * through `joined` keeps it open.
 *
 * A burst — several urgent requests started in one task, as a dashboard's first polls are — is
 * whole once that task's microtasks have run: the window then closes at once rather than on its
 * timer, which a long task queued meanwhile (React drawing the page those polls are for) would
 * hold back by as long as it runs. A lone urgent request still waits its 2 ms for company: the
 * status polls of one batch's operations fall due on separate timers, a task each.
 */
function quietWindow(quietMs: number, maxMs: number, urgentQuietMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let openedAt = 0;
  let close: (() => void) | undefined;
  let allUrgent = true;
  // Requests joined since the last microtask check, and in this task's run of checks.
  let joinedSinceCheck = 0;
  let joinedThisTask = 0;
  let checking = false;
  const closeNow = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const flush = close;
    close = undefined;
    flush?.();
  };
  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    const left = Math.max(0, openedAt + maxMs - Date.now());
    timer = setTimeout(closeNow, Math.min(allUrgent ? urgentQuietMs : quietMs, left));
  };
  // Runs as a microtask until one passes with no request joining: the task's requests are all in.
  const check = () => {
    if (joinedSinceCheck > 0) {
      joinedSinceCheck = 0;
      queueMicrotask(check);
      return;
    }
    checking = false;
    const burst = joinedThisTask > 1;
    joinedThisTask = 0;
    if (burst && allUrgent && close !== undefined) closeNow();
  };
  const countJoin = () => {
    joinedSinceCheck++;
    joinedThisTask++;
    if (!checking) {
      checking = true;
      queueMicrotask(check);
    }
  };
  const schedule = (flush: () => void) => {
    openedAt = Date.now();
    close = flush;
    arm();
  };
  /** A request joined (the first one, just before `schedule` is called, too). */
  schedule.joined = (urgent: boolean) => {
    if (close === undefined) allUrgent = urgent;
    else {
      allUrgent &&= urgent;
      arm();
    }
    countJoin();
  };
  return schedule;
}

/**
 * ARM requests sent through ARM's batch endpoint: those sent within one tick go out as one
 * `POST /batch`, and each caller gets its own inner answer exactly as the direct transport would
 * hand it over. Inner headers arrive as JSON, so a 202's `Location` is readable whatever CORS
 * exposes.
 */
export function createBatchTransport(options: BatchTransportOptions): ArmTransport {
  const { urls, now } = options;
  const window = options.schedule ? undefined : quietWindow(10, 100, 2);
  const schedule = options.schedule ?? window!;
  const maxBatchSize = Math.min(MAX_REQUESTS, Math.max(1, Math.floor(options.maxBatchSize ?? MAX_REQUESTS)));
  // Whether ARM's own headers (x-ms-request-id, Location) can be read from a batch answer here.
  // A size past 20 set by the caller says they can be (as in Node), and that large batches are wanted.
  const askedForLarge = options.maxBatchSize !== undefined && options.maxBatchSize > MAX_SYNC_REQUESTS;
  let headersReadable: boolean | undefined = askedForLarge ? true : undefined;
  const asyncTimeoutMs = Math.max(1, options.asyncTimeoutMs ?? 120_000);
  const answersPerTask = Math.max(1, options.answersPerTask ?? 5);
  const yieldTask = options.yieldTask ?? defaultYieldTask;
  const commandName = options.commandName ?? 'bgp-dashboard';
  const batchUrl = urls.request('/batch', BATCH_API_VERSION);
  let queue: Waiting[] = [];
  // Told of each request joining the open window (the default window waits for a quiet moment).
  const collecting = window?.joined;
  let scheduled = false;
  let counter = 0;
  // ARM refused an inner request's token: the next batch asks for a new one.
  let refreshToken = false;

  // The batch POST, its polls and pages: token, time limit, retries and 401 renewal of any request.
  const outer = createDirectTransport({
    ...options,
    getToken: (signal, tokenOptions) => {
      const forceRefresh = tokenOptions?.forceRefresh === true || refreshToken;
      refreshToken = false;
      return options.getToken(signal, forceRefresh ? { forceRefresh } : undefined);
    },
  });

  function enqueue(request: ArmRequest, forceRefresh: boolean): Promise<ArmResponse> {
    collecting?.(request.urgent === true);
    const { signal } = request;
    signal?.throwIfAborted();
    urls.checkOnEndpoint(request.url);
    return new Promise<ArmResponse>((resolve, reject) => {
      const finish = (): boolean => {
        if (waiting.done) return false;
        waiting.done = true;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = () => {
        // Still queued, it is left out when the batch is made: only open requests are sent.
        if (finish()) reject(signal?.reason);
      };
      const waiting: Waiting = {
        name: `request-${++counter}`,
        request,
        forceRefresh,
        done: false,
        resolve: (response) => finish() && resolve(response),
        reject: (error) => finish() && reject(error),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiting);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    });
  }

  function flush(): void {
    scheduled = false;
    const taken = queue.filter((w) => !w.done);
    queue = [];
    // A large batch is answered later (202, then a poll of its Location a second on), so it costs
    // a second of latency per step of an operation: worth it only past a handful of batches of 20.
    // Requests someone waits for on screen go in batches answered at once, whatever the rest do.
    const urgent = taken.filter((w) => w.request.urgent === true);
    const rest = urgent.length === 0 ? taken : taken.filter((w) => w.request.urgent !== true);
    const syncLimit = Math.min(maxBatchSize, MAX_SYNC_REQUESTS);
    const large = headersReadable === true && (askedForLarge || rest.length > ASYNC_WORTH_IT);
    for (const batch of intoBatches(urgent, syncLimit)) void sendBatch(batch);
    for (const batch of intoBatches(rest, large ? maxBatchSize : syncLimit)) void sendBatch(batch);
  }

  async function sendBatch(batch: Waiting[]): Promise<void> {
    const open = new Map(batch.filter((w) => !w.done).map((w) => [w.name, w]));
    if (open.size === 0) return;
    if (batch.some((w) => w.forceRefresh)) refreshToken = true;
    const requests = [...open.values()].map(({ name, request }) => ({
      httpMethod: request.method,
      name,
      url: request.url.href,
      requestHeaderDetails: { commandName },
      ...(request.body !== undefined ? { content: request.body } : {}),
    }));
    try {
      const answer = await outer.send({ method: 'POST', url: batchUrl, body: { requests } });
      if (headersReadable === undefined && answer.headers.has('x-ms-request-id')) headersReadable = true;
      await follow(answer, open);
    } catch (e) {
      if (isArmError(e) && e.code === 'BatchLocationUnreadable' && batch.length > MAX_SYNC_REQUESTS) {
        // ARM's headers looked readable but this 202's Location is not: batches of 20 from now
        // on, which ARM answers at once. ARM may have started these requests already; they are
        // sent once more rather than lost.
        headersReadable = false;
        for (const waiting of open.values()) queue.push(waiting);
        if (!scheduled) {
          scheduled = true;
          schedule(flush);
        }
        return;
      }
      if (typeof e === 'object' && e !== null) batchFailures.add(e);
      for (const waiting of open.values()) waiting.reject(e);
      return;
    }
    for (const waiting of open.values()) {
      waiting.reject(
        new ArmError({
          code: 'BatchResponseMissing',
          message: `ARM's batch answer held no response for the ${waiting.request.method} of ${waiting.request.url.pathname}.`,
        }),
      );
    }
  }

  /** Hands out every answer of the batch: its pages (`nextLink`) and, after a 202, its later results. */
  async function follow(first: ArmResponse, open: Map<string, Waiting>): Promise<void> {
    const startedAt = now();
    let answer = first;
    let location: string | undefined;
    for (let page = 1; ; page++) {
      const accepted = answer.status === 202;
      await deliver(answer, open, accepted);
      for (const [name, waiting] of open) if (waiting.done) open.delete(name);
      if (open.size === 0) return;
      let next: URL;
      if (accepted) {
        location = answer.headers.get('location')?.trim() || location;
        if (location === undefined) {
          throw new ArmError({
            status: 202,
            code: 'BatchLocationUnreadable',
            message: "ARM took the batch for later (HTTP 202) but its Location header could not be read, so its results cannot be fetched. Batches of at most 20 requests are answered at once.",
          });
        }
        const waited = now() - startedAt;
        if (waited >= asyncTimeoutMs) {
          throw new ArmError({ code: 'BatchTimedOut', message: `ARM's batch did not finish within ${Math.round(asyncTimeoutMs / 1000)} s.` });
        }
        const delay = parseRetryAfter(answer.headers.get('retry-after'), now()) ?? 1_000;
        await options.sleep(Math.min(asyncTimeoutMs - waited, Math.max(250, Math.min(30_000, delay))));
        next = urls.fromServer(location, answer.url, 'The batch Location');
      } else {
        const nextLink = isObject(answer.body) ? answer.body.nextLink : undefined;
        if (typeof nextLink !== 'string' || nextLink.trim() === '') return;
        next = urls.fromServer(nextLink.trim(), answer.url, 'The batch nextLink');
      }
      if (page >= MAX_PAGES) {
        throw new ArmError({ code: 'InvalidResponse', message: `ARM's batch answer went on past ${MAX_PAGES} pages; it was abandoned.` });
      }
      answer = await outer.send({ method: 'GET', url: next });
    }
  }

  async function deliver(answer: ArmResponse, open: Map<string, Waiting>, partial: boolean): Promise<void> {
    const list = listOf(answer.body);
    if (list === undefined) {
      if (partial) return;
      throw new ArmError({
        status: answer.status,
        code: 'InvalidResponse',
        message: `ARM's batch answer (HTTP ${answer.status}) has neither a "responses" nor a "value" array.`,
      });
    }
    let handed = 0;
    for (const item of list) {
      if (!isObject(item) || typeof item.name !== 'string') continue;
      const waiting = open.get(item.name);
      if (waiting === undefined) continue;
      // Urgent answers (a gateway's first poll: nothing on screen yet) all go at once.
      const urgent = waiting.request.urgent === true;
      if (!urgent && handed > 0 && handed % answersPerTask === 0) await yieldTask();
      open.delete(item.name);
      settle(waiting, item);
      if (!urgent) handed++;
    }
  }

  function settle(waiting: Waiting, item: Record<string, unknown>): void {
    const { method, url } = waiting.request;
    const status = readStatus(item.httpStatusCode);
    if (status === undefined) {
      waiting.reject(new ArmError({ code: 'InvalidResponse', message: `ARM's batch answer for a ${method} has no HTTP status.` }));
      return;
    }
    const headers = readHeaders(item.headers);
    const body = readContent(item.content);
    options.pacer?.answered(waiting.request, status, headers);
    if (status >= 200 && status < 300) {
      waiting.resolve({ status, headers, body, url });
    } else if (status >= 300 && status < 400) {
      waiting.reject(new ArmError({ status, code: 'UnexpectedRedirect', message: `ARM answered a ${method} with a redirect, which is not followed.` }));
    } else {
      waiting.reject(errorFromAnswer(status, '', headers, body, now()));
    }
  }

  return {
    urls,
    send: async (request) => {
      try {
        return await withRetries(
          async (forceRefresh) => {
            try {
              if (options.pacer) await options.pacer.beforeSend(request);
              return await enqueue(request, forceRefresh);
            } catch (e) {
              throw isBatchFailure(e) ? new BatchFailed(e) : e;
            }
          },
          options.retry,
          options,
          request.signal,
        );
      } catch (e) {
        throw e instanceof BatchFailed ? e.error : e;
      }
    },
  };
}
