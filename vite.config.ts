/// <reference types="vitest/config" />
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import {
  contentSecurityPolicyForConfig,
  headersFile,
  TENANT_INDEPENDENT_POLICY,
} from './src/config/content-security-policy.ts';

/**
 * `npm start` hands the dev server the config of the emulator it just started (its ports may
 * differ from public/config.json's), so the demo works with any emulator flags. Dev server only:
 * the build ships public/config.json untouched, to be edited per deployment.
 */
function dashboardConfigOverride(): Plugin {
  return {
    name: 'dashboard-config-override',
    apply: 'serve',
    configureServer(server) {
      const json = process.env.DASHBOARD_CONFIG_JSON;
      if (!json) return;
      server.middlewares.use('/config.json', (_req, res) => {
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'no-store');
        res.end(json);
      });
    },
  };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The Content Security Policy, in three places (see src/config/content-security-policy.ts):
 * - the built index.html gets a `<meta>` with the tenant-independent part (no inline scripts);
 * - the build writes `_headers` (Netlify / Cloudflare Pages format) with the full policy for the
 *   config it ships, or for the deployment's file named by `CSP_CONFIG=path/to/config.json`;
 * - `vite preview` (the e2e suite's server) sends the full policy for the config.json it serves,
 *   so every end-to-end test runs with the policy on.
 * Not in the dev server: React's fast refresh needs an inline script there.
 */
function contentSecurityPolicyPlugin(): Plugin {
  let root = process.cwd();
  return {
    name: 'content-security-policy',
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        if (context.server) return [];
        return [
          {
            tag: 'meta',
            attrs: { 'http-equiv': 'Content-Security-Policy', content: TENANT_INDEPENDENT_POLICY },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
    generateBundle() {
      const source = process.env.CSP_CONFIG ? resolve(process.env.CSP_CONFIG) : resolve(root, 'public/config.json');
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile(contentSecurityPolicyForConfig(readJson(source))) });
    },
    configurePreviewServer(server) {
      const configPath = resolve(server.config.root, server.config.build.outDir, 'config.json');
      const policy = contentSecurityPolicyForConfig(existsSync(configPath) ? readJson(configPath) : undefined);
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', policy);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        next();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), dashboardConfigOverride(), contentSecurityPolicyPlugin()],
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'emulator/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
  },
});
