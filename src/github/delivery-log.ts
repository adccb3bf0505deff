/**
 * Remembers recent webhook delivery ids so a redelivered event (GitHub's "Redeliver", or a retry after a
 * slow answer) does not start a second review of the same thing. Bounded: the oldest ids are forgotten.
 * A delivery whose review could not even start is forgotten at once so its redelivery runs.
 */
export class DeliveryLog {
  readonly #seen = new Set<string>();

  constructor(private readonly capacity = 2000) {}

  /** true the first time an id is seen */
  claim(id: string): boolean {
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    if (this.#seen.size > this.capacity) {
      const oldest = this.#seen.values().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
    return true;
  }

  release(id: string): void {
    this.#seen.delete(id);
  }
}
