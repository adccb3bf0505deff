/**
 * MySQL's MODIFY restates the whole column: what it leaves out, the column loses (ralph accounts 0009, replay 47:
 * gh-ost's `--alter "MODIFY last_name varchar(150)"` made a NOT NULL column `DEFAULT NULL`). The clause of an online
 * schema change carries the column's definition as the migration leaves it: the new type, its NULL-ness and its
 * default, from the migration's own statement or the earlier migrations; what neither says is named, for a comment.
 */
import { mysqlIdent } from "../../adapters/sql/mysql/mysql-ident.js";
import type { Operation, OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";
import type { RuleContext } from "../support/rule.js";

export interface RestatedColumn {
  clause: string;
  /** what the clause may still lack, in words ("whether it is NOT NULL") */
  unknown: string[];
}

/** A default MySQL takes as written in MODIFY: a string or number literal, TRUE, FALSE or NULL. */
const LITERAL = /^(?:'(?:[^']|'')*'|-?\d+(?:\.\d+)?|true|false|null)$/i;

/** The operations of the same statement (one AlterField, one change_column) on the same column. */
const sameStatement = (ctx: RuleContext, op: Operation, column: string) =>
  ctx.migration.up.filter((o) => o !== op && o.loc.line === op.loc.line && o.text === op.text && "column" in o && typeof o.column === "string" && nameKey(o.column) === nameKey(column));

/** `MODIFY <column> <type> [NOT NULL] [DEFAULT ...]` for a type change, as complete as the migrations say it. */
export function restatedColumn(ctx: RuleContext, op: OperationOf<"alter_column_type">, table: string): RestatedColumn {
  const same = sameStatement(ctx, op, op.column);
  const nullChange = same.find((o) => o.kind === "set_not_null" || o.kind === "drop_not_null");
  const notNull = nullChange ? nullChange.kind === "set_not_null" : ctx.repository.columnNotNull(table, op.column);
  const defaultChange = same.find((o) => o.kind === "set_default" || o.kind === "drop_default");
  const known = defaultChange ? (defaultChange.kind === "set_default" ? { default: defaultChange.default } : {}) : ctx.repository.columnDefault(table, op.column);
  const unknown: string[] = [];
  if (notNull === undefined) unknown.push("whether it is NOT NULL");
  let defaultSql = "";
  if (known === undefined) unknown.push("its default");
  else if (known.default && LITERAL.test(known.default.expr.trim())) defaultSql = ` DEFAULT ${known.default.expr.trim()}`;
  else if (known.default) unknown.push(`its default (${known.default.expr}) in MySQL's terms`);
  return { clause: `MODIFY ${mysqlIdent(op.column)} ${op.type.text}${notNull ? " NOT NULL" : notNull === false ? " NULL" : ""}${defaultSql}`, unknown };
}
