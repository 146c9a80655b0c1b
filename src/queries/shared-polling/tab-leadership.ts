/** What this tab does about ARM polling: polls (leader), shows another tab's polls (follower), or not known yet. */
export type PollRole = 'leader' | 'follower' | 'electing';

/** The part of the Web Locks API the election uses (`navigator.locks`; tests pass a fake). */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
}

export interface TabLeadership {
  role(): PollRole;
  /** Called on every role change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Gives the lock back (or stops waiting for it). */
  stop(): void;
  /** A leader hands the lock to the next tab waiting for it and queues again behind it. */
  yieldToNext(): void;
}

/**
 * One leader per lock name among every tab and window of the origin: the first tab to ask holds
 * the lock until it closes (the browser releases a closed or crashed tab's locks by itself), and
 * the next tab in the queue gets it at once. Without the Web Locks API every tab leads, as before.
 */
export function electTabLeader(locks: LockManagerLike | undefined, lockName: string): TabLeadership {
  const listeners = new Set<() => void>();
  let role: PollRole = locks ? 'electing' : 'leader';
  const stopped = new AbortController();
  let release = () => {};
  const setRole = (next: PollRole) => {
    if (next === role || stopped.signal.aborted) return;
    role = next;
    for (const listener of [...listeners]) listener();
  };
  const hold = () => {
    setRole('leader');
    return new Promise<void>((resolve) => {
      release = resolve;
      if (stopped.signal.aborted) resolve();
    });
  };
  // Lead alone when the browser refuses locks; an abort means this tab is going away.
  const leadAlone = () => setRole('leader');

  if (locks) {
    // "If available" first, so a lone tab leads at once and a second one knows at once it follows;
    // then a queued request, granted the moment the leader's tab closes.
    locks
      .request(lockName, { ifAvailable: true }, (lock) => {
        if (lock) return hold();
        setRole('follower');
        void locks.request(lockName, { signal: stopped.signal }, hold).catch(leadAlone);
        return undefined;
      })
      .catch(leadAlone);
  }
  return {
    role: () => role,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped.abort();
      release();
    },
    yieldToNext() {
      if (!locks || role !== 'leader' || stopped.signal.aborted) return;
      const releaseHeld = release;
      release = () => {};
      setRole('follower');
      // Queued before letting go: the lock goes to a tab that was already waiting, if any.
      void locks.request(lockName, { signal: stopped.signal }, hold).catch(leadAlone);
      releaseHeld();
    },
  };
}
