type AudioContextConstructor = new () => AudioContext;

let context: AudioContext | null = null;

function audioContextClass(): AudioContextConstructor | null {
  const scope = globalThis as { AudioContext?: AudioContextConstructor; webkitAudioContext?: AudioContextConstructor };
  return scope.AudioContext ?? scope.webkitAudioContext ?? null;
}

/**
 * Browsers start audio suspended until the page gets a user gesture; a kiosk started with
 * `--autoplay-policy=no-user-gesture-required` needs none. Any key press on the wall calls this.
 */
export function unlockAlertSound(): void {
  if (context?.state === 'suspended') void context.resume().catch(() => {});
}

/**
 * Two short falling tones made on the fly (no audio file to load or cache). One AudioContext for
 * the page's life: browsers cap how many can exist, and a wall runs for days.
 */
export function playAlertSound(): boolean {
  const AudioContextClass = audioContextClass();
  if (!AudioContextClass) return false;
  try {
    context ??= new AudioContextClass();
    unlockAlertSound();
    const start = context.currentTime;
    [880, 660].forEach((frequency, i) => {
      const at = start + i * 0.25;
      const oscillator = context!.createOscillator();
      const gain = context!.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
      oscillator.connect(gain);
      gain.connect(context!.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.22);
      // Stopped nodes are dropped by the audio graph once disconnected.
      oscillator.onended = () => {
        oscillator.disconnect();
        gain.disconnect();
      };
    });
    return true;
  } catch {
    return false;
  }
}
