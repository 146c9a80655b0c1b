import { parseGatewayId } from '../azure/resource-id';
import type { PeerAddresses } from './peer-identity';

/**
 * A peer or a whole gateway marked "expected down" until a time, with a note: shown as such,
 * counted apart, raising no alert, and over by itself at `untilMs`.
 */
export interface MaintenanceWindow {
  gatewayId: string;
  /** null: the whole gateway. */
  neighbor: string | null;
  /** null: the neighbor on every instance. */
  localAddress: string | null;
  untilMs: number;
  note: string;
}

export const MAX_NOTE_LENGTH = 200;
/** A window longer than this is a typo or a peer that should be removed, not maintenance. */
export const MAX_WINDOW_MS = 31 * 24 * 60 * 60_000;

const same = (a: string | null, b: string | null) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** Whether `window` covers this peer of this gateway (or the gateway itself when peer is left out). */
export function windowCovers(window: MaintenanceWindow, gatewayId: string, peer?: PeerAddresses): boolean {
  if (!same(window.gatewayId, gatewayId)) return false;
  if (window.neighbor === null) return true;
  if (!peer || !same(window.neighbor, peer.neighbor)) return false;
  return window.localAddress === null || same(window.localAddress, peer.localAddress);
}

/** The window that makes this peer expected down now (the one lasting longest), if any. */
export function expectedDownWindow(
  windows: readonly MaintenanceWindow[],
  gatewayId: string,
  peer: PeerAddresses,
  nowMs: number,
): MaintenanceWindow | undefined {
  let found: MaintenanceWindow | undefined;
  for (const window of windows) {
    if (window.untilMs > nowMs && windowCovers(window, gatewayId, peer) && (!found || window.untilMs > found.untilMs)) found = window;
  }
  return found;
}

export function activeWindows(windows: readonly MaintenanceWindow[], nowMs: number): MaintenanceWindow[] {
  return windows.filter((window) => window.untilMs > nowMs);
}

/** Same target (gateway, neighbor, instance): a new window for it replaces the old one. */
export function sameTarget(a: MaintenanceWindow, b: MaintenanceWindow): boolean {
  return same(a.gatewayId, b.gatewayId) && same(a.neighbor, b.neighbor) && same(a.localAddress, b.localAddress);
}

export function withWindow(windows: readonly MaintenanceWindow[], added: MaintenanceWindow): MaintenanceWindow[] {
  return [...windows.filter((window) => !sameTarget(window, added)), added];
}

export function withoutWindow(windows: readonly MaintenanceWindow[], removed: MaintenanceWindow): MaintenanceWindow[] {
  return windows.filter((window) => !sameTarget(window, removed));
}

// The wall URL's `mute=`: comma-separated entries `gateway~neighbor~localAddress~until~note`, where
// neighbor and localAddress may be empty (whole gateway / every instance) and the note left out.
const FIELD = '~';
const ENTRY = ',';
const FORMAT = 'gatewayResourceId~neighbor~localAddress~until~note';
// An instant needs its zone: a wall in another time zone would otherwise end maintenance hours off.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;
const ADDRESS = /^[0-9a-f.:]{2,45}$/i;

/** `mute=` for these windows (expired ones left out); URLSearchParams does the percent-encoding. */
export function formatMuteParam(windows: readonly MaintenanceWindow[], nowMs: number): string {
  return activeWindows(windows, nowMs)
    .map((window) =>
      [window.gatewayId, window.neighbor ?? '', window.localAddress ?? '', new Date(window.untilMs).toISOString(), cleanNote(window.note)]
        .join(FIELD)
        .replace(/~+$/, ''),
    )
    .join(ENTRY);
}

/** A note travels inside `mute=`: its separators are replaced, its length bounded. */
export function cleanNote(note: string): string {
  return note.replace(/[~,]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_NOTE_LENGTH);
}

/**
 * Reads `mute=`. Every problem names its entry and what to write instead; an entry whose time has
 * passed is no problem (the window ended by itself) and is left out.
 */
export function parseMuteParam(value: string, nowMs: number): { windows: MaintenanceWindow[]; problems: string[] } {
  const windows: MaintenanceWindow[] = [];
  const problems: string[] = [];
  const entries = value
    .split(ENTRY)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  entries.forEach((entry, index) => {
    const where = entries.length > 1 ? `entry ${index + 1} ("${shorten(entry)}")` : `"${shorten(entry)}"`;
    const fields = entry.split(FIELD).map((field) => field.trim());
    if (fields.length < 4 || fields.length > 5) {
      problems.push(`${where} has ${fields.length} ~-separated fields; write ${FORMAT} (neighbor and localAddress may be empty, note may be left out)`);
      return;
    }
    const [gateway = '', neighbor = '', localAddress = '', until = '', note = ''] = fields;
    let gatewayId: string;
    try {
      gatewayId = parseGatewayId(gateway).id;
    } catch {
      problems.push(`${where}: "${shorten(gateway)}" is not a virtual network gateway resource ID`);
      return;
    }
    if (neighbor !== '' && !ADDRESS.test(neighbor)) return void problems.push(`${where}: neighbor "${shorten(neighbor)}" is not an IP address`);
    if (localAddress !== '' && !ADDRESS.test(localAddress)) return void problems.push(`${where}: localAddress "${shorten(localAddress)}" is not an IP address`);
    if (localAddress !== '' && neighbor === '') return void problems.push(`${where}: a localAddress needs a neighbor`);
    const untilMs = Date.parse(until);
    if (!ISO_INSTANT.test(until) || Number.isNaN(untilMs)) {
      problems.push(`${where}: until "${shorten(until)}" must be a date and time with its zone, e.g. 2026-12-02T18:00Z or 2026-12-02T19:00+01:00`);
      return;
    }
    if (untilMs - nowMs > MAX_WINDOW_MS) return void problems.push(`${where}: until is more than 31 days away`);
    if (note.length > MAX_NOTE_LENGTH) return void problems.push(`${where}: the note must be at most ${MAX_NOTE_LENGTH} characters`);
    if (untilMs <= nowMs) return;
    windows.push({ gatewayId, neighbor: neighbor || null, localAddress: localAddress || null, untilMs, note });
  });
  return { windows, problems };
}

/** What localStorage held, trusted no further than its shape: anything else is dropped. */
export function readStoredWindows(stored: unknown, nowMs: number): MaintenanceWindow[] {
  if (!Array.isArray(stored)) return [];
  const windows: MaintenanceWindow[] = [];
  for (const item of stored as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { gatewayId, neighbor, localAddress, untilMs, note } = item as Record<string, unknown>;
    if (typeof gatewayId !== 'string' || typeof untilMs !== 'number' || !Number.isFinite(untilMs) || untilMs <= nowMs) continue;
    if (neighbor !== null && typeof neighbor !== 'string') continue;
    if (localAddress !== null && typeof localAddress !== 'string') continue;
    windows.push({ gatewayId, neighbor, localAddress, untilMs, note: typeof note === 'string' ? cleanNote(note) : '' });
  }
  return windows;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
