/**
 * A dropped name that comes back: a later step of the same up (a DROP COLUMN and an ADD COLUMN of one name in one
 * ALTER TABLE, Prisma's way to change a type: linkwarden's Link.indexVersion; a DROP TABLE then CREATE TABLE), or a
 * later migration of the folder (linkwarden's User.image, which 20231028041930 gives back by renaming imagePath;
 * its Account table, created again by 20231108232127; WebODM's imageupload.task, added again by 0014 as a uuid key).
 *
 * Two consequences. Today's code and schema (schema.prisma, the Django models) describe the object created again,
 * so what names it there is no evidence that code read the dropped one: at most the code of the window between the
 * drop and the re-creation did, and within one migration there is no such window. And a fix that keeps the dropped
 * object (a table renamed aside, a column left in the database by a state-only removal) must not take the name or
 * the index names the re-creation needs, or that migration fails ("already exists").
 */
import type { Migration, Operation } from "../../model.js";
import { nameKey } from "./facts.js";
import type { RuleContext } from "./rule.js";
import { nextHolding, type KeysOf } from "./later-migrations-index.js";

export interface Recreation {
  migration: Migration;
  op: Operation;
  /** a later step of the same up: the name is back before any code runs against the database */
  sameMigration: boolean;
  /** the same statement (one ALTER TABLE that drops and adds the column) */
  sameStatement: boolean;
  /** both migrations are added by the change under review: no deployed code runs between them */
  sameChange: boolean;
  /** where, for messages: "line 9", or "path:line" of the later migration */
  where: string;
  /** what the step does, in words: "adds indexVersion to Link again (INTEGER)", "renames imagePath to image on User" */
  does: string;
  /** an added column's type as written, when the step gives one */
  type?: string;
}

function described(op: Operation): string {
  switch (op.kind) {
    case "add_column":
      return `adds ${op.column.name} to ${op.table} again${op.column.type ? ` (${op.column.type.text})` : ""}`;
    case "rename_column":
      return `renames ${op.column} to ${op.newName} on ${op.table}`;
    case "rename_table":
      return `renames table ${op.table} to ${op.newName}`;
    case "create_table":
      return `creates table ${op.table} again`;
    default:
      return "creates it again";
  }
}

/** A name an operation creates: a table ("t" + name), or a column of a table ("c" + table + NUL + column), with the column's type. */
interface Birth {
  key: string;
  type?: string;
}

const tableKey = (table: string) => `t${nameKey(table)}`;
const columnKey = (table: string, column: string) => `c${nameKey(table)}\u0000${nameKey(column)}`;

/** What the op creates under a name: a table (CREATE TABLE, a rename onto it), a column (ADD COLUMN, a rename onto it, a CREATE TABLE's). */
function births(op: Operation): Birth[] {
  switch (op.kind) {
    case "create_table":
      return op.temporary ? [] : [{ key: tableKey(op.table) }, ...op.columns.map((c) => ({ key: columnKey(op.table, c.name), type: c.type?.text }))];
    case "rename_table":
      return [{ key: tableKey(op.newName) }];
    case "add_column":
      return [{ key: columnKey(op.table, op.column.name), type: op.column.type?.text }];
    case "rename_column":
      return [{ key: columnKey(op.table, op.newName) }];
    default:
      return [];
  }
}

/** Each migration's ops per name they create, in the up's order, read once: a drop asks its own up and every later migration of its folder. */
const birthIndex = new WeakMap<Migration, Map<string, Array<{ index: number; op: Operation; type?: string }>>>();
function birthsOf(migration: Migration): Map<string, Array<{ index: number; op: Operation; type?: string }>> {
  let found = birthIndex.get(migration);
  if (!found) {
    found = new Map();
    for (const [index, op] of migration.up.entries())
      for (const b of births(op)) {
        const birth = { index, op, ...(b.type ? { type: b.type } : {}) };
        const list = found.get(b.key);
        if (list) list.push(birth);
        else found.set(b.key, [birth]);
      }
    birthIndex.set(migration, found);
  }
  return found;
}

/** The names a migration's up creates: what later-migrations-index.ts looks a name up by. */
const namesCreatedBy: KeysOf = (migration) => birthsOf(migration).keys();

/** The first step after `up[index]`, in this up and then in the later migrations of the folder, that creates `key`. */
function firstAfter(ctx: RuleContext, index: number, key: string): Recreation | undefined {
  const dropped = ctx.migration.up[index];
  const of = (migration: Migration, op: Operation, type: string | undefined, same: boolean): Recreation => ({
    migration,
    op,
    sameMigration: same,
    sameStatement: same && dropped !== undefined && op.loc.line === dropped.loc.line && op.text === dropped.text,
    sameChange: ctx.facts.change.includes(ctx.migration) && ctx.facts.change.includes(migration),
    where: same ? `line ${op.loc.line}` : `${migration.path}:${op.loc.line}`,
    does: described(op),
    ...(type ? { type } : {}),
  });
  // looked up, not found by walking the rest of the up: a migration of hundreds of drops asked each of its ops per drop
  const inUp = birthsOf(ctx.migration).get(key)?.find((b) => b.index > index);
  if (inUp) return of(ctx.migration, inUp.op, inUp.type, true);
  // the first later migration that creates it, looked up (later-migrations-index.ts), not found by walking the folder
  const later = ctx.repository.laterInFolder;
  const at = nextHolding(later, namesCreatedBy, key);
  const birth = at === undefined ? undefined : birthsOf(later[at]).get(key)?.[0];
  return birth && of(later[at!], birth.op, birth.type, false);
}

/** The step that gives `table` a column `column` again after the drop at `up[index]`: an ADD COLUMN, a rename onto it, a CREATE TABLE that has it. */
export function columnRecreated(ctx: RuleContext, table: string, column: string, index: number): Recreation | undefined {
  return firstAfter(ctx, index, columnKey(table, column));
}

/** The step that creates a table named `table` again after the drop at `up[index]`: a CREATE TABLE, or a rename onto the name. */
export function tableRecreated(ctx: RuleContext, table: string, index: number): Recreation | undefined {
  return firstAfter(ctx, index, tableKey(table));
}

/** No code runs between the drop and the re-creation (one migration, or one change): what is left is the data loss alone. */
export const recreatedBeforeCodeRuns = (recreation: Recreation): boolean => recreation.sameMigration || recreation.sameChange;

/** Where the re-creation is, as a sentence names it: "this migration, at line 12," or the later migration's path:line. */
export const recreationWhere = (recreation: Recreation, startsSentence = false): string =>
  recreation.sameMigration ? `${startsSentence ? "This" : "this"} migration, at ${recreation.where},` : recreation.where;

/**
 * The sentence a drop's message gives instead of "code still reads it": what today's code names is the object created
 * again; within one migration (or one change) no code runs between the two.
 */
export function recreationSentence(recreation: Recreation, namedToday: readonly string[], lost = "the values"): string {
  const today = namedToday.length
    ? ` What names it today (${namedToday.slice(0, 3).join(", ")}${namedToday.length > 3 ? ` and ${namedToday.length - 3} more` : ""}) reads that one, not this one.`
    : "";
  const where = recreation.sameStatement ? "The same statement" : recreationWhere(recreation, true);
  const window = recreation.sameMigration
    ? `Code that names it finds it when the migration ends, so only ${lost} ${lost.endsWith("s") ? "are" : "is"} lost.`
    : recreation.sameChange
      ? `Both are in this change, so no deployed code runs between them: only ${lost} ${lost.endsWith("s") ? "are" : "is"} lost.`
      : "Code that used the dropped one can only have run between the two migrations; today's code says nothing about that.";
  return ` ${where} ${recreation.does}.${today} ${window}`;
}
