/**
 * A history's names (constraint or index keys) by the table each was ever on, in the order the history first met
 * each name: a question about one table reads that table's timelines, not every name the folder ever had (lemmy's
 * folder has hundreds of constraints and indexes, and its rules ask per column and per lock finding). The lists keep
 * the history's order, so answers list names as a walk over the whole history did.
 */

/** The order in which a history first met each name (defined, or dropped before any definition). */
export class NameOrder {
  private readonly places = new Map<string, number>();

  met(key: string): void {
    if (!this.places.has(key)) this.places.set(key, this.places.size);
  }

  place(key: string): number {
    return this.places.get(key) ?? Infinity;
  }
}

export class KeysByTable {
  private readonly byTable = new Map<string, string[]>();

  constructor(private readonly order: NameOrder) {}

  /** `key` was on `table` (a nameKey) at some point of the history. */
  add(table: string, key: string): void {
    const keys = this.byTable.get(table);
    if (!keys) {
      this.byTable.set(table, [key]);
      return;
    }
    if (keys.includes(key)) return;
    // a name met before it was on this table (dropped before any definition) goes back to its place
    const place = this.order.place(key);
    let at = keys.length;
    while (at > 0 && this.order.place(keys[at - 1]) > place) at--;
    keys.splice(at, 0, key);
  }

  /** The keys ever on `table` (a nameKey), in the history's order. */
  of(table: string): readonly string[] {
    return this.byTable.get(table) ?? [];
  }
}
