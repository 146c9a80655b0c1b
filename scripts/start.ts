/**
 * `npm start`: the emulator and the dashboard together, in one terminal, with no Azure account.
 * Any flag after `--` goes to the emulator (`npm start -- --fleet noc`).
 */
import { createServer } from 'vite';
import { startEmulatorProcess } from './emulator-process.ts';

const emulator = await startEmulatorProcess(process.argv.slice(2), { inheritStderr: true });
const info = emulator.info;

// The dev server answers /config.json from this, so the page always talks to the emulator just
// started, whatever ports it was given (see the `dashboardConfigOverride` plugin in vite.config.ts).
process.env.DASHBOARD_CONFIG_JSON = JSON.stringify({
  auth: {
    mode: 'emulator',
    clientId: info.spaClientId,
    authority: info.authority,
    knownAuthorities: [info.knownAuthority],
  },
  arm: { endpoint: info.armEndpoint },
  pollingIntervalSeconds: 15,
  gateways: [],
});

const server = await createServer({ server: { strictPort: false }, clearScreen: false, logLevel: 'warn' });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? `http://localhost:${server.config.server.port}/`;

console.log(`Emulator: ${info.armEndpoint} (fleet ${info.fleet}, seed ${info.seed}; control API ${info.controlUrl})`);
console.log(`Dashboard: ${url}`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await server.close().catch(() => undefined);
  await emulator.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
emulator.exited.then((exitCode) => {
  if (!stopping) {
    console.error(`The emulator stopped (exit code ${exitCode}); stopping the dashboard.`);
    void stop(1);
  }
});
