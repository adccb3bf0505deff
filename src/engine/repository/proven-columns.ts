/**
 * The columns a table has, when the migrations prove them: a migration of the repository created it (a plain
 * CREATE TABLE / create_table, not AS SELECT, LIKE or PARTITION OF) and every change to it since was read
 * (columns added, dropped, renamed). Nothing is proven once a later statement migguard could not read may have
 * touched the table (opaque SQL, a statement naming it that migguard keeps as raw text), or the table came back
 * under a rename. Used to tell a drop of a column that never existed (the migration fails: "column does not
 * exist") from a drop of data.
 */
import type { Migration, Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";

/** The table's columns (nameKey'd) and the migration that created it; `unknown` once something unread may have changed them. */
export type ProvenColumns = { columns: Set<string>; createdBy: Migration } | "unknown" | undefined;

/** The pattern of each word asked about, built once: a folder's raw statements are each tested against the same few tables. */
const wordPatterns = new Map<string, RegExp>();
function wordIn(text: string, word: string): boolean {
  let pattern = wordPatterns.get(word);
  if (!pattern) {
    pattern = new RegExp(`(?<![A-Za-z0-9_$])${word.replace(/[$]/g, "\\$")}(?![A-Za-z0-9_$])`, "i");
    if (wordPatterns.size > 10_000) wordPatterns.clear(); // bounded: the words are table and column names of one analysis
    wordPatterns.set(word, pattern);
  }
  return pattern.test(text);
}

/**
 * Each raw statement's words (its longest runs of letters, digits, _ and $, in lower case), read once: every table
 * whose columns a drop asks about tests the raw statements of the whole folder. For a name of those characters alone
 * the set answers as wordIn does (its pattern's case-insensitive ASCII letters and boundaries are exactly these runs).
 */
const rawWords = new WeakMap<Operation, ReadonlySet<string>>();
const PLAIN_NAME = /^[a-z0-9_$]+$/;
function namesTable(op: Operation, key: string): boolean {
  if (!PLAIN_NAME.test(key)) return wordIn(op.text, key);
  let words = rawWords.get(op);
  if (!words) rawWords.set(op, (words = new Set(op.text.split(/[^A-Za-z0-9_$]+/).map((word) => word.toLowerCase()))));
  return words.has(key);
}

/** `state` after `op` (of `migration`), for table `key` (nameKey'd). */
export function applyToColumns(state: ProvenColumns, op: Operation, migration: Migration, key: string): ProvenColumns {
  if (op.kind === "raw") {
    // statements migguard keeps as text: one that names the table (or cannot be read at all) may change its columns
    if (state === undefined) return state;
    if (op.opaque || (op.table !== undefined ? nameKey(op.table) === key : namesTable(op, key))) return "unknown";
    return state;
  }
  if (op.kind === "create_table") {
    if (nameKey(op.table) !== key || op.temporary) return state;
    if (op.asSelect || op.partitionOf || op.columnsUnread) return "unknown";
    return { columns: new Set(op.columns.map((c) => nameKey(c.name))), createdBy: migration };
  }
  if (op.kind === "drop_table") return op.tables.some((t) => nameKey(t) === key) ? undefined : state;
  if (op.kind === "rename_table") {
    if (nameKey(op.newName) === key) return "unknown";
    return nameKey(op.table) === key ? undefined : state;
  }
  if (state === undefined || state === "unknown" || !("table" in op) || typeof op.table !== "string" || nameKey(op.table) !== key) return state;
  const columns = new Set(state.columns);
  if (op.kind === "add_column" || op.kind === "redefine_column") columns.add(nameKey(op.column.name));
  else if (op.kind === "drop_column") columns.delete(nameKey(op.column));
  else if (op.kind === "rename_column") {
    columns.delete(nameKey(op.column));
    columns.add(nameKey(op.newName));
  } else return state;
  return { columns, createdBy: state.createdBy };
}

/** The proven columns of `table` after `migrations` ran, in order (undefined: not created by them; "unknown": not proven). */
export function provenColumns(migrations: readonly Migration[], table: string): ProvenColumns {
  const key = nameKey(table);
  let state: ProvenColumns = undefined;
  for (const migration of migrations) for (const op of migration.up) state = applyToColumns(state, op, migration, key);
  return state;
}

/** A table's proven columns after each migration that changed them, by position (the migration's place in its folder). */
export type ProvenColumnsTimeline = Array<{ position: number; state: ProvenColumns }>;

/**
 * The proven columns of every table after each migration of `migrations` (run in order) that changed them: the
 * columns of a table when the migration at a position starts are the last entry placed before it (none: undefined,
 * not created). One pass over the folder for all its tables (SchemaHistory builds it on the first question), each
 * operation applied to the tables it may change, as applyToColumns would give for each table alone.
 */
export function provenColumnsTimelines(migrations: readonly Migration[]): Map<string, ProvenColumnsTimeline> {
  const timelines = new Map<string, ProvenColumnsTimeline>();
  const now = new Map<string, ProvenColumns>();
  /** the tables whose columns are proven now: the only ones a raw statement can change */
  const proven = new Set<string>();
  migrations.forEach((migration, position) => {
    /** the tables this migration changed, with their state when it started */
    const started = new Map<string, ProvenColumns>();
    const apply = (op: Operation, key: string) => {
      const before = now.get(key);
      const after = applyToColumns(before, op, migration, key);
      if (after === before) return;
      if (!started.has(key)) started.set(key, before);
      now.set(key, after);
      if (after !== undefined && after !== "unknown") proven.add(key);
      else proven.delete(key);
    };
    for (const op of migration.up) {
      if (op.kind === "raw") for (const key of [...proven]) apply(op, key);
      else if (op.kind === "drop_table") for (const table of op.tables) apply(op, nameKey(table));
      else if (op.kind === "rename_table") {
        apply(op, nameKey(op.newName));
        apply(op, nameKey(op.table));
      } else if ("table" in op && typeof op.table === "string") apply(op, nameKey(op.table));
    }
    for (const [key, before] of started) {
      const after = now.get(key);
      if (after === before) continue;
      const timeline = timelines.get(key);
      if (timeline) timeline.push({ position, state: after });
      else timelines.set(key, [{ position, state: after }]);
    }
  });
  return timelines;
}

/**
 * Whether `column` is named in a create_table of the table: a column the adapter may not have modelled there (a
 * helper's, a plugin's) still shows its name in the statement's text. The other statements' columns are modelled.
 */
export function columnNamedIn(migrations: readonly Migration[], table: string, column: string): boolean {
  const key = nameKey(table);
  return migrations.some((m) => m.up.some((op) => op.kind === "create_table" && nameKey(op.table) === key && wordIn(op.text, column)));
}
