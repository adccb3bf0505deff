import { defineRule } from "../support/rule.js";
import { derivedName, fixFor, ident, sym } from "../support/fix.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { railsIndexFix } from "../support/rails-fix.js";
import { indexName } from "../../adapters/rails/rails-names.js";
import { concurrentIndexParts, indexOnNextLine } from "../support/sql-text.js";
import { pythonString } from "../support/embed-sql.js";
import { reindented } from "../support/data-code.js";
import { calleeOf, withCallee } from "../support/python-call.js";
import { djangoIndexNameWithin } from "../support/django-index-name.js";

/** layouts whose runner sends a whole file as one multi-statement query (SqlSegment transaction "implicit") */
const ONE_QUERY_PER_FILE = new Set(["golang-migrate", "prisma"]);

export default defineRule({
  meta: {
    id: "index-without-concurrently",
    category: "blocking-lock",
    severity: "error",
    title: "CREATE INDEX without CONCURRENTLY blocks writes",
    why:
      "A plain CREATE INDEX holds a SHARE lock on the table for the whole build: every INSERT, UPDATE and DELETE " +
      "waits, for minutes on a large table. CREATE INDEX CONCURRENTLY builds it while writes continue.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "add_index")) {
      if (op.concurrently || !tableWithRows(ctx, op.table, index)) continue;
      const name = op.name ?? derivedName(op.table, op.columns, "idx");
      const cols = op.columns.map(ident).join(", ");
      // SQL as written (its expressions, WHERE, USING), rebuilt CONCURRENTLY; a failed concurrent build leaves an
      // INVALID index that IF NOT EXISTS would keep, so a named index is dropped first
      const parts = ctx.framework === "sql" || op.embeddedSql ? concurrentIndexParts(op.text) : undefined;
      const written = parts && `${parts.drop ? `${parts.drop}\n` : ""}${parts.create}`;
      // the embedded statement rebuilt CONCURRENTLY, for Rails' execute and Django's RunSQL: from the parse above, not a second one
      const embeddedCreate = op.embeddedSql ? (parts?.create.replace(/;$/, "") ?? op.text.trim().replace(/;\s*$/, "")) : undefined;
      // Django's own AddIndex, expressions and all, as AddIndexConcurrently
      const djangoIndex = ctx.framework === "django" && /(?:^|\.)AddIndex$/.test(calleeOf(op.text) ?? "") ? withCallee(reindented(op.text.trim()), "AddIndexConcurrently") : undefined;
      const create = `CREATE ${op.unique ? "UNIQUE " : ""}INDEX CONCURRENTLY ${ident(name)} ON ${ident(op.table)} (${cols});`;
      const rebuilt = `DROP INDEX CONCURRENTLY IF EXISTS ${ident(name)};\n${create}`;
      // golang-migrate and Prisma send a file as one query: two statements would be one implicit transaction,
      // which CONCURRENTLY refuses, so the file holds the CREATE alone and the clean-up of a failed build is by hand
      const oneQuery = ctx.framework === "sql" && !op.embeddedSql && ONE_QUERY_PER_FILE.has(ctx.migration.layout);
      const createAlone = parts?.create ?? create;
      // beside other statements the CREATE moves to a new file, not in place: on two lines, so no review
      // comment offers it as a one-line suggestion that would keep it in this file
      const sharesFile = ctx.migration.up.some((o) => o.loc.line !== op.loc.line);
      const alone = oneQuery ? (sharesFile ? (indexOnNextLine(createAlone) ?? createAlone) : createAlone) : undefined;
      ctx.report({
        op,
        message: `Creating index ${op.name ?? `on ${op.table} (${op.columns.join(", ")})`} without CONCURRENTLY blocks writes to ${op.table} while it builds.`,
        fix: fixFor(ctx.framework, {
          sql: alone
            ? `
            -- in a migration file of its own, this statement alone (${ctx.migration.layout} sends the file as one query, and
            -- PostgreSQL runs two or more statements as one transaction, which CONCURRENTLY refuses).
            -- A failed build leaves an INVALID index: run DROP INDEX CONCURRENTLY IF EXISTS ${op.name ? ident(op.name) : "<its name>"}
            -- by hand before migrating again.
            ${alone.replace(/\n/g, "\n            ")}`
            : `
            -- outside a transaction (its own migration file / NO TRANSACTION mode):
            ${(written ?? rebuilt).replace(/\n/g, "\n            ")}`,
          rails: railsIndexFix(op, ctx.migration, indexName, embeddedCreate),
          django: embeddedCreate
            ? `
            class Migration(migrations.Migration):
                atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
                operations = [
                    migrations.RunSQL(
                        ${pythonString(embeddedCreate)},
                        reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS ${name}",
                    ),
                ]`
            : `
            from django.contrib.postgres.operations import AddIndexConcurrently

            class Migration(migrations.Migration):
                atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
                operations = [${op.ormField ? `
                    # the field without db_index=True; declare the index in the model's Meta.indexes instead` : ""}
                    ${djangoIndex ? djangoIndex.replace(/\n/g, "\n                    ").replace(/,?$/, ",") : `AddIndexConcurrently(model_name="${op.ormModel ?? op.table}", index=models.Index(fields=[${(op.ormField ? [op.ormField] : op.columns).map((c) => pythonString(c)).join(", ")}], name="${djangoIndexNameWithin(name, op.table, op.columns)}")),`}
                ]`,
          alembic: `
            with op.get_context().autocommit_block():
                op.create_index("${name}", "${op.table}", [${op.columns.map((c) => `"${c}"`).join(", ")}]${op.unique ? ", unique=True" : ""}, postgresql_concurrently=True)`,
        }),
      });
    }
  },
});
