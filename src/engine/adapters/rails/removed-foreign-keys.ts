/**
 * Which foreign key a Rails `remove_foreign_key :from, :to` (no column:, no name:) drops. Rails finds it by its target:
 * ActiveRecord's foreign_key_for takes the key of `from` whose to_table is `to` (ForeignKeyDefinition#defined_for?
 * compares only the options given), whatever its column. So the name is that of the key from `from` to `to` there when
 * the call runs: one the history shows (`keysBefore`), or one the migration added earlier (a written down's: its up's
 * too). alphagov/content-publisher 20190717203348 removes and re-adds keys on blob_revision_id and superseded_by_id:
 * the default column's names (image_blob_revision_id, image_asset_id) are of keys that never existed.
 *
 * An up's drop nothing shows is paired with its down: the one key from `from` to `to` the written down adds back is
 * the one it restores. Otherwise (none, or several that fit) the drop keeps the target alone: a name would be a guess.
 * Rails 4.2 looked the key up by the default column instead (`nameByDefaultColumn`).
 */
import { nameKey } from "../../rules/support/facts.js";
import { foreignKeyColumn } from "./inflections.js";
import { foreignKeyName } from "./rails-names.js";

/** A foreign key there before the migration: its table's name for it, and the table it references. */
export interface KnownForeignKey {
  name: string;
  referencesTable: string;
}

/** The fields of an operation the walk reads (the adapter's OperationInput and the model's Operation both have them). */
interface KeyOp {
  kind: string;
  table?: string;
  name?: string;
  constraint?: string;
  referencesTable?: string;
}

/** A drop by its target alone: the call the walk names (`name` is written on it when exactly one key fits). */
const byTarget = (op: KeyOp): op is KeyOp & { table: string; referencesTable: string } => op.kind === "drop_constraint" && op.referencesTable !== undefined && op.table !== undefined;

const pair = (from: string, to: string) => `${nameKey(from)}\u0000${nameKey(to)}`;

/** The foreign keys of each (from, to) pair as the walk has them: a pair whose keys are not known is `unknown`. */
class LiveKeys {
  private readonly byPair = new Map<string, string[] | "unknown">();

  constructor(private readonly keysBefore: (table: string) => readonly KnownForeignKey[]) {}

  private of(from: string, to: string): string[] | "unknown" {
    const key = pair(from, to);
    let names = this.byPair.get(key);
    if (names === undefined) {
      names = this.keysBefore(from)
        .filter((k) => nameKey(k.referencesTable) === nameKey(to))
        .map((k) => k.name);
      this.byPair.set(key, names);
    }
    return names;
  }

  /** the name of the one key from `from` to `to`, when exactly one is known */
  one(from: string, to: string): string | undefined {
    const names = this.of(from, to);
    return names !== "unknown" && names.length === 1 ? names[0] : undefined;
  }

  /** no key from `from` to `to` is known (the history shows none: not that it shows several) */
  none(from: string, to: string): boolean {
    const names = this.of(from, to);
    return names !== "unknown" && names.length === 0;
  }

  added(from: string, to: string, name: string): void {
    const names = this.of(from, to);
    if (names !== "unknown" && !names.some((n) => nameKey(n) === nameKey(name))) names.push(name);
  }

  dropped(from: string, name: string): void {
    const prefix = `${nameKey(from)}\u0000`;
    for (const [key, names] of this.byPair) if (key.startsWith(prefix) && names !== "unknown") this.byPair.set(key, names.filter((n) => nameKey(n) !== nameKey(name)));
  }

  /** a drop that could not be named took one of them, which one is not known */
  lost(from: string, to: string): void {
    this.byPair.set(pair(from, to), "unknown");
  }
}

/** The names of the foreign keys from `from` to `to` that `ops` add, each once. */
function namesAdded(ops: readonly KeyOp[], from: string, to: string): string[] {
  const out = new Map<string, string>();
  for (const op of ops)
    if (op.kind === "add_constraint" && op.constraint === "foreign_key" && op.name && op.table && op.referencesTable && pair(op.table, op.referencesTable) === pair(from, to)) out.set(nameKey(op.name), op.name);
  return [...out.values()];
}

/**
 * Names, in place, each drop by target alone of `up` and of the written `down` (undefined for a down Rails derives or
 * none) that one key fits; a name written before is worked out again (the history may show what the file alone did not).
 */
export function nameRemovedForeignKeys(up: readonly KeyOp[], down: readonly KeyOp[] | undefined, keysBefore: (table: string) => readonly KnownForeignKey[] = () => []): void {
  if (!up.some(byTarget) && !down?.some(byTarget)) return;
  const live = new LiveKeys(keysBefore);
  const walk = (ops: readonly KeyOp[], paired: readonly KeyOp[] | undefined) => {
    for (const op of ops) {
      if (op.kind === "add_constraint" && op.constraint === "foreign_key" && op.name && op.table && op.referencesTable) live.added(op.table, op.referencesTable, op.name);
      else if (byTarget(op)) {
        let found = live.one(op.table, op.referencesTable);
        if (found === undefined && paired && live.none(op.table, op.referencesTable)) {
          const restored = namesAdded(paired, op.table, op.referencesTable);
          if (restored.length === 1) found = restored[0];
        }
        if (found === undefined) {
          delete op.name;
          live.lost(op.table, op.referencesTable);
        } else {
          op.name = found;
          live.dropped(op.table, found);
        }
      } else if (op.kind === "drop_constraint" && op.name && op.table) live.dropped(op.table, op.name);
    }
  };
  walk(up, down);
  if (down) walk(down, undefined);
}

/**
 * Rails 4.2's remove_foreign_key(from, to) looks for the key on the default column (`foreign_key_column_for(to)`), not
 * by its target: a migration of the bare ActiveRecord::Migration runs there. Names each drop by target so, in place.
 */
export function nameByDefaultColumn(ops: readonly KeyOp[]): void {
  for (const op of ops) {
    if (!byTarget(op)) continue;
    op.name = foreignKeyName(op.table, foreignKeyColumn(op.referencesTable));
    delete (op as KeyOp).referencesTable;
  }
}
