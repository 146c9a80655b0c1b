import { describe, expect, it } from 'vitest';
import { ENDPOINT, fakeArm, json } from '../testing/fake-arm';

describe('listSubscriptions', () => {
  it('follows nextLink and keeps only entries with a subscription ID', async () => {
    const arm = fakeArm([
      json(200, {
        value: [{ subscriptionId: 's1', displayName: 'Prod', tenantId: 't1', state: 'Enabled' }, { displayName: 'broken' }],
        nextLink: `${ENDPOINT}/subscriptions?api-version=2022-12-01&$skiptoken=abc`,
      }),
      json(200, { value: [{ subscriptionId: 's2' }] }),
    ]);
    await expect(arm.client.listSubscriptions()).resolves.toEqual([
      { subscriptionId: 's1', displayName: 'Prod', tenantId: 't1', state: 'Enabled' },
      { subscriptionId: 's2', displayName: 's2', tenantId: null, state: null },
    ]);
    expect(arm.calls.map((c) => c.url)).toEqual([
      `${ENDPOINT}/subscriptions?api-version=2022-12-01`,
      `${ENDPOINT}/subscriptions?api-version=2022-12-01&$skiptoken=abc`,
    ]);
  });

  it('refuses a nextLink on another origin', async () => {
    const arm = fakeArm([json(200, { value: [], nextLink: 'https://evil.example.com/subscriptions' })]);
    await expect(arm.client.listSubscriptions()).rejects.toMatchObject({ code: 'ForeignPollingUrl' });
    expect(arm.calls).toHaveLength(1);
  });

  it('stops when a nextLink repeats', async () => {
    const self = `${ENDPOINT}/subscriptions?api-version=2022-12-01`;
    const arm = fakeArm([json(200, { value: [{ subscriptionId: 's1' }], nextLink: self })]);
    await expect(arm.client.listSubscriptions()).resolves.toHaveLength(1);
  });

  it('rejects a list without a value array', async () => {
    const arm = fakeArm([json(200, { subscriptions: [] })]);
    await expect(arm.client.listSubscriptions()).rejects.toMatchObject({ code: 'InvalidResponse' });
  });
});
