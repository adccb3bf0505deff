import type { Operation, OperationOf } from "../../model.js";
import { dataCode } from "../support/data-code.js";
import { pythonString, sqlCall } from "../support/embed-sql.js";
import { nameKey } from "../support/facts.js";
import { anyBetween, positionsBy } from "../support/positions.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { existingTable, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { migrationLabel } from "../../paths.js";
import { firstFillOfAddedColumns } from "../support/first-fill-of-added-columns.js";
import { backupName } from "../support/backup-name.js";
import { commentMarker } from "../support/fix.js";

const addedColumn = (op: Operation) => (op.kind === "add_column" ? `${nameKey(op.table)}.${nameKey(op.column.name)}` : undefined);

/** The column was added earlier in this migration: a full-table UPDATE of it is a backfill, not an overwrite. */
function addedBefore(ctx: RuleContext, table: string, column: string, before: number): boolean {
  return anyBetween(positionsBy(ctx.migration.up, addedColumn).get(`${nameKey(table)}.${nameKey(column)}`), 0, before);
}

/** Some column was added to the table earlier in this migration. */
const columnsAddedBefore = (ctx: RuleContext, table: string, before: number): boolean =>
  ctx.migration.up.slice(0, before).some((o) => o.kind === "add_column" && nameKey(o.table) === nameKey(table));

/**
 * Keep a copy of the table before the statement, then run the statement as written: the rows (or the old
 * values) can come back, and the work the migration meant to do is still done. The WHERE it may lack is the
 * team's call, said in a comment.
 */
function backupFix(ctx: RuleContext, op: OperationOf<"dml">, table: string): string {
  const sql = migrationDialect(ctx.migration);
  const ident = sql.ident;
  const backup = backupName(ctx.migration, table);
  const copy = sql.copyTable(backup, table);
  const restore = op.verb === "delete" ? `INSERT INTO ${ident(table)} SELECT * FROM ${ident(backup)}` : undefined;
  const narrow = op.verb === "delete" ? "to delete only some rows, add their condition" : "to change only some rows, add their condition";
  const why = op.verb === "delete" ? "so the rows can be restored" : "so the old values can be restored";
  const code = dataCode(ctx.framework, op);
  switch (ctx.framework) {
    case "sql":
      return [`-- keep a copy first, ${why}${restore ? ` (in the down: ${restore};)` : ""}:`, `${copy};`, `-- then the statement (${narrow}):`, code].join("\n");
    case "rails":
      return [`# keep a copy first, ${why}${restore ? ` (in the down: execute ${JSON.stringify(restore)})` : ""}:`, sqlCall("rails", copy), `# then the statement (${narrow}):`, code].join("\n");
    case "alembic":
      return [`# keep a copy first, ${why}${restore ? ` (in downgrade(): op.execute(${JSON.stringify(restore)}))` : ""}:`, sqlCall("alembic", copy), `# then the statement (${narrow}):`, code].join("\n");
    case "django":
      return [
        `# keep a copy first, ${why}, in an operation before this one (on rollback its reverse runs after this one's):`,
        `migrations.RunSQL(`,
        `    ${pythonString(copy)},`,
        `    reverse_sql=${pythonString(restore ? `${restore}; DROP TABLE ${ident(backup)}` : `DROP TABLE ${ident(backup)}`)},`,
        `),`,
        // SQL is repeated as its RunSQL; ORM code stays in the RunPython function it is in
        op.embeddedSql ? `# then the statement (${narrow}):\n${code.replace(/,?$/, ",")}` : `# then the RunPython as it is (${narrow})`,
      ].join("\n");
  }
}

/**
 * Opt-in (`recommended: false`; `rules: { dml-without-where: true }` turns it on with each report's own severity).
 * In a migration an UPDATE or DELETE without WHERE is written, reviewed and merged on purpose: the all-rows change
 * is what the migration is for (a single-row version or settings table bumped every release, `SET email =
 * lower(email)`, transient locks deleted before a unique index, a backfill, a retired feature's rows purged). The
 * missing WHERE is the accident of a hand-typed psql session, not of a reviewed file, and no peer (squawk,
 * strong_migrations, django-migration-linter, Atlas, eugene) reports it. Audited on real repositories it was 0
 * true positives in 23 judged findings (20 false, 3 debatable), and its fix, a `CREATE TABLE x_backup` before the
 * statement, is not what a reviewer asks for and collides when repeated across migrations.
 * What is a hazard in such a statement is reported by the rules whose hazard it is, with the rule off:
 * - a rollback that cannot bring the rows or values back: irreversible-migration (a Rails `change` that would run
 *   `delete_all` again, a RunPython / RunSQL without a reverse, an up without a down, a down that raises) and
 *   empty-down (an empty down after data code migguard cannot read);
 * - its row locks held while a schema change waits or holds its own lock: mixed-ddl-dml;
 * - a TRUNCATE, whose CASCADE empties tables the statement does not name: truncate-table.
 * What stays for a team that wants every all-rows statement shown is this rule, with its notes for the writes that
 * overwrite nothing (a backfill of columns added empty, a copy kept first, every value kept).
 */
export default defineRule({
  meta: {
    id: "dml-without-where",
    databases: ALL_DATABASES,
    category: "data-loss",
    severity: "error",
    recommended: false,
    title: "DELETE or UPDATE without WHERE touches every row",
    why:
      "A DELETE without WHERE empties the table; an UPDATE without WHERE overwrites a column in every row. Neither " +
      "can be undone by a down migration, and both lock every row they touch for the whole migration. Off unless " +
      "enabled: in a reviewed migration the all-rows change is nearly always its purpose (a version table bumped, " +
      "emails normalised, a backfill), and the hazards it can carry are other rules' findings: a rollback that " +
      "cannot restore the data (irreversible-migration, empty-down) and row locks held across a schema change " +
      "(mixed-ddl-dml). Enable it to see every all-rows statement.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "dml")) {
      if (op.hasWhere || !op.table || !existingTable(ctx, op.table, index)) continue;
      // a NOT NULL column without a default proves the table empty when this runs: nothing to delete or overwrite
      // (required-column-without-default names this line)
      if (ctx.facts.emptyProofAt(op.table, index) !== undefined) continue;
      // an UPDATE of a table an earlier DELETE or TRUNCATE of this migration emptied, nothing written since: it overwrites
      // nothing (the emptying statement is the finding)
      if (op.verb === "update" && ctx.facts.emptiedHow(op.table, index) === "emptied") continue;
      if (op.verb === "delete") {
        // the rows were copied elsewhere first (moved to a new table): they are kept, not lost
        if (ctx.facts.backedUpBefore(op.table, undefined, index)) continue;
        ctx.report({
          op,
          message: `DELETE without WHERE removes every row of ${op.table}; a rollback cannot restore them.`,
          fix: backupFix(ctx, op, op.table),
        });
      } else if (op.verb === "update") {
        // a value that keeps the one there (COALESCE(c, ...), a CASE that fills NULLs or adds an absent jsonb key, ELSE c) overwrites nothing
        const kept = (c: string) => op.keepsValues?.some((k) => nameKey(k) === nameKey(c)) ?? false;
        const overwritten = op.columns.filter((c) => !addedBefore(ctx, op.table!, c, index) && !ctx.facts.backedUpBefore(op.table!, c, index) && !kept(c));
        if (op.columns.length > 0 && overwritten.length === 0) continue; // backfill of new columns, or every value kept
        // every column it sets was added by an earlier migration of the same change (pretalx's 0048 sets the state 0047
        // added): the values it overwrites are the ones the change wrote (the default, or NULL), so no data is lost
        if (overwritten.length > 0 && overwritten.every((c) => ctx.facts.change.addedColumnEarlier(ctx.migration, op.table!, c, index))) {
          ctx.report({
            op,
            severity: "info",
            message: `UPDATE without WHERE sets ${overwritten.join(", ")} in every row of ${op.table}, but an earlier migration of this change added ${overwritten.length > 1 ? "them" : "it"}: every value it overwrites is one the change itself wrote (the default, or NULL), so no data is lost. It still locks every row of ${op.table} while it runs.`,
            // ORM code stays in the RunPython function it is in
            fix: `# a backfill of ${overwritten.length > 1 ? "columns" : "a column"} this change added: no copy needed (to change only some rows, add their condition)${ctx.framework === "django" && !op.embeddedSql ? ", the RunPython as it is" : `\n${dataCode(ctx.framework, op)}`}`,
          });
          continue;
        }
        // lint: the migration just before it in its folder added every column it sets, with no default, and nothing
        // wrote them since (linkedevents 0080 fills the search vectors 0079 added): it overwrites only NULLs, assuming
        // both run in one deploy (the boundary empty-down's backfill note reads)
        const firstFill = !ctx.facts.inReviewedChange && overwritten.length > 0 ? firstFillOfAddedColumns(ctx, index, op.table, overwritten) : undefined;
        if (firstFill) {
          const them = overwritten.length > 1 ? "them" : "it";
          const adders = firstFill.addedBy.map((m) => m.path).join(", ");
          ctx.report({
            op,
            severity: "info",
            message: `UPDATE without WHERE sets ${overwritten.join(", ")} in every row of ${op.table}, but ${adders}, the migration just before it, added ${them} with no value and nothing wrote ${them} since: every value it overwrites is NULL, so no data is lost. This assumes both run in one deploy; if code deployed in between may have written ${them}, keep a copy of ${op.table} first. It still locks every row of ${op.table} while it runs.`,
            fix: `${commentMarker(ctx.framework)} the first fill of ${overwritten.length > 1 ? "columns" : "a column"} ${firstFill.addedBy.map((m) => m.path.split("/").pop()).join(", ")} added empty: no copy needed (to change only some rows, add their condition)${ctx.framework === "django" && !op.embeddedSql ? ", the RunPython as it is" : `\n${dataCode(ctx.framework, op)}`}`,
          });
          continue;
        }
        // review with release tags: every column it sets was added, and left unwritten since, by a base migration no
        // release holds yet (linkwarden's createdById, added five days before its backfill, both first in v2.8.0): the
        // two reach production together, so the values it overwrites are the ones that ADD COLUMN put there
        const adders = overwritten.map((c) => ctx.repository.columnAdder(op.table!, c, index));
        const tag = adders.length > 0 && adders.every((a) => a !== undefined) ? ctx.facts.change.unreleasedWithChange(adders[0]!) : undefined;
        if (tag && adders.every((a) => ctx.facts.change.unreleasedWithChange(a!) === tag)) {
          const added = [...new Set(adders.map((a) => migrationLabel(a!.path)))].join(", ");
          const them = overwritten.length > 1 ? "them" : "it";
          ctx.report({
            op,
            severity: "info",
            // the fix stays: a release tag says what self-hosted installs ran, not that nobody deploys the base branch (a cloud that runs main)
            message: `UPDATE without WHERE sets ${overwritten.join(", ")} in every row of ${op.table}, but ${added} added ${them} and no release holds ${adders.length > 1 ? "those migrations" : "that migration"} yet (the newest version tag, ${tag}, does not): ${adders.length > 1 ? "they ship" : "it ships"} in the same release as this one, and nothing wrote ${them} in between, so in a released install every value it overwrites is the one the ADD COLUMN put there (its default, or NULL): no data is lost. Where the base branch itself is deployed (a cloud that runs main), ${overwritten.join(", ")} may hold values written since: take the safe way below there.`,
            fix: backupFix(ctx, op, op.table),
          });
          continue;
        }
        // code that computes which columns it sets (update(**{field: ...})) right after columns were added to the
        // table: a backfill of them is the likely reading, and nothing says an old value is overwritten
        if (op.columns.length === 0 && columnsAddedBefore(ctx, op.table, index)) continue;
        ctx.report({
          op,
          severity: "warning",
          message: `UPDATE without WHERE overwrites ${overwritten.length ? overwritten.join(", ") : "columns"} in every row of ${op.table}; the old values are gone after this migration.`,
          fix: backupFix(ctx, op, op.table),
        });
      }
    }
  },
});
