/**
 * A table its own constraints keep to one row: a single-column PRIMARY KEY that a validated CHECK pins to one value
 * (rallly's instance_settings: `PRIMARY KEY ("id")` and `CHECK (id = 1)`; `CHECK (singleton)` on a boolean key; such
 * a comparison ANDed with others). The key refuses NULL and a second equal value, the CHECK every other value, so
 * PostgreSQL itself refuses a second row. Read from the constraints the earlier migrations leave, parsed with
 * libpg-query; a CHECK added NOT VALID proves nothing about the rows already there, and a comparison with NULL is
 * never false, so neither counts.
 */
import type { PgNode } from "../adapters/sql/pg-parser.js";
import type { Migration, Operation } from "../model.js";
import type { KeyDefinition } from "../repository/constraint-history.js";
import type { RepositoryView } from "../repository/repository-view.js";
import { nameKey } from "../rules/support/facts.js";
import { deparse, parseOne } from "../rules/support/sql-text.js";
import { tablesOf } from "./size-aware.js";

export interface OneRowConstraint {
  /** the primary key's one column */
  column: string;
  /** the CHECK's name and expression */
  check: string;
  expression: string;
}

const columnOf = (node: PgNode | undefined): string | undefined => {
  const last = (node?.ColumnRef?.fields as PgNode[] | undefined)?.at(-1)?.String?.sval;
  return typeof last === "string" ? last : undefined;
};

/** A literal that is not NULL, cast or not: `1`, `'X'::char`. */
const isValue = (node: PgNode | undefined): boolean => {
  const literal = node?.A_Const ?? node?.TypeCast?.arg?.A_Const;
  return literal !== undefined && !literal.isnull;
};

/** The columns an expression that must hold pins to a single value. */
function pinnedColumns(expression: PgNode | undefined): string[] {
  if (!expression) return [];
  if (expression.BoolExpr?.boolop === "AND_EXPR") return (expression.BoolExpr.args as PgNode[]).flatMap(pinnedColumns);
  // a boolean column that must be true
  const column = columnOf(expression);
  if (column) return [column];
  const op = expression.A_Expr;
  if (op?.kind !== "AEXPR_OP" || op.name?.length !== 1 || op.name[0].String?.sval !== "=") return [];
  const left = columnOf(op.lexpr);
  const right = columnOf(op.rexpr);
  if (left && isValue(op.rexpr)) return [left];
  if (right && isValue(op.lexpr)) return [right];
  return [];
}

/** The ops that may undo a table's key or CHECK: a dropped constraint or column, a changed column, the table renamed or dropped. */
const UNDOING: ReadonlySet<Operation["kind"]> = new Set<Operation["kind"]>(["drop_constraint", "drop_column", "rename_column", "alter_column_type", "redefine_column", "rename_table", "drop_table"]);

/**
 * Per up, each table (nameKey) -> the position of the first op that may undo its key or CHECK, read once: every lock
 * finding of a migration asks, and each answer read the up before it again (quadratic in a long file, issue #18).
 */
const firstUndoings = new WeakMap<readonly Operation[], ReadonlyMap<string, number>>();
function firstUndoing(up: readonly Operation[]): ReadonlyMap<string, number> {
  let first = firstUndoings.get(up);
  if (!first) {
    const found = new Map<string, number>();
    up.forEach((op, at) => {
      if (UNDOING.has(op.kind)) for (const t of tablesOf(op)) if (!found.has(nameKey(t))) found.set(nameKey(t), at);
    });
    firstUndoings.set(up, (first = found));
  }
  return first;
}

/** An op of the migration before `index` that may undo the key or the CHECK (a dropped constraint or column, a changed column). */
function undoneBefore(migration: Migration, index: number, table: string): boolean {
  return (firstUndoing(migration.up).get(nameKey(table)) ?? Infinity) < Math.max(index, 0);
}

/**
 * Each CHECK's constraint as parsed from its ADD CONSTRAINT (null: not one), by the history's definition of it: every
 * lock finding of a migration asks about its table's CHECKs again (the 800-file bench parsed them 6 ms' worth).
 */
const parsedChecks = new WeakMap<KeyDefinition, PgNode | null>();

function checkConstraint(definition: KeyDefinition): PgNode | undefined {
  let check = parsedChecks.get(definition);
  if (check === undefined) {
    check = (parseOne(definition.sql)?.AlterTableStmt?.cmds?.[0]?.AlterTableCmd?.def?.Constraint as PgNode | undefined) ?? null;
    parsedChecks.set(definition, check);
  }
  return check ?? undefined;
}

/** The primary key and CHECK that keep `table` to one row when the migration's op at `index` runs; undefined when none do. */
export function oneRowConstraint(table: string, migration: Migration, index: number, repository: RepositoryView): OneRowConstraint | undefined {
  if (index < 0 || undoneBefore(migration, index, table)) return undefined;
  const keys = repository.tableKeys(table);
  const primary = keys.filter((k) => k.definition.kind === "primary_key");
  if (primary.length !== 1 || primary[0].definition.columns.length !== 1) return undefined;
  const column = primary[0].definition.columns[0];
  for (const { name, definition } of keys) {
    if (definition.kind !== "check") continue;
    const check = checkConstraint(definition);
    if (!check || check.skip_validation) continue;
    if (!pinnedColumns(check.raw_expr).some((c) => nameKey(c) === nameKey(column))) continue;
    return { column, check: name, expression: deparse(check.raw_expr) ?? definition.sql };
  }
  return undefined;
}
