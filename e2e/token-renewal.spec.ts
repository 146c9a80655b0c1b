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

test('keeps refreshing across several token lifetimes without asking to sign in again', async ({ page }) => {
  await useConfig(page, configFor(emulator.info, 'msal-aad'));
  await signIn(page, 'msal-aad');
  const panel = page.getByTestId('gateway-panel').first();

  // Three token lifetimes later the peers are still being refreshed: MSAL renewed the token
  // silently through its refresh token (the emulator refuses expired tokens with 401).
  await page.waitForTimeout(3 * TOKEN_LIFETIME_SECONDS * 1000);
  const before = await lastUpdatedAt(panel);
  await expect.poll(() => lastUpdatedAt(panel), { timeout: (POLL_SECONDS + 4) * 1000 }).toBeGreaterThan(before);
  await expect(page.getByText(/sign in again/i)).toHaveCount(0);
  await expect(page.getByTestId('stale-marker')).toHaveCount(0);
});
