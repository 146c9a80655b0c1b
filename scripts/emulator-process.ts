/**
 * Starts the emulator as a child process and waits for its `EMULATOR_READY {json}` line.
 * Shared by `npm start`, the e2e suite and the benchmarks.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface EmulatorInfo {
  armEndpoint: string;
  authority: string;
  oidcAuthority: string;
  knownAuthority: string;
  tenantId: string;
  spaClientId: string;
  scriptClient: { clientId: string; clientSecret: string };
  controlUrl: string;
  fleet: string;
  seed: number;
  /** PEM of the identity side's self-signed certificate, so Node clients can trust it. */
  identityCertificate: string;
}

/** The emulator stopped before it printed its ready line (a bad flag, a busy port, `--help`). */
export class EmulatorExitedError extends Error {
  constructor(readonly exitCode: number | null, stderr: string) {
    super(`The emulator exited (code ${exitCode}) before it was ready.\n${stderr}`);
  }
}

export interface EmulatorProcess {
  info: EmulatorInfo;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('..', import.meta.url));

export async function startEmulatorProcess(
  args: string[],
  options: { inheritStderr?: boolean; timeoutMs?: number } = {},
): Promise<EmulatorProcess> {
  const preload = ['--import', 'tsx', '--import', './scripts/hide-known-oidc-provider-warnings.ts'];
  const child = spawn(process.execPath, [...preload, 'emulator/main.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', options.inheritStderr ? 'inherit' : 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<EmulatorInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The emulator did not get ready in time.\n${stderr}`)), options.timeoutMs ?? 30_000);
    lines.on('line', (line) => {
      if (line.startsWith('EMULATOR_READY ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('EMULATOR_READY '.length)) as EmulatorInfo);
      } else if (options.inheritStderr) {
        console.log(line);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new EmulatorExitedError(code, stderr));
    });
  });

  return {
    info,
    exited,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killTimer);
    },
  };
}
