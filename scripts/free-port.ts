/**
 * Ports for `npm start`. Its defaults (emulator 8710 and 8711, dashboard 5173) are often held by a
 * second checkout or a run left open; then it moves to the next free port by itself. A port the
 * user named with a flag is never moved: they asked for that one.
 */
import { createServer } from 'node:net';

export type IsPortFree = (port: number) => Promise<boolean>;

/** A port `npm start` needs: the default, or the one the user gave with `flag`. */
export interface PortWish {
  /** What listens there, in a sentence: "the emulator's ARM endpoint". */
  what: string;
  flag?: string;
  defaultPort: number;
  /** The flag's value as typed, when the user gave one. */
  given?: string;
}

/** A port that cannot be had; its message is one sentence for the terminal. */
export class PortUnavailableError extends Error {}

/** How far past a busy default to look; a machine with this many runs open has a bigger problem. */
export const PORTS_TO_TRY = 20;

/**
 * The port to listen on, and a note when it is not the default. `avoid` holds ports already
 * chosen for something else in this run (8711 is free before the identity server takes it).
 * A given value that is not a port number is passed through untouched: the emulator says what is
 * wrong with it.
 */
export async function pickPort(
  wish: PortWish,
  isFree: IsPortFree,
  avoid: ReadonlySet<number> = new Set(),
): Promise<{ port: number; note?: string } | { passThrough: true }> {
  if (wish.given !== undefined) {
    const port = Number(wish.given);
    if (wish.given.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535) return { passThrough: true };
    if (port === 0 || (!avoid.has(port) && (await isFree(port)))) return { port };
    throw new PortUnavailableError(
      `Port ${port} is already in use, and you asked for it with ${wish.flag}: stop what is using it, or choose another port (0 = any free one).`,
    );
  }
  for (let port = wish.defaultPort; port < wish.defaultPort + PORTS_TO_TRY && port <= 65_535; port += 1) {
    if (avoid.has(port) || !(await isFree(port))) continue;
    if (port === wish.defaultPort) return { port };
    const why = avoid.has(wish.defaultPort) ? 'is needed for another part of this run' : 'is in use';
    return { port, note: `Port ${wish.defaultPort} ${why}, so ${wish.what} is on port ${port}.` };
  }
  throw new PortUnavailableError(
    `Ports ${wish.defaultPort} to ${wish.defaultPort + PORTS_TO_TRY - 1} are all in use, so ${wish.what} has nowhere to listen: stop an old run, or choose a port${wish.flag ? ` with ${wish.flag}` : ''}.`,
  );
}

/**
 * Whether nothing listens on `port` at `host`, found by listening there for a moment. Only
 * "address in use" counts as busy: any other refusal (a host that is not this machine's, a
 * privileged port) is left for the real server to report in its own words.
 */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code !== 'EADDRINUSE'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
