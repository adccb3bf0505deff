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
