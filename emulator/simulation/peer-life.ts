import { mix, unitMix } from './seeded-random';

/**
 * The BGP life of one peer row as a PURE function of (peer, simulated time). Nothing is stored
 * or advanced: time is cut into per-peer windows, each window may hold one flap decided by a
 * hash of (peer key, window index), and the session in force at time t started when the latest
 * flap before t ended. A flap is guaranteed every few windows, which bounds the look-back.
 * So a test can predict any value, a metrics history agrees with the live answer, and nothing
 * grows with uptime.
 */

export type BgpPeerState = 'Unknown' | 'Stopped' | 'Idle' | 'Connecting' | 'Connected';
export const BGP_PEER_STATES: readonly BgpPeerState[] = ['Unknown', 'Stopped', 'Idle', 'Connecting', 'Connected'];

/** ARM's `BgpPeerStatus` as it goes on the wire. */
export interface BgpPeerStatus {
  neighbor: string;
  localAddress: string;
  asn: number;
  state: string;
  /** .NET TimeSpan `[d.]hh:mm:ss.fffffff`; null while not connected. */
  connectedDuration: string | null;
  routesReceived: number;
  messagesSent: number;
  messagesReceived: number;
}

/** How a peer behaves over time. */
export type PeerTemperament = 'steady' | 'occasional' | 'flappy' | 'adminStopped';

export interface PeerLife {
  /** Stable per (seed, gateway, localAddress, neighbor). */
  key: number;
  temperament: PeerTemperament;
  windowMs: number;
  flapProbability: number;
  /** A flap is certain once in this many windows: bounds the look-back and the session age. */
  guaranteedEvery: number;
  baseRoutes: number;
  routeSwing: number;
  updateSentEverySeconds: number;
  updateReceivedEverySeconds: number;
}

export interface PeerRow {
  neighbor: string;
  localAddress: string;
  asn: number;
  life: PeerLife;
}

/**
/**
 * What the control API forces on a peer row: a state since `sinceMs` (simulated time), a route
 * count (`routesReceived`, while Connected; learned routes follow it), or both. After a forced
 * state is released, `resumedAtMs` says the peer lives its own life again but in no session
 * older than that: a peer held down that comes back starts a new session (counters and
 * connectedDuration from 0), as a real BGP speaker does. The overlay is data, so the life stays a
 * pure function of time.
 */
export interface ForcedState {
  state?: string;
  sinceMs: number;
  routesReceived?: number;
  resumedAtMs?: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const KEEPALIVE_SECONDS = 60;
const ROUTE_CHANGE_MS = 20 * MINUTE;
const MAX_FLAP_MS = 60 * SECOND;

const TEMPERAMENTS: Record<PeerTemperament, Pick<PeerLife, 'windowMs' | 'flapProbability' | 'guaranteedEvery'>> = {
  // Sessions that last days, as most real ones do ("up 9d 1h").
  steady: { windowMs: DAY, flapProbability: 0.1, guaranteedEvery: 21 },
  occasional: { windowMs: 2 * HOUR, flapProbability: 0.35, guaranteedEvery: 12 },
  // Flaps every 10–30 minutes of simulated time, so a demo shows resets without waiting.
  flappy: { windowMs: 10 * MINUTE, flapProbability: 0.5, guaranteedEvery: 3 },
  adminStopped: { windowMs: DAY, flapProbability: 0, guaranteedEvery: 1 },
};

export function peerLife(key: number, temperament: PeerTemperament, baseRoutes: number): PeerLife {
  return {
    key,
    temperament,
    ...TEMPERAMENTS[temperament],
    baseRoutes,
    routeSwing: Math.max(1, Math.round(baseRoutes * 0.1)),
    updateSentEverySeconds: 300 + (mix(key, 11) % 3300),
    updateReceivedEverySeconds: 300 + (mix(key, 12) % 3300),
  };
}

export interface Flap {
  /** Session goes down (Idle). */
  startMs: number;
  idleMs: number;
  connectingMs: number;
  /** Session is Connected again from here. */
  endMs: number;
}

function windowPhase(life: PeerLife): number {
  return life.key % life.windowMs;
}

function flapInWindow(life: PeerLife, index: number): Flap | undefined {
  const guaranteed = (((index % life.guaranteedEvery) + life.guaranteedEvery) % life.guaranteedEvery) ===
    life.key % life.guaranteedEvery;
  if (!guaranteed && unitMix(life.key, index, 1) >= life.flapProbability) return undefined;
  const windowStart = index * life.windowMs + windowPhase(life);
  const startMs = windowStart + Math.floor(unitMix(life.key, index, 2) * (life.windowMs - MAX_FLAP_MS));
  const idleMs = 10 * SECOND + Math.floor(unitMix(life.key, index, 3) * 30 * SECOND);
  const connectingMs = 5 * SECOND + Math.floor(unitMix(life.key, index, 4) * 15 * SECOND);
  return { startMs, idleMs, connectingMs, endMs: startMs + idleMs + connectingMs };
}

/** The latest flap that started at or before `t` (there always is one within the look-back). */
export function latestFlap(life: PeerLife, t: number): Flap {
  const current = Math.floor((t - windowPhase(life)) / life.windowMs);
  for (let index = current; index >= current - life.guaranteedEvery - 1; index--) {
    const flap = flapInWindow(life, index);
    if (flap && flap.startMs <= t) return flap;
  }
  throw new Error('unreachable: a flap is guaranteed within the look-back');
}

/** Flaps whose start lies in [fromMs, toMs), oldest first. */
export function flapsBetween(life: PeerLife, fromMs: number, toMs: number): Flap[] {
  if (life.temperament === 'adminStopped') return [];
  const phase = windowPhase(life);
  const first = Math.floor((fromMs - phase) / life.windowMs);
  const last = Math.floor((toMs - phase) / life.windowMs);
  const flaps: Flap[] = [];
  for (let index = first; index <= last; index++) {
    const flap = flapInWindow(life, index);
    if (flap && flap.startMs >= fromMs && flap.startMs < toMs) flaps.push(flap);
  }
  return flaps;
}

export interface PeerState {
  state: BgpPeerState | string;
  /** Set when Connected: when this session was established. */
  sessionStartMs?: number;
}

export function peerStateAt(life: PeerLife, t: number, forced?: ForcedState): PeerState {
  if (forced?.state !== undefined) {
    return forced.state === 'Connected' ? { state: 'Connected', sessionStartMs: forced.sinceMs } : { state: forced.state };
  }
  if (life.temperament === 'adminStopped') return { state: 'Stopped' };
  const flap = latestFlap(life, t);
  if (t < flap.startMs + flap.idleMs) return { state: 'Idle' };
  if (t < flap.endMs) return { state: 'Connecting' };
  // After a release, the session in force began no earlier than the release.
  const sessionStartMs = forced?.resumedAtMs !== undefined ? Math.max(flap.endMs, forced.resumedAtMs) : flap.endMs;
  return { state: 'Connected', sessionStartMs };
}

/** Route count moves a little every 20 simulated minutes, like a customer network changing. */
export function routesReceivedAt(life: PeerLife, t: number): number {
  const bucket = Math.floor(t / ROUTE_CHANGE_MS);
  return life.baseRoutes - life.routeSwing + (mix(life.key, bucket, 7) % (2 * life.routeSwing + 1));
}

export function peerStatusAt(peer: PeerRow, t: number, forced?: ForcedState): BgpPeerStatus {
  const { state, sessionStartMs } = peerStateAt(peer.life, t, forced);
  const base = { neighbor: peer.neighbor, localAddress: peer.localAddress, asn: peer.asn, state };
  if (state !== 'Connected' || sessionStartMs === undefined) {
    return {
      ...base,
      connectedDuration: null,
      routesReceived: 0,
      // A Connecting peer has sent its OPEN and heard nothing back yet.
      messagesSent: state === 'Connecting' ? 1 : 0,
      messagesReceived: 0,
    };
  }
  const elapsedMs = Math.max(0, t - sessionStartMs);
  const elapsedSeconds = elapsedMs / SECOND;
  const routesReceived = forced?.routesReceived ?? routesReceivedAt(peer.life, t);
  // OPEN + first KEEPALIVE, then one KEEPALIVE a minute each way plus occasional UPDATEs;
  // the received side also got the initial table as UPDATEs.
  const messagesSent =
    2 + Math.floor(elapsedSeconds / KEEPALIVE_SECONDS) + Math.floor(elapsedSeconds / peer.life.updateSentEverySeconds);
  const messagesReceived =
    2 +
    Math.ceil(routesReceived / 50) +
    Math.floor((elapsedSeconds + 30) / KEEPALIVE_SECONDS) +
    Math.floor(elapsedSeconds / peer.life.updateReceivedEverySeconds);
  return {
    ...base,
    // Sub-millisecond ticks so durations look like the real `9.01:04:53.5768637`.
    connectedDuration: formatTimeSpan(elapsedMs, peer.life.key % 10_000),
    routesReceived,
    messagesSent,
    messagesReceived,
  };
}

/** .NET TimeSpan text `[d.]hh:mm:ss.fffffff` (7 fractional digits = 100 ns ticks). */
export function formatTimeSpan(ms: number, extraTicks = 0): string {
  const totalTicks = Math.floor(ms) * 10_000 + extraTicks;
  const ticksPerSecond = 10_000_000;
  const totalSeconds = Math.floor(totalTicks / ticksPerSecond);
  const fraction = totalTicks - totalSeconds * ticksPerSecond;
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  const clock = `${two(hours)}:${two(minutes)}:${two(seconds)}.${String(fraction).padStart(7, '0')}`;
  return days > 0 ? `${days}.${clock}` : clock;
}
