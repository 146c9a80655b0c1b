import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, failedLoad, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
import { configFor, gatewayPanel, peerRows, POLL_SECONDS, signIn, useConfig } from './support/app.ts';


const emulator = emulatorForThisSpec();

/** Serious and critical axe findings (WCAG 2.1 A and AA), as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')} — ${node.failureSummary ?? v.help}`));
}

test('the dashboard has no serious or critical axe violations, with a peer down and a gateway failing', async ({ page, pageGuard }) => {
  pageGuard.allow(failedLoad(403));
  await useConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  const [failing, withPeerDown] = emulator.fleet.gateways;
  await expect(peerRows(gatewayPanel(page, failing!.id)).first()).toBeVisible();
  const peer = withPeerDown!.peers[0]!;
  await control(emulator.info).forceState({ gatewayId: withPeerDown!.id, neighbor: peer.neighbor, state: 'Idle' });
  await control(emulator.info).injectFault({ kind: 'forbidden', gatewayId: failing!.id, operation: 'getBgpPeerStatus' });
  await expect(gatewayPanel(page, failing!.id).getByTestId('stale-marker')).toBeVisible({ timeout: (POLL_SECONDS + 4) * 1000 });
  await expect(gatewayPanel(page, withPeerDown!.id).locator('[data-testid="peer-row"][data-state="Idle"]').first()).toBeVisible({
    timeout: (POLL_SECONDS + 4) * 1000,
  });

  expect(await seriousViolations(page)).toEqual([]);
});

test('sorting and filtering work from the keyboard alone', async ({ page }) => {
  await useConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  const panel = page.getByTestId('gateway-panel').first();
  await expect(peerRows(panel).first()).toBeVisible();

  // Sort by ASN: tab to its header button and press Enter, then Space to reverse.
  const asnHeader = panel.getByRole('columnheader', { name: /ASN/ });
  const asnButton = asnHeader.getByRole('button');
  await asnButton.focus();
  await expect(asnButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(asnHeader).toHaveAttribute('aria-sort', 'ascending');
  await page.keyboard.press('Space');
  await expect(asnHeader).toHaveAttribute('aria-sort', 'descending');
  // The focus is visible where it is.
  const outline = await asnButton.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');

  // Filter by a state: the filter buttons are reachable with Tab from the table's group.
  const group = panel.getByRole('group', { name: /Filter peers of .* by state/ });
  const connected = group.getByRole('button', { name: /^Connected \d+$/ });
  await group.getByRole('button', { name: /^All \d+$/ }).focus();
  let reached = false;
  for (let i = 0; i < 6 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await connected.evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  await page.keyboard.press('Enter');
  await expect(connected).toHaveAttribute('aria-pressed', 'true');
  await expect(peerRows(panel).locator(':scope:not([data-state="Connected"])')).toHaveCount(0);
  // Skip back: All again, by keyboard.
  await page.keyboard.press('Shift+Tab');
  for (let i = 0; i < 6; i++) {
    if (await group.getByRole('button', { name: /^All \d+$/ }).evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Shift+Tab');
  }
  await page.keyboard.press('Space');
  await expect(group.getByRole('button', { name: /^All \d+$/ })).toHaveAttribute('aria-pressed', 'true');
});

test('every peer state is told by a word and a shape, not by colour alone', async ({ page }) => {
  await useConfig(page, configFor(emulator.info, 'emulator'));
  await signIn(page, 'emulator');
  const rows = page.locator('[data-testid="peer-row"]');
  await expect(rows.first()).toBeVisible();
  const badges = await rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const badge = tr.querySelector('[data-state]:not(tr)');
      return {
        state: tr.getAttribute('data-state') ?? '',
        text: badge?.textContent?.replace('?', '').trim() ?? '',
        shape: badge?.querySelector('svg')?.innerHTML ?? '',
      };
    }),
  );
  expect(badges.length).toBeGreaterThan(0);
  const shapeOf = new Map<string, string>();
  for (const { state, text, shape } of badges) {
    expect(text.startsWith(state)).toBe(true);
    expect(shape).not.toBe('');
    shapeOf.set(state, shape);
  }
  // Different states, different shapes.
  expect(new Set(shapeOf.values()).size).toBe(shapeOf.size);
});

/** The gateway page has drawn its live peers, its stored history, its first local point and Azure Monitor's answer. */
async function gatewayPageDrawn(page: Page) {
  await expect(peerRows(page.getByTestId('gateway-panel')).first()).toBeVisible();
  await expect(page.getByText(/Reading the stored history|Asking Azure Monitor/)).toHaveCount(0);
  await expect(page.getByTestId('routes-chart')).not.toHaveAttribute('data-local-points', '0');
}

/** Every wall tile has had its first answer. */
async function wallDrawn(page: Page) {
  await expect(page.locator('[data-testid="wall-tile"][data-health="waiting"]')).toHaveCount(0);
}

for (const [name, path, drawn] of [
  ['the gateway page', (id: string) => `/gateway?id=${encodeURIComponent(id)}`, gatewayPageDrawn],
  ['the wall view', () => '/wall', wallDrawn],
] as const) {
  test(`${name} has no serious or critical axe violations`, async ({ page }) => {
    await useConfig(page, configFor(emulator.info, 'emulator'));
    await signIn(page, 'emulator');
    const [gateway] = emulator.fleet.gateways;
    await page.goto(path(gateway!.id));
    // Live data drawn (the page shows the gateway's peers or tiles), then scan.
    await expect(page.getByText(gateway!.name).first()).toBeVisible({ timeout: 30_000 });
    await drawn(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
