import { describe, expect, it } from 'vitest';
import { ENDPOINT, fakeArm, json } from '../testing/fake-arm';

describe('listTenants', () => {
  it('reads every tenant across pages with its name and domain, and leaves out entries without an ID', async () => {
    const arm = fakeArm([
      json(200, {
        value: [
          { tenantId: 't1', displayName: 'Contoso', defaultDomain: 'contoso.com', tenantCategory: 'Home', tenantType: 'AAD' },
          { displayName: 'no id' },
        ],
        nextLink: `${ENDPOINT}/tenants?api-version=2022-12-01&$skiptoken=2`,
      }),
      json(200, { value: [{ tenantId: 't2' }] }),
    ]);
    await expect(arm.client.listTenants()).resolves.toEqual([
      { tenantId: 't1', displayName: 'Contoso', defaultDomain: 'contoso.com', tenantCategory: 'Home', tenantType: 'AAD' },
      { tenantId: 't2', displayName: 't2', defaultDomain: null, tenantCategory: null, tenantType: null },
    ]);
    expect(arm.calls.map((c) => c.url)).toEqual([`${ENDPOINT}/tenants?api-version=2022-12-01`, `${ENDPOINT}/tenants?api-version=2022-12-01&$skiptoken=2`]);
  });

  it('turns a CloudError into an ArmError with its code', async () => {
    const arm = fakeArm([json(403, { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization.' } })]);
    await expect(arm.client.listTenants()).rejects.toMatchObject({ code: 'AuthorizationFailed', status: 403 });
  });
});
