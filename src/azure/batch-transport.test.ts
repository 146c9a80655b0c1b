import { describe, expect, it, vi } from 'vitest';
import { isArmError } from './arm-error';
import {
  ENDPOINT,
  GATEWAY_ID,
  batchOf,
  empty,
  fakeArm,
  innerRequests,
  json,
  rejectionOf,
  type InnerRequest,
  type RecordedCall,
} from '../testing/fake-arm';

const BATCH_URL = `${ENDPOINT}/batch?api-version=2020-06-01`;
const ok = (inner: InnerRequest) => ({ httpStatusCode: 200, content: { url: inner.url } });
const path = (n: number) => `/subscriptions/s/resourceGroups/rg/item-${n}`;

function batchArm(steps: Parameters<typeof fakeArm>[0], batch: Parameters<typeof fakeArm>[1] = {}) {
  return fakeArm(steps, { transport: 'batch', ...batch });
}

describe('batch transport: collecting', () => {
  it('sends requests of one tick as one batch POST, each caller getting its own answer', async () => {
    const arm = batchArm([batchOf(ok)]);
    const answers = await Promise.all([
      arm.client.get(path(1)),
      arm.client.get(path(2)),
      arm.client.post(path(3), { query: 'q' }),
    ]);
    expect(arm.calls).toHaveLength(1);
    expect(arm.calls[0]).toMatchObject({ method: 'POST', url: BATCH_URL, headers: { authorization: 'Bearer token-1' } });
    const inner = innerRequests(arm.calls[0]!);
    expect(inner).toEqual([
      { httpMethod: 'GET', name: expect.any(String), url: `${ENDPOINT}${path(1)}?api-version=2023-09-01`, requestHeaderDetails: { commandName: 'bgp-dashboard' } },
      { httpMethod: 'GET', name: expect.any(String), url: `${ENDPOINT}${path(2)}?api-version=2023-09-01`, requestHeaderDetails: { commandName: 'bgp-dashboard' } },
      expect.objectContaining({ httpMethod: 'POST', content: { query: 'q' } }),
    ]);
    expect(new Set(inner.map((r) => r.name)).size).toBe(3);
    expect(answers).toEqual([1, 2, 3].map((n) => ({ url: `${ENDPOINT}${path(n)}?api-version=2023-09-01` })));
  });

  it('keeps the window open while requests keep joining a few ms apart, as the gateways of one tick do', async () => {
    const arm = batchArm([batchOf(ok), batchOf(ok)]);
    const later = (ms: number, n: number) => new Promise((resolve) => setTimeout(resolve, ms)).then(() => arm.client.get(path(n)));
    await Promise.all([arm.client.get(path(0)), later(4, 1), later(8, 2), later(12, 3)]);
    expect(arm.calls.map((c) => innerRequests(c).length)).toEqual([4]);
    // A request well after the window closed goes in a batch of its own.
    await later(30, 4);
    expect(arm.calls.map((c) => innerRequests(c).length)).toEqual([4, 1]);
  });

  it('closes the window sooner (2 ms quiet, not 10) while every request in it is urgent', async () => {
    const arm = batchArm([batchOf(ok), batchOf(ok), batchOf(ok), batchOf(ok)]);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const send = (n: number, urgent: boolean) => (urgent ? arm.client.postLongRunning(path(n), { urgent: true }) : arm.client.get(path(n)));
    // Timers fire in the order they fall due, so these orders hold however late the event loop runs.
    // Two urgent requests 6 ms apart: the first has left alone.
    const first = send(0, true);
    await sleep(6);
    await Promise.all([first, send(1, true)]);
    expect(arm.calls.map((c) => innerRequests(c).length)).toEqual([1, 1]);
    // A request that is not urgent keeps the window open 10 ms: urgent ones 4 and 8 ms later join
    // it (and go in a batch of their own, answered at once, beside it).
    const third = send(2, false);
    await sleep(4);
    const fourth = send(3, true);
    await sleep(4);
    await Promise.all([third, fourth, send(4, true)]);
    expect(arm.calls.slice(2).map((c) => `${innerRequests(c)[0]!.httpMethod} ${innerRequests(c).length}`).sort()).toEqual(['GET 1', 'POST 2']);
  });

  it('sends urgent requests started in one task as soon as its microtasks have run, ahead of a task queued before them', async () => {
    const arm = batchArm([batchOf(ok)]);
    // Stands for React drawing the page: queued (as TanStack Query queues its notifications)
    // before the first polls it shows are started.
    const sentBeforeTheDrawing = new Promise((resolve) => setTimeout(() => resolve(arm.calls.length), 0));
    await Promise.all([0, 1, 2].map((n) => arm.client.postLongRunning(path(n), { urgent: true })));
    expect(await sentBeforeTheDrawing).toBe(1);
    expect(arm.calls.map((c) => innerRequests(c).length)).toEqual([3]);
  });

  it('still gathers urgent requests that fall due on separate timers (a task each) into one batch', async () => {
    const arm = batchArm([batchOf(ok)]);
    const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.all([0, 1, 2].map((n) => nextTask().then(() => arm.client.postLongRunning(path(n), { urgent: true }))));
    expect(arm.calls.map((c) => innerRequests(c).length)).toEqual([3]);
  });

  it('hands a batch\'s answers to their callers a few per task, not all in one long task', async () => {
    const settled: number[] = [];
    const seenAtYield: number[] = [];
    const arm = batchArm([batchOf(ok)], {
      batch: {
        answersPerTask: 5,
        yieldTask: async () => {
          // The answers handed out so far have reached their callers before the next task.
          await new Promise((resolve) => setTimeout(resolve, 0));
          seenAtYield.push(settled.length);
        },
      },
    });
    await Promise.all(Array.from({ length: 12 }, (_, n) => arm.client.get(path(n)).then(() => settled.push(n))));
    expect(arm.calls).toHaveLength(1);
    expect(seenAtYield).toEqual([5, 10]);
    expect(settled).toHaveLength(12);
  });

  it('hands urgent answers (first polls, nothing on screen yet) over all at once', async () => {
    let yields = 0;
    const arm = batchArm([batchOf(() => ({ httpStatusCode: 200, content: { id: 'x', properties: {} } }))], {
      batch: { answersPerTask: 2, yieldTask: async () => void yields++ },
    });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, n) => arm.client.postLongRunning(path(n), { urgent: true })));
    expect(answers).toHaveLength(6);
    expect(arm.calls).toHaveLength(1);
    expect(yields).toBe(0);
  });

  it('splits 25 requests into a batch of 20 and a batch of 5', async () => {
    const arm = batchArm([batchOf(ok), batchOf(ok)]);
    const answers = await Promise.all(Array.from({ length: 25 }, (_, n) => arm.client.get(path(n))));
    expect(arm.calls.map((c) => innerRequests(c).length)).toEqual([20, 5]);
    expect(answers[24]).toEqual({ url: `${ENDPOINT}${path(24)}?api-version=2023-09-01` });
  });

  it('keeps a batch that carries a body at 20 requests even when larger batches are allowed', async () => {
    const arm = batchArm([batchOf(ok), batchOf(ok)], { batch: { maxBatchSize: 25 } });
    await Promise.all(Array.from({ length: 25 }, (_, n) => arm.client.post(path(n), { n })));
    expect(arm.calls.map((c) => innerRequests(c).length)).toEqual([20, 5]);
  });

  it('refuses a URL on another origin without sending anything', async () => {
    const arm = batchArm([]);
    await expect(arm.client.get('https://evil.example.com/x')).rejects.toMatchObject({ code: 'ForeignUrl' });
    expect(arm.calls).toHaveLength(0);
  });
});

describe('batch transport: inner answers', () => {
  it('runs the long-running poller inside batches, reading the 202 headers from JSON', async () => {
    const status = `${ENDPOINT}/operations/status-1?api-version=2023-09-01`;
    const location = `${ENDPOINT}/operations/result-1?api-version=2023-09-01`;
    const arm = batchArm([
      batchOf(() => ({ httpStatusCode: 202, headers: { Location: location, 'Azure-AsyncOperation': status, 'Retry-After': '10' }, content: null })),
      batchOf(() => ({ httpStatusCode: 200, headers: { 'Retry-After': 5 }, content: { status: 'InProgress' } })),
      batchOf(() => ({ httpStatusCode: 200, content: { status: 'Succeeded' } })),
      batchOf(() => ({ httpStatusCode: 200, content: { value: [{ neighbor: '10.1.0.4', state: 'Connected', asn: 65010 }] } })),
    ]);
    const peers = await arm.client.getBgpPeerStatus(GATEWAY_ID);
    expect(peers).toEqual([expect.objectContaining({ neighbor: '10.1.0.4', state: 'Connected', asn: 65010 })]);
    expect(arm.calls.map((c) => c.url)).toEqual([BATCH_URL, BATCH_URL, BATCH_URL, BATCH_URL]);
    expect(arm.calls.map((c) => innerRequests(c).map((r) => `${r.httpMethod} ${r.url}`)[0])).toEqual([
      `POST ${ENDPOINT}${GATEWAY_ID}/getBgpPeerStatus?api-version=2023-09-01`,
      `GET ${status}`,
      `GET ${status}`,
      `GET ${location}`,
    ]);
    expect(arm.sleeps).toEqual([10_000, 5_000]);
  });

  it('retries an inner 429 after its own Retry-After, in a later batch', async () => {
    const arm = batchArm([
      batchOf((_inner, i) =>
        i === 0
          ? { httpStatusCode: 429, headers: { 'Retry-After': '7' }, content: { error: { code: 'TooManyRequests', message: 'slow down' } } }
          : { httpStatusCode: 200, content: { other: true } },
      ),
      batchOf(() => ({ httpStatusCode: 200, content: { retried: true } })),
    ]);
    const [first, second] = await Promise.all([arm.client.get(path(1)), arm.client.get(path(2))]);
    expect(first).toEqual({ retried: true });
    expect(second).toEqual({ other: true });
    expect(arm.sleeps).toEqual([7_000]);
    expect(arm.calls.map((c) => innerRequests(c).length)).toEqual([2, 1]);
  });

  it('turns an inner CloudError into an ArmError with status, code, message, target and request id, not retried', async () => {
    const arm = batchArm([
      batchOf(() => ({
        httpStatusCode: 404,
        headers: { 'x-ms-request-id': 'req-7' },
        content: { error: { code: 'ResourceNotFound', message: 'gw-9 was not found', target: 'gw-9' } },
      })),
    ]);
    const error = await rejectionOf(arm.client.get(path(1)));
    expect(isArmError(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, code: 'ResourceNotFound', message: 'gw-9 was not found', target: 'gw-9', requestId: 'req-7' });
    expect(arm.calls).toHaveLength(1);
  });

  it('gives HttpError<status> for an inner error without a CloudError, and InvalidResponse for no status', async () => {
    const arm = batchArm([batchOf((_inner, i) => (i === 0 ? { httpStatusCode: 409 } : { httpStatusCode: 'soon' }))]);
    const [first, second] = await Promise.all([rejectionOf(arm.client.get(path(1))), rejectionOf(arm.client.get(path(2)))]);
    expect(first).toMatchObject({ status: 409, code: 'HttpError409' });
    expect(second).toMatchObject({ code: 'InvalidResponse' });
  });

  it('rejects only the caller whose response is missing, with BatchResponseMissing', async () => {
    const arm = batchArm([batchOf((_inner, i) => (i === 1 ? undefined : { httpStatusCode: 200, content: i }))]);
    const results = await Promise.allSettled([arm.client.get(path(0)), arm.client.get(path(1)), arm.client.get(path(2))]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 0 });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'BatchResponseMissing' } });
    expect(results[2]).toEqual({ status: 'fulfilled', value: 2 });
  });
});

describe('batch transport: the batch request itself', () => {
  it('retries an outer 500, then rejects every caller with that error (no retries on top)', async () => {
    const failure = () => json(500, { error: { code: 'InternalServerError', message: 'batch broke' } });
    const arm = batchArm([failure(), failure(), failure()]);
    const results = await Promise.allSettled([arm.client.get(path(1)), arm.client.get(path(2))]);
    for (const result of results) {
      expect(result).toMatchObject({ status: 'rejected', reason: { status: 500, code: 'InternalServerError' } });
    }
    expect(arm.calls).toHaveLength(3);
  });

  it('renews the token once when ARM refuses it on the batch POST', async () => {
    const arm = batchArm([json(401, { error: { code: 'ExpiredAuthenticationToken', message: 'expired' } }), batchOf(ok)]);
    await arm.client.get(path(1));
    expect(arm.calls.map((c) => c.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('asks for a new token for the next batch when ARM refuses an inner request\'s token, and only then', async () => {
    const forced: boolean[] = [];
    const arm = batchArm(
      [
        batchOf(() => ({ httpStatusCode: 401, content: { error: { code: 'InvalidAuthenticationToken', message: 'bad' } } })),
        batchOf(() => ({ httpStatusCode: 200, content: 'renewed' })),
        batchOf(() => ({ httpStatusCode: 200, content: 'later' })),
      ],
      {
        getToken: async (_signal, options) => {
          forced.push(options?.forceRefresh === true);
          return 't';
        },
      },
    );
    await expect(arm.client.get(path(1))).resolves.toBe('renewed');
    await expect(arm.client.get(path(1))).resolves.toBe('later');
    expect(forced).toEqual([false, true, false]);
  });

  it('rejects every caller with InvalidResponse when the answer has no response array', async () => {
    const arm = batchArm([json(200, { results: [] })]);
    await expect(arm.client.get(path(1))).rejects.toMatchObject({ code: 'InvalidResponse', status: 200 });
  });

  it('reads results paged as "value" with nextLink', async () => {
    const next = `${ENDPOINT}/batch/page-2?api-version=2020-06-01`;
    const nameOf = (n: number) => innerRequests(arm.calls[0]!)[n]!.name;
    const arm = batchArm([
      batchOf((_inner, i) => (i < 2 ? { httpStatusCode: 200, content: i } : undefined), { array: 'value', extra: { nextLink: next } }),
      () => json(200, { value: [{ name: nameOf(2), httpStatusCode: 200, content: 2 }] }),
    ]);
    await expect(Promise.all([0, 1, 2].map((n) => arm.client.get(path(n))))).resolves.toEqual([0, 1, 2]);
    expect(arm.calls.map((c) => `${c.method} ${c.url}`)).toEqual([`POST ${BATCH_URL}`, `GET ${next}`]);
  });

  it('polls a batch that answered 202 at its Location, handing out partial results as they arrive', async () => {
    const location = `${ENDPOINT}/batch/operations/b-1?api-version=2020-06-01`;
    const names = () => innerRequests(arm.calls[0]!).map((r) => r.name);
    const settled: number[] = [];
    let settledBeforeLastPoll = -1;
    const waits: number[] = [];
    const arm = batchArm(
      [
        empty(202, { Location: location, 'Retry-After': '2' }),
        () => json(202, { responses: names().slice(0, 10).map((name, i) => ({ name, httpStatusCode: 200, content: i })) }, { 'Retry-After': '3' }),
        () => {
          settledBeforeLastPoll = settled.length;
          return json(200, { responses: names().slice(10).map((name, i) => ({ name, httpStatusCode: 200, content: 10 + i })) });
        },
      ],
      {
        batch: { maxBatchSize: 25 },
        // A wait that lets everything already resolved reach its caller first, as a real timer does.
        sleep: async (ms) => {
          waits.push(ms);
          await new Promise((resolve) => setTimeout(resolve, 0));
        },
      },
    );
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, n) =>
        arm.client.get(path(n)).then((value) => {
          settled.push(n);
          return value;
        }),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 25 }, (_, n) => n));
    expect(innerRequests(arm.calls[0]!)).toHaveLength(25);
    expect(arm.calls.map((c) => `${c.method} ${c.url}`)).toEqual([`POST ${BATCH_URL}`, `GET ${location}`, `GET ${location}`]);
    expect(waits).toEqual([2_000, 3_000]);
    expect(settledBeforeLastPoll).toBe(10);
  });

  it('rejects every caller with BatchLocationUnreadable when a batch 202 has no readable Location', async () => {
    const arm = batchArm([empty(202, { 'Retry-After': '2' })]);
    const results = await Promise.allSettled([arm.client.get(path(1)), arm.client.get(path(2))]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as { code?: string }).code)).toEqual([
      'BatchLocationUnreadable',
      'BatchLocationUnreadable',
    ]);
    expect(arm.calls).toHaveLength(1);
  });
});

describe('batch transport: batch size', () => {
  it('stays at 20 per batch until an answer shows ARM headers are readable, then sends more than 60 waiting requests in one', async () => {
    const readable = (call: RecordedCall) => {
      const answer = batchOf(ok)(call);
      answer.headers.set('x-ms-request-id', '00000000-0000-0000-0000-000000000001');
      return answer;
    };
    const arm = batchArm(Array.from({ length: 10 }, () => readable));
    await Promise.all(Array.from({ length: 120 }, (_, n) => arm.client.get(path(n))));
    await Promise.all(Array.from({ length: 120 }, (_, n) => arm.client.get(path(n))));
    // Up to 60 at once, batches of 20 are answered at once and cost hardly more requests.
    await Promise.all(Array.from({ length: 40 }, (_, n) => arm.client.get(path(n))));
    expect(arm.calls.map((c) => innerRequests(c).length)).toEqual([20, 20, 20, 20, 20, 20, 120, 20, 20]);
  });

  it('sends requests someone waits for on screen (urgent) in batches answered at once, beside one large batch for the rest', async () => {
    const readable = (call: RecordedCall) => {
      const answer = batchOf(ok)(call);
      answer.headers.set('x-ms-request-id', '00000000-0000-0000-0000-000000000001');
      return answer;
    };
    const arm = batchArm(Array.from({ length: 10 }, () => readable));
    await arm.client.get(path(0));
    await Promise.all([
      ...Array.from({ length: 45 }, (_, n) => arm.client.postLongRunning(path(n), { urgent: true })),
      ...Array.from({ length: 70 }, (_, n) => arm.client.get(path(n))),
    ]);
    expect(arm.calls.slice(1).map((c) => `${innerRequests(c)[0]!.httpMethod} ${innerRequests(c).length}`)).toEqual(['POST 20', 'POST 20', 'POST 5', 'GET 70']);
  });

  it("goes back to 20 for good when a large batch's 202 Location cannot be read, sending its requests again", async () => {
    const readable = (call: RecordedCall) => {
      const answer = batchOf(ok)(call);
      answer.headers.set('x-ms-request-id', '00000000-0000-0000-0000-000000000001');
      return answer;
    };
    const arm = batchArm([readable, empty(202, { 'Retry-After': '1' }), ...Array.from({ length: 14 }, () => batchOf(ok))]);
    await arm.client.get(path(0));
    const answers = await Promise.all(Array.from({ length: 105 }, (_, n) => arm.client.get(path(n))));
    expect(answers[104]).toEqual({ url: `${ENDPOINT}${path(104)}?api-version=2023-09-01` });
    await Promise.all(Array.from({ length: 105 }, (_, n) => arm.client.get(path(n))));
    expect(arm.calls.map((c) => innerRequests(c).length)).toEqual([1, 105, 20, 20, 20, 20, 20, 5, 20, 20, 20, 20, 20, 5]);
  });
});

describe('batch transport: a batch that never finishes', () => {
  it('stops polling after its time limit and rejects what is still open with BatchTimedOut', async () => {
    const location = `${ENDPOINT}/batch/operations/b-2?api-version=2020-06-01`;
    const pending = () => empty(202, { Location: location, 'Retry-After': '30' });
    const arm = batchArm(Array.from({ length: 10 }, pending));
    await expect(arm.client.get(path(1))).rejects.toMatchObject({ code: 'BatchTimedOut' });
    expect(arm.sleeps).toEqual([30_000, 30_000, 30_000, 30_000]);
    expect(arm.calls).toHaveLength(5);
  });
});

describe('batch transport: cancellation', () => {
  it('leaves a caller that aborted before the batch left out of it, and the others unaffected', async () => {
    const flushes: Array<() => void> = [];
    const arm = batchArm([batchOf(ok)], { batch: { schedule: (flush) => flushes.push(flush) } });
    const controller = new AbortController();
    const kept = arm.client.get(path(1));
    const aborted = rejectionOf(arm.client.get(path(2), { signal: controller.signal }));
    controller.abort();
    expect(await aborted).toMatchObject({ name: 'AbortError' });
    flushes.forEach((flush) => flush());
    await expect(kept).resolves.toEqual({ url: `${ENDPOINT}${path(1)}?api-version=2023-09-01` });
    expect(innerRequests(arm.calls[0]!).map((r) => r.url)).toEqual([`${ENDPOINT}${path(1)}?api-version=2023-09-01`]);
  });

  it('rejects a caller that aborts while its batch is in flight with its AbortError, and answers the others', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const answer = batchOf(ok);
    const arm = batchArm([
      async (call) => {
        await gate;
        return answer(call);
      },
    ]);
    const controller = new AbortController();
    const kept = arm.client.get(path(1));
    const aborted = rejectionOf(arm.client.get(path(2), { signal: controller.signal }));
    await vi.waitFor(() => expect(arm.calls).toHaveLength(1));
    controller.abort();
    const error = await aborted;
    expect(isArmError(error)).toBe(false);
    expect(error).toMatchObject({ name: 'AbortError' });
    release();
    await expect(kept).resolves.toEqual({ url: `${ENDPOINT}${path(1)}?api-version=2023-09-01` });
  });
});
