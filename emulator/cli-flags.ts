import { parseArgs } from 'node:util';
import type { CorsExpose } from './http-io';
import { DEFAULT_ARM_PORT, DEFAULT_IDENTITY_PORT, DEFAULT_REDIRECT_URIS } from './emulator-constants';
import { FLEET_SIZES, type FleetSize } from './simulation/fleet';

export interface EmulatorFlags {
  port: number;
  identityPort: number;
  host: string;
  seed: number;
  fleet: FleetSize;
  speed: number;
  lroSeconds: number;
  tokenLifetimeSeconds: number;
  redirectUris: string[];
  corsExpose: CorsExpose;
  /** Multiplies ARM's throttling budgets (refill and burst), for clients whose clock runs faster than real time. */
  armBudgetScale: number;
  /** Rows per Resource Graph page at most, whatever $top asks; undefined: $top alone. */
  resourceGraphPageCap?: number;
  /** Resource Graph answers 403 AuthorizationFailed (clients must fall back to listing resource groups). */
  refuseResourceGraph: boolean;
  /** The last N VPN gateways report enableBgp false. */
  bgpOffGateways: number;
}

export const USAGE = `Local Azure emulator (Entra ID + ARM) for the BGP peer dashboard.

Usage: npm run emulator -- [flags]

  --port N              ARM endpoint port, HTTP (default ${DEFAULT_ARM_PORT}; 0 = any free port)
  --identity-port N     identity (OpenID Connect) port, HTTPS (default ${DEFAULT_IDENTITY_PORT}; 0 = any free port)
  --host HOST           interface to listen on (default 127.0.0.1; URLs say localhost)
  --seed N              fleet and peer-life seed (default 1)
  --fleet SIZE          small (4 gateways) | noc (30 gateways) | large (200 gateways, ~1,600 peers) (default small)
  --speed X             simulated clock multiplier (default 1)
  --lro-seconds S       how long a getBgpPeerStatus operation takes, real seconds (default 2)
  --token-lifetime S    access token lifetime in seconds (default 3600)
  --redirect-uri URL    extra SPA redirect URI; repeatable (defaults: ${DEFAULT_REDIRECT_URIS.join(', ')})
  --cors-expose WHICH   all: ARM answers expose Location, Azure-AsyncOperation, Retry-After and the
                        x-ms-* headers to the browser | none: no Access-Control-Expose-Headers, as a
                        strict ARM would; /batch still carries them as JSON (default all)
  --arm-budget-scale X  multiplies ARM's request budgets (10 writes/s, 25 reads/s per subscription
                        and their bursts), for a browser whose clock is driven faster than real time
                        (default 1)
  --resource-graph-page-cap N
                        Resource Graph answers at most N rows per page (1-1000) and a $skipToken for
                        the rest, whatever $top asks, as Azure does when an answer is large
                        (default: pages of $top)
  --refuse-resource-graph
                        Resource Graph answers 403 AuthorizationFailed to every query, as for a
                        principal without Microsoft.ResourceGraph/resources/read
  --bgp-off-gateways N  the last N VPN gateways of the fleet report enableBgp false (static routes
                        only), for pickers and dashboards that must not poll them (default 0)
  --help                show this help

On start, prints one line "EMULATOR_READY {json}" to stdout; logs go to stderr.`;

export class FlagError extends Error {}

export type ParsedFlags = { help: true } | { help: false; flags: EmulatorFlags };

export function parseFlags(argv: string[]): ParsedFlags {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'identity-port': { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        fleet: { type: 'string' },
        speed: { type: 'string' },
        'lro-seconds': { type: 'string' },
        'token-lifetime': { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        'cors-expose': { type: 'string' },
        'arm-budget-scale': { type: 'string' },
        'resource-graph-page-cap': { type: 'string' },
        'refuse-resource-graph': { type: 'boolean' },
        'bgp-off-gateways': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new FlagError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };

  const integer = (name: string, text: string | undefined, fallback: number, min: number, max: number): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      throw new FlagError(`--${name} must be an integer from ${min} to ${max} (got "${text}")`);
    }
    return value;
  };
  const decimal = (name: string, text: string | undefined, fallback: number, min: number, max: number): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
      throw new FlagError(`--${name} must be a number from ${min} to ${max} (got "${text}")`);
    }
    return value;
  };

  const fleet = values.fleet ?? 'small';
  if (!(FLEET_SIZES as readonly string[]).includes(fleet)) {
    throw new FlagError(`--fleet must be one of ${FLEET_SIZES.join(', ')} (got "${fleet}")`);
  }
  const speed = decimal('speed', values.speed, 1, 0.001, 1_000_000);
  if (speed <= 0) throw new FlagError('--speed must be greater than 0');
  const extraRedirects = values['redirect-uri'] ?? [];
  for (const uri of extraRedirects) {
    if (!URL.canParse(uri)) throw new FlagError(`--redirect-uri must be an absolute URL (got "${uri}")`);
  }
  const corsExpose = values['cors-expose'] ?? 'all';
  if (corsExpose !== 'all' && corsExpose !== 'none') throw new FlagError(`--cors-expose must be all or none (got "${corsExpose}")`);
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') throw new FlagError('--host must not be empty');

  return {
    help: false,
    flags: {
      port: integer('port', values.port, DEFAULT_ARM_PORT, 0, 65_535),
      identityPort: integer('identity-port', values['identity-port'], DEFAULT_IDENTITY_PORT, 0, 65_535),
      host,
      seed: integer('seed', values.seed, 1, 0, 4_294_967_295),
      fleet: fleet as FleetSize,
      speed,
      lroSeconds: decimal('lro-seconds', values['lro-seconds'], 2, 0, 3600),
      tokenLifetimeSeconds: integer('token-lifetime', values['token-lifetime'], 3600, 5, 86_400),
      redirectUris: [...new Set([...DEFAULT_REDIRECT_URIS, ...extraRedirects])],
      corsExpose,
      armBudgetScale: decimal('arm-budget-scale', values['arm-budget-scale'], 1, 0.001, 1_000_000),
      ...(values['resource-graph-page-cap'] !== undefined
        ? { resourceGraphPageCap: integer('resource-graph-page-cap', values['resource-graph-page-cap'], 1000, 1, 1000) }
        : {}),
      refuseResourceGraph: values['refuse-resource-graph'] === true,
      bgpOffGateways: integer('bgp-off-gateways', values['bgp-off-gateways'], 0, 0, 1000),
    },
  };
}
