/**
 * The columns a key's type change carries with it: the key and, through the FOREIGN KEYs the earlier migrations
 * define, every column that references it (and the columns that reference those). A FOREIGN KEY holds only between
 * columns of compatible types (uuid and text are not: adding it back fails), and an integer column that references
 * a bigint key overflows where the key no longer would, so each referencing column is converted with the key, in
 * one plan (swap-steps.ts): the migration's own type change of it when it has one (pocket-id changed
 * oidc_clients.id and oidc_authorization_codes.client_id to text in one file), else the key's change read over it.
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import { expressionOverColumn } from "../support/sql-text.js";
import type { KeyDefinition } from "../../repository/constraint-history.js";
import { ownFate } from "./own-constraint-fate.js";

type AlterColumnType = OperationOf<"alter_column_type">;

export interface KeyGroup {
  /** the key first, then the columns that reference it, each after the column it references */
  members: AlterColumnType[];
  /** what the history does not let the plan convert, as comment lines */
  unknown: string[];
}

const same = (a: string, b: string) => nameKey(a) === nameKey(b);
const at = (op: { table: string; column: string }) => `${nameKey(op.table)}.${nameKey(op.column)}`;

/** The column of a FOREIGN KEY `key` that references `column`: at the position of `column` in what it references. */
function referencingColumn(key: KeyDefinition, column: string, primaryKey: readonly string[]): string | undefined {
  const referenced = key.references?.columns.length ? key.references.columns : primaryKey;
  const position = referenced.findIndex((c) => same(c, column));
  return position >= 0 ? key.columns[position] : undefined;
}

const sameType = (a: AlterColumnType["type"], b: AlterColumnType["type"]) => a.name === b.name && a.array === b.array && a.mods.join(",") === b.mods.join(",");

/**
 * The FOREIGN KEYs of the history that make a column reference `key`, as the plan of `key` follows them: those the
 * migration drops for good left out (nothing to keep compatible), and a key from the column to itself. `column` is
 * undefined when the key's definition does not say which of its columns references `key`. keyRoot and keyGroup both
 * read these, so a column keyRoot puts under a key is always one keyGroup converts with it.
 */
function referencedBy(ctx: RuleContext, key: AlterColumnType): { name: string; definition: KeyDefinition; column?: string }[] {
  let answers = referencedByAnswers.get(ctx);
  if (!answers) referencedByAnswers.set(ctx, (answers = new Map()));
  let answer = answers.get(key);
  if (!answer) answers.set(key, (answer = referencedByNow(ctx, key)));
  return answer;
}

/** referencedBy's answers in one rule run, by column: keyRoot asks about every changed column for each changed column. */
const referencedByAnswers = new WeakMap<RuleContext, Map<AlterColumnType, Array<{ name: string; definition: KeyDefinition; column?: string }>>>();

function referencedByNow(ctx: RuleContext, key: AlterColumnType): { name: string; definition: KeyDefinition; column?: string }[] {
  const keys = ctx.repository.columnKeys(key.table, key.column);
  const primaryKey = keys.own.find((k) => k.definition.kind === "primary_key")?.definition.columns ?? [key.column];
  return keys.referencing
    .filter(({ name, definition }) => !ownFate(ctx, definition.table, name).dropped)
    .map(({ name, definition }) => ({ name, definition, column: referencingColumn(definition, key.column, primaryKey) }))
    .filter(({ definition, column }) => !(same(definition.table, key.table) && column && same(column, key.column)));
}

/**
 * The column `op` references through a FOREIGN KEY when this migration changes that column's type too (one of
 * `changed`): the key at the top of its group, whose plan converts `op` as well. `op` itself when there is none.
 * A FOREIGN KEY the migration drops for good joins nothing (openpanel 20240122191559 drops events_profile_id_fkey,
 * then changes both events.profile_id and profiles.id: two plans).
 */
export function keyRoot(ctx: RuleContext, op: AlterColumnType, changed: readonly AlterColumnType[]): AlterColumnType {
  const seen = new Set([at(op)]);
  let current = op;
  for (;;) {
    const child = current;
    const parent = changed.find((p) => !seen.has(at(p)) && referencedBy(ctx, p).some(({ definition, column }) => column && same(definition.table, child.table) && same(column, child.column)));
    if (!parent) return current;
    seen.add(at(parent));
    current = parent;
  }
}

/**
 * The key `root` and the columns to convert with it: each column a FOREIGN KEY of the history makes reference it,
 * unless it has the new type already; with its own operation when `changed` holds one, else the key's: the same
 * type, and the key's USING read over the referencing column (a USING that reads another column of the key's table
 * cannot be: said in `unknown`).
 */
export function keyGroup(ctx: RuleContext, root: AlterColumnType, changed: readonly AlterColumnType[]): KeyGroup {
  const members = [root];
  const unknown: string[] = [];
  const seen = new Set([at(root)]);
  for (let i = 0; i < members.length; i++) {
    const key = members[i];
    for (const { name, definition, column } of referencedBy(ctx, key)) {
      if (!column) {
        unknown.push(`${definition.table}'s FOREIGN KEY ${name} references ${key.table}.${key.column}: convert its column to ${key.type.text} too (the same steps)`);
        continue;
      }
      const child = { table: definition.table, column };
      if (seen.has(at(child))) continue;
      seen.add(at(child));
      const own = changed.find((o) => same(o.table, child.table) && same(o.column, child.column));
      if (own) {
        members.push(own);
        continue;
      }
      const type = ctx.repository.columnType(child.table, child.column);
      if (type && sameType(type, key.type)) continue;
      const using = key.using === undefined ? undefined : expressionOverColumn(key.using, key.column, child.column);
      if (key.using !== undefined && using === undefined) {
        unknown.push(`${child.table}.${child.column} references ${key.table}.${key.column}, whose USING reads more than ${key.column}: convert ${child.column} to ${key.type.text} as the key's values were converted (the same steps)`);
        continue;
      }
      members.push({ ...key, table: child.table, column: child.column, fromType: type, using, ormModel: undefined, ormField: undefined, ormFieldDef: undefined });
    }
  }
  return { members, unknown };
}
