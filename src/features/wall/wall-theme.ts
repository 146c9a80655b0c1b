import type { BgpPeerState } from '../../azure/bgp-peer-status';
import type { GatewayHealth } from './gateway-health';

export type WallTheme = 'dark' | 'light';

interface Palette {
  page: string;
  band: string;
  tile: string;
  tileStale: string;
  tileAlert: string;
  muted: string;
  strong: string;
  stale: string;
  alertBand: string;
  alertOutline: string;
  /** Acknowledged alerts and the band's "+N more": plain, readable, not alarming. */
  acknowledged: string;
  /** Peers down but no outage: Stopped (not trying), expected down. */
  excused: string;
  banner: string;
  states: Record<BgpPeerState, string>;
  health: Record<GatewayHealth, string>;
}

/**
 * Dark by default: a bright wall in a dim NOC room tires the eyes. Every state also has its own
 * icon shape and word, so neither palette relies on telling red from green.
 */
export const PALETTES: Record<WallTheme, Palette> = {
  dark: {
    page: 'bg-slate-950 text-slate-100',
    band: 'bg-slate-900 border-slate-700',
    tile: 'bg-slate-900 border-slate-600',
    tileStale: 'bg-slate-900 border-amber-300 border-dashed',
    tileAlert: 'bg-red-950 border-red-400',
    muted: 'text-slate-300',
    strong: 'text-white',
    stale: 'bg-amber-300 text-slate-950',
    alertBand: 'bg-red-700 text-white border-red-300',
    alertOutline: 'outline-white',
    acknowledged: 'border-slate-400 bg-slate-900 text-slate-100',
    excused: 'border-slate-400 border-dotted bg-slate-800 text-slate-100',
    banner: 'bg-amber-300 text-slate-950',
    states: {
      Connected: 'border-emerald-400/70 bg-emerald-950/40 text-emerald-200',
      Connecting: 'border-amber-300 bg-amber-950/60 text-amber-100',
      Idle: 'border-orange-200 bg-orange-500 text-slate-950',
      Stopped: 'border-red-200 bg-red-600 text-white',
      Unknown: 'border-slate-300 border-dashed bg-slate-800 text-slate-100',
    },
    health: {
      healthy: 'text-emerald-300',
      degraded: 'text-amber-200',
      down: 'text-red-300',
      'not-answering': 'text-amber-300',
      waiting: 'text-slate-300',
    },
  },
  light: {
    page: 'bg-slate-100 text-slate-900',
    band: 'bg-white border-slate-300',
    tile: 'bg-white border-slate-400',
    tileStale: 'bg-amber-50 border-amber-600 border-dashed',
    tileAlert: 'bg-red-100 border-red-700',
    muted: 'text-slate-700',
    strong: 'text-slate-950',
    stale: 'bg-amber-400 text-slate-950',
    alertBand: 'bg-red-700 text-white border-red-900',
    alertOutline: 'outline-black',
    acknowledged: 'border-slate-600 bg-white text-slate-900',
    excused: 'border-slate-600 border-dotted bg-slate-100 text-slate-900',
    banner: 'bg-amber-400 text-slate-950',
    states: {
      Connected: 'border-emerald-700 bg-emerald-50 text-emerald-900',
      Connecting: 'border-amber-600 bg-amber-100 text-amber-950',
      Idle: 'border-orange-800 bg-orange-500 text-slate-950',
      Stopped: 'border-red-900 bg-red-700 text-white',
      Unknown: 'border-slate-600 border-dashed bg-slate-200 text-slate-900',
    },
    health: {
      healthy: 'text-emerald-800',
      degraded: 'text-amber-800',
      down: 'text-red-800',
      'not-answering': 'text-amber-900',
      waiting: 'text-slate-700',
    },
  },
};

/** The peer-state icon that stands for each gateway health, so health reads by shape too. */
export const HEALTH_ICON: Record<GatewayHealth, BgpPeerState> = {
  healthy: 'Connected',
  degraded: 'Connecting',
  down: 'Stopped',
  'not-answering': 'Unknown',
  waiting: 'Unknown',
};

export const HEALTH_WORD: Record<GatewayHealth, string> = {
  healthy: 'healthy',
  degraded: 'degraded',
  down: 'down',
  'not-answering': 'not answering',
  waiting: 'waiting',
};
