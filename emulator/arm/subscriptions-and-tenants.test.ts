import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestArm, type TestArm } from '../testing/arm-test-server';

let arm: TestArm;

afterEach(async () => {
  await arm.close();
});

describe('subscriptions and tenants', () => {
  beforeEach(async () => {
    arm = await startTestArm();
  });

  it('lists subscriptions and tenants', async () => {
    const subscriptions = (await (await arm.call('/subscriptions?api-version=2022-12-01')).json()) as { value: { subscriptionId: string; state: string }[] };
    expect(subscriptions.value.map((s) => s.subscriptionId)).toEqual(arm.simulation.fleet.subscriptions.map((s) => s.subscriptionId));
    expect(subscriptions.value.every((s) => s.state === 'Enabled')).toBe(true);
    const tenants = (await (await arm.call('/tenants?api-version=2022-12-01')).json()) as { value: { tenantId: string }[] };
    expect(tenants.value[0]?.tenantId).toBe(arm.simulation.fleet.tenantId);
  });
});
