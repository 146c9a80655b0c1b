/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

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

export default defineConfig({
  plugins: [react(), tailwindcss(), dashboardConfigOverride()],
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'emulator/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
  },
});
