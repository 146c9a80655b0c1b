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

    await control(emulator.info).injectFault({
      kind: 'unauthorized',
      code,
      count: 1,
      gatewayId: fleet.gateways[0]!.id,
      operation: 'getBgpPeerStatus',
    });
    // The fault is used up by the next POST (an operation already past its POST when the fault
    // went in can still land after it, so an update alone proves nothing)...
    await expect.poll(async () => (await control(emulator.info).faults()).faults, { timeout: (POLL_SECONDS + 5) * 1000 }).toEqual([]);
    // ...and that poll, retried with a renewed token, succeeds. An update within a second before
    // the fault was seen used up (expect.poll looks at most a second apart) can only be that
    // poll's: the operation before it ended seconds earlier, a polling tick before.
    // Within 5 s: the retried operation takes about 2; a poll that failed instead would be
    // followed by the next one only a polling interval (5 s) plus its 2 s later.
    const refusedBy = Date.now();
    await expect.poll(() => lastUpdatedAt(panel), { timeout: 5_000 }).toBeGreaterThan(refusedBy - 1_000);
    await expect(panel.getByTestId('stale-marker')).toHaveCount(0);
    await expect(page.getByText(/sign in again/i)).toHaveCount(0);
  });
}
