import { expect, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
import { configFor, gatewayPanel, peerRows, POLL_SECONDS, signIn, useConfig } from './support/app.ts';

// The small fleet: two subscriptions, two gateways each.
const emulator = emulatorForThisSpec(['--fleet', 'small', '--speed', '0.001']);

const subscriptionOf = (id: string) => /^\/subscriptions\/([^/]+)/.exec(id)![1]!.toLowerCase();

test("a 429 on one subscription holds that subscription's polls until Retry-After, while the other keeps its pace, and the page says why", async ({ page, pageGuard }) => {
  pageGuard.allow(/status of 429/);
  const { gateways } = emulator.fleet;
  const [throttledSub, otherSub] = [...new Set(gateways.map((g) => subscriptionOf(g.id)))];
  const throttled = gateways.filter((g) => subscriptionOf(g.id) === throttledSub);
  const others = gateways.filter((g) => subscriptionOf(g.id) === otherSub);
  expect(throttled.length).toBeGreaterThanOrEqual(2);
  expect(others.length).toBeGreaterThanOrEqual(1);

  await useConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  for (const gateway of gateways) await expect(peerRows(gatewayPanel(page, gateway.id))).toHaveCount(gateway.peers.length, { timeout: 30_000 });
  // A second tab of the browser: it makes no ARM call of its own, yet must say why its data waits.
  const follower = await page.context().newPage();
  await useConfig(follower, configFor(emulator.info, 'emulator'));
  await signIn(follower, 'emulator');
  await expect(follower.getByTestId('poll-role-note')).toBeVisible();

  const arm = control(emulator.info);
  // ARM refuses the next write of one gateway of the subscription, asking for 40 s.
  await arm.injectFault({ kind: 'throttle', gatewayId: throttled[0]!.id, operation: 'getBgpPeerStatus', retryAfterSeconds: 40, count: 1 });
  await arm.resetRequests();
  await expect
    .poll(async () => (await arm.requests()).byGateway[throttled[0]!.id]?.byOperation.getBgpPeerStatus ?? 0, { timeout: 3 * POLL_SECONDS * 1000 })
    .toBeGreaterThanOrEqual(1);

  const notice = page.getByTestId('arm-budget-notice');
  await expect(notice).toContainText(throttledSub!);
  await expect(notice).toContainText('HTTP 429');
  await expect(notice).toContainText('Other subscriptions keep their pace.');
  await expect(notice).not.toContainText(otherSub!);
  const followerNotice = follower.getByTestId('arm-budget-notice');
  await expect(followerNotice).toContainText(throttledSub!);
  await expect(followerNotice).toContainText('HTTP 429');
  await expect(followerNotice).toContainText('Another tab of this browser polls ARM for this one.');

  // Three more intervals: the other subscription's gateways are polled on every tick…
  const before = await arm.requests();
  const polls = (counts: typeof before, id: string) => counts.byGateway[id]?.byOperation.getBgpPeerStatus ?? 0;
  await expect
    .poll(async () => {
      const now = await arm.requests();
      return Math.min(...others.map((g) => polls(now, g.id) - polls(before, g.id)));
    }, { timeout: 5 * POLL_SECONDS * 1000 })
    .toBeGreaterThanOrEqual(3);
  // …while the throttled subscription's are held: not one more write than before the window.
  const after = await arm.requests();
  for (const gateway of throttled) expect(polls(after, gateway.id) - polls(before, gateway.id), gateway.name).toBe(0);

  const budget = page.getByTestId('arm-budget');
  await budget.locator('summary').click();
  const row = budget.locator(`tr[data-subscription-id="${throttledSub}"]`);
  await expect(row.locator('[data-field="pace"]')).toContainText('throttled by ARM until');
  await expect(budget.locator(`tr[data-subscription-id="${otherSub}"] [data-field="pace"]`)).toHaveText('normal');
  // What ARM says remains is read from its headers (exposed here) and shown.
  await expect(budget.locator(`tr[data-subscription-id="${otherSub}"] [data-field="writes-left"]`)).toHaveText(/^\d[\d,]*$/);

  // After Retry-After the subscription comes back by itself.
  await expect
    .poll(async () => polls(await arm.requests(), throttled[1]!.id) - polls(after, throttled[1]!.id), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(1);
  await expect(notice).toHaveCount(0, { timeout: 2 * POLL_SECONDS * 1000 });
  await expect(followerNotice).toHaveCount(0, { timeout: 2 * POLL_SECONDS * 1000 });
  await follower.close();
});
