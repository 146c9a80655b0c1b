import { expect, test } from './support/page-guard.ts';
import { useConfig } from './support/app.ts';

test('a config.json with a bad field names the field and what is wrong', async ({ page }) => {
  await useConfig(page, {
    auth: { mode: 'msal', clientId: '', authority: 'http://login.example.com/tenant' },
    arm: { endpoint: 'https://management.azure.com' },
    pollingIntervalSeconds: 'often',
    gateways: ['/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw'],
  });
  await page.goto('/');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('auth.clientId');
  await expect(alert).toContainText('auth.authority');
  await expect(alert).toContainText('pollingIntervalSeconds');
  await expect(alert).toContainText('gateways[0]');
});

test('a config.json that is not JSON says so', async ({ page }) => {
  await useConfig(page, '{ "auth": ');
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText(/not valid JSON/i);
});
