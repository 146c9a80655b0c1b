import type { GatewayRoute } from '../azure/gateway-routes';

/** An IP address as bytes: 4 for IPv4, 16 for IPv6. */
export type AddressBytes = readonly number[];

export interface Prefix {
  bytes: AddressBytes;
  length: number;
}

/** "10.1.2.3" → 4 bytes, "fd00::1" (or "::ffff:10.1.2.3") → 16 bytes; null for anything else. */
export function parseIpAddress(text: string): AddressBytes | null {
  const value = text.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) {
    const octets = value.split('.').map(Number);
    return octets.every((o) => o <= 255) ? octets : null;
  }
  if (!value.includes(':')) return null;
  let body = value.toLowerCase();
  // An IPv4 tail ("::ffff:10.0.0.1") stands for the last two groups.
  const v4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(body);
  let tailBytes: number[] = [];
  if (v4?.[1]) {
    const parsed = parseIpAddress(v4[1]);
    if (!parsed) return null;
    tailBytes = [...parsed];
    body = body.slice(0, -v4[1].length);
    if (!body.endsWith(':')) return null;
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  if (!/^[0-9a-f:]*$/.test(body)) return null;
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const groupsWanted = tailBytes.length > 0 ? 6 : 8;
  const missing = groupsWanted - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (groups.some((g) => g.length === 0 || g.length > 4)) return null;
  const bytes: number[] = [];
  for (const g of groups) {
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 255);
  }
  return [...bytes, ...tailBytes];
}

/** "172.16.4.0/24" or "fd00::/64"; a bare address is its host prefix. Null when unreadable. */
export function parsePrefix(text: string): Prefix | null {
  const [address = '', length, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const bytes = parseIpAddress(address);
  if (!bytes) return null;
  const max = bytes.length * 8;
  if (length === undefined) return { bytes, length: max };
  if (!/^\d{1,3}$/.test(length)) return null;
  const n = Number(length);
  return n <= max ? { bytes, length: n } : null;
}

/** Whether `address` lies in `prefix` (same family, first `length` bits equal). */
export function prefixCovers(prefix: Prefix, address: AddressBytes): boolean {
  if (prefix.bytes.length !== address.length) return false;
  let bits = prefix.length;
  for (let i = 0; bits > 0; i += 1, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((prefix.bytes[i] ?? 0) & mask) !== ((address[i] ?? 0) & mask)) return false;
  }
  return true;
}

/**
 * The routes a router would use for `addressText`: those whose network covers it with the longest
 * prefix (several when more than one instance or peer carries that prefix). Empty when none covers
 * it; null when the text is not an IP address.
 */
export function longestMatch(routes: readonly GatewayRoute[], addressText: string): GatewayRoute[] | null {
  const address = parseIpAddress(addressText);
  if (!address) return null;
  let best = -1;
  let matches: GatewayRoute[] = [];
  for (const route of routes) {
    const prefix = parsePrefix(route.network);
    if (!prefix || prefix.length < best || !prefixCovers(prefix, address)) continue;
    if (prefix.length > best) {
      best = prefix.length;
      matches = [];
    }
    matches.push(route);
  }
  return matches;
}

/** Routes whose network contains the text as typed (case-insensitive). */
export function filterRoutesByNetwork(routes: readonly GatewayRoute[], text: string): readonly GatewayRoute[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return routes;
  return routes.filter((route) => route.network.toLowerCase().includes(needle));
}

/** Two spellings of one IP address ("FD00::1" and "fd00:0::1") are the same address. */
export function sameIpAddress(a: string, b: string): boolean {
  const pa = parseIpAddress(a);
  const pb = parseIpAddress(b);
  if (!pa || !pb) return a.trim().toLowerCase() === b.trim().toLowerCase();
  return pa.length === pb.length && pa.every((byte, i) => byte === pb[i]);
}

/** The routes learned from one neighbor (`sourcePeer`). */
export function routesFromPeer(routes: readonly GatewayRoute[], neighbor: string): GatewayRoute[] {
  return routes.filter((route) => sameIpAddress(route.sourcePeer, neighbor));
}
