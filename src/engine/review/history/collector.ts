/**
 * A list the readers of one canonical-form walk append to while `collect` runs: what the walk left out (how data
 * code walks its rows, the options Rails ignores). Kept beside the recursive readers rather than passed through
 * every call; outside `collect` it is inactive and `push` does nothing.
 */
export class Collector {
  private items: string[] | undefined;

  get active(): boolean {
    return this.items !== undefined;
  }

  push(item: string): void {
    this.items?.push(item);
  }

  /** Runs `read` with an empty list and returns its result with what was pushed meanwhile. */
  collect<T>(read: () => T): { value: T; seen: string[] } {
    const outer = this.items;
    const items: string[] = [];
    this.items = items;
    try {
      return { value: read(), seen: items };
    } finally {
      this.items = outer;
    }
  }
}
