import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import type { EmulatorInfo } from '../scripts/emulator-process.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** Serves the built app (SPA fallback) with a config.json pointed at the given emulator. */
export async function serveBuiltApp(info: EmulatorInfo, extra: Record<string, unknown> = {}): Promise<{ url: string; close(): Promise<void> }> {
  const dist = join(root, process.env.BENCH_DIST ?? 'dist-bench');
  const config = JSON.stringify({
    auth: { mode: 'emulator', clientId: info.spaClientId, authority: info.authority, knownAuthorities: [info.knownAuthority] },
    arm: { endpoint: info.armEndpoint },
    pollingIntervalSeconds: 15,
    ...extra,
  });
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/config.json') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(config);
      return;
    }
    const file = normalize(join(dist, path));
    const target = file.startsWith(dist) && extname(file) ? file : join(dist, 'index.html');
    try {
      const body = await readFile(target);
      res.writeHead(200, { 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://localhost:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
  });
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
