/**
 * Runs tasks one at a time per key (a pull request), in arrival order, so two deliveries for the same pull
 * request never reconcile its comments at the same moment and post the same comment twice.
 * In-process only: workers in several processes use the Redis-backed lock (src/queue/redis-lock.ts).
 */
export interface PerKeyLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export class KeyedLock implements PerKeyLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(task);
    this.#tails.set(key, current);
    try {
      return await current;
    } finally {
      if (this.#tails.get(key) === current) this.#tails.delete(key);
    }
  }
}
