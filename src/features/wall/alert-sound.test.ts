import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

function fakeAudio() {
  const contexts: FakeContext[] = [];
  class FakeNode {
    connect = vi.fn();
    disconnect = vi.fn();
  }
  class FakeOscillator extends FakeNode {
    type = 'sine';
    frequency = { value: 0 };
    start = vi.fn();
    stop = vi.fn();
    onended: (() => void) | null = null;
  }
  class FakeContext {
    state = 'suspended';
    currentTime = 10;
    destination = {};
    oscillators: FakeOscillator[] = [];
    resume = vi.fn(async () => {
      this.state = 'running';
    });
    constructor() {
      contexts.push(this);
    }
    createOscillator() {
      const oscillator = new FakeOscillator();
      this.oscillators.push(oscillator);
      return oscillator;
    }
    createGain() {
      return Object.assign(new FakeNode(), { gain: { setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() } });
    }
  }
  vi.stubGlobal('AudioContext', FakeContext);
  return contexts;
}

describe('playAlertSound', () => {
  it('plays two short tones made on the fly, reusing one audio context', async () => {
    const contexts = fakeAudio();
    const { playAlertSound } = await import('./alert-sound');
    expect(playAlertSound()).toBe(true);
    expect(playAlertSound()).toBe(true);
    expect(contexts).toHaveLength(1);
    const [context] = contexts;
    expect(context!.resume).toHaveBeenCalled();
    expect(context!.oscillators.map((o) => o.frequency.value)).toEqual([880, 660, 880, 660]);
    for (const oscillator of context!.oscillators) {
      const [at] = oscillator.start.mock.calls[0]!;
      const [until] = oscillator.stop.mock.calls[0]!;
      expect(until - at).toBeLessThan(0.5);
    }
  });

  it('without Web Audio it stays silent instead of failing', async () => {
    vi.stubGlobal('AudioContext', undefined);
    const { playAlertSound } = await import('./alert-sound');
    expect(playAlertSound()).toBe(false);
  });
});
