/** Where the polling clock's seed is kept: one per browser profile, like the poller itself. */
export const POLLING_SEED_KEY = 'bgp-dashboard.polling-seed';

/**
 * The seed of the ARM scheduler's polling clock, the same in every tab of the profile: a tab
 * that takes over polling then ticks when the tab before it would have, not at a phase of its
 * own (which could poll a gateway again a quarter interval after the last poll). Different
 * profiles and machines still get different phases. Without storage, a seed of this page only.
 */
export function profilePollingSeed(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage, random: () => number = Math.random): string {
  try {
    const saved = storage?.getItem(POLLING_SEED_KEY);
    if (saved) return saved;
    const seed = random().toString(36).slice(2) || '0';
    storage?.setItem(POLLING_SEED_KEY, seed);
    return seed;
  } catch {
    // Storage refused (private mode, quota): this page keeps a phase of its own.
    return random().toString(36).slice(2) || '0';
  }
}
