import { expect, type Page } from '@playwright/test';
import type { EmulatorInfo } from './emulator.ts';

export type SignInMode = 'msal-aad' | 'msal-oidc' | 'emulator';

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
    pollingIntervalSeconds: 5,
    ...extra,
  };
}

/**
 * Serves this test's config.json. Everything else — MSAL, the identity server, ARM, CORS — is
 * real; only the deployment file differs per test, as it would per tenant.
 */
export async function useConfig(page: Page, config: unknown) {
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: typeof config === 'string' ? config : JSON.stringify(config) }),
  );
}

/** Signs in through the app's sign-in button, and for MSAL the emulator's authorize page. */
export async function signIn(page: Page, mode: SignInMode) {
  await page.goto('/');
  await page.getByRole('button', { name: /sign in/i }).first().click();
  if (mode !== 'emulator') {
    await page.waitForURL((url) => url.protocol === 'https:', { timeout: 20_000 });
    await page.getByRole('button', { name: /sign in/i }).first().click();
  }
  await page.waitForURL((url) => url.origin === new URL(page.url()).origin && url.port === '4173', { timeout: 20_000 });
  await expect(page.getByTestId('gateway-panel').first()).toBeVisible({ timeout: 30_000 });
}

export function gatewayPanel(page: Page, gatewayId: string) {
  return page.locator(`[data-testid="gateway-panel"][data-gateway-id="${gatewayId}" i]`);
}

export function peerRow(page: Page, gatewayId: string, neighbor: string, localAddress?: string) {
  const rows = gatewayPanel(page, gatewayId).locator(`[data-testid="peer-row"][data-neighbor="${neighbor}"]`);
  return localAddress ? rows.and(page.locator(`[data-local-address="${localAddress}"]`)) : rows.first();
}
