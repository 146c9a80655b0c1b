/**
 * `npm start`: the emulator and the dashboard together, in one terminal, with no Azure account.
 * Any flag after `--` goes to the emulator (`npm start -- --fleet noc`). Busy default ports are
 * replaced by free ones (scripts/free-port.ts); whatever still goes wrong is said in one sentence,
 * because a newcomer reads a stack trace as "the project is broken".
 */
import { parseArgs } from 'node:util';
import { createServer, type ViteDevServer } from 'vite';
import { DEFAULT_ARM_PORT, DEFAULT_IDENTITY_PORT } from '../emulator/emulator-constants.ts';
import { EmulatorExitedError, startEmulatorProcess, type EmulatorProcess } from './emulator-process.ts';
import { isPortFree, pickPort, PortUnavailableError, type PortWish } from './free-port.ts';

/** vite.config.ts's `server.port`, and the redirect URI the emulator always allows. */
const DEFAULT_DASHBOARD_PORT = 5173;

let emulator: EmulatorProcess | undefined;
let server: ViteDevServer | undefined;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await server?.close().catch(() => undefined);
  await emulator?.stop();
  process.exit(code);
}

/** The emulator flags start looks at; everything else is the emulator's business. */
function emulatorPortFlags(args: string[]) {
  const { values } = parseArgs({
    args,
    strict: false,
    options: { port: { type: 'string' }, 'identity-port': { type: 'string' }, host: { type: 'string' } },
  });
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return { port: text(values.port), identityPort: text(values['identity-port']), host: text(values.host) ?? '127.0.0.1' };
}

/** The emulator's arguments with free ports filled in, and what was moved. */
async function choosePorts(args: string[]) {
  const flags = emulatorPortFlags(args);
  const emulatorArgs = [...args];
  const notes: string[] = [];
  const chosen = new Set<number>();
  // Ports the user gave come first, so a default moves out of their way. Then the sign-in server:
  // when 8710 is busy the ARM endpoint moves past 8711 instead of taking it and pushing the other.
  const emulatorWishes: (PortWish & { flag: string })[] = [
    { what: "the emulator's sign-in server", flag: '--identity-port', defaultPort: DEFAULT_IDENTITY_PORT, given: flags.identityPort },
    { what: "the emulator's ARM endpoint", flag: '--port', defaultPort: DEFAULT_ARM_PORT, given: flags.port },
  ];
  emulatorWishes.sort((a, b) => Number(b.given !== undefined) - Number(a.given !== undefined));
  for (const wish of emulatorWishes) {
    const pick = await pickPort(wish, (port) => isPortFree(port, flags.host), chosen);
    if ('passThrough' in pick) continue;
    chosen.add(pick.port);
    if (pick.note) notes.push(pick.note);
    if (wish.given === undefined) emulatorArgs.push(wish.flag, String(pick.port));
  }
  // The dev server listens on "localhost", whichever address that resolves to first.
  const dashboard = await pickPort({ what: 'the dashboard', defaultPort: DEFAULT_DASHBOARD_PORT }, (port) => isPortFree(port, 'localhost'), chosen);
  if ('passThrough' in dashboard) throw new Error('the dashboard port is never given by a flag');
  if (dashboard.note) notes.push(dashboard.note);
  return { emulatorArgs, dashboardPort: dashboard.port, notes };
}

async function main() {
  const { emulatorArgs, dashboardPort, notes } = await choosePorts(process.argv.slice(2));
  emulator = await startEmulatorProcess(emulatorArgs, { inheritStderr: true });
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

  server = await createServer({ server: { port: dashboardPort, strictPort: true }, clearScreen: false, logLevel: 'warn' });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://localhost:${dashboardPort}/`;

  for (const note of notes) console.log(note);
  console.log(`Emulator: ${info.armEndpoint} (fleet ${info.fleet}, seed ${info.seed}; control API ${info.controlUrl})`);
  console.log(`Dashboard: ${url}`);

  emulator.exited.then((exitCode) => {
    if (!stopping) {
      console.error(`The emulator stopped (exit code ${exitCode}); stopping the dashboard.`);
      void stop(1);
    }
  });
}

/** One line for the terminal: the error's own first line, or what it means for a known case. */
function sentenceFor(error: unknown): string {
  if (error instanceof PortUnavailableError) return error.message;
  if (error instanceof EmulatorExitedError) return 'The emulator did not start; its reason is printed just above.';
  const message = error instanceof Error ? error.message : String(error);
  return `npm start could not start: ${message.split('\n')[0]}`;
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
main().catch((error: unknown) => {
  // `npm start -- --help`: the emulator printed its usage and exited cleanly; nothing went wrong.
  if (error instanceof EmulatorExitedError && error.exitCode === 0) return void stop(0);
  console.error(sentenceFor(error));
  void stop(1);
});
