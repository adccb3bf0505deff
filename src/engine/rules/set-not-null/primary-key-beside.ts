/**
 * A PRIMARY KEY added beside SET NOT NULL. The key implies NOT NULL: adding it checks the column for NULLs itself,
 * a scan under its lock that a NOT VALID CHECK does not spare, and in the same statement as that CHECK PostgreSQL 18
 * names the NOT NULL constraint it adds `table_column_not_null`, the CHECK's own name, and fails. The key belongs
 * after SET NOT NULL; building its unique index is then the lock cost left, which the fix says.
 */
import type { PgNode } from "../../adapters/sql/pg-parser.js";
import type { Operation, OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";
import { postgresDefaultName } from "../support/pg-names.js";
import { alterWithoutSubcommands, parseOne } from "../support/sql-text.js";

export const PRIMARY_KEY_COST =
  "building its unique index still reads the whole table under an ACCESS EXCLUSIVE lock, the lock cost left (CREATE UNIQUE INDEX CONCURRENTLY first, then ADD PRIMARY KEY USING INDEX: see unique-constraint-without-index)";

/** An ALTER TABLE sub-command adding a PRIMARY KEY over `column` (USING INDEX: its columns are the index's, taken to be it). */
export const addsPrimaryKeyOn =
  (column: string) =>
  (cmd: PgNode): boolean => {
    const c = cmd.subtype === "AT_AddConstraint" ? cmd.def?.Constraint : undefined;
    return c?.contype === "CONSTR_PRIMARY" && (c.indexname !== undefined || (c.keys ?? []).some((k: PgNode) => nameKey(k.String?.sval ?? "") === nameKey(column)));
  };

/** The ADD PRIMARY KEY over `column` in the ALTER TABLE `sql`, as a statement of its own, with the name PostgreSQL gives the key. */
export function primaryKeyInStatement(sql: string, column: string): { sql: string; name: string } | undefined {
  const alter = parseOne(sql)?.AlterTableStmt;
  const cmd: PgNode | undefined = alter?.cmds?.map((c: PgNode) => c.AlterTableCmd ?? {}).find(addsPrimaryKeyOn(column));
  const alone = cmd && alterWithoutSubcommands(sql, (c) => !addsPrimaryKeyOn(column)(c));
  if (!cmd || !alone || !alter.relation?.relname) return undefined;
  return { sql: alone, name: cmd.def.Constraint.conname ?? postgresDefaultName(alter.relation.relname, [], "pkey") };
}

/** A later statement of the migration adding a PRIMARY KEY over table.column (not the SET NOT NULL's own statement). */
export function laterPrimaryKey(up: readonly Operation[], op: OperationOf<"set_not_null">): OperationOf<"add_constraint"> | undefined {
  const at = up.indexOf(op);
  return up
    .slice(at + 1)
    .find(
      (o): o is OperationOf<"add_constraint"> =>
        o.kind === "add_constraint" && o.constraint === "primary_key" && !(o.text === op.text && o.loc.line === op.loc.line) && nameKey(o.table) === nameKey(op.table) && o.columns.some((c) => nameKey(c) === nameKey(op.column)),
    );
}
