import { startArmServer, type ArmServer } from '../arm/arm-server';
import type { BucketSettings, RateKind } from '../arm/rate-limit';
import { EMULATOR_TENANT_ID } from '../emulator-constants';
import type { CorsExpose } from '../http-io';
import type { IdentityServer } from '../identity/identity-types';
import { TokenRejectedError } from '../identity/token-verifier';
import type { FleetSize, Gateway, GatewayKind } from '../simulation/fleet';
import { createSimClock } from '../simulation/sim-clock';
import { createSimulation } from '../simulation/simulation';

/**
 * An ARM server for tests: a fake identity (token "good" is valid, "expired" is expired, anything
 * else invalid) and a hand-driven real-time clock, so long-running operations finish when the
 * test says so.
 */
export const fakeIdentity: IdentityServer = {
  authority: `https://localhost:1/${EMULATOR_TENANT_ID}`,
  oidcAuthority: `https://localhost:1/${EMULATOR_TENANT_ID}/v2.0`,
  knownAuthority: 'localhost:1',
  issuer: `https://localhost:1/${EMULATOR_TENANT_ID}/v2.0`,
  certificate: '',
  authorityFor: (tenantId) => `https://localhost:1/${tenantId}`,
  requireMfa: () => undefined,
  mfaRequired: () => false,
  verifyAccessToken(token) {
    // `good@{tenantId}`: a valid token of another tenant.
    const other = /^good@(.+)$/.exec(token)?.[1];
    if (other) return Promise.resolve({ oid: 'user-oid', tid: other, scp: 'user_impersonation', exp: 2_000_000_000 });
    if (token === 'good') {
      return Promise.resolve({ oid: 'user-oid', tid: EMULATOR_TENANT_ID, scp: 'user_impersonation', preferredUsername: 'demo@contoso.example', exp: 2_000_000_000 });
    }
    if (token === 'expired') return Promise.reject(new TokenRejectedError('ExpiredAuthenticationToken', "The access token expiry UTC time '1/1/2020' is earlier than current UTC time."));
    return Promise.reject(new TokenRejectedError('InvalidAuthenticationToken', 'The access token is invalid.'));
  },
  issueDemoToken: () => Promise.resolve({ accessToken: 'good', expiresOn: 2_000_000_000, username: 'demo@contoso.example', name: 'Demo User', tenantId: EMULATOR_TENANT_ID }),
  close: () => Promise.resolve(),
};

export interface TestArm extends ArmServer {
  /** Moves the fake real-time clock forward. */
  advance(ms: number): void;
  realNow(): number;
  simulation: ReturnType<typeof createSimulation>;
  clock: ReturnType<typeof createSimClock>;
  /** fetch against the server with `Authorization: Bearer good` unless headers say otherwise. */
  call(path: string, init?: RequestInit): Promise<Response>;
  /** The fleet's first gateway of that kind. */
  gatewayOf(kind: GatewayKind): Gateway;
  /** Starts getBgpPeerStatus (`query` e.g. `&peer=10.1.0.4`) and returns its polling URLs. */
  startPeerStatus(gatewayId: string, query?: string): Promise<{ location: string; asyncOperation: string; response: Response }>;
}

export async function startTestArm(
  options: { fleet?: FleetSize; seed?: number; lroSeconds?: number; rateLimits?: Record<RateKind, BucketSettings>; corsExpose?: CorsExpose } = {},
): Promise<TestArm> {
  let real = Date.UTC(2025, 0, 15, 12, 0, 0);
  const realNow = () => real;
  const simulation = createSimulation({ seed: options.seed ?? 1, fleet: options.fleet ?? 'small', tenantId: EMULATOR_TENANT_ID });
  const clock = createSimClock({ realNow });
  const arm = await startArmServer({
    port: 0,
    simulation,
    clock,
    identity: fakeIdentity,
    lroSeconds: options.lroSeconds ?? 2,
    realNow,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.corsExpose ? { corsExpose: options.corsExpose } : {}),
  });
  const call: TestArm['call'] = (path, init = {}) =>
    fetch(path.startsWith('http') ? path : `${arm.url}${path}`, {
      ...init,
      headers: { Authorization: 'Bearer good', ...(init.headers as Record<string, string> | undefined) },
    });
  return {
    ...arm,
    simulation,
    clock,
    realNow,
    advance: (ms) => {
      real += ms;
    },
    call,
    startPeerStatus: async (gatewayId, query = '') => {
      const response = await call(`${gatewayId}/getBgpPeerStatus?api-version=2023-09-01${query}`, { method: 'POST' });
      return { location: response.headers.get('location') ?? '', asyncOperation: response.headers.get('azure-asyncoperation') ?? '', response };
    },
    gatewayOf: (kind) => {
      const gateway = simulation.fleet.gateways.find((g) => g.kind === kind);
      if (!gateway) throw new Error(`no ${kind} gateway`);
      return gateway;
    },
  };
}
