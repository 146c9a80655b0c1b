import type { Page } from '@playwright/test';
import { expect, test } from './support/page-guard.ts';
import { startEmulator } from './support/emulator.ts';
import { configFor, lastUpdatedAt, POLL_SECONDS, signIn, useConfig } from './support/app.ts';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;

const TOKEN_LIFETIME_SECONDS = 8;

test.beforeAll(async () => {
  emulator = await startEmulator(['--fleet', 'small', '--token-lifetime', String(TOKEN_LIFETIME_SECONDS)]);
});
test.afterAll(async () => emulator?.stop());

/** When the page renewed its token through the refresh token and the token endpoint granted it. */
function recordTokenRenewals(page: Page): number[] {
  const renewals: number[] = [];
  page.on('requestfinished', async (request) => {
    if (request.method() !== 'POST' || !request.postData()?.includes('grant_type=refresh_token')) return;
    if ((await request.response())?.status() === 200) renewals.push(Date.now());
  });
  return renewals;
}

test('keeps refreshing across several token lifetimes without asking to sign in again', async ({ page }) => {
  const renewals = recordTokenRenewals(page);
  await useConfig(page, configFor(emulator.info, 'msal-aad'));
  await signIn(page, 'msal-aad');
  const signedInAt = Date.now();
  const panel = page.getByTestId('gateway-panel').first();

  // Three token lifetimes later the peers are still being refreshed: a poll that needed at least
  // the third token since sign-in succeeded (the emulator refuses expired tokens with 401)...
  const threeLifetimesLater = signedInAt + 3 * TOKEN_LIFETIME_SECONDS * 1000;
  await expect
    .poll(() => lastUpdatedAt(panel), { timeout: (3 * TOKEN_LIFETIME_SECONDS + POLL_SECONDS + 4) * 1000 })
    .toBeGreaterThan(threeLifetimesLater);
  // ...because MSAL renewed the token silently through its refresh token, again after the first expired.
  expect(renewals.filter((at) => at > signedInAt + TOKEN_LIFETIME_SECONDS * 1000).length).toBeGreaterThan(0);
  await expect(page.getByText(/sign in again/i)).toHaveCount(0);
  await expect(page.getByTestId('stale-marker')).toHaveCount(0);
});
