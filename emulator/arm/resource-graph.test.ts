import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestArm, type TestArm } from '../testing/arm-test-server';

let arm: TestArm;

afterEach(async () => {
  await arm.close();
});

describe('Resource Graph', () => {
  beforeEach(async () => {
    arm = await startTestArm({ fleet: 'noc' });
  });

  const query = "Resources | where type =~ 'microsoft.network/virtualnetworkgateways' | project id, name, type, location, resourceGroup, subscriptionId, properties";

  it('pages gateways sorted by id with $top and $skipToken', async () => {
    const ids: string[] = [];
    let skipToken: string | undefined;
    let pages = 0;
    do {
      const response = await arm.call('/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query, options: { $top: 7, resultFormat: 'objectArray', ...(skipToken ? { $skipToken: skipToken } : {}) } }),
      });
      const body = (await response.json()) as { totalRecords: number; count: number; data: { id: string; type: string }[]; $skipToken?: string };
      expect(body.totalRecords).toBe(30);
      expect(body.count).toBe(body.data.length);
      ids.push(...body.data.map((row) => row.id));
      skipToken = body.$skipToken;
      pages += 1;
    } while (skipToken && pages < 10);
    expect(pages).toBe(5);
    expect(ids).toEqual(arm.simulation.fleet.gateways.map((g) => g.id).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
  });

  it('limits rows to the given subscriptions and returns nothing for other resource types', async () => {
    const sub = arm.simulation.fleet.subscriptions[0]?.subscriptionId ?? '';
    const post = (body: unknown) =>
      arm.call('/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ data: { subscriptionId: string }[] }>);
    const mine = await post({ subscriptions: [sub], query, options: { $top: 1000 } });
    expect(mine.data.length).toBe(arm.simulation.fleet.gateways.filter((g) => g.subscriptionId === sub).length);
    expect(mine.data.every((row) => row.subscriptionId === sub)).toBe(true);
    expect((await post({ query: "Resources | where type =~ 'microsoft.compute/virtualmachines'" })).data).toEqual([]);
  });
});
