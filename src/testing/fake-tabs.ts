import type { ChannelLike } from '../queries/shared-polling/peers-sync';
import type { LockManagerLike } from '../queries/shared-polling/tab-leadership';

interface Holder {
  tab: number;
  release: () => void;
}

interface Waiter {
  tab: number;
  grant: () => void;
}

/**
 * Web Locks and BroadcastChannel as several tabs of one browser see them, in memory: exclusive
 * locks granted in request order and released when the holder's promise settles or its tab
 * closes; channel messages structured-cloned (as the browser does) and delivered to every other
 * open tab, never to the sender.
 */
export function createFakeBrowser() {
  const held = new Map<string, Holder>();
  const queues = new Map<string, Waiter[]>();
  const channels = new Map<number, Set<{ listener: (event: { data: unknown }) => void }>>();
  const closed = new Set<number>();
  let nextTab = 0;

  const grantNext = (name: string) => {
    const waiter = queues.get(name)?.shift();
    if (waiter) waiter.grant();
  };

  function openTab() {
    const tab = nextTab++;
    const listeners = new Set<{ listener: (event: { data: unknown }) => void }>();
    channels.set(tab, listeners);

    const locks: LockManagerLike = {
      request(name, options, callback) {
        return new Promise((resolve, reject) => {
          if (closed.has(tab)) return reject(new DOMException('tab closed', 'AbortError'));
          if (!held.has(name)) {
            grant(name, tab, callback, resolve, reject);
            return;
          }
          if (options.ifAvailable) {
            Promise.resolve()
              .then(() => callback(null))
              .then(resolve, reject);
            return;
          }
          const queue = queues.get(name) ?? [];
          queues.set(name, queue);
          const waiter: Waiter = { tab, grant: () => grant(name, tab, callback, resolve, reject) };
          queue.push(waiter);
          options.signal?.addEventListener('abort', () => {
            const index = queue.indexOf(waiter);
            if (index >= 0) {
              queue.splice(index, 1);
              reject(new DOMException('aborted', 'AbortError'));
            }
          });
        });
      },
    };

    const channel: ChannelLike = {
      postMessage(message) {
        if (closed.has(tab)) return;
        const copy = structuredClone(message);
        queueMicrotask(() => {
          for (const [other, set] of channels) {
            if (other === tab || closed.has(other)) continue;
            for (const entry of set) entry.listener({ data: copy });
          }
        });
      },
      addEventListener(_type, listener) {
        listeners.add({ listener });
      },
      removeEventListener(_type, listener) {
        for (const entry of listeners) if (entry.listener === listener) listeners.delete(entry);
      },
    };

    return {
      locks,
      channel,
      /** The browser closes the tab: its locks are released and its queued requests dropped. */
      close() {
        closed.add(tab);
        channels.delete(tab);
        for (const queue of queues.values()) {
          for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.tab === tab) queue.splice(i, 1);
        }
        for (const [name, holder] of held) {
          if (holder.tab === tab) {
            holder.release();
            held.delete(name);
            grantNext(name);
          }
        }
      },
    };
  }

  function grant(
    name: string,
    tab: number,
    callback: (lock: unknown) => unknown,
    resolve: (value: unknown) => void,
    reject: (reason: unknown) => void,
  ) {
    let release = () => {};
    const released = new Promise<void>((done) => (release = done));
    held.set(name, { tab, release });
    const result = Promise.resolve().then(() => callback({ name }));
    result.then(resolve, reject);
    void Promise.race([result.catch(() => undefined), released]).then(() => {
      if (held.get(name)?.tab === tab) {
        held.delete(name);
        grantNext(name);
      }
    });
  }

  return { openTab };
}
