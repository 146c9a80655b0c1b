import type { Page } from '@playwright/test';
import { expect, failedLoad, test } from './support/page-guard.ts';
import { startEmulator } from './support/emulator.ts';
import { control, type FleetAnswer } from './support/emulator-control.ts';
import { configFor, gatewayPanel, peerRows, POLL_SECONDS, signIn, useConfig } from './support/app.ts';

/**
 * Bad input from every side — the deployment's config.json, the address bar, and ARM's answers —
 * gets a message naming what is wrong, or is shown as harmless text. Nothing crashes and nothing
 * the input contains ever runs in the page.
 */

const GATEWAY = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/vpngw-1';
const CLIENT_ID = '00000000-0000-4000-8000-00000000c11e';
const GOOD = {
  auth: { mode: 'msal', clientId: CLIENT_ID, authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com' },
  arm: { endpoint: 'https://management.azure.com' },
  gateways: [GATEWAY],
};

const CONFIG_CASES: { title: string; config: unknown; says: RegExp[] }[] = [
  {
    title: 'wrong types',
    config: { ...GOOD, auth: { ...GOOD.auth, knownAuthorities: 'login.microsoftonline.com' }, pollingIntervalSeconds: '60', gateways: GATEWAY },
    says: [/auth\.knownAuthorities: must be a list, not "login\.microsoftonline\.com"/, /pollingIntervalSeconds: must be a number, not "60"/, /gateways: must be a list, not "\/subscriptions/],
  },
  {
    title: 'a section that is not an object',
    config: { ...GOOD, arm: 'https://management.azure.com' },
    says: [/^arm: must be an object, not "https:\/\/management\.azure\.com"$/],
  },
  {
    title: 'missing client id',
    config: { ...GOOD, auth: { mode: 'msal', authority: GOOD.auth.authority } },
    says: [/auth\.clientId: is required \(a string\)/],
  },
  {
    title: 'a client id that cannot be an Entra app registration',
    config: { ...GOOD, auth: { ...GOOD.auth, clientId: 'bgp-dashboard' } },
    says: [/auth\.clientId: must be the Application \(client\) ID of the app registration, a GUID/],
  },
  {
    title: 'unknown cloud (an authority MSAL would not trust)',
    config: { ...GOOD, auth: { ...GOOD.auth, authority: 'https://login.contoso.example/tenant' } },
    says: [/auth\.authority: "login\.contoso\.example" is not a Microsoft Entra ID cloud/],
  },
  {
    title: 'sign-in cloud and ARM cloud that do not match',
    config: { ...GOOD, auth: { ...GOOD.auth, authority: 'https://login.microsoftonline.us/tenant' } },
    says: [/arm\.endpoint: is in Azure public cloud but auth\.authority signs in to Azure US Government/],
  },
  {
    title: 'bad endpoints',
    config: { ...GOOD, auth: { ...GOOD.auth, authority: 'login.microsoftonline.com/tenant' }, arm: { endpoint: 'http://management.azure.com' } },
    says: [/auth\.authority: must be a valid URL, not "login\.microsoftonline\.com\/tenant"/, /arm\.endpoint: must be an https:\/\/ URL/],
  },
  {
    title: 'an unknown auth mode and cache location',
    config: { ...GOOD, auth: { ...GOOD.auth, mode: 'password', cacheLocation: 'cookie' } },
    says: [/auth\.mode: must be one of "msal", "emulator", not "password"/, /auth\.cacheLocation: must be one of "sessionStorage", "localStorage", not "cookie"/],
  },
  {
    title: 'malformed gateway resource IDs',
    config: {
      ...GOOD,
      gateways: [
        'vpngw-1',
        '/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw',
        '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-1',
        `${GATEWAY}/getBgpPeerStatus`,
        GATEWAY.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'),
        GATEWAY,
        42,
      ],
    },
    says: [
      /gateways\[0\]: "vpngw-1" is not a virtual network gateway ID: it must start with "\/subscriptions\/"/,
      /gateways\[1\]: .*the subscription ID must be a GUID, not "not-a-guid"/,
      /gateways\[2\]: .*the resource type must be Microsoft\.Network\/virtualNetworkGateways, not Microsoft\.Network\/virtualNetworks/,
      /gateways\[3\]: .*extra segments after the gateway name \("\/getBgpPeerStatus"\)/,
      /gateways\[5\]: is the same gateway as gateways\[4\]/,
      /gateways\[6\]: must be a string, not 42/,
    ],
  },
];

for (const c of CONFIG_CASES) {
  test(`config.json with ${c.title} is refused with a message naming the field`, async ({ page }) => {
    await useConfig(page, c.config);
    await page.goto('/');
    const alert = page.getByRole('alert');
    await expect(page.getByRole('heading', { name: /config\.json needs fixing/ })).toBeVisible();
    for (const says of c.says) await expect(alert.getByRole('listitem').filter({ hasText: says })).toHaveCount(1);
    // Nothing went out to sign in or to ARM with a config that is wrong.
    await expect(page.getByRole('button', { name: /sign in/i })).toHaveCount(0);
  });
}

test('a config.json that is not there (the host answers index.html) says so', async ({ page }) => {
  await useConfig(page, '<!doctype html><html><body>SPA fallback</body></html>');
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('the server answered with an HTML page; is the file missing?');
});

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;
let fleet: FleetAnswer;

test.describe('with the emulator', () => {
  test.beforeAll(async () => {
    emulator = await startEmulator(['--fleet', 'small']);
    fleet = await control(emulator.info).fleet();
  });
  test.afterAll(async () => emulator?.stop());
  test.afterEach(async () => {
    await control(emulator.info).clearFaults();
  });

  /** Proof that nothing ran: no dialog, no global set by an injected handler, no element built from markup. */
  function watchForInjection(page: Page) {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return {
      dialogs,
      injected: () => page.evaluate(() => window.__injected),
      builtFromMarkup: () => page.locator('img[src="x"], script:not([src]), svg[onload], b[onmouseover]').count(),
    };
  }

  test('hostile values in ARM answers are shown as text, counters that make no sense as "—" with a note', async ({ page }) => {
    const watch = watchForInjection(page);
    await useConfig(page, configFor(emulator.info, 'emulator'));
    await signIn(page, 'emulator');
    const [target] = fleet.gateways;
    const panel = gatewayPanel(page, target!.id);
    await expect(peerRows(panel).first()).toBeVisible();
    const rowCount = await peerRows(panel).count();

    await control(emulator.info).injectFault({ kind: 'hostileValues', gatewayId: target!.id });
    await expect(panel.getByText('<img src=x onerror="window.__injected=1;alert(1)">1')).toBeVisible({ timeout: (POLL_SECONDS + 4) * 1000 });
    await expect(peerRows(panel)).toHaveCount(rowCount);

    // Markup in a state is an unknown state, shown as the text it is.
    await expect(panel.getByText('Unknown (<b onmouseover=alert(1)>Connected</b>)').first()).toBeVisible();
    // A 5000-character address is cut, and says so.
    await expect(panel.getByText(/localAddress was longer than 256 characters and was cut/)).toBeVisible();
    // Negative, fractional-huge and overlong numbers, and a non-numeric ASN, are not shown as numbers.
    await expect(panel.getByText(/routesReceived was not a whole number/).first()).toBeVisible();
    await expect(panel.getByText(/messagesSent was not a whole number/).first()).toBeVisible();
    await expect(panel.getByText(/messagesReceived was not a whole number/).first()).toBeVisible();
    await expect(panel.getByText(/(^|\s)asn was not a whole number/).first()).toBeVisible();
    await expect(panel.getByText(/connectedDuration "<svg onload=alert\(1\)>" is not a duration/).first()).toBeVisible();
    for (const cell of await panel.locator('[data-testid="peer-row"] td.tabular-nums').allInnerTexts()) {
      expect(cell).not.toMatch(/^-|e\+|Infinity|NaN/);
    }

    // The rest of the dashboard is unaffected and nothing from the answer ran.
    await expect(page.getByTestId('gateway-panel')).toHaveCount(fleet.gateways.length);
    expect(watch.dialogs).toEqual([]);
    expect(await watch.injected()).toBeUndefined();
    expect(await watch.builtFromMarkup()).toBe(0);
    if (process.env.FAULT_SCREENSHOTS) await panel.screenshot({ path: `${process.env.FAULT_SCREENSHOTS}/hostile-values.png` });
    // A long value must not push the page sideways: the table scrolls inside its panel.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  test('markup in an ARM error message is shown as text', async ({ page, pageGuard }) => {
    pageGuard.allow(failedLoad(403));
    const watch = watchForInjection(page);
    await useConfig(page, configFor(emulator.info, 'emulator'));
    await signIn(page, 'emulator');
    const [target] = fleet.gateways;
    const panel = gatewayPanel(page, target!.id);
    await expect(peerRows(panel).first()).toBeVisible();
    await control(emulator.info).injectFault({
      kind: 'forbidden',
      gatewayId: target!.id,
      operation: 'getBgpPeerStatus',
      code: '<script>window.__injected=1</script>',
      message: 'Denied <img src=x onerror="window.__injected=1;alert(1)"> by policy',
    });
    await expect(panel.getByTestId('stale-marker')).toContainText('Denied <img src=x onerror="window.__injected=1;alert(1)"> by policy', {
      timeout: (POLL_SECONDS + 4) * 1000,
    });
    await expect(panel.getByTestId('stale-marker')).toContainText('<script>window.__injected=1</script>');
    expect(watch.dialogs).toEqual([]);
    expect(await watch.injected()).toBeUndefined();
    expect(await watch.builtFromMarkup()).toBe(0);
  });

  test('an address the app does not know gets a not-found page naming it, with a way back to the dashboard', async ({ page }) => {
    const watch = watchForInjection(page);
    await useConfig(page, configFor(emulator.info, 'emulator'));
    await signIn(page, 'emulator');
    await page.goto('/nonexistent/<b onmouseover=alert(1)>x</b>');
    const notFound = page.getByRole('alert').filter({ hasText: 'There is no page at this address' });
    await expect(notFound).toContainText('/nonexistent/');
    // Not the dashboard in disguise: no gateway panel is drawn on an unknown address.
    await expect(page.getByTestId('gateway-panel')).toHaveCount(0);
    await notFound.getByRole('link', { name: 'Back to all gateways' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('gateway-panel').first()).toBeVisible();
    expect(watch.dialogs).toEqual([]);
    expect(await watch.builtFromMarkup()).toBe(0);
  });

  for (const [title, id] of [
    ['garbage', 'garbage'],
    ['markup', '<img src=x onerror="window.__injected=1;alert(1)">'],
    ['a virtual network instead of a gateway', '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-1'],
  ] as const) {
    test(`the gateway page with ${title} as its id says it is not a gateway address`, async ({ page }) => {
      const watch = watchForInjection(page);
      await useConfig(page, configFor(emulator.info, 'emulator'));
      await signIn(page, 'emulator');
      await page.goto(`/gateway?id=${encodeURIComponent(id)}`);
      const alert = page.getByRole('alert').filter({ hasText: 'This is not a gateway address' });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText('is not a virtual network gateway ID');
      expect(watch.dialogs).toEqual([]);
      expect(await watch.injected()).toBeUndefined();
      expect(await watch.builtFromMarkup()).toBe(0);
    });
  }
});
