import AxeBuilder from '@axe-core/playwright';
import { expect, failedLoad, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control, type FleetAnswer } from './support/emulator-control.ts';
import { configFor, signIn, useConfig, type SignInMode } from './support/app.ts';
import type { Page } from '@playwright/test';

const emulator = emulatorForThisSpec();
let fleet: FleetAnswer;

test.beforeAll(async () => {
  fleet = await control(emulator.info).fleet();
});

function tenants() {
  const [home, guest] = fleet.tenants;
  if (!home || !guest) throw new Error('the emulator has no customer tenant');
  return { home, guest };
}

/** The gateway names on the dashboard, as the user reads them on the panels. */
async function shownGatewayIds(page: Page): Promise<string[]> {
  const ids = await page.getByTestId('gateway-panel').evaluateAll((panels) => panels.map((panel) => panel.getAttribute('data-gateway-id') ?? ''));
  return ids.map((id) => id.toLowerCase()).sort();
}

/** Serious and critical axe findings (WCAG 2.1 A and AA), as in accessibility.spec.ts. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

const idsOf = (gateways: { id: string }[]) => gateways.map((g) => g.id.toLowerCase()).sort();

for (const mode of ['emulator', 'msal-aad'] as SignInMode[]) {
  test(`${mode}: the tenants are listed by name and domain; switching shows the other tenant's gateways, survives a reload and is in the URL`, async ({ page }) => {
    const { home, guest } = tenants();
    await useConfig(page, configFor(emulator.info, mode));
    await signIn(page, mode);
    // Nothing configured: the dashboard discovers the home tenant's gateways through Resource Graph.
    await expect.poll(() => shownGatewayIds(page)).toEqual(idsOf(home.gateways));

    const switcher = page.getByRole('combobox', { name: 'Tenant' });
    await expect(switcher.locator('option')).toHaveText([
      `${home.displayName} (${home.defaultDomain}) · home`,
      `${guest.displayName} (${guest.defaultDomain}) · guest`,
    ]);
    await switcher.selectOption({ label: `${guest.displayName} (${guest.defaultDomain}) · guest` });

    await expect(page).toHaveURL(new RegExp(`[?&]tenant=${guest.tenantId}`));
    await expect.poll(() => shownGatewayIds(page), { timeout: 30_000 }).toEqual(idsOf(guest.gateways));
    await expect(page.getByTestId('gateway-panel').first().getByRole('heading').first()).toContainText(/^fab-/);

    await page.reload();
    await expect(switcher).toHaveValue(guest.tenantId, { timeout: 30_000 });
    await expect.poll(() => shownGatewayIds(page), { timeout: 30_000 }).toEqual(idsOf(guest.gateways));

    // Back to the home tenant: the URL forgets the choice, and so does the next visit.
    await switcher.selectOption({ label: `${home.displayName} (${home.defaultDomain}) · home` });
    await expect(page).not.toHaveURL(/[?&]tenant=/);
    await expect.poll(() => shownGatewayIds(page), { timeout: 30_000 }).toEqual(idsOf(home.gateways));
    await page.goto('/');
    await expect.poll(() => shownGatewayIds(page), { timeout: 30_000 }).toEqual(idsOf(home.gateways));
  });
}

test('the remembered tenant opens on the next visit and is put into the URL', async ({ page }) => {
  const { guest } = tenants();
  await useConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  await page.getByRole('combobox', { name: 'Tenant' }).selectOption(guest.tenantId);
  await expect.poll(() => shownGatewayIds(page), { timeout: 30_000 }).toEqual(idsOf(guest.gateways));
  await page.goto('/');
  await expect(page).toHaveURL(new RegExp(`[?&]tenant=${guest.tenantId}`));
  await expect.poll(() => shownGatewayIds(page), { timeout: 30_000 }).toEqual(idsOf(guest.gateways));
  // The header with its tenant switcher stays axe-clean.
  await expect(page.getByRole('combobox', { name: 'Tenant' })).toHaveValue(guest.tenantId);
  expect(await seriousViolations(page)).toEqual([]);

  // A wall screen opened in this browser shows the same tenant's gateways.
  await page.goto('/wall?rotate=0');
  await expect(page).toHaveURL(new RegExp(`[?&]tenant=${guest.tenantId}`));
  await expect
    .poll(async () => (await page.getByTestId('wall-tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-gateway-id') ?? ''))).map((id) => id.toLowerCase()).sort(), { timeout: 30_000 })
    .toEqual(idsOf(guest.gateways));
});

test('a tenant the user cannot get a token for gets a plain message and a way back home', async ({ page, pageGuard }) => {
  pageGuard.allow(failedLoad(400));
  const { home } = tenants();
  const stranger = '0c0ffee0-0000-4000-8000-000000000bad';
  await useConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  await page.goto(`/?tenant=${stranger}`);
  const refused = page.getByTestId('tenant-refused');
  await expect(refused.getByRole('heading')).toHaveText('You cannot open this tenant with your sign-in');
  await expect(refused).toContainText(stranger);
  await expect(refused).toContainText('does not exist in tenant');
  expect(await seriousViolations(page)).toEqual([]);
  await refused.getByRole('button', { name: 'Back to your home tenant' }).click();
  await expect(page).not.toHaveURL(/[?&]tenant=/);
  await expect.poll(() => shownGatewayIds(page), { timeout: 30_000 }).toEqual(idsOf(home.gateways));
});

async function requireMfa(tenantId: string, required: boolean) {
  const response = await fetch(`${emulator.info.controlUrl}/tenants/mfa`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenantId, required }),
  });
  expect(response.status).toBe(200);
}

for (const mode of ['emulator', 'msal-aad'] as SignInMode[]) {
  test(`${mode}: a customer tenant that wants MFA says so and offers its own sign-in, which opens it`, async ({ page, pageGuard }) => {
    pageGuard.allow(failedLoad(400));
    pageGuard.allow(failedLoad(401));
    const { guest } = tenants();
    await useConfig(page, configFor(emulator.info, mode));
    await signIn(page, mode);
    await requireMfa(guest.tenantId, true);
    try {
      await page.getByRole('combobox', { name: 'Tenant' }).selectOption(guest.tenantId);
      const refused = page.getByTestId('tenant-refused');
      await expect(refused).toContainText('multi-factor authentication', { timeout: 30_000 });
      await expect(refused.getByRole('button', { name: 'Back to your home tenant' })).toBeVisible();
      await refused.getByRole('button', { name: 'Sign in to this tenant' }).click();
      if (mode !== 'emulator') {
        // MSAL's redirect goes to the customer tenant's own authority, and comes back to this view.
        await page.waitForURL((url) => url.protocol === 'https:' && url.pathname.includes(guest.tenantId), { timeout: 20_000 });
        await page.getByRole('button', { name: /sign in/i }).first().click();
      }
      await expect(page).toHaveURL(new RegExp(`[?&]tenant=${guest.tenantId}`), { timeout: 20_000 });
      await expect.poll(() => shownGatewayIds(page), { timeout: 30_000 }).toEqual(idsOf(guest.gateways));
    } finally {
      await requireMfa(guest.tenantId, false);
    }
  });
}

test("a configured gateway of the customer tenant, watched from the home tenant, says it belongs to another tenant", async ({ page, pageGuard }) => {
  pageGuard.allow(failedLoad(401));
  const { home, guest } = tenants();
  const [homeGateway] = home.gateways;
  const [guestGateway] = guest.gateways;
  await useConfig(page, configFor(emulator.info, 'emulator', { gateways: [homeGateway!.id, guestGateway!.id] }));
  await signIn(page, 'emulator');
  const panel = page.locator(`[data-testid="gateway-panel"][data-gateway-id="${guestGateway!.id}" i]`);
  await expect(panel).toContainText('belongs to another tenant than the one chosen', { timeout: 30_000 });
  await expect(panel).toContainText('InvalidAuthenticationTokenTenant');
  // The home tenant's gateway beside it is unaffected.
  await expect(page.locator(`[data-testid="gateway-panel"][data-gateway-id="${homeGateway!.id}" i] [data-testid="peer-row"]`).first()).toBeVisible();
});

test("ARM refuses a home-tenant token on the customer tenant's subscription as Azure does", async () => {
  const { home, guest } = tenants();
  const demoToken = async (tenant?: string) => {
    const response = await fetch(`${emulator.info.controlUrl}/demo-token${tenant ? `?tenant=${tenant}` : ''}`, { method: 'POST' });
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const gateway = guest.gateways[0]!;
  const url = `${emulator.info.armEndpoint}${gateway.id}?api-version=2023-09-01`;

  const refused = await fetch(url, { headers: { Authorization: `Bearer ${await demoToken()}` } });
  expect(refused.status).toBe(401);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('InvalidAuthenticationTokenTenant');
  expect(body.error.message).toContain(`The access token is from the wrong issuer 'https://sts.windows.net/${home.tenantId}/'`);
  expect(body.error.message).toContain(`It must match the tenant 'https://sts.windows.net/${guest.tenantId}/' associated with this subscription`);
  const authority = new URL(emulator.info.authority);
  expect(refused.headers.get('www-authenticate')).toContain(`authorization_uri="${authority.origin}/${guest.tenantId}"`);

  // The customer tenant's own token reads it, and lists only that tenant's subscriptions.
  const guestToken = await demoToken(guest.tenantId);
  expect((await fetch(url, { headers: { Authorization: `Bearer ${guestToken}` } })).status).toBe(200);
  const subscriptions = (await (
    await fetch(`${emulator.info.armEndpoint}/subscriptions?api-version=2022-12-01`, { headers: { Authorization: `Bearer ${guestToken}` } })
  ).json()) as { value: { subscriptionId: string }[] };
  expect(subscriptions.value.map((s) => s.subscriptionId)).toEqual(guest.subscriptions.map((s) => s.subscriptionId));
});
