/**
 * Simulated time = start + elapsed real time × speed. Changing the speed re-anchors the clock so
 * simulated time never jumps or runs backwards.
 */
export interface SimClock {
  /** Simulated time now, in ms since the Unix epoch. */
  now(): number;
  /** Simulated time at a real instant (ms since epoch), with the current speed. */
  at(realMs: number): number;
  readonly speed: number;
  setSpeed(speed: number): void;
}

export function createSimClock(options: { speed?: number; realNow?: () => number; startMs?: number } = {}): SimClock {
  const realNow = options.realNow ?? Date.now;
  let anchorReal = realNow();
  let anchorSim = options.startMs ?? anchorReal;
  let speed = options.speed ?? 1;
  const at = (realMs: number): number => Math.floor(anchorSim + (realMs - anchorReal) * speed);
  return {
    now: () => at(realNow()),
    at,
    get speed() {
      return speed;
    },
    setSpeed(next) {
      if (!(next > 0) || !Number.isFinite(next)) throw new RangeError('speed must be a positive number');
      const real = realNow();
      anchorSim = at(real);
      anchorReal = real;
      speed = next;
    },
  };
}
