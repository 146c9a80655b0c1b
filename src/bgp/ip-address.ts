/**
 * Orders IP addresses numerically (10.0.0.9 before 10.0.0.10), IPv4 before IPv6; anything that
 * is not an address sorts after, as text.
 */
export function compareIpAddresses(a: string, b: string): number {
  const ka = addressKey(a);
  const kb = addressKey(b);
  if (ka && kb) {
    if (ka.length !== kb.length) return ka.length - kb.length;
    for (let i = 0; i < ka.length; i += 1) {
      const diff = (ka[i] ?? 0) - (kb[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return 0;
  }
  if (ka) return -1;
  if (kb) return 1;
  return a.localeCompare(b);
}

/** 4 octets for IPv4, 8 groups for IPv6, null when the text is neither. */
function addressKey(text: string): number[] | null {
  const value = text.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) {
    const octets = value.split('.').map(Number);
    return octets.every((o) => o <= 255) ? octets : null;
  }
  if (!value.includes(':') || !/^[0-9a-f:]+$/i.test(value)) return null;
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (groups.some((g) => g.length === 0 || g.length > 4)) return null;
  return groups.map((g) => parseInt(g, 16));
}
