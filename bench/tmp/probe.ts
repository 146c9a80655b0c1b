import { startEmulatorProcess } from '../../scripts/emulator-process.ts';
import { launchChromium, serveBuiltApp } from '../support.ts';

const emulator = await startEmulatorProcess(['--port', '0', '--identity-port', '0', '--fleet', 'large', '--lro-seconds', '2']);
const app = await serveBuiltApp(emulator.info, { pollingIntervalSeconds: 15, arm: { endpoint: emulator.info.armEndpoint, transport: process.env.T ?? 'batch' } });
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const t0 = Date.now();
const log: string[] = [];
page.on('request', (r) => {
  const u = new URL(r.url());
  if (!u.href.startsWith(emulator.info.armEndpoint)) return;
  let n = '';
  if (r.method() === 'POST' && u.pathname === '/batch') {
    const body = JSON.parse(r.postData() ?? '{}') as { requests: { httpMethod: string; url: string }[] };
    const kinds = new Map<string, number>();
    for (const q of body.requests) {
      const k = q.httpMethod + ' ' + (new URL(q.url).pathname.split('/').at(-1)?.slice(0, 18) ?? '');
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    n = [...kinds].map(([k, v]) => `${k}×${v}`).join(', ');
  }
  log.push(`${((Date.now() - t0) / 1000).toFixed(2)} ${r.method()} ${u.pathname.slice(0, 40)} ${n}`);
});
await page.goto(app.url);
await page.getByRole('button', { name: /sign in/i }).first().click();
await page.locator('[data-testid="peer-row"]').first().waitFor({ timeout: 120_000 });
await page.waitForTimeout(50_000);
const summary = log.filter((l) => Number(l.split(' ')[0]) > Number(process.env.FROM ?? 25));
console.log(summary.map((l) => l.replace(/GET [0-9a-f-]{18}×1(, )?/g, 'g')).join('\n'));
console.log('http', summary.length, 'options', summary.filter((l) => l.includes('OPTIONS')).length);
await browser.close();
await app.close();
await emulator.stop();
