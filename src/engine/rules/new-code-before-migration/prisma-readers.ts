/**
 * Prisma: the schema field at head that selects a column a Prisma migration's ADD COLUMN adds. Prisma's client
 * selects every scalar field of a model in each query of it (`findMany`, `findUnique`) unless told `select`, so the
 * new client's queries of that model fail until the column exists. The fix ships the column a release ahead of the
 * field, a NOT NULL one NULL-able there and made NOT NULL by a migration of the next release.
 */
import type { OperationOf } from "../../model.js";
import { selectedField } from "../../code/prisma-model.js";
import { alterAddColumnsChanged } from "../support/sql-text.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { sqlNotNullSteps } from "../support/sql-not-null-steps.js";
import { prismaColumnDeclaration, unquoted } from "../support/prisma-migration-schema.js";
import type { RuleContext } from "../support/rule.js";

type AddColumn = OperationOf<"add_column">;

/** The model and field of the schema at head that select the added column, said for the message, or undefined. */
export function prismaReader(ctx: RuleContext, op: AddColumn): { model: string; field: string; at: string } | undefined {
  const declared = prismaColumnDeclaration(ctx, op.table, op.column.name);
  const field = declared?.model && selectedField(declared.model, unquoted(op.column.name));
  if (!declared?.model || !field) return undefined;
  return { model: declared.model.name, field: field.name, at: `${declared.model.path}:${field.line}` };
}

/** Release 1: the statement as written (NOT NULL left out when it has no default); release 2: the NOT NULL, without a long lock. */
export function prismaExpandFix(ctx: RuleContext, op: AddColumn, field: string): string {
  const c = op.column;
  const sql = migrationDialect(ctx.migration);
  const intro = "-- the new code is live before `prisma migrate deploy` runs (the deploy pushes it first): the column ships a release ahead of the schema field that selects it.";
  const asWritten = op.text.trim().replace(/;?$/, ";");
  if (!c.notNull || c.default) return [intro, `-- Release 1: this migration, with ${field} left out of the schema:`, asWritten, `-- Release 2: the schema declares ${field}. Or run the migrations before the code is pushed, in one release`].join("\n");
  const relaxed = alterAddColumnsChanged(op.text, new Map([[c.name, {}]]));
  if (!relaxed)
    return [intro, `-- Release 1: this migration, with ${field} left out of the schema and ${c.name} added NULL-able (that release's inserts leave it out); release 2: the schema declares ${field}, then NOT NULL once every row has a value:`, asWritten].join("\n");
  const t = sql.ident(op.table);
  const column = sql.ident(c.name);
  const notNull = sql.mysql
    ? [c.type ? `ALTER TABLE ${t} MODIFY ${column} ${c.type.text} NOT NULL;` : `-- ALTER TABLE ${t} MODIFY ${column} <its type> NOT NULL;  migguard does not know the type of ${c.name}`]
    : sqlNotNullSteps(op.table, c.name);
  return [
    intro,
    `-- Release 1: this migration, with ${field} left out of the schema and ${c.name} NULL-able (that release's inserts leave it out):`,
    relaxed.replace(/;?$/, ";"),
    `-- Release 2: the schema declares ${field}, and a new migration makes it NOT NULL once every row has a value (fill the rows release 1 inserted first):`,
    ...notNull,
  ].join("\n");
}
