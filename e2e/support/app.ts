import { expect, type Locator, type Page } from '@playwright/test';
import { APP_PORT, type EmulatorInfo } from './emulator.ts';

export type SignInMode = 'msal-aad' | 'msal-oidc' | 'emulator';

export const POLL_SECONDS = 5;

/** The deployment config the app would fetch from /config.json, pointed at this test's emulator. */
export function configFor(info: EmulatorInfo, mode: SignInMode, extra: Record<string, unknown> = {}) {
  return {
    auth: {
      mode: mode === 'emulator' ? 'emulator' : 'msal',
      clientId: info.spaClientId,
      authority: mode === 'msal-oidc' ? info.oidcAuthority : info.authority,
      knownAuthorities: [info.knownAuthority],
      protocolMode: mode === 'msal-oidc' ? 'OIDC' : 'AAD',
    },
    arm: { endpoint: info.armEndpoint },
    pollingIntervalSeconds: POLL_SECONDS,
    ...extra,
  };
}

/**
 * Serves this test's config.json. Everything else — MSAL, the identity server, ARM, CORS — is
 * real; only the deployment file differs per test, as it would per tenant.
 */
export async function useConfig(page: Page, config: unknown) {
  await page.route('**/config.json', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: typeof config === 'string' ? config : JSON.stringify(config),
    }),
  );
}

/** Signs in with the app's sign-in button and, for MSAL, the emulator's authorize page. */
export async function signIn(page: Page, mode: SignInMode) {
  await page.goto('/');
  await page.getByRole('button', { name: /sign in/i }).first().click();
  if (mode !== 'emulator') {
    // Real redirect flow: the browser leaves for the HTTPS authority and comes back with a code.
    await page.waitForURL((url) => url.protocol === 'https:', { timeout: 20_000 });
    await page.getByRole('button', { name: /sign in/i }).first().click();
    await page.waitForURL((url) => url.protocol === 'http:' && url.port === String(APP_PORT), { timeout: 20_000 });
  }
  await expect(page.getByTestId('gateway-panel').first()).toBeVisible({ timeout: 30_000 });
}

export function gatewayPanel(page: Page, gatewayId: string): Locator {
  return page.locator(`[data-testid="gateway-panel"][data-gateway-id="${gatewayId}" i]`);
}

export function peerRows(panel: Locator): Locator {
  return panel.locator('[data-testid="peer-row"]');
}

export function peerRow(panel: Locator, neighbor: string, localAddress: string): Locator {
  return panel.locator(`[data-testid="peer-row"][data-neighbor="${neighbor}"][data-local-address="${localAddress}"]`);
}

/** When the panel's data was last refreshed, from its `<time dateTime>`. */
export async function lastUpdatedAt(panel: Locator): Promise<number> {
  const value = await panel.locator('time[datetime]').first().getAttribute('datetime');
  return value ? Date.parse(value) : Number.NaN;
}
