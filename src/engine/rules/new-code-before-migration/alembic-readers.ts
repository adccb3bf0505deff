/**
 * Alembic: the SQLAlchemy class or Table() at head that maps a column an add_column adds. SQLAlchemy's ORM selects
 * every mapped column of a class in each query of it (unless deferred), and `select(table)` every column of a
 * Table, so the new code's queries of that table fail until the column exists.
 */
import type { OperationOf } from "../../model.js";
import { alembicCode } from "../support/alembic-code.js";
import type { RuleContext } from "../support/rule.js";

/** What maps the added column at head, said for the message (`Recipe (app/models.py)`), or undefined. */
export function sqlalchemyReader(ctx: RuleContext, op: OperationOf<"add_column">): string | undefined {
  const index = alembicCode(ctx).read;
  const mapping = index.mapping(op.table);
  const model = mapping.classes.find((c) => index.declaresColumn(c, op.column.name));
  if (model) return `${model.className} (${model.path})`;
  const table = [...mapping.tables.entries()].find(([, columns]) => columns.has(op.column.name));
  return table ? `the Table("${table[0]}") the code declares` : undefined;
}
