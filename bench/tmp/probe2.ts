import { startEmulatorProcess } from '../../scripts/emulator-process.ts';
import { launchChromium, serveBuiltApp } from '../support.ts';

const emulator = await startEmulatorProcess(['--port', '0', '--identity-port', '0', '--fleet', 'small', '--lro-seconds', '1', '--speed', '0.001', ...(process.env.NONE ? ['--cors-expose', 'none'] : [])]);
const app = await serveBuiltApp(emulator.info, { pollingIntervalSeconds: 5, arm: { endpoint: emulator.info.armEndpoint, transport: process.env.T ?? 'batch' } });
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const t0 = Date.now();
const log: string[] = [];
page.on('console', (m) => log.push(`${((Date.now() - t0) / 1000).toFixed(2)} console ${m.text().slice(0, 200)}`));
page.on('request', (r) => {
  const u = new URL(r.url());
  if (!u.href.startsWith(emulator.info.armEndpoint)) return;
  let n = '';
  if (r.method() === 'POST' && u.pathname === '/batch') {
    const body = JSON.parse(r.postData() ?? '{}') as { requests: { httpMethod: string; url: string }[] };
    n = body.requests.map((q) => q.httpMethod + ' ' + new URL(q.url).pathname.split('/').slice(-3).join('/').slice(0, 60)).join(' | ');
  } else n = u.pathname.slice(0, 80);
  log.push(`${((Date.now() - t0) / 1000).toFixed(2)} ${r.method()} ${n}`);
});
await page.goto(app.url);
await page.getByRole('button', { name: /sign in/i }).first().click();
await page.locator('[data-testid="peer-row"]').first().waitFor({ timeout: 120_000 });
await page.waitForTimeout(25_000);
console.log(log.join('\n'));
await browser.close();
await app.close();
await emulator.stop();
