import { describe, expect, it } from 'vitest';
import { ENDPOINT, GATEWAY_ID, batchOf, empty, fakeArm, innerRequests, json, rejectionOf } from '../testing/fake-arm';
import type { TransportChoice, TransportMode } from './transport-mode';

const BATCH_URL = `${ENDPOINT}/batch?api-version=2020-06-01`;
const A = `${ENDPOINT}/subscriptions/s/a?api-version=2023-09-01`;
const TEN_MINUTES = 600_000;

function switchingArm(choice: TransportChoice, steps: Parameters<typeof fakeArm>[0]) {
  const changes: Array<[TransportMode, string]> = [];
  const arm = fakeArm(steps, { transport: choice, onTransportChange: (mode, reason) => changes.push([mode, reason]) });
  const sent = () => arm.calls.map((c) => (c.url === BATCH_URL ? `batch ${innerRequests(c).length}` : `${c.method} ${c.url}`));
  return { arm, changes, sent };
}

describe('auto mode', () => {
  it('batches, and says so once', async () => {
    const { arm, changes, sent } = switchingArm('auto', [batchOf(() => ({ httpStatusCode: 200, content: 1 })), batchOf(() => ({ httpStatusCode: 200, content: 2 }))]);
    await Promise.all([arm.client.get('/subscriptions/s/a'), arm.client.get('/subscriptions/s/b')]);
    await arm.client.get('/subscriptions/s/c');
    expect(sent()).toEqual(['batch 2', 'batch 1']);
    expect(changes).toEqual([['batch', expect.stringMatching(/batch endpoint answers/)]]);
  });

  it('falls back to direct when /batch answers 404, sends that request directly, and tries batch again after 10 minutes', async () => {
    const { arm, changes, sent } = switchingArm('auto', [
      json(404, { error: { code: 'NotFound', message: 'no batch here' } }),
      json(200, { first: true }),
      json(200, { second: true }),
      batchOf(() => ({ httpStatusCode: 200, content: { third: true } })),
    ]);
    await expect(arm.client.get('/subscriptions/s/a')).resolves.toEqual({ first: true });
    await expect(arm.client.get('/subscriptions/s/a')).resolves.toEqual({ second: true });
    arm.advance(TEN_MINUTES);
    await expect(arm.client.get('/subscriptions/s/a')).resolves.toEqual({ third: true });
    expect(sent()).toEqual(['batch 1', `GET ${A}`, `GET ${A}`, 'batch 1']);
    expect(changes).toEqual([
      ['direct', expect.stringMatching(/HTTP 404.*tried again in 10 min/)],
      ['batch', expect.stringMatching(/answers again/)],
    ]);
  });

  it.each([405, 400])('falls back to direct on HTTP %i from /batch', async (status) => {
    const { arm, changes, sent } = switchingArm('auto', [json(status, {}), json(200, { ok: true })]);
    await expect(arm.client.get('/subscriptions/s/a')).resolves.toEqual({ ok: true });
    expect(sent()).toEqual(['batch 1', `GET ${A}`]);
    expect(changes.map(([mode]) => mode)).toEqual(['direct']);
  });

  it('stays on direct while a retry of batch is refused again, saying nothing new', async () => {
    const { arm, changes, sent } = switchingArm('auto', [json(404, {}), json(200, 1), json(404, {}), json(200, 2)]);
    await arm.client.get('/subscriptions/s/a');
    arm.advance(TEN_MINUTES);
    await expect(arm.client.get('/subscriptions/s/a')).resolves.toBe(2);
    expect(sent()).toEqual(['batch 1', `GET ${A}`, 'batch 1', `GET ${A}`]);
    expect(changes).toHaveLength(1);
  });

  it('falls back when the batch POST cannot be reached (CORS) while a direct request gets through', async () => {
    const refused = () => new TypeError('Failed to fetch');
    const { arm, changes, sent } = switchingArm('auto', [refused(), refused(), refused(), json(200, { ok: true })]);
    await expect(arm.client.get('/subscriptions/s/a')).resolves.toEqual({ ok: true });
    expect(sent()).toEqual(['batch 1', 'batch 1', 'batch 1', `GET ${A}`]);
    expect(changes).toEqual([['direct', expect.stringMatching(/could not be reached \(NetworkError\)/)]]);
  });

  it('does not fall back when ARM cannot be reached at all', async () => {
    const down = () => new TypeError('Failed to fetch');
    const { arm, changes } = switchingArm('auto', [down(), down(), down(), down(), down(), down()]);
    await expect(arm.client.get('/subscriptions/s/a')).rejects.toMatchObject({ code: 'NetworkError' });
    expect(changes).toEqual([]);
  });

  it('does not fall back on a 500 of the batch POST', async () => {
    const broken = () => json(500, { error: { code: 'InternalServerError', message: 'x' } });
    const { arm, changes, sent } = switchingArm('auto', [broken(), broken(), broken()]);
    await expect(arm.client.get('/subscriptions/s/a')).rejects.toMatchObject({ status: 500 });
    expect(sent()).toEqual(['batch 1', 'batch 1', 'batch 1']);
    expect(changes).toEqual([]);
  });

  it('counts an inner error as the batch endpoint working', async () => {
    const { arm, changes } = switchingArm('auto', [batchOf(() => ({ httpStatusCode: 403, content: { error: { code: 'AuthorizationFailed', message: 'no' } } }))]);
    await expect(arm.client.get('/subscriptions/s/a')).rejects.toMatchObject({ code: 'AuthorizationFailed' });
    expect(changes.map(([mode]) => mode)).toEqual(['batch']);
  });
});

describe('batch mode', () => {
  it('never falls back: a refused /batch is the caller\'s error', async () => {
    const { arm, changes, sent } = switchingArm('batch', [json(404, { error: { code: 'NotFound', message: 'no' } })]);
    await expect(arm.client.get('/subscriptions/s/a')).rejects.toMatchObject({ status: 404, code: 'NotFound' });
    expect(sent()).toEqual(['batch 1']);
    expect(changes).toEqual([]);
  });
});

describe('direct mode', () => {
  const START = `${ENDPOINT}${GATEWAY_ID}/getBgpPeerStatus?api-version=2023-09-01`;
  const LOCATION = `${ENDPOINT}/operations/result-1?api-version=2023-09-01`;
  const RESULT = { value: [{ neighbor: '10.1.0.4', state: 'Connected' }] };

  it('switches to batch when the poller cannot read the polling headers, and starts the operation again there', async () => {
    const { arm, changes, sent } = switchingArm('direct', [
      empty(202, {}),
      batchOf(() => ({ httpStatusCode: 202, headers: { Location: LOCATION, 'Retry-After': '4' } })),
      batchOf(() => ({ httpStatusCode: 200, content: RESULT })),
    ]);
    const peers = await arm.client.getBgpPeerStatus(GATEWAY_ID);
    expect(peers).toEqual([expect.objectContaining({ neighbor: '10.1.0.4', state: 'Connected' })]);
    expect(sent()).toEqual([`POST ${START}`, 'batch 1', 'batch 1']);
    expect(innerRequests(arm.calls[2]!)[0]).toMatchObject({ httpMethod: 'GET', url: LOCATION });
    expect(arm.sleeps).toEqual([4_000]);
    expect(changes).toEqual([
      ['direct', expect.stringMatching(/as configured/)],
      ['batch', expect.stringMatching(/polling headers cannot be read/)],
    ]);
  });

  it('restarts through batch every operation that was started directly before the switch, announcing it once', async () => {
    const { arm, changes, sent } = switchingArm('direct', [
      empty(202, {}),
      empty(202, {}),
      batchOf(() => ({ httpStatusCode: 200, content: RESULT })),
      batchOf(() => ({ httpStatusCode: 200, content: RESULT })),
    ]);
    const both = await Promise.all([arm.client.getBgpPeerStatus(GATEWAY_ID), arm.client.getBgpPeerStatus(GATEWAY_ID)]);
    expect(both.map((peers) => peers.length)).toEqual([1, 1]);
    expect(sent().slice(0, 2)).toEqual([`POST ${START}`, `POST ${START}`]);
    expect(sent().slice(2).every((call) => call.startsWith('batch'))).toBe(true);
    expect(changes.map(([mode]) => mode)).toEqual(['direct', 'batch']);
  });

  it('ends with PollingHeadersUnreadable, without looping, when batch is refused too', async () => {
    const { arm, changes, sent } = switchingArm('direct', [empty(202, {}), json(404, {}), empty(202, {})]);
    const error = await rejectionOf(arm.client.getBgpPeerStatus(GATEWAY_ID));
    expect(error).toMatchObject({ code: 'PollingHeadersUnreadable' });
    expect(sent()).toEqual([`POST ${START}`, 'batch 1', `POST ${START}`]);
    expect(changes.map(([mode]) => mode)).toEqual(['direct', 'batch', 'direct']);
  });

  it('never switches without a transport option: the plain direct transport', async () => {
    const arm = fakeArm([empty(202, {})]);
    await expect(arm.client.getBgpPeerStatus(GATEWAY_ID)).rejects.toMatchObject({ code: 'PollingHeadersUnreadable' });
    expect(arm.calls).toHaveLength(1);
  });
});
