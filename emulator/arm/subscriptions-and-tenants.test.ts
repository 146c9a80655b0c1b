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

  it("lists every directory of the user, and only the token's tenant's subscriptions", async () => {
    const [home, guest] = arm.simulation.fleet.tenants;
    if (!home || !guest) throw new Error('the fleet has no guest tenant');
    const tenants = (await (await arm.call('/tenants?api-version=2022-12-01')).json()) as { value: { tenantId: string; displayName: string; defaultDomain: string; tenantCategory: string }[] };
    expect(tenants.value.map((t) => t.tenantId)).toEqual([home.tenantId, guest.tenantId]);
    expect(tenants.value[1]).toMatchObject({ displayName: guest.displayName, defaultDomain: guest.defaultDomain, tenantCategory: 'Home' });

    const asGuest = { headers: { Authorization: `Bearer good@${guest.tenantId}` } };
    const subscriptions = (await (await arm.call('/subscriptions?api-version=2022-12-01', asGuest)).json()) as { value: { subscriptionId: string; tenantId: string }[] };
    expect(subscriptions.value.map((s) => s.subscriptionId)).toEqual(guest.subscriptions.map((s) => s.subscriptionId));
    expect(subscriptions.value.every((s) => s.tenantId === guest.tenantId)).toBe(true);
  });

  it("refuses a token of one tenant on another tenant's subscription as ARM does, naming the right authority", async () => {
    const guest = arm.simulation.fleet.tenants[1];
    const guestGateway = guest?.gateways[0];
    if (!guest || !guestGateway) throw new Error('the fleet has no guest gateway');
    const answer = await arm.call(`${guestGateway.id}?api-version=2023-09-01`);
    expect(answer.status).toBe(401);
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('InvalidAuthenticationTokenTenant');
    expect(body.error.message).toMatch(new RegExp(`^The access token is from the wrong issuer 'https://sts.windows.net/${arm.simulation.fleet.tenantId}/'. It must match the tenant 'https://sts.windows.net/${guest.tenantId}/' associated with this subscription.`));
    expect(answer.headers.get('www-authenticate')).toContain(`authorization_uri="https://localhost:1/${guest.tenantId}"`);

    // The guest tenant's own token reads it; and the guest token cannot read the home tenant's gateways.
    expect((await arm.call(`${guestGateway.id}?api-version=2023-09-01`, { headers: { Authorization: `Bearer good@${guest.tenantId}` } })).status).toBe(200);
    const homeGateway = arm.simulation.fleet.gateways[0];
    const refused = await arm.call(`${homeGateway?.id}?api-version=2023-09-01`, { headers: { Authorization: `Bearer good@${guest.tenantId}` } });
    expect(refused.status).toBe(401);
  });

  it("answers Resource Graph with the token's tenant's gateways only", async () => {
    const guest = arm.simulation.fleet.tenants[1];
    if (!guest) throw new Error('the fleet has no guest tenant');
    const query = async (authorization: string) =>
      ((await (
        await arm.call('/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
          method: 'POST',
          headers: { Authorization: authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ query: "Resources | where type =~ 'microsoft.network/virtualnetworkgateways' | project id, name", options: { resultFormat: 'objectArray' } }),
        })
      ).json()) as { data: { name: string; tenantId: string }[] }).data;
    const guestRows = await query(`Bearer good@${guest.tenantId}`);
    expect(guestRows.map((row) => row.name).sort()).toEqual(guest.gateways.map((g) => g.name).sort());
    expect(guestRows.every((row) => row.tenantId === guest.tenantId)).toBe(true);
    const homeRows = await query('Bearer good');
    expect(homeRows).toHaveLength(arm.simulation.fleet.gateways.length);
  });
});
