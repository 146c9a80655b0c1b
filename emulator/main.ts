/**
 * CLI entry of the local Azure emulator: `npm run emulator -- [flags]`. Starts the ARM face
 * (HTTP, with the control API) and the identity face (HTTPS), then prints exactly one
 * `EMULATOR_READY {json}` line on stdout for whoever started it; everything else goes to stderr.
 */
import { startArmServer } from './arm/arm-server';
import { scaledBuckets } from './arm/rate-limit';
import { FlagError, parseFlags, USAGE, type EmulatorFlags } from './cli-flags';
import { CONTROL_PATH, EMULATOR_SCRIPT_CLIENT_ID, EMULATOR_SCRIPT_CLIENT_SECRET, EMULATOR_SPA_CLIENT_ID, EMULATOR_TENANT_ID } from './emulator-constants';
import { startIdentity } from './identity/identity-server';
import type { IdentityServer } from './identity/identity-types';
import { createSimClock } from './simulation/sim-clock';
import { createSimulation } from './simulation/simulation';

const log = (line: string) => process.stderr.write(`[emulator] ${line}\n`);

async function main(flags: EmulatorFlags): Promise<void> {
  const clock = createSimClock({ speed: flags.speed });
  const simulation = createSimulation({ seed: flags.seed, fleet: flags.fleet, tenantId: EMULATOR_TENANT_ID });

  // The identity server needs the ARM URL (the token audience), which is only known once ARM
  // listens (--port 0): ARM starts first and waits for identity on its first authenticated call.
  let provideIdentity: (identity: IdentityServer) => void = () => {};
  let failIdentity: (error: unknown) => void = () => {};
  const identityReady = new Promise<IdentityServer>((resolve, reject) => {
    provideIdentity = resolve;
    failIdentity = reject;
  });
  identityReady.catch(() => {});

  const arm = await startArmServer({
    port: flags.port,
    host: flags.host,
    simulation,
    clock,
    identity: identityReady,
    lroSeconds: flags.lroSeconds,
    corsExpose: flags.corsExpose,
    ...(flags.resourceGraphPageCap !== undefined ? { resourceGraphPageCap: flags.resourceGraphPageCap } : {}),
    ...(flags.refuseResourceGraph ? { refuseResourceGraph: true } : {}),
    ...(flags.bgpOffGateways > 0 ? { bgpOffGateways: flags.bgpOffGateways } : {}),
    ...(flags.armBudgetScale !== 1 ? { rateLimits: scaledBuckets(flags.armBudgetScale) } : {}),
    log: (line) => log(`arm: ${line}`),
  });
  let identity: IdentityServer;
  try {
    identity = await startIdentity({
      port: flags.identityPort,
      // Identity listens on 127.0.0.1 and names itself localhost unless told otherwise.
      ...(flags.host !== '127.0.0.1' ? { host: flags.host } : {}),
      tenantId: EMULATOR_TENANT_ID,
      guestTenantIds: simulation.fleet.tenants.slice(1).map((tenant) => tenant.tenantId),
      spaClientId: EMULATOR_SPA_CLIENT_ID,
      scriptClient: { clientId: EMULATOR_SCRIPT_CLIENT_ID, clientSecret: EMULATOR_SCRIPT_CLIENT_SECRET },
      armResource: arm.url,
      tokenLifetimeSeconds: flags.tokenLifetimeSeconds,
      redirectUris: flags.redirectUris,
    });
  } catch (error) {
    failIdentity(error);
    await arm.close();
    throw error;
  }
  provideIdentity(identity);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: closing`);
    Promise.allSettled([arm.close(), identity.close()]).then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const gateways = simulation.fleet.gateways;
  const guests = simulation.fleet.tenants.slice(1);
  log(`fleet ${flags.fleet} (seed ${flags.seed}): ${simulation.fleet.subscriptions.length} subscriptions, ${gateways.length} gateways, ${gateways.reduce((n, g) => n + g.peers.length, 0)} peer rows; guest of ${guests.map((t) => `${t.displayName} ${t.tenantId} (${t.gateways.length} gateways)`).join(', ')}; speed ×${flags.speed}, operations take ${flags.lroSeconds} s; CORS exposes ${flags.corsExpose === 'all' ? 'the polling headers' : 'no headers'}${flags.armBudgetScale !== 1 ? `; ARM budgets ×${flags.armBudgetScale}` : ''}${flags.resourceGraphPageCap !== undefined ? `; Resource Graph pages of ${flags.resourceGraphPageCap} rows at most` : ''}${flags.refuseResourceGraph ? '; Resource Graph refused' : ''}${flags.bgpOffGateways > 0 ? `; ${flags.bgpOffGateways} VPN gateways with BGP off` : ''}`);
  log(`ARM ${arm.url}  identity ${identity.authority}  control ${arm.url}${CONTROL_PATH}`);
  const ready = {
    armEndpoint: arm.url,
    authority: identity.authority,
    oidcAuthority: identity.oidcAuthority,
    knownAuthority: identity.knownAuthority,
    tenantId: EMULATOR_TENANT_ID,
    spaClientId: EMULATOR_SPA_CLIENT_ID,
    scriptClient: { clientId: EMULATOR_SCRIPT_CLIENT_ID, clientSecret: EMULATOR_SCRIPT_CLIENT_SECRET },
    controlUrl: `${arm.url}${CONTROL_PATH}`,
    fleet: flags.fleet,
    seed: flags.seed,
    // The identity face's self-signed certificate, so Node clients can trust it without disabling TLS checks.
    identityCertificate: identity.certificate,
  };
  process.stdout.write(`EMULATOR_READY ${JSON.stringify(ready)}\n`);
}

let parsed;
try {
  parsed = parseFlags(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof FlagError)) throw error;
  process.stderr.write(`emulator: ${error.message}\nRun with --help for the list of flags.\n`);
  process.exit(2);
}
if (parsed.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
main(parsed.flags).catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  log(code === 'EADDRINUSE' ? `a port is already in use (${(error as Error).message}); pick another with --port / --identity-port, or 0 for any` : `failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
