import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArmClient } from '../../src/azure/arm-client';
import { queryResourceGraph } from './resource-graph';
import { startTestArm, type TestArm } from '../testing/arm-test-server';

let arm: TestArm;

afterEach(async () => {
  await arm.close();
});

/** The app's own ARM client against the emulator: discovery as the picker runs it. */
describe('gateway discovery against the emulator', () => {
  beforeEach(async () => {
    arm = await startTestArm({ fleet: 'large' });
  });

  const client = () => createArmClient({ endpoint: arm.url, getToken: () => Promise.resolve('good') });
  const allIds = () => arm.simulation.fleet.gateways.map((g) => g.id.toLowerCase()).sort();

  it('finds every gateway through Resource Graph, page after page', async () => {
    const found = await client().findGateways();
    expect(found.source).toBe('resourceGraph');
    expect(found.gateways.map((g) => g.id.toLowerCase()).sort()).toEqual(allIds());
  });

  it('lists each resource group where Resource Graph is refused, and finds the same gateways', async () => {
    arm.control.faults.add({ kind: 'forbidden', operation: 'resourceGraph' });
    const found = await client().findGateways();
    expect(found.source).toBe('resourceGroups');
    expect(found.resourceGraphRefusal).toMatch(/^AuthorizationFailed: .*Microsoft\.ResourceGraph\/resources\/read/);
    expect(found.gateways.map((g) => g.id.toLowerCase()).sort()).toEqual(allIds());
    const counts = arm.control.counts.snapshot().byOperation;
    expect(counts.listResourceGroups).toBe(arm.simulation.fleet.subscriptions.length);
    // Pages of five: more list requests than resource groups.
    expect(counts.listGateways).toBeGreaterThan(arm.simulation.fleet.resourceGroups.length);
  });

  it('skips a resource group it cannot read and says which', async () => {
    arm.control.faults.add({ kind: 'forbidden', operation: 'resourceGraph' });
    const gateway = arm.simulation.fleet.gateways[0];
    if (!gateway) throw new Error('empty fleet');
    arm.control.faults.add({ kind: 'forbidden', operation: 'listGateways', count: 1 });
    const found = await client().findGateways({ subscriptionIds: [gateway.subscriptionId] });
    expect(found.unreadable).toHaveLength(1);
    expect(found.unreadable[0]?.error.code).toBe('AuthorizationFailed');
    expect(found.gateways.length).toBeGreaterThan(0);
  });

  it('caps a Resource Graph page below $top when told to, and the token leads to the rest', () => {
    const request = { query: "Resources | where type =~ 'microsoft.network/virtualnetworkgateways' | project id", options: { $top: 1000 } };
    const first = queryResourceGraph(arm.simulation.fleet, request, { pageCap: 40 });
    expect(first.count).toBe(40);
    expect(first.totalRecords).toBe(200);
    const second = queryResourceGraph(arm.simulation.fleet, { ...request, options: { $top: 1000, $skipToken: String(first.$skipToken) } }, { pageCap: 40 });
    expect(second.count).toBe(40);
  });
});
