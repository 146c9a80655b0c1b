import { describe, expect, it } from 'vitest';
import { abortable, createSingleFlight } from './single-flight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createSingleFlight', () => {
  it('turns concurrent requests into one call and gives everyone its answer', async () => {
    let calls = 0;
    const pending = deferred<string>();
    const renew = createSingleFlight(() => {
      calls++;
      return pending.promise;
    });
    const answers = Promise.all([renew(), renew(), renew()]);
    pending.resolve('token');
    await expect(answers).resolves.toEqual(['token', 'token', 'token']);
    expect(calls).toBe(1);
  });

  it('starts a new call once the previous one settled, even after a failure', async () => {
    let calls = 0;
    const renew = createSingleFlight(async () => {
      calls++;
      if (calls === 1) throw new Error('first fails');
      return `token-${calls}`;
    });
    await expect(renew()).rejects.toThrow('first fails');
    await expect(renew()).resolves.toBe('token-2');
  });
});

describe('abortable', () => {
  it('lets one caller stop waiting without settling the shared promise for others', async () => {
    const pending = deferred<string>();
    const controller = new AbortController();
    const mine = abortable(pending.promise, controller.signal);
    const other = abortable(pending.promise, undefined);
    controller.abort(new DOMException('gone', 'AbortError'));
    await expect(mine).rejects.toMatchObject({ name: 'AbortError' });
    pending.resolve('token');
    await expect(other).resolves.toBe('token');
  });

  it('refuses at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('gone', 'AbortError'));
    await expect(async () => abortable(Promise.resolve('token'), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
