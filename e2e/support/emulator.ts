import { test } from '@playwright/test';
import { startEmulatorProcess, type EmulatorInfo, type EmulatorProcess } from '../../scripts/emulator-process.ts';
import { control, type FleetGateway } from './emulator-control.ts';

export type { EmulatorInfo };

/** The port the built app is served on (see playwright.config.ts). */
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4173);

/** Each spec starts its own emulator on free ports, with the flags its scenario needs. */
export async function startEmulator(flags: string[] = []): Promise<EmulatorProcess> {
  return startEmulatorProcess([
    ...['--port', '0', '--identity-port', '0', '--lro-seconds', '1'],
    ...['--redirect-uri', `http://localhost:${APP_PORT}/`],
    ...flags,
  ]);
}

/**
 * One emulator for a whole spec file: started before its first test, faults and forced states
 * (and forced route counts) cleared after each test so every test starts from the simulated fleet as it is, stopped at the end.
 * By default the simulated clock is near-frozen, so a natural flap never lands in the middle of a
 * test; polls still complete and refresh "updated … ago" as usual.
 */
export function emulatorForThisSpec(flags: string[] = ['--fleet', 'small', '--speed', '0.001']) {
  let running: EmulatorProcess | undefined;
  let gateways: FleetGateway[] = [];
  test.beforeAll(async () => {
    running = await startEmulator(flags);
    gateways = (await control(running.info).fleet()).gateways;
  });
  test.afterEach(async () => {
    if (!running) return;
    await control(running.info).clearFaults();
    await control(running.info).releaseStates();
    await control(running.info).releaseRoutes();
  });
  test.afterAll(async () => running?.stop());
  return {
    get info(): EmulatorInfo {
      if (!running) throw new Error('the emulator starts in beforeAll');
      return running.info;
    },
    get fleet(): { gateways: FleetGateway[] } {
      return { gateways };
    },
  };
}
