/**
 * Alembic: the SQLAlchemy class or Table() at head that maps a column an add_column adds. SQLAlchemy's ORM selects
 * every mapped column of a class in each query of it (unless deferred), and `select(table)` every column of a
 * Table, so the new code's queries of that table fail until the column exists.
 */
import type { OperationOf, SourceFile } from "../../model.js";
import { mayDeclareSqlAlchemyModels, SqlAlchemyModelIndex } from "../../code/sqlalchemy-models.js";
import { nameKey } from "../support/facts.js";
import type { RuleContext } from "../support/rule.js";

const lastName = (table: string) => nameKey(table).split(".").pop() ?? table;

/** the model index of one analysis's application code (the same array for every migration of a lint) */
const indexes = new WeakMap<readonly SourceFile[], SqlAlchemyModelIndex>();

/** What maps the added column at head, said for the message (`Recipe (app/models.py)`), or undefined. */
export function sqlalchemyReader(ctx: RuleContext, op: OperationOf<"add_column">): string | undefined {
  const code = ctx.repository.applicationCode();
  let index = indexes.get(code);
  if (!index) {
    // the revisions themselves and env.py map nothing the application runs
    const models = code.filter((f) => !/(?:^|\/)(?:versions|migrations?)\//.test(f.path) && !/(?:^|\/)env\.py$/.test(f.path) && mayDeclareSqlAlchemyModels(f));
    indexes.set(code, (index = new SqlAlchemyModelIndex(models, lastName)));
  }
  const mapping = index.mapping(op.table);
  const model = mapping.classes.find((c) => index.declaresColumn(c, op.column.name));
  if (model) return `${model.className} (${model.path})`;
  const table = [...mapping.tables.entries()].find(([, columns]) => columns.has(op.column.name));
  return table ? `the Table("${table[0]}") the code declares` : undefined;
}
