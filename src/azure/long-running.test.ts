import { describe, expect, it } from 'vitest';
import { ArmError } from './arm-error';
import { ENDPOINT, empty, fakeArm, json, raw, rejectionOf } from '../testing/fake-arm';
import { createArmUrls } from './arm-urls';
import { runLongRunning } from './long-running';
import type { ArmRequest, ArmResponse, ArmTransport } from './transport';

const START = '/subscriptions/s/op/start';
const STATUS = `${ENDPOINT}/operations/status-1?api-version=2023-09-01`;
const LOCATION = `${ENDPOINT}/operations/result-1?api-version=2023-09-01`;
const RESULT = { value: [{ neighbor: '10.0.0.1' }] };

function accepted(headers: Record<string, string>, status = 202): Response {
  return empty(status, headers);
}

describe('postLongRunning: synchronous answers', () => {
  it('returns the body of a 200 on the first POST without polling', async () => {
    const arm = fakeArm([json(200, RESULT)]);
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
    expect(arm.calls).toHaveLength(1);
    expect(arm.sleeps).toEqual([]);
  });

  it('turns a 200 with an empty or null body into undefined', async () => {
    const arm = fakeArm([raw(200, ''), raw(200, 'null')]);
    await expect(arm.client.postLongRunning(START)).resolves.toBeUndefined();
    await expect(arm.client.postLongRunning(START)).resolves.toBeUndefined();
  });

  it('returns undefined for a 204', async () => {
    const arm = fakeArm([empty(204)]);
    await expect(arm.client.postLongRunning(START)).resolves.toBeUndefined();
  });

  it('sends the POST with the body and api-version', async () => {
    const arm = fakeArm([json(200, {})]);
    await arm.client.postLongRunning(START, { body: { a: 1 }, apiVersion: '2099-01-01' });
    expect(arm.calls[0]).toMatchObject({
      method: 'POST',
      url: `${ENDPOINT}${START}?api-version=2099-01-01`,
      body: { a: 1 },
    });
    expect(arm.calls[0]?.headers['content-type']).toBe('application/json');
  });
});

describe('postLongRunning: Location only', () => {
  it('polls Location while it answers 202 and returns the 200 body', async () => {
    const arm = fakeArm([
      accepted({ Location: LOCATION, 'Retry-After': '3' }),
      empty(202, { 'Retry-After': '5' }),
      json(200, RESULT),
    ]);
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
    expect(arm.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `POST ${ENDPOINT}${START}?api-version=2023-09-01`,
      `GET ${LOCATION}`,
      `GET ${LOCATION}`,
    ]);
    expect(arm.sleeps).toEqual([3000, 5000]);
  });

  it('treats a 201 like a 202', async () => {
    const arm = fakeArm([accepted({ Location: LOCATION }, 201), json(200, RESULT)]);
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
  });

  it('follows a new Location carried by a 202', async () => {
    const next = `${ENDPOINT}/operations/result-2`;
    const arm = fakeArm([accepted({ Location: LOCATION }), empty(202, { Location: next }), json(200, RESULT)]);
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
    expect(arm.calls.map((c) => c.url)).toEqual([expect.any(String), LOCATION, next]);
  });

  it('returns undefined when Location answers 204', async () => {
    const arm = fakeArm([accepted({ Location: LOCATION }), empty(204)]);
    await expect(arm.client.postLongRunning(START)).resolves.toBeUndefined();
  });

  it('returns undefined when Location answers 200 with null', async () => {
    const arm = fakeArm([accepted({ Location: LOCATION }), raw(200, 'null')]);
    await expect(arm.client.postLongRunning(START)).resolves.toBeUndefined();
  });

  it('refuses a relative Location: ARM always sends absolute polling URLs, so nothing is polled', async () => {
    const arm = fakeArm([accepted({ Location: '/operations/relative' }), json(200, RESULT)]);
    await expect(arm.client.postLongRunning(START)).rejects.toMatchObject({ code: 'InvalidPollingUrl' });
    expect(arm.calls).toHaveLength(1);
  });
});

describe('postLongRunning: Azure-AsyncOperation', () => {
  it('polls the status URL until Succeeded, then reads the result from Location at once', async () => {
    const arm = fakeArm([
      accepted({ 'Azure-AsyncOperation': STATUS, Location: LOCATION, 'Retry-After': '2' }),
      json(200, { status: 'InProgress' }, { 'Retry-After': '4' }),
      json(200, { status: 'Succeeded' }),
      json(200, RESULT),
    ]);
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
    expect(arm.calls.map((c) => c.url)).toEqual([expect.any(String), STATUS, STATUS, LOCATION]);
    expect(arm.sleeps).toEqual([2000, 4000]);
  });

  it.each(['succeeded', 'SUCCEEDED', ' Succeeded '])('reads status %j as success', async (status) => {
    const arm = fakeArm([
      accepted({ 'Azure-AsyncOperation': STATUS, Location: LOCATION }),
      json(200, { status }),
      json(200, RESULT),
    ]);
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
  });

  it('keeps polling on a status it does not know, such as Running', async () => {
    const arm = fakeArm([
      accepted({ 'Azure-AsyncOperation': STATUS, Location: LOCATION }),
      json(200, { status: 'Running' }),
      json(200, { status: 'Accepted' }),
      json(200, { status: 'Succeeded' }),
      json(200, RESULT),
    ]);
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
    expect(arm.calls).toHaveLength(5);
  });

  it('returns undefined on success when there is no Location to read a result from', async () => {
    const arm = fakeArm([accepted({ 'Azure-AsyncOperation': STATUS }), json(200, { status: 'Succeeded' })]);
    await expect(arm.client.postLongRunning(START)).resolves.toBeUndefined();
  });

  it('counts a status answer carrying a value array as done, even without a status', async () => {
    const arm = fakeArm([accepted({ 'Azure-AsyncOperation': STATUS, Location: LOCATION }), json(200, RESULT)]);
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
    expect(arm.calls).toHaveLength(2);
  });

  it('keeps polling Location when it still answers 202 after the status said Succeeded', async () => {
    const arm = fakeArm([
      accepted({ 'Azure-AsyncOperation': STATUS, Location: LOCATION }),
      json(200, { status: 'Succeeded' }),
      empty(202, { 'Retry-After': '7' }),
      json(200, RESULT),
    ]);
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
    expect(arm.calls.map((c) => c.url).slice(1)).toEqual([STATUS, LOCATION, LOCATION]);
    expect(arm.sleeps.at(-1)).toBe(7000);
  });

  it('returns undefined when Location answers 204 after success', async () => {
    const arm = fakeArm([
      accepted({ 'Azure-AsyncOperation': STATUS, Location: LOCATION }),
      json(200, { status: 'Succeeded' }),
      empty(204),
    ]);
    await expect(arm.client.postLongRunning(START)).resolves.toBeUndefined();
  });

  it('rejects with the CloudError inside a Failed status', async () => {
    const arm = fakeArm([
      accepted({ 'Azure-AsyncOperation': STATUS, Location: LOCATION }),
      json(200, {
        status: 'Failed',
        error: {
          code: 'GatewayBusy',
          message: 'The gateway is updating.',
          target: 'gw-1',
          details: [{ code: 'Inner', message: 'try later' }],
        },
      }),
    ]);
    const error = await rejectionOf(arm.client.postLongRunning(START));
    expect(error).toBeInstanceOf(ArmError);
    expect(error).toMatchObject({
      code: 'GatewayBusy',
      message: 'The gateway is updating.',
      target: 'gw-1',
      details: [{ code: 'Inner', message: 'try later' }],
      operationStatus: 'Failed',
    });
  });

  it.each([
    ['Failed', 'OperationFailed'],
    ['failed', 'OperationFailed'],
    ['Canceled', 'OperationCanceled'],
    ['CANCELED', 'OperationCanceled'],
  ])('rejects a %s status without an error body with code %s', async (status, code) => {
    const arm = fakeArm([accepted({ 'Azure-AsyncOperation': STATUS }), json(200, { status })]);
    await expect(arm.client.postLongRunning(START)).rejects.toMatchObject({
      code,
      operationStatus: code === 'OperationFailed' ? 'Failed' : 'Canceled',
    });
  });

  it('rejects a status answer without a status field as InvalidResponse', async () => {
    const arm = fakeArm([accepted({ 'Azure-AsyncOperation': STATUS }), json(200, { progress: 50 })]);
    await expect(arm.client.postLongRunning(START)).rejects.toMatchObject({ code: 'InvalidResponse' });
  });

  it('prefers the status URL when both headers are present', async () => {
    const arm = fakeArm([
      accepted({ 'Azure-AsyncOperation': STATUS, Location: LOCATION }),
      json(200, { status: 'Succeeded' }),
      json(200, RESULT),
    ]);
    await arm.client.postLongRunning(START);
    expect(arm.calls[1]?.url).toBe(STATUS);
  });
});

describe('postLongRunning: unreadable or unsafe polling URLs', () => {
  it('fails with PollingHeadersUnreadable, explaining CORS, when a 202 has no polling header', async () => {
    const arm = fakeArm([accepted({ 'Retry-After': '10' })]);
    const error = await rejectionOf(arm.client.postLongRunning(START));
    expect(error).toMatchObject({ code: 'PollingHeadersUnreadable', status: 202 });
    expect((error as Error).message).toMatch(/Access-Control-Expose-Headers/);
    expect(arm.calls).toHaveLength(1);
  });

  it.each([
    ['Location', 'https://evil.example.com/operations/1'],
    ['Azure-AsyncOperation', 'https://evil.example.com/operations/1'],
    ['Location', 'http://arm.example.test/operations/1'],
    ['Location', 'https://arm.example.test:8443/operations/1'],
    ['Location', 'http://[not-a-host/x'],
  ])('refuses a %s of %s without calling it', async (header, url) => {
    const arm = fakeArm([accepted({ [header]: url })]);
    await expect(arm.client.postLongRunning(START)).rejects.toMatchObject({ code: 'ForeignPollingUrl' });
    expect(arm.calls).toHaveLength(1);
    expect(arm.tokens).toBe(1);
  });

  it('refuses a foreign new Location carried by a later 202', async () => {
    const arm = fakeArm([accepted({ Location: LOCATION }), empty(202, { Location: 'https://evil.example.com/x' })]);
    await expect(arm.client.postLongRunning(START)).rejects.toMatchObject({ code: 'ForeignPollingUrl' });
    expect(arm.calls).toHaveLength(2);
  });
});

describe('postLongRunning: waits', () => {
  async function firstWait(headers: Record<string, string>, options = {}) {
    const arm = fakeArm([accepted({ Location: LOCATION, ...headers }), json(200, RESULT)], options);
    await arm.client.postLongRunning(START);
    return arm.sleeps[0];
  }

  it('waits Retry-After seconds', async () => {
    expect(await firstWait({ 'Retry-After': '17' })).toBe(17_000);
  });

  it('waits until a Retry-After HTTP-date', async () => {
    // The fake clock starts at 2024-01-01T00:00:00Z.
    expect(await firstWait({ 'Retry-After': 'Mon, 01 Jan 2024 00:00:25 GMT' })).toBe(25_000);
  });

  it('uses the default wait when Retry-After is absent or unreadable', async () => {
    expect(await firstWait({})).toBe(10_000);
    expect(await firstWait({ 'Retry-After': 'soon' })).toBe(10_000);
    expect(await firstWait({}, { polling: { defaultDelayMs: 3_000 } })).toBe(3_000);
  });

  it('never waits less than the floor or more than the ceiling', async () => {
    expect(await firstWait({ 'Retry-After': '0' })).toBe(1_000);
    expect(await firstWait({ 'Retry-After': '160' })).toBe(60_000);
    expect(await firstWait({ 'Retry-After': '160' }, { polling: { maxDelayMs: 30_000 } })).toBe(30_000);
  });
});

describe('postLongRunning: failures while polling', () => {
  it('retries a transient 500 on the status URL and carries on polling', async () => {
    const arm = fakeArm([
      accepted({ 'Azure-AsyncOperation': STATUS, Location: LOCATION }),
      json(500, { error: { code: 'InternalServerError', message: 'oops' } }),
      json(200, { status: 'Succeeded' }),
      json(200, RESULT),
    ]);
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
    expect(arm.calls.map((c) => c.url).slice(1)).toEqual([STATUS, STATUS, LOCATION]);
  });

  it('retries a dropped connection on Location', async () => {
    const arm = fakeArm([accepted({ Location: LOCATION }), new TypeError('fetch failed'), json(200, RESULT)]);
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
  });

  it('gives up on a status URL that keeps answering 503 after the bounded retries', async () => {
    const arm = fakeArm([
      accepted({ 'Azure-AsyncOperation': STATUS }),
      json(503, { error: { code: 'ServiceUnavailable', message: 'busy' } }),
      json(503, { error: { code: 'ServiceUnavailable', message: 'busy' } }),
      json(503, { error: { code: 'ServiceUnavailable', message: 'still busy' } }),
    ]);
    await expect(arm.client.postLongRunning(START)).rejects.toMatchObject({
      status: 503,
      code: 'ServiceUnavailable',
      message: 'still busy',
    });
    expect(arm.calls).toHaveLength(4);
  });

  it('reports a 404 on the status URL as reading the status failing, without retrying', async () => {
    const arm = fakeArm([
      accepted({ 'Azure-AsyncOperation': STATUS }),
      json(404, { error: { code: 'OperationNotFound', message: 'gone' } }),
    ]);
    await expect(arm.client.postLongRunning(START)).rejects.toMatchObject({ status: 404, code: 'OperationNotFound' });
    expect(arm.calls).toHaveLength(2);
  });

  it('rejects a malformed JSON status body as InvalidResponse', async () => {
    const arm = fakeArm([accepted({ 'Azure-AsyncOperation': STATUS }), raw(200, '{"status": "InPro')]);
    await expect(arm.client.postLongRunning(START)).rejects.toMatchObject({ code: 'InvalidResponse' });
  });

  it('rejects a malformed JSON result as InvalidResponse', async () => {
    const arm = fakeArm([accepted({ Location: LOCATION }), raw(200, '<html>')]);
    await expect(arm.client.postLongRunning(START)).rejects.toMatchObject({ code: 'InvalidResponse' });
  });

  it('retries a throttled first POST after Retry-After, then follows the operation', async () => {
    const arm = fakeArm([
      json(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'Retry-After': '12' }),
      accepted({ Location: LOCATION, 'Retry-After': '1' }),
      json(200, RESULT),
    ]);
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
    expect(arm.sleeps).toEqual([12_000, 1_000]);
    expect(arm.calls.map((c) => c.method)).toEqual(['POST', 'POST', 'GET']);
  });
});

describe('postLongRunning: time limit', () => {
  it('gives up with OperationTimedOut when the operation never finishes', async () => {
    const never = () => empty(202, { 'Retry-After': '60' });
    const arm = fakeArm(
      [accepted({ Location: LOCATION, 'Retry-After': '60' }), ...Array.from({ length: 50 }, () => never)],
      { polling: { timeoutMs: 300_000 } },
    );
    const error = await rejectionOf(arm.client.postLongRunning(START));
    expect(error).toMatchObject({ code: 'OperationTimedOut' });
    expect(arm.elapsed()).toBe(300_000);
    expect(arm.calls).toHaveLength(1 + 5);
  });

  it('cuts the last wait short so it polls once more at the deadline', async () => {
    const arm = fakeArm(
      [
        accepted({ Location: LOCATION, 'Retry-After': '40' }),
        empty(202, { 'Retry-After': '40' }),
        json(200, RESULT),
      ],
      { polling: { timeoutMs: 50_000 } },
    );
    await expect(arm.client.postLongRunning(START)).resolves.toEqual(RESULT);
    expect(arm.sleeps).toEqual([40_000, 10_000]);
  });
});

describe('postLongRunning: time limit per call and for hung requests', () => {
  const hang = (_call: unknown, signal?: AbortSignal) =>
    new Promise<Response>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));

  it('uses a per-call time limit instead of the client default', async () => {
    const never = () => empty(202, { 'Retry-After': '5' });
    const arm = fakeArm([accepted({ Location: LOCATION, 'Retry-After': '5' }), ...Array.from({ length: 20 }, () => never)], {
      polling: { timeoutMs: 600_000 },
    });
    const error = await rejectionOf(arm.client.postLongRunning(START, { timeoutMs: 20_000 }));
    expect(error).toMatchObject({ code: 'OperationTimedOut', message: expect.stringContaining('20 s') });
    expect(arm.elapsed()).toBe(20_000);
  });

  it('ends a poll that never answers with OperationTimedOut at the limit, aborting the request', async () => {
    let abortedPoll = false;
    const arm = fakeArm(
      [
        accepted({ Location: LOCATION, 'Retry-After': '1' }),
        (call, signal) => {
          signal?.addEventListener('abort', () => (abortedPoll = true));
          return hang(call, signal);
        },
      ],
      { polling: { timeoutMs: 60 }, requestTimeoutMs: 60_000 },
    );
    const error = await rejectionOf(arm.client.postLongRunning(START));
    expect(error).toBeInstanceOf(ArmError);
    expect(error).toMatchObject({ code: 'OperationTimedOut' });
    expect(abortedPoll).toBe(true);
    expect(arm.calls).toHaveLength(2);
  });

  it('still reports a cancellation by the caller as an AbortError, not a time-out', async () => {
    const controller = new AbortController();
    const arm = fakeArm([(call, signal) => {
      setTimeout(() => controller.abort(), 5);
      return hang(call, signal);
    }], { polling: { timeoutMs: 60_000 } });
    const error = await rejectionOf(arm.client.postLongRunning(START, { signal: controller.signal }));
    expect(error).not.toBeInstanceOf(ArmError);
    expect((error as DOMException).name).toBe('AbortError');
  });
});

describe('postLongRunning: cancellation', () => {
  it('rejects with the AbortError, not an ArmError, when aborted while waiting', async () => {
    const controller = new AbortController();
    const arm = fakeArm([
      accepted({ Location: LOCATION }),
      () => {
        controller.abort();
        return empty(202);
      },
    ]);
    const error = await rejectionOf(arm.client.postLongRunning(START, { signal: controller.signal }));
    expect(error).not.toBeInstanceOf(ArmError);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(arm.calls).toHaveLength(2);
  });

  it('rejects with the AbortError when fetch is aborted, and does not retry', async () => {
    const controller = new AbortController();
    const arm = fakeArm([
      (_call, signal) => {
        controller.abort();
        signal?.throwIfAborted();
        return empty(202);
      },
    ]);
    const error = await rejectionOf(arm.client.postLongRunning(START, { signal: controller.signal }));
    expect((error as DOMException).name).toBe('AbortError');
    expect(arm.calls).toHaveLength(1);
    expect(arm.sleeps).toEqual([]);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const arm = fakeArm([]);
    const error = await rejectionOf(arm.client.postLongRunning(START, { signal: controller.signal }));
    expect((error as DOMException).name).toBe('AbortError');
    expect(arm.calls).toHaveLength(0);
  });
});

describe('postLongRunning: tokens', () => {
  it('asks for a fresh token before every request and sends it only as a bearer header', async () => {
    const arm = fakeArm([
      accepted({ 'Azure-AsyncOperation': STATUS, Location: LOCATION }),
      json(200, { status: 'InProgress' }),
      json(200, { status: 'Succeeded' }),
      json(200, RESULT),
    ]);
    await arm.client.postLongRunning(START);
    expect(arm.calls.map((c) => c.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-3',
      'Bearer token-4',
    ]);
    expect(arm.calls.every((c) => !c.url.includes('token'))).toBe(true);
  });
});

describe('runLongRunning over any transport', () => {
  it('follows the operation through whatever ArmTransport it is given, with no fetch of its own', async () => {
    const urls = createArmUrls(ENDPOINT);
    const sent: string[] = [];
    const answers: Omit<ArmResponse, 'url'>[] = [
      { status: 202, headers: new Headers({ Location: LOCATION, 'Retry-After': '2' }), body: undefined },
      { status: 202, headers: new Headers(), body: undefined },
      { status: 200, headers: new Headers(), body: RESULT },
    ];
    const transport: ArmTransport = {
      urls,
      send: async (request: ArmRequest) => {
        sent.push(`${request.method} ${request.url.href}`);
        const answer = answers.shift();
        if (!answer) throw new Error('no more answers');
        return { ...answer, url: request.url };
      },
    };
    const sleeps: number[] = [];
    const policy = { defaultDelayMs: 7_000, minDelayMs: 1_000, maxDelayMs: 60_000, timeoutMs: 600_000 };
    const result = await runLongRunning(
      { transport, sleep: async (ms) => void sleeps.push(ms), now: () => 0, policy },
      urls.request(START),
      { body: { a: 1 } },
    );
    expect(result).toEqual(RESULT);
    expect(sent).toEqual([`POST ${ENDPOINT}${START}?api-version=2023-09-01`, `GET ${LOCATION}`, `GET ${LOCATION}`]);
    expect(sleeps).toEqual([2_000, 7_000]);
  });
});

describe('runLongRunning on a polling grid', () => {
  it('ends every wait on the next multiple of the grid, so polls of operations started a little apart fall due together', async () => {
    const urls = createArmUrls(ENDPOINT);
    const finish = async (startedAt: number, urgent = false) => {
      let clock = startedAt;
      const answers: Omit<ArmResponse, 'url'>[] = [
        { status: 202, headers: new Headers({ Location: LOCATION, 'Retry-After': '1' }), body: undefined },
        { status: 200, headers: new Headers(), body: RESULT },
      ];
      const polledAt: number[] = [];
      const transport: ArmTransport = {
        urls,
        send: async (request) => {
          if (request.method === 'GET') polledAt.push(clock);
          return { ...answers.shift()!, url: request.url };
        },
      };
      const policy = { defaultDelayMs: 7_000, minDelayMs: 1_000, maxDelayMs: 60_000, timeoutMs: 600_000 };
      await runLongRunning(
        { transport, sleep: async (ms) => void (clock += ms), now: () => clock, policy, pollGridMs: () => 1_000 },
        urls.request(START),
        { urgent },
      );
      return polledAt;
    };
    // Started 30 ms and 740 ms into the same second, both asked to wait 1 s: both poll at 2 s.
    expect(await finish(10_030)).toEqual([12_000]);
    expect(await finish(10_740)).toEqual([12_000]);
    // Someone waits for this one on screen: it polls when ARM said, not at the next grid line.
    expect(await finish(10_740, true)).toEqual([11_740]);
  });
});
