import type {
  FaultAddedAnswer,
  FaultsAnswer,
  FleetAnswer,
  ForceRoutesAnswer,
  ForceRoutesRequest,
  ForceStateAnswer,
  ForceStateRequest,
  PeersAnswer,
  RequestCountsAnswer,
} from '../../emulator/control/control-api.ts';
import type { FaultRequest } from '../../emulator/control/faults.ts';
import type { EmulatorInfo } from '../../scripts/emulator-process.ts';

export type { FaultRequest, FleetAnswer, RequestCountsAnswer };
export type FleetGateway = FleetAnswer['gateways'][number];
export type LivePeer = PeersAnswer['value'][number];

/**
 * Client for the emulator's control API (emulator/control/control-api.ts): the fleet, live peers,
 * forced states and route counts, faults and request counts, each answer typed as the emulator sends it.
 */
export function control(info: EmulatorInfo) {
  async function call<Answer = void>(method: string, path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${info.controlUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    const text = await response.text();
    // The one place an answer is trusted to have its route's type: the emulator is ours.
    return (text ? JSON.parse(text) : undefined) as Answer;
  }
  return {
    fleet: () => call<FleetAnswer>('GET', '/fleet'),
    /** What getBgpPeerStatus would answer now (forced states included, faults not). */
    peers: (gatewayId: string, peer?: string) =>
      call<PeersAnswer>('GET', `/peers?${new URLSearchParams({ gatewayId, ...(peer ? { peer } : {}) })}`),
    forceState: (body: ForceStateRequest) => call<ForceStateAnswer>('POST', '/peers/state', body),
    releaseStates: () => call('DELETE', '/peers/state'),
    /** Forces a peer's routesReceived (learned routes follow); null releases it. */
    forceRoutes: (body: ForceRoutesRequest) => call<ForceRoutesAnswer>('POST', '/peers/routes', body),
    releaseRoutes: () => call('DELETE', '/peers/routes'),
    injectFault: (fault: FaultRequest) => call<FaultAddedAnswer>('POST', '/faults', fault),
    faults: () => call<FaultsAnswer>('GET', '/faults'),
    clearFaults: () => call('DELETE', '/faults'),
    requests: () => call<RequestCountsAnswer>('GET', '/requests'),
    resetRequests: () => call('DELETE', '/requests'),
  };
}
