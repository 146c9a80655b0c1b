import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isPortFree, pickPort, PORTS_TO_TRY, PortUnavailableError, type PortWish } from './free-port.ts';

const arm: PortWish = { what: "the emulator's ARM endpoint", flag: '--port', defaultPort: 8710 };
const busy = (...ports: number[]) => async (port: number) => !ports.includes(port);

describe('pickPort', () => {
  it('keeps the default port when it is free, with nothing to say', async () => {
    await expect(pickPort(arm, busy())).resolves.toEqual({ port: 8710 });
  });

  it('moves past a busy default to the next free port and says so', async () => {
    await expect(pickPort(arm, busy(8710, 8711))).resolves.toEqual({
      port: 8712,
      note: "Port 8710 is in use, so the emulator's ARM endpoint is on port 8712.",
    });
  });

  it('never picks a port already chosen for something else in this run', async () => {
    const identity: PortWish = { what: "the emulator's sign-in server", flag: '--identity-port', defaultPort: 8711 };
    await expect(pickPort(identity, busy(8711), new Set([8712]))).resolves.toMatchObject({ port: 8713 });
    await expect(pickPort(arm, busy(), new Set([8710]))).resolves.toEqual({
      port: 8711,
      note: "Port 8710 is needed for another part of this run, so the emulator's ARM endpoint is on port 8711.",
    });
  });

  it('insists on a port the user gave and says in one sentence that it is taken', async () => {
    const given = { ...arm, given: '8710' };
    await expect(pickPort(given, busy())).resolves.toEqual({ port: 8710 });
    const refusal = pickPort(given, busy(8710));
    await expect(refusal).rejects.toBeInstanceOf(PortUnavailableError);
    await expect(refusal).rejects.toThrow(
      'Port 8710 is already in use, and you asked for it with --port: stop what is using it, or choose another port (0 = any free one).',
    );
  });

  it('passes 0 (any free port) and values that are not ports through to the emulator unchecked', async () => {
    const nothingIsFree = async () => false;
    await expect(pickPort({ ...arm, given: '0' }, nothingIsFree)).resolves.toEqual({ port: 0 });
    await expect(pickPort({ ...arm, given: 'abc' }, nothingIsFree)).resolves.toEqual({ passThrough: true });
    await expect(pickPort({ ...arm, given: '70000' }, nothingIsFree)).resolves.toEqual({ passThrough: true });
  });

  it('gives up with a plain sentence when every nearby port is taken', async () => {
    await expect(pickPort(arm, async () => false)).rejects.toThrow(
      `Ports 8710 to ${8710 + PORTS_TO_TRY - 1} are all in use, so the emulator's ARM endpoint has nowhere to listen`,
    );
  });
});

describe('isPortFree', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('says a port another server listens on is busy, and a released one is free', async () => {
    server = createServer();
    const port = await new Promise<number>((resolve) =>
      server!.listen(0, '127.0.0.1', () => resolve((server!.address() as { port: number }).port)),
    );
    await expect(isPortFree(port, '127.0.0.1')).resolves.toBe(false);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(isPortFree(port, '127.0.0.1')).resolves.toBe(true);
  });
});
