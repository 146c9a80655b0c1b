import { describe, expect, it } from 'vitest';
import { POLLING_SEED_KEY, profilePollingSeed } from './polling-seed';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe('profilePollingSeed', () => {
  it('gives every tab of one profile the same seed, and another profile another', () => {
    const profile = memoryStorage();
    const first = profilePollingSeed(profile, () => 0.25);
    expect(profilePollingSeed(profile, () => 0.75)).toBe(first);
    expect(profile.getItem(POLLING_SEED_KEY)).toBe(first);
    expect(profilePollingSeed(memoryStorage(), () => 0.75)).not.toBe(first);
  });

  it('still gives a seed when storage refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(profilePollingSeed(refusing, () => 0.5)).toBe((0.5).toString(36).slice(2));
  });
});
