import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Playwright cannot download its own browser on our machines: use the one named by
 * PLAYWRIGHT_CHROMIUM_EXECUTABLE, then the system Chromium, then Playwright's own.
 */
function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) return fromEnv;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
}

// Overridable so several checkouts or sessions can run the suite side by side.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4173);
const DIST_DIR = process.env.E2E_DIST ?? 'dist';
export const APP_URL = `http://localhost:${APP_PORT}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: process.env.E2E_OUTPUT ?? 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: APP_URL,
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // The built app, as it ships; each spec starts the emulator it needs (e2e/support/emulator.ts).
    command: `npx vite preview --port ${APP_PORT} --strictPort --outDir ${DIST_DIR}`,
    url: APP_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
