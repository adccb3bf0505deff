/**
 * Where a list of schema operations leaves the objects it touches, for the kinds whose result the model holds
 * whole: views and materialized views (scenic's versioned definitions), indexes, their renames, and tables dropped. Two versions
 * of an edited migration that end with the same objects leave every database with the same schema, whichever
 * version it ran: Mastodon rebuilt a materialized view beside the old one and renamed it into place, where the
 * merged version dropped and re-created it.
 *
 * Nothing is known of the schema before: an object is recorded from the first operation that touches it. An
 * operation of another kind, a view whose definition is computed at run time or a partial index (its predicate
 * is not in the model) makes the result unknown.
 */
import type { Operation } from "../../model.js";

interface Entry {
  /** what the object is, or undefined when it is gone */
  desc?: string;
  /** an index's relation: dropping or renaming the relation takes it along */
  table?: string;
  /** the first operation that touched it created it: gone at the end means as before */
  bornHere: boolean;
}

const RELATIONS = new Set(["view", "materialized_view"]);

class NetSchema {
  private readonly state = new Map<string, Entry>();

  private set(key: string, entry: Omit<Entry, "bornHere">, creates: boolean): void {
    const before = this.state.get(key);
    this.state.set(key, { ...entry, bornHere: before ? before.bornHere : creates });
  }

  private dropRelation(name: string): void {
    this.set(`relation:${name}`, {}, false);
    // its indexes go with it; whatever else depended on it (its unrecorded indexes) too
    for (const [key, entry] of this.state) if (key.startsWith("index:") && entry.table === name) this.state.set(key, { bornHere: entry.bornHere });
    this.set(`dependents-dropped:${name}`, { desc: "dropped" }, true);
  }

  apply(op: Operation): boolean {
    switch (op.kind) {
      case "create_object":
        if (!RELATIONS.has(op.objectType) || !op.definition) return false;
        this.set(`relation:${op.name}`, { desc: `${op.objectType} ${op.definition}` }, true);
        return true;
      case "drop_object":
        if (!RELATIONS.has(op.objectType) || op.cascade) return false;
        op.names.forEach((name) => this.dropRelation(name));
        return true;
      case "rename_object": {
        if (op.objectType === "index") {
          const moved = this.state.get(`index:${op.name}`);
          this.set(`index:${op.newName}`, moved?.desc ? { desc: moved.desc, table: moved.table } : { desc: `was ${op.name}`, table: op.table }, true);
          this.set(`index:${op.name}`, {}, false);
          return true;
        }
        if (!RELATIONS.has(op.objectType)) return false;
        const moved = this.state.get(`relation:${op.name}`);
        this.set(`relation:${op.newName}`, { desc: moved?.desc ?? `was ${op.name}` }, true);
        this.set(`relation:${op.name}`, {}, false);
        for (const [key, entry] of this.state) if (key.startsWith("index:") && entry.table === op.name) this.state.set(key, { ...entry, table: op.newName });
        return true;
      }
      case "drop_table":
        // gone at the end whichever order the tables went in (Django's DeleteModel drops with CASCADE, and the
        // dependents a cascade takes are recorded as dropped either way)
        op.tables.forEach((name) => this.dropRelation(name));
        return true;
      case "add_index":
        if (!op.name || op.partial) return false;
        this.set(`index:${op.name}`, { desc: JSON.stringify([op.columns, op.unique, op.method ?? null]), table: op.table }, true);
        return true;
      case "drop_index":
        if (op.names.length === 0) return false;
        op.names.forEach((name) => this.set(`index:${name}`, {}, false));
        return true;
      default:
        return false;
    }
  }

  /** The end state, objects created and gone again left out. */
  result(): string {
    return [...this.state]
      .filter(([, e]) => e.desc !== undefined || !e.bornHere)
      .map(([key, e]) => `${key}=${e.desc ?? "gone"}${e.table ? `@${e.table}` : ""}`)
      .sort()
      .join("\n");
  }
}

/** Where these operations leave the objects they touch; undefined when one of them is outside what this follows. */
export function netSchema(ops: readonly Operation[]): string | undefined {
  const net = new NetSchema();
  for (const op of ops) if (!net.apply(op)) return undefined;
  return net.result();
}
