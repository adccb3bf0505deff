/**
 * Which FOREIGN KEYs of a table a dropped index leaves without an index on their columns. PostgreSQL checks a key
 * from the referenced side (a DELETE, a key UPDATE of the parent) with `SELECT ... FROM child WHERE a = $1 AND b = $2`:
 * any btree (or, one column, hash) index, or UNIQUE / PRIMARY KEY constraint, whose leading columns are the key's
 * columns serves it, in whatever order. InnoDB needs them as the leftmost columns in the key's order, and refuses
 * to drop the last such index (ER_DROP_INDEX_FK), so on MySQL the order counts.
 *
 * What covers is read as the drop runs: the indexes and constraints the earlier migrations left on the table, then
 * this migration's own builds and drops before it. A key this migration drops (by name, with a column or a table) is
 * no key to cover.
 */
import type { Operation, OperationOf } from "../../model.js";
import type { KeyDefinition } from "../../repository/constraint-history.js";
import { nameKey } from "../support/facts.js";
import { railsRemovedIndex } from "../support/rails-removed-index.js";
import type { RuleContext } from "../support/rule.js";

/** An index or UNIQUE / PRIMARY KEY constraint as far as a key check can use it: its columns in order. */
interface Cover {
  name?: string;
  columns: string[];
}

export interface ForeignKey {
  name: string;
  columns: string[];
  references?: string;
  onDeleteCascade: boolean;
}

export interface UncoveredKey {
  key: ForeignKey;
  /** an index the same migration builds after the drop that covers the key again, with its position in the up */
  rebuilt?: { op: OperationOf<"add_index">; index: number };
}

export interface DroppedIndex {
  /** the drop as read (Rails' remove_index by column: the index it finds) */
  op: OperationOf<"drop_index">;
  table: string;
  name?: string;
  columns: string[];
  keys: UncoveredKey[];
}

const same = (a: string, b: string) => nameKey(a) === nameKey(b);

/** Methods whose index answers the key check's equality lookup (none written: btree). */
const LOOKUP_METHODS = new Set(["btree", "hash"]);

/** Whether `cover`'s leading columns are the key's: as a set on PostgreSQL, in the key's order on MySQL. */
export function covers(cover: readonly string[], key: readonly string[], ordered: boolean): boolean {
  if (!key.length || cover.length < key.length) return false;
  const leading = cover.slice(0, key.length);
  return ordered ? leading.every((c, i) => same(c, key[i])) : key.every((k) => leading.some((c) => same(c, k))) && new Set(leading.map(nameKey)).size === key.length;
}

/** An index a key check can use: not partial, of a lookup method, on plain columns. */
const usable = (op: OperationOf<"add_index">) => !op.partial && (op.method === undefined || LOOKUP_METHODS.has(op.method.toLowerCase())) && op.columns.length > 0;

/** The FOREIGN KEYs on `table` when the migration starts and those it adds before `before`. */
function keysOf(ctx: RuleContext, table: string, before: number): ForeignKey[] {
  const fromHistory = ctx.repository
    .tableKeys(table)
    .filter((k): k is { name: string; definition: KeyDefinition } => k.definition.kind === "foreign_key")
    .map(({ name, definition }) => ({ name, columns: definition.columns, references: definition.references?.table, onDeleteCascade: definition.onDeleteCascade === true }));
  const added = ctx.migration.up
    .slice(0, before)
    .filter((o): o is OperationOf<"add_constraint"> => o.kind === "add_constraint" && o.constraint === "foreign_key" && same(o.table, table) && o.name !== undefined && o.columns.length > 0)
    .map((o) => ({ name: o.name!, columns: o.columns, references: o.referencesTable, onDeleteCascade: /\bON DELETE CASCADE\b/i.test(o.keyClauses ?? o.sql ?? "") }));
  return [...fromHistory, ...added.filter((a) => !fromHistory.some((h) => same(h.name, a.name)))];
}

/** The migration drops the key itself anywhere in its up: by name, by what it references (Rails), with a column or a table. */
function keyDropped(ctx: RuleContext, table: string, key: ForeignKey): boolean {
  return ctx.migration.up.some(
    (o) =>
      (o.kind === "drop_constraint" && same(o.table, table) && ((o.name !== undefined && same(o.name, key.name)) || (o.name === undefined && o.referencesTable !== undefined && key.references !== undefined && same(o.referencesTable, key.references)))) ||
      (o.kind === "drop_column" && same(o.table, table) && key.columns.some((c) => same(c, o.column))) ||
      (o.kind === "drop_table" && o.tables.some((t) => same(t, table) || (key.references !== undefined && same(t, key.references)))),
  );
}

/** What the drop at `index` removes from `live`: the index of its name, or the one on exactly its columns (Rails, Django). */
function removeDropped(live: Cover[], op: OperationOf<"drop_index">): Cover[] {
  const exact = (c: Cover) => c.columns.length === op.columns.length && c.columns.every((x, i) => same(x, op.columns[i]));
  return live.filter((c) => !(c.name !== undefined && op.names.some((n) => same(n, c.name!))) && !(op.columns.length > 0 && !op.names.length && exact(c)));
}

/**
 * Each up's UNIQUE / PRIMARY KEY constraints added with their columns, read once: every DROP INDEX of a folder asked
 * them of every earlier migration's up again (lemmy's 341 drops over its hundreds of migrations, issue #18).
 */
const addedKeysOfUp = new WeakMap<readonly Operation[], ReadonlyArray<OperationOf<"add_constraint">>>();
function addedKeys(up: readonly Operation[]): ReadonlyArray<OperationOf<"add_constraint">> {
  let added = addedKeysOfUp.get(up);
  if (!added) addedKeysOfUp.set(up, (added = up.filter((o): o is OperationOf<"add_constraint"> => o.kind === "add_constraint" && (o.constraint === "unique" || o.constraint === "primary_key") && o.columns.length > 0)));
  return added;
}

/** The indexes and UNIQUE / PRIMARY KEY constraints on `table` just before `up[before]` runs. */
function coversBefore(ctx: RuleContext, table: string, before: number): Cover[] {
  let live: Cover[] = [
    ...ctx.repository
      .namedTableIndexes(table)
      .filter((i) => {
        const shape = ctx.repository.indexDefinition(i.name)?.shape;
        return !shape?.partial && (shape?.method === undefined || LOOKUP_METHODS.has(shape.method.toLowerCase()));
      })
      .map((i) => ({ name: i.name, columns: i.columns })),
    ...ctx.repository
      .tableKeys(table)
      .filter((k) => k.definition.kind === "unique" || k.definition.kind === "primary_key")
      .map((k) => ({ name: k.name, columns: k.definition.columns })),
    // a UNIQUE / PRIMARY KEY an earlier migration added by a framework call the constraint history keeps no SQL of
    // (Alembic's create_unique_constraint): taken as still there, so a key it covers is never reported on a guess
    ...ctx.repository.earlierInFolder.flatMap((m) => addedKeys(m.up).filter((o) => same(o.table, table)).map((o) => ({ name: o.name, columns: o.columns }))),
  ];
  ctx.migration.up.slice(0, before).forEach((o: Operation) => {
    if (o.kind === "add_index" && same(o.table, table) && usable(o)) live.push({ name: o.name, columns: o.columns });
    else if (o.kind === "add_constraint" && same(o.table, table) && (o.constraint === "unique" || o.constraint === "primary_key") && o.columns.length) live.push({ name: o.name, columns: o.columns });
    else if (o.kind === "drop_index") live = removeDropped(live, railsRemovedIndex(ctx, o));
    else if (o.kind === "drop_constraint" && same(o.table, table) && o.name !== undefined) live = live.filter((c) => !(c.name !== undefined && same(c.name, o.name!)));
  });
  return live;
}

/**
 * The drop at `index` read as an index of known columns on a known table, and the keys it leaves uncovered; undefined
 * when migguard does not know the index (its columns), or it covered no key alone.
 */
export function uncoveredKeys(ctx: RuleContext, written: OperationOf<"drop_index">, index: number, ordered: boolean): DroppedIndex | undefined {
  const op = railsRemovedIndex(ctx, written);
  const name = op.names.length === 1 ? op.names[0] : undefined;
  if (op.names.length > 1) return undefined;
  const table = op.table ?? (name ? ctx.repository.indexTable(name, index) : undefined);
  if (!table) return undefined;
  // the index as this migration or the history built it: a partial or expression index never covered a key alone
  const builtHere = name ? ctx.migration.up.slice(0, index).findLast((o): o is OperationOf<"add_index"> => o.kind === "add_index" && o.name !== undefined && same(o.name, name)) : undefined;
  const known = name && !builtHere ? ctx.repository.indexDefinition(name) : undefined;
  if (builtHere ? !usable(builtHere) : known?.shape?.partial || (known?.shape?.method !== undefined && !LOOKUP_METHODS.has(known.shape.method.toLowerCase()))) return undefined;
  const columns = op.columns.length ? op.columns : (builtHere?.columns ?? known?.columns ?? []);
  if (!columns.length) return undefined;
  // the keys the index served; what else covers them is read only when there are some (most drops serve none)
  const served = keysOf(ctx, table, index).filter((key) => covers(columns, key.columns, ordered));
  if (!served.length) return undefined;
  const before = coversBefore(ctx, table, index);
  const others = removeDropped(before, { ...op, columns }).filter((c) => !(name !== undefined && c.name !== undefined && same(c.name, name)));
  const keys: UncoveredKey[] = [];
  for (const key of served) {
    if (others.some((c) => covers(c.columns, key.columns, ordered)) || keyDropped(ctx, table, key)) continue;
    const later = ctx.migration.up.findIndex((o, i) => i > index && o.kind === "add_index" && same(o.table, table) && usable(o) && covers(o.columns, key.columns, ordered));
    keys.push({ key, ...(later >= 0 ? { rebuilt: { op: ctx.migration.up[later] as OperationOf<"add_index">, index: later } } : {}) });
  }
  return keys.length ? { op, table, name, columns, keys } : undefined;
}
