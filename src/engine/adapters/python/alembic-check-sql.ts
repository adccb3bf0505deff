/**
 * An Alembic `op.create_check_constraint` as the ALTER TABLE ... ADD CONSTRAINT SQLAlchemy emits for it, when its
 * condition is SQL text (a string, `sa.text("...")`) or a column's `is_not(None)`: what the schema history keeps
 * (a later SET NOT NULL reads a valid CHECK (column IS NOT NULL)). Undefined for any other expression: the history
 * keeps nothing rather than a guess.
 */
import { QuoteUtils } from "@pgsql/quotes";
import { tableIdent } from "./alembic-foreign-key-sql.js";
import { lastSegment } from "./imports.js";
import { notNullColumn } from "./sqlalchemy-null-filter.js";
import { asString, type PyValue } from "./values.js";
import { parseStatements, type PgNode } from "../sql/pg-parser.js";

const ident = (name: string) => QuoteUtils.quoteIdentifier(name);

function conditionSql(condition: PyValue | undefined): string | undefined {
  const text = asString(condition);
  if (text !== undefined) return text;
  if (condition?.kind === "call" && lastSegment(condition.callee) === "text" && !condition.receiver && condition.args.length === 1) return asString(condition.args[0]);
  const column = notNullColumn(condition);
  return column === undefined ? undefined : `${ident(column)} IS NOT NULL`;
}

/**
 * `table`: as the model names it (`schema.table` when the call names its schema). Without NOT VALID, which
 * postgresql_not_valid adds on PostgreSQL only: the operation's `notValid` says it (the history reads both).
 */
export function checkConstraintSql(table: string, name: string, condition: PyValue | undefined): string | undefined {
  const expression = conditionSql(condition);
  if (expression === undefined || !expression.trim()) return undefined;
  return `ALTER TABLE ${tableIdent(table)} ADD CONSTRAINT ${ident(name)} CHECK (${expression});`;
}

/**
 * The columns the condition reads (its column references, parsed by PostgreSQL's grammar), for the name PostgreSQL
 * gives an unnamed CHECK: `<table>_<column>_check` when it reads exactly one, else `<table>_check` (warehouse's
 * `create_check_constraint(None, "release_files", "sha256_digest ~* ...")` is release_files_sha256_digest_check).
 * Undefined when the condition is no SQL migguard can read.
 */
export function checkConditionColumns(condition: PyValue | undefined): string[] | undefined {
  const expression = conditionSql(condition);
  if (expression === undefined || !expression.trim()) return undefined;
  const parsed = parseStatements(`SELECT 1 WHERE ${expression}`);
  if (parsed.errors.length || parsed.statements.length !== 1) return undefined;
  const columns = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as PgNode;
    if (record.ColumnRef) {
      const last = (record.ColumnRef.fields ?? []).at(-1);
      if (last?.String?.sval) columns.add(last.String.sval);
      return;
    }
    for (const key in record) visit(record[key]);
  };
  visit(parsed.statements[0].stmt?.SelectStmt?.whereClause);
  return [...columns];
}
