import { expect, failedLoad, test } from './support/page-guard.ts';
import { startEmulator } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
import { configFor, gatewayPanel, lastUpdatedAt, POLL_SECONDS, signIn, useConfig } from './support/app.ts';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;

// A normal token lifetime: MSAL would keep serving its cached token, which ARM has just refused.
test.beforeAll(async () => {
  emulator = await startEmulator(['--fleet', 'small']);
});
test.afterAll(async () => emulator?.stop());

for (const code of ['ExpiredAuthenticationToken', 'InvalidAuthenticationToken']) {
  test(`a token ARM refuses once (${code}) is renewed at once and the poll succeeds, with no STALE`, async ({ page, pageGuard }) => {
    // Chromium logs the refused request; that one 401 is the point of the test.
    pageGuard.allow(failedLoad(401));
    await useConfig(page, configFor(emulator.info, 'msal-aad'));
    await signIn(page, 'msal-aad');
    const fleet = await control(emulator.info).fleet();
    const panel = gatewayPanel(page, fleet.gateways[0]!.id);
    await expect(panel.locator('[data-testid="peer-row"]').first()).toBeVisible();
    const before = await lastUpdatedAt(panel);

    await control(emulator.info).injectFault({
      kind: 'unauthorized',
      code,
      count: 1,
      gatewayId: fleet.gateways[0]!.id,
      operation: 'getBgpPeerStatus',
    });
    // The refused request and its retry with a renewed token are one poll: it succeeds.
    await expect.poll(() => lastUpdatedAt(panel), { timeout: (POLL_SECONDS + 5) * 1000 }).toBeGreaterThan(before);
    // Used up by that one refused request: the renewed token's retry was not refused.
    expect((await control(emulator.info).faults()).faults).toEqual([]);
    await expect(panel.getByTestId('stale-marker')).toHaveCount(0);
    await expect(page.getByText(/sign in again/i)).toHaveCount(0);
  });
}
