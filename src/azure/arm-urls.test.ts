import { describe, expect, it } from 'vitest';
import { createArmClient } from './arm-client';
import { createArmUrls } from './arm-urls';
import { ENDPOINT, fakeArm, json } from '../testing/fake-arm';

describe('request URLs', () => {
  it('joins a path to the endpoint and adds the api-version', async () => {
    const arm = fakeArm([json(200, { ok: true })]);
    await expect(arm.client.get('/subscriptions/x')).resolves.toEqual({ ok: true });
    expect(arm.calls[0]?.url).toBe(`${ENDPOINT}/subscriptions/x?api-version=2023-09-01`);
  });

  it('keeps an api-version already in the URL and honours a per-call or client api-version', async () => {
    const arm = fakeArm([json(200, {}), json(200, {}), json(200, {})]);
    await arm.client.get('/a?api-version=2020-01-01');
    await arm.client.get('/b', { apiVersion: '2021-01-01' });
    await arm.client.get(`${ENDPOINT}/c?x=1`);
    expect(arm.calls.map((c) => c.url)).toEqual([
      `${ENDPOINT}/a?api-version=2020-01-01`,
      `${ENDPOINT}/b?api-version=2021-01-01`,
      `${ENDPOINT}/c?x=1&api-version=2023-09-01`,
    ]);
    const other = fakeArm([json(200, {})], { apiVersion: '2024-05-01' });
    await other.client.get('/d');
    expect(other.calls[0]?.url).toBe(`${ENDPOINT}/d?api-version=2024-05-01`);
  });

  it('keeps an endpoint path prefix and drops its trailing slash', async () => {
    const arm = fakeArm([json(200, {})], { endpoint: 'http://localhost:8710/arm/' });
    expect(arm.client.endpoint).toBe('http://localhost:8710/arm');
    await arm.client.get('/subscriptions');
    expect(arm.calls[0]?.url).toBe('http://localhost:8710/arm/subscriptions?api-version=2023-09-01');
  });

  it.each(['https://evil.example.com/subscriptions', '//evil.example.com/subscriptions', 'subscriptions', 'http://arm.example.test/x'])(
    'refuses %s without asking for a token or calling it',
    async (url) => {
      const arm = fakeArm([]);
      await expect(arm.client.get(url)).rejects.toMatchObject({ code: 'ForeignUrl' });
      expect(arm.calls).toHaveLength(0);
      expect(arm.tokens).toBe(0);
    },
  );

  it('rejects an endpoint that is not an absolute URL', () => {
    expect(() => createArmClient({ endpoint: 'management.azure.com', getToken: async () => 't' })).toThrow(
      /not an absolute URL/,
    );
  });
});

describe('server URLs', () => {
  const urls = createArmUrls(`${ENDPOINT}/`);
  const base = new URL(`${ENDPOINT}/subscriptions/s/op?api-version=2023-09-01`);

  it('keeps an absolute URL on the endpoint as it is, with no api-version added', () => {
    expect(urls.fromServer(`${ENDPOINT}/operations/1?x=1`, base).href).toBe(`${ENDPOINT}/operations/1?x=1`);
  });

  it('refuses a relative URL, and one on another origin, naming what it was', () => {
    expect(() => urls.fromServer('/operations/1', base)).toThrow(expect.objectContaining({ code: 'InvalidPollingUrl' }));
    expect(() => urls.fromServer('https://evil.example.com/x', base, 'The next page link')).toThrow(
      expect.objectContaining({ code: 'ForeignPollingUrl', message: expect.stringMatching(/^The next page link/) }),
    );
  });
});
