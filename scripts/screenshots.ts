/**
 * `npm run screenshots`: the README's two pictures, taken from the built app (`dist-screenshots/`,
 * built by the npm script) against the emulator in headless Chromium, so they show the UI as it
 * is, not as it was when someone last took a picture by hand. Writes docs/images/dashboard.png
 * (1440×900: what `npm start` shows, its small fleet) and docs/images/wall.png (1920×1080: the
 * NOC-sized fleet of 30 gateways on a wall screen).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';
import { startEmulatorProcess, type EmulatorInfo, type EmulatorProcess } from './emulator-process.ts';

const BUILD_DIR = 'dist-screenshots';
const IMAGES_DIR = 'docs/images';
/** How long the dashboard may take to show every gateway's first peers on a busy machine. */
const FIRST_DATA_TIMEOUT_MS = 90_000;

/** The same browser lookup as playwright.config.ts: Playwright cannot download its own here. */
function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) return fromEnv;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
}

/** What `npm start` serves as /config.json, pointed at this run's emulator. */
function demoConfig(info: EmulatorInfo) {
  return {
    auth: { mode: 'emulator', clientId: info.spaClientId, authority: info.authority, knownAuthorities: [info.knownAuthority] },
    arm: { endpoint: info.armEndpoint },
    pollingIntervalSeconds: 15,
    gateways: [],
  };
}

async function signIn(page: Page, info: EmulatorInfo) {
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(demoConfig(info)) }),
  );
  await page.goto('/');
  await page.getByRole('button', { name: /sign in/i }).first().click();
  await page.getByTestId('gateway-panel').first().waitFor({ timeout: FIRST_DATA_TIMEOUT_MS });
}

/** Waits until `selector` matches nothing: every panel or tile has had its first answer. */
async function waitUntilGone(page: Page, selector: string) {
  await page.waitForFunction((css) => document.querySelectorAll(css).length === 0, selector, { timeout: FIRST_DATA_TIMEOUT_MS });
}

let emulator: EmulatorProcess | undefined;

/** An emulator on free ports, so this never collides with `npm start` or an e2e run. */
function startEmulator(fleet: 'small' | 'noc') {
  return startEmulatorProcess(['--port', '0', '--identity-port', '0', '--fleet', fleet, '--lro-seconds', '1']);
}

async function takeScreenshots(appUrl: string) {
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--hide-scrollbars'],
  });
  try {
    emulator = await startEmulator('small');
    const desk = await browser.newPage({ baseURL: appUrl, viewport: { width: 1440, height: 900 } });
    await signIn(desk, emulator.info);
    // The first screen's panels all have peers (or their error), and the first events are in.
    await desk.getByTestId('peer-row').first().waitFor({ timeout: FIRST_DATA_TIMEOUT_MS });
    await waitUntilGone(desk, '[data-testid="gateway-panel"]:not(:has([data-testid="peer-row"])):not(:has([role="alert"]))');
    await desk.screenshot({ path: resolve(IMAGES_DIR, 'dashboard.png') });
    await desk.close();
    await emulator.stop();

    emulator = await startEmulator('noc');
    const wall = await browser.newPage({ baseURL: appUrl, viewport: { width: 1920, height: 1080 } });
    await signIn(wall, emulator.info);
    await wall.goto('/wall?rotate=0');
    await wall.getByTestId('wall-tile').first().waitFor({ timeout: FIRST_DATA_TIMEOUT_MS });
    await waitUntilGone(wall, '[data-testid="wall-tile"][data-health="waiting"]');
    await wall.screenshot({ path: resolve(IMAGES_DIR, 'wall.png') });
  } finally {
    await browser.close();
  }
}

let server: PreviewServer | undefined;
try {
  if (!existsSync(resolve(BUILD_DIR, 'index.html'))) {
    throw new Error(`there is no build in ${BUILD_DIR}/: run npm run screenshots, which builds it first`);
  }
  mkdirSync(IMAGES_DIR, { recursive: true });
  // Port 0: any free port, so this never collides with a dev server or an e2e run.
  server = await preview({ build: { outDir: BUILD_DIR }, preview: { port: 0, strictPort: true }, logLevel: 'warn' });
  const appUrl = server.resolvedUrls?.local[0];
  if (!appUrl) throw new Error('the preview server did not say where it listens');
  await takeScreenshots(appUrl);
  console.log(`Wrote ${IMAGES_DIR}/dashboard.png and ${IMAGES_DIR}/wall.png`);
} catch (error) {
  console.error(`Screenshots failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exitCode = 1;
} finally {
  await server?.close();
  await emulator?.stop();
}
