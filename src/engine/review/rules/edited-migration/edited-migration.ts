import { dedent } from "../../../rules/support/fix.js";
import { changedLines, firstNewLineIn } from "../../history/behaviour.js";
import type { EditPart } from "../../history/edit-judgement.js";
import type { DjangoGraphNode } from "../../history/django-graph.js";
import { liquibaseChangesets } from "../../history/liquibase-changesets.js";
import { POP_HISTORY, runnerHistory } from "../../history/runners.js";
import { keepsIdentity } from "../../history/migration-identity.js";
import type { Migration, ReportedFinding } from "../../../model.js";
import { droppedColumn } from "../../missing-column-drops.js";
import { defineReviewRule, type ChangedMigration, type ReviewRuleContext } from "../../review-rule.js";
import type { EditDifference } from "../../history/edit-differences.js";
import { NewMigrationChain } from "../../../rules/support/new-migration-chain.js";
import type { MigrationPlace } from "../../../rules/support/next-migration.js";
import { folderPrefix } from "../../../paths.js";
import { convergingFix } from "./converge.js";
import { andList } from "../../../in-words.js";
import { djangoMigrationName } from "../../history/django-graph.js";
import { repointedOutside, repointNote } from "./repointed-dependencies.js";
import { newMigrationsKeep } from "./new-migrations-keep.js";
import { LEFT_AS_IT_WAS } from "../../history/edit-differences.js";

/** Revert the edit, from the base the review compared with when it is known. */
function revertFix(baseRef: string | undefined, path: string): string {
  const checkout = baseRef ? `: git checkout ${shellWord(baseRef)} -- ${shellWord(path)}` : " (check this file out as the base branch has it)";
  return `Revert the edit${checkout}; then make the change in a new migration with the next version, so every database gets it the same way.`;
}

/** A word the shell passes as it is: quoted when it holds anything but path characters. */
const shellWord = (word: string) => (/^[\w./@^~:+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

const FIX_CHECKSUM = dedent(`
  Revert the edit and make the change in a new migration. If the edit must stay (a comment, a fix that every
  database already has by hand), realign the stored checksums on each environment before deploying
  (Flyway: \`flyway repair\`; Liquibase: \`liquibase clear-checksums\`; Prisma: \`prisma migrate resolve\`).`);

const shorten = (text: string) => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
};

/** The parts of an edit the database never sees, in words. */
function noEffect(parts: ReadonlySet<EditPart>, options: readonly string[], inlined?: string, stubs?: readonly string[], constants?: readonly string[]): string {
  const words: string[] = [];
  if (parts.has("inlined")) words.push(`constants it imported, now written in the migration with the values the module held on the base branch (${inlined ?? "the same values"})`);
  if (parts.has("regrouped")) words.push("how the same statements are grouped (a change_table block or add_column calls, a safety_assured block: strong_migrations reads it only while migrating), with the same options");
  if (parts.has("down")) words.push("its down (the up that ran is the same; the new down applies to future rollbacks)");
  if (parts.has("imports")) words.push("imports");
  if (parts.has("annotations")) words.push("type annotations (they do not change what the code does)");
  if (parts.has("failure")) words.push("what a rescue clause does before it raises again (its condition, what it logs): the run still stops there and the database does not record it, as before");
  if (parts.has("discarded")) words.push("code that runs nothing (an expression whose value nobody uses, such as a variable read alone on a line, or a `when` branch made only of such expressions that no other branch would take over): the same calls run in the same order");
  if (constants?.length) words.push(`a constant holding only literal values (${constants.join(", ")}), which no code read before the edit`);
  if (parts.has("message")) words.push("the text of an exception it raises (a message for whoever runs it: the run stops there unrecorded, as before)");
  if (stubs?.length)
    words.push(
      `a model class it now defines for itself (${stubs.join("; ")}), which pins the model its code uses so it keeps running on fresh databases after the application's model changes; ` +
        "it maps the same table and declares nothing that changes the rows written (no defaults, callbacks or enums), so the tables and rows it leaves are the same",
    );
  const ignored = options.filter((o) => o.startsWith("foreign_key:"));
  const python = options.filter((o) => !o.startsWith("foreign_key:"));
  if (parts.has("state")) words.push("operations Django applies to its model state only (a SeparateDatabaseAndState's state_operations: Django sends them no statement)");
  if (parts.has("python-options")) words.push(`options Django keeps in Python only${python.length ? ` (${python.join(", ")})` : ""}`);
  if (parts.has("ignored-options")) words.push(`an option Rails ignores${ignored.length ? ` (${ignored.join(", ")})` : ""}`);
  if (parts.has("comments") || words.length === 0) words.push("comments or formatting");
  return `only ${andList(words)}, nothing the database sees`;
}

/** The changed line inside a changed statement, reported alone. */
function pinpoint(base: string, head: string, range: { line: number; endLine: number }): { line: number; endLine: number } {
  const line = firstNewLineIn(base, head, range);
  return { line, endLine: line };
}

function warningFor(part: EditPart, subject: string, what: string, line: number, edited: string, framework: string, revert: string): { message: string; fix: string } {
  const where = `line ${line}: \`${what}\``;
  if (part === "graph")
    return {
      message:
        `${subject} is on the base branch; this edit changes where it sits in the migration graph (${where}). Databases that ran it recorded it ` +
        `under the old graph: ${framework !== "alembic" ? "a dependency on a migration they have not run makes Django stop with InconsistentMigrationHistory" : /\b(?:down_revision|depends_on)\b/.test(what) ? "their alembic_version holds only its id, and Alembic counts every ancestor in the new graph as applied, so a new parent they never ran is skipped there" : "a changed revision id leaves their alembic_version pointing at a revision that no longer exists"}.`,
      fix: "Keep the graph of merged migrations as it is; order new work with a new migration that depends on both.",
    };
  if (part === "unmodelled")
    return {
      message: `${subject} is on the base branch; this edit changes ${where} in a way migguard does not model, so it cannot tell whether the schema changes. ${edited}`,
      fix: `If the edit changes the schema: ${revert} If the database ignores it (an option the adapter drops), nothing to do.`,
    };
  return {
    message:
      `${subject} is on the base branch; this edit changes what its data code does (${where}), not its schema. Databases that already ran it ` +
      `keep the old result; databases that run it from now on (new environments, installations upgrading from an older release) run the new code.`,
    fix: "Make sure both versions leave the data the same (a library swap that reads and writes the same format, say). If databases that already ran it need the new behaviour, write a new data migration for it.",
  };
}

/** Where an edit is reported: its schema change's statement, else the changed lines. */
function editedAt(m: ChangedMigration, lines: { line: number; endLine: number }): { line: number; endLine: number } {
  const schema = m.edit?.details.find((d) => d.part === "schema");
  return schema && schema.loc.line > 1 ? { line: schema.loc.line, endLine: schema.loc.endLine } : lines;
}

/**
 * The note for an edit of a migration whose base version could not run anywhere (a drop of a column its table never
 * had: drop-missing-column's proof on the base branch). Its run stopped at that statement, so no database recorded
 * it and each runs the edited version; reverting the edit would break deploys again. Outside a transaction the
 * statements before the failing one stayed where it was tried.
 */
function neverRan(m: ChangedMigration, failures: readonly ReportedFinding[], version: string): { message: string; fix: string } {
  const first = failures.reduce((a, b) => (b.line < a.line ? b : a));
  const columns = [...new Set(failures.map((f) => droppedColumn(f.message)).filter((c): c is string => c !== undefined))];
  const what = columns.length ? `drops ${columns.slice(0, 3).join(", ")}${columns.length > 3 ? ` and ${columns.length - 3} more` : ""}, which the migrations before it never created` : "has a statement the migrations before it prove fails";
  const partial = m.base?.transactional === false;
  return {
    message:
      `Migration${version} is on the base branch, but its base version ${what} (line ${first.line}): it failed on every database the migrations built, ` +
      `so none recorded it and every database runs the edited version. The edit cannot make databases drift` +
      (partial ? `; it runs outside a transaction, so where it was tried the statements before line ${first.line} stayed and run again.` : "."),
    fix: partial
      ? `Nothing to undo: keep the edit. Where the old version was tried, check that the statements before line ${first.line} can run again (an existence check, IF NOT EXISTS).`
      : "Nothing to do: keep the edit, which repairs a migration no database could run (reverting it breaks deploys again).",
  };
}

function checkLiquibase(ctx: ReviewRuleContext, m: ChangedMigration, baseContent: string, headContent: string): void {
  const before = new Map(liquibaseChangesets(baseContent).map((c) => [c.id, c]));
  const history = runnerHistory("liquibase");
  for (const changeset of liquibaseChangesets(headContent)) {
    const old = before.get(changeset.id);
    before.delete(changeset.id);
    if (!old || old.runOnChange || old.body === changeset.body) continue;
    ctx.report({
      path: m.change.path,
      line: changeset.line,
      statement: `changeset ${changeset.id}`,
      message: `Changeset ${changeset.id} exists on the base branch and was edited. ${history.edited}`,
      fix: FIX_CHECKSUM,
    });
  }
  // changesets that vanished from a file that stays: Liquibase keeps their rows, fresh databases lose them
  for (const gone of before.values()) {
    ctx.report({
      path: m.change.path,
      line: 1,
      statement: `changeset ${gone.id}`,
      message: `Changeset ${gone.id} exists on the base branch and was removed from the changelog: ${history.deleted}`,
      fix: revertFix(ctx.baseRef, m.change.path),
    });
  }
}

export default defineReviewRule({
  meta: {
    id: "edited-migration",
    category: "history",
    severity: "error",
    title: "A migration that is already on the base branch was edited",
    why:
      "A merged migration has run, or will run, on databases you do not control. Runners with checksums " +
      "(Flyway, Liquibase, Prisma) refuse to continue when its content changes; Rails, Django, Alembic, goose, " +
      "golang-migrate and dbmate remember only its version and silently skip the edit on databases that ran it, " +
      "so environments drift apart without an error.",
  },
  check(ctx) {
    // the new migrations of the fixes, per folder: each numbered after the ones before it
    const chains = new Map<string, NewMigrationChain>();
    for (const m of ctx.migrations) {
      // a move that keeps what the runner knows the migration by (renamed-migration.ts) is this migration: its text
      // changed with the move is an edit like any other
      const movedAndEdited =
        m.change.status === "renamed" && m.previousFile !== undefined && m.baseContent !== m.headContent && keepsIdentity({ file: m.previousFile, model: m.base }, { file: m.file, model: m.head }, ctx.railsDatabases);
      if (m.change.status !== "modified" && !movedAndEdited) continue;
      // separate down files, repeatable and verify scripts are meant to change
      if (m.file.role === "down" || m.file.role === "repeatable" || m.file.role === "verify") continue;
      // pop keeps golang-migrate's file names but its own schema_migration table (runners.ts)
      const history = ctx.runsOnPop?.(m.change.path) ? POP_HISTORY : runnerHistory(m.file.layout);
      if (m.file.layout === "liquibase") {
        if (m.baseContent !== undefined && m.headContent !== undefined) checkLiquibase(ctx, m, m.baseContent, m.headContent);
        else ctx.report({ path: m.change.path, line: 1, message: `This Liquibase changelog exists on the base branch and was edited. ${history.edited}`, fix: FIX_CHECKSUM });
        continue;
      }
      const lines = m.baseContent !== undefined && m.headContent !== undefined ? changedLines(m.baseContent, m.headContent) : { line: 1, endLine: 1 };
      const version = m.file.version ? ` ${m.file.version}` : "";
      // no release holds the version the base branch has: production never ran it, only databases that follow the branch
      const release = ctx.unreleased?.(m.change.previousPath ?? m.change.path);
      if (release) {
        ctx.report({
          ...lines,
          path: m.change.path,
          severity: "info",
          message:
            `Migration${version} was edited before any release: the commit that added it to the base branch is in no version tag (the newest is ${release.newestTag}), ` +
            `so production never ran the version the base branch holds. Databases that migrated since it was merged (development, staging, CI) ran that version and keep what it did.`,
          fix: history.checksums
            ? `Nothing to do for production. On each development or staging database that ran it, realign the stored checksum (Flyway: \`flyway repair\`; Liquibase: \`liquibase clear-checksums\`; Prisma: \`prisma migrate resolve\`) or rebuild the database from the migrations.`
            : "Nothing to do for production. On each development or staging database that ran it, roll it back before taking the edit and migrate again, or rebuild the database from the migrations.",
        });
        continue;
      }
      const edit = m.edit;
      // the base version fails on every database its folder's migrations built: none recorded it, nothing can drift
      if (m.baseFailures?.length) {
        ctx.report({ ...editedAt(m, lines), path: m.change.path, severity: "info", ...neverRan(m, m.baseFailures, version) });
        continue;
      }
      // a squashed migration loses its `replaces` once every database ran it: Django's documented last step of a squash
      const squashDone = (m.baseGraph?.replaces.length ?? 0) > 0 && m.headGraph?.replaces.length === 0;
      // and when that is all its text changed, no operation changed: a model difference is in the reading (Baserow
      // 9758c56eb0's 0001_squashed_0038 read as changing column types)
      const replacesRemovedOnly = squashDone && edit?.settingsOnly?.join() === "replaces";
      if (!history.checksums && !replacesRemovedOnly && edit?.parts.has("schema") && edit.differences?.length && m.head) {
        ctx.report({ ...editedAt(m, lines), path: m.change.path, ...schemaEdit(ctx, m, m.head, edit.differences, version, history.edited, chains) });
        continue;
      }
      if (!edit || history.checksums || (edit.parts.has("schema") && !replacesRemovedOnly)) {
        const schema = edit?.details.find((d) => d.part === "schema");
        ctx.report({
          ...(schema && schema.loc.line > 1 ? { line: schema.loc.line, endLine: schema.loc.endLine } : lines),
          path: m.change.path,
          message: `Migration${version} exists on the base branch and was edited${schema ? ` (${shorten(schema.what)})` : ""}. ${history.edited}`,
          fix: history.checksums ? FIX_CHECKSUM : revertFix(ctx.baseRef, m.change.path),
        });
        continue;
      }
      // dependencies only taken away (the taggit app's, with the field that used it): Django's loader raises
      // InconsistentMigrationHistory for an applied migration whose dependency is not applied, which a removal never
      // makes; the graph only orders it more loosely
      const dependenciesOnlyRemoved = dependenciesRemovedOnly(m.baseGraph, m.headGraph);
      // dependencies moved from one migration of an installed package to another (its squash): repointed-dependencies.ts
      const repointed = m.file.framework === "django" ? repointedOutside(m.baseGraph, m.headGraph, djangoMigrationNames(ctx)) : undefined;
      // `.using(<the migration's connection alias>)` added or dropped: the same database where the settings name only
      // one; where they name more (or routers), which database the rows go to is what the data code does
      const oneDatabase = edit.parts.has("connection") ? ctx.oneDjangoDatabase?.() : undefined;
      const details = edit.details
        .filter(
          (d) =>
            !(squashDone && d.part === "graph" && d.what === "replaces") &&
            !(dependenciesOnlyRemoved && d.part === "graph" && d.what === "dependencies") &&
            !(repointed?.settings.has(d.what) && d.part === "graph"),
        )
        .map((d) => (d.part === "connection" && !oneDatabase ? { ...d, part: "data" as const } : d));
      const uncertain = (["graph", "data", "unmodelled"] as const).map((part) => details.find((d) => d.part === part)).find((d) => d !== undefined);
      if (squashDone && !uncertain && !details.some((d) => ["conditional", "extension", "steps", "calls"].includes(d.part))) {
        const at = edit.details.find((d) => d.what === "replaces")?.loc ?? lines;
        ctx.report({
          line: at.line,
          endLine: at.line,
          path: m.change.path,
          severity: "info",
          message:
            `Migration${version} is a squashed migration on the base branch; this edit removes its \`replaces\` list (${m.baseGraph!.replaces.length} migrations), ` +
            `Django's documented last step once every database has run the squash: from now on it is an ordinary migration.`,
          fix: "Nothing to do if every environment (and every installation upgrading from an older release) migrated past the squash; one that still has only some of the replaced migrations must upgrade through the previous release first.",
        });
        continue;
      }
      if (uncertain) {
        const at = uncertain.loc.line > 1 && m.baseContent !== undefined && m.headContent !== undefined ? pinpoint(m.baseContent, m.headContent, uncertain.loc) : lines;
        const code = m.headContent?.split("\n")[at.line - 1]?.trim();
        const what = code && uncertain.what.startsWith("def ") ? `${shorten(code)}\` in \`${uncertain.what}` : shorten(uncertain.what);
        ctx.report({ ...at, path: m.change.path, severity: "warning", ...warningFor(uncertain.part, `Migration${version}`, what, at.line, history.edited, m.file.framework, revertFix(ctx.baseRef, m.change.path)) });
        continue;
      }
      const qualified = edit.details.find((d) => d.part === "qualified");
      if (qualified) {
        const at = qualified.loc.line > 1 && m.baseContent !== undefined && m.headContent !== undefined ? pinpoint(m.baseContent, m.headContent, qualified.loc) : lines;
        const code = m.headContent?.split("\n")[at.line - 1]?.trim();
        ctx.report({
          ...at,
          path: m.change.path,
          severity: "warning",
          message:
            `Migration${version} is on the base branch; this edit only adds or removes the schema qualification of names its up already used (line ${at.line}: \`${shorten(code ?? qualified.what)}\`). ` +
            `Databases that ran the old text found or created those objects through their search_path: where that schema came first, as it usually does, ` +
            `they have the objects the new text names and nothing drifts; where it did not, they have them in another schema than databases that run the new text.`,
          fix:
            m.file.framework === "sql"
              ? `-- on a database that ran the old text: the schema each type and table is in (it should be the one the new text resolves them to)\nSELECT n.nspname, t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'c', 'd')\nUNION ALL\nSELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v')\nORDER BY 2;`
              : "Check on a database that ran the old text that the objects are in the schema the edit names; if some are elsewhere, move them (ALTER ... SET SCHEMA) in a new migration.",
        });
        continue;
      }
      const conditional = edit.details.find((d) => d.part === "conditional");
      if (conditional) {
        const at = conditional.loc.line > 1 ? { line: conditional.loc.line, endLine: conditional.loc.line } : lines;
        ctx.report({
          ...at,
          path: m.change.path,
          severity: "info",
          message:
            `Migration${version} is on the base branch; this edit makes ${shorten(conditional.what)} take its SQL from a function that returns one of several statements, ` +
            `one of them the SQL it ran. Which one runs is decided when it runs (a server version, a setting), so migguard cannot tell whether databases that run it from now on get another schema.`,
          fix: "Nothing to do if the other statements only adapt the same object to another server (a PostgreSQL version). If they build something else, make that change in a new migration.",
        });
        continue;
      }
      const extension = edit.details.find((d) => d.part === "extension");
      if (extension) {
        const at = extension.loc.line > 1 ? { line: extension.loc.line, endLine: extension.loc.endLine } : lines;
        ctx.report({
          ...at,
          path: m.change.path,
          severity: "info",
          message:
            `Migration${version} is on the base branch; this edit adds an extension only if it does not exist (${shorten(extension.what)}). ` +
            `Where the extension exists it does nothing; databases that ran the old version do not get it from here, so what needs it must find it elsewhere there (an earlier migration, the server's setup); fresh databases get it at this step.`,
          fix: "Nothing to do where every database already has the extension. If some may lack it, enable it in a new migration too (CREATE EXTENSION IF NOT EXISTS).",
        });
        continue;
      }
      const unreached = edit.details.find((d) => d.part === "unreached");
      if (unreached) {
        const at = unreached.loc.line > 1 ? { line: unreached.loc.line, endLine: unreached.loc.line } : lines;
        ctx.report({
          ...at,
          path: m.change.path,
          severity: "info",
          message:
            `Migration${version} is on the base branch; this edit changes only what an \`if\` does whose block used to raise (line ${at.line}, in \`${unreached.what}\`), with the same condition. ` +
            `A database that recorded the migration never took that block: the run would have stopped there, unrecorded. So databases that ran the old version hold what the new one leaves where the condition is false; only databases where it is true, which the old version refused, take the new block.`,
          fix: "Nothing to do for the databases that ran it. The new block is new data code: check what it does where the old version refused to run.",
        });
        continue;
      }
      const moved = edit.details.find((d) => d.part === "validated");
      if (moved) {
        const at = moved.loc.line > 1 ? { line: moved.loc.line, endLine: moved.loc.line } : lines;
        const others = ctx.migrations.filter((o) => o !== m && o.edit?.parts.has("validated")).map((o) => o.change.path);
        ctx.report({
          ...at,
          path: m.change.path,
          severity: "info",
          message:
            `Migration${version} is on the base branch; this edit (${shorten(moved.what)}), with the edits of ${others.length ? others.join(", ") : "the other edited migrations"}, only moves when constraints are validated: ` +
            `a constraint added NOT VALID and validated by a later migration ends as the same validated constraint as one added validated, so databases that ran the old versions have the schema fresh ones build.`,
          fix: "Nothing to do for the schema, as long as these edits land together. The new steps are checked as new code: validating at creation scans the table, which matters only if it holds rows then.",
        });
        continue;
      }
      const steps = edit.details.find((d) => d.part === "steps");
      if (steps) {
        const at = steps.loc.line > 1 ? { line: steps.loc.line, endLine: steps.loc.line } : lines;
        ctx.report({
          ...at,
          path: m.change.path,
          severity: "info",
          message:
            `Migration${version} is on the base branch; this edit changes the steps of its up (${shorten(steps.what)}) but not where they end: ` +
            `both versions leave the same views and indexes and drop the same tables, so databases that ran the old version have the schema the new one builds.`,
          fix: "Nothing to do for the schema. The new steps are checked as new code: their locks apply to the databases that have not run it yet.",
        });
        continue;
      }
      const rows = edit.details.find((d) => d.part === "rows");
      if (rows) {
        const at = rows.loc.line > 1 && m.baseContent !== undefined && m.headContent !== undefined ? pinpoint(m.baseContent, m.headContent, rows.loc) : lines;
        ctx.report({
          ...at,
          path: m.change.path,
          severity: "info",
          message:
            `Migration${version} is on the base branch; this edit changes only how its data code walks the rows or what result type it declares to the ORM ` +
            `(line ${at.line}: ${rows.what}), not which rows it changes or how: batched or not, the same rows get the same change, so databases that ran the old version hold what the new one writes.`,
          fix:
            "Nothing to do. One difference to know: a batched loop reads each batch when it gets there, so a row the loop itself changed or deleted " +
            "before reaching it is read as it is then, where the old loop had loaded every row at the start.",
        });
        continue;
      }
      const connection = oneDatabase ? details.find((d) => d.part === "connection") : undefined;
      if (connection && oneDatabase) {
        const at = connection.loc.line > 1 && m.baseContent !== undefined && m.headContent !== undefined ? pinpoint(m.baseContent, m.headContent, connection.loc) : lines;
        ctx.report({
          ...at,
          path: m.change.path,
          severity: "info",
          message:
            `Migration${version} is on the base branch; this edit only names the connection its data code already runs on (line ${at.line}: ${connection.what}, the alias of schema_editor.connection): ` +
            `the project's settings name one database (DATABASES has only "${oneDatabase.alias}": ${oneDatabase.readIn.join(", ")}; no DATABASE_ROUTERS), so every manager wrote to it before and writes to it now. ` +
            `Databases that ran the old version hold what the new one writes.`,
          fix: "Nothing to do. Should the project add a database or a router later, the new text is the one that writes to the database being migrated.",
        });
        continue;
      }
      const swap = edit.details.find((d) => d.part === "calls");
      if (swap) {
        const at = swap.loc.line > 1 && m.baseContent !== undefined && m.headContent !== undefined ? pinpoint(m.baseContent, m.headContent, swap.loc) : lines;
        const swaps = edit.swaps.map((s) => s.replace(" -> ", " → "));
        ctx.report({
          ...at,
          path: m.change.path,
          severity: "info",
          message:
            `Migration${version} is on the base branch; this edit only swaps the functions its data code calls, with the same arguments ` +
            `(${swaps.slice(0, 3).join(", ")}${swaps.length > 3 ? ", ..." : ""}): a library or API swap. If the new functions do what the old ones did, ` +
            `databases that run it from now on get the data the others got.`,
          fix: "Nothing to do if the new functions read and write the same format. If they do not, databases that already ran it need a new data migration.",
        });
        continue;
      }
      const repoint = repointed ? edit.details.find((d) => d.part === "graph" && repointed.settings.has(d.what)) : undefined;
      if (repointed && repoint) {
        const at = repoint.loc.line > 1 && m.baseContent !== undefined && m.headContent !== undefined ? pinpoint(m.baseContent, m.headContent, repoint.loc) : lines;
        const rest = [...edit.parts].filter((p) => p !== "graph" && p !== "comments");
        ctx.report({ ...at, path: m.change.path, severity: "info", ...repointNote(repointed, version, at.line, rest.length ? noEffect(new Set(rest), edit.options) : undefined) });
        continue;
      }
      // dependencies taken away: a change of the graph all the same (the order fresh databases run it in), never of what it did
      const loosened = dependenciesOnlyRemoved ? edit.details.find((d) => d.part === "graph" && d.what === "dependencies") : undefined;
      if (loosened) {
        ctx.report({ ...(loosened.loc.line > 1 ? { line: loosened.loc.line, endLine: loosened.loc.line } : lines), path: m.change.path, severity: "info", ...removedDependencies(m.baseGraph!, m.headGraph!, version, edit.parts, edit.options) });
        continue;
      }
      // a model class it now defines: reported where the class starts, not at a comment above it
      const stub = edit.details.find((d) => d.part === "stub" && d.loc.line > 1);
      ctx.report({
        ...(stub ? { line: stub.loc.line, endLine: stub.loc.line } : lines),
        path: m.change.path,
        severity: "info",
        message: `Migration${version} is on the base branch; this edit changes ${noEffect(
          edit.parts,
          edit.options,
          edit.details.find((d) => d.part === "inlined")?.what,
          edit.details.filter((d) => d.part === "stub").map((d) => d.what),
          [...new Set(edit.details.filter((d) => d.part === "constant").map((d) => d.what))],
        )}.`,
        fix: edit.parts.has("stub")
          ? "Nothing to do: databases that ran it are unaffected and fresh ones get the same tables. A model class defined in the migration is the usual way to keep it independent of the application's model; keep it free of callbacks and defaults."
          : "Nothing to do: databases that ran it are unaffected. Keep merged migrations importable when code moves, and make schema changes in a new migration.",
      });
    }
  },
});

/**
 * The note for an edit that only takes dependencies away (dependenciesRemovedOnly), with what else it changes that
 * the database never sees. It moves the migration in the graph: looser, so databases that ran it are unaffected, but
 * fresh databases no longer wait for those migrations before it.
 */
function removedDependencies(base: DjangoGraphNode, head: DjangoGraphNode, version: string, parts: ReadonlySet<EditPart>, options: readonly string[]): { message: string; fix: string } {
  const kept = new Set(head.dependencies.map((d) => `${d.app}.${d.name}`));
  const removed = base.dependencies.map((d) => `${d.app}.${d.name}`).filter((d) => !kept.has(d));
  const list = andList(removed);
  const many = removed.length > 1;
  const rest = [...parts].filter((p) => p !== "graph" && p !== "comments");
  return {
    message:
      `Migration${version} is on the base branch; this edit removes its dependenc${many ? "ies" : "y"} on ${list}, which changes where it sits in the migration graph. ` +
      `Only loosely: databases that ran it are unaffected (Django stops with InconsistentMigrationHistory only when an applied migration depends on one that is not applied, which a removal never makes), ` +
      `but databases that migrate from now on no longer run ${many ? "those" : "that migration"} first, so it may run before ${many ? "them" : "it"}.` +
      (rest.length ? ` Besides, the edit changes ${noEffect(new Set(rest), options)}.` : ""),
    fix: `Nothing to do for databases that ran it. If it needs what ${list} make${many ? "" : "s"} (a table, a column, rows), depend on ${many ? "them" : "it"} again, or on a later migration of that app that stays.`,
  };
}

/**
 * The edit removes some of the migration's `dependencies` and adds none (a swappable_dependency neither), and leaves
 * `replaces` alone.
 */
function dependenciesRemovedOnly(base: DjangoGraphNode | undefined, head: DjangoGraphNode | undefined): boolean {
  if (!base || !head || head.dependencies.length >= base.dependencies.length) return false;
  const pair = (d: { app: string; name: string }) => `${d.app}\u0000${d.name}`;
  const before = new Set(base.dependencies.map(pair));
  const sameReplaces = base.replaces.map(pair).join("\n") === head.replaces.map(pair).join("\n");
  const others = new Set(base.otherDependencies ?? []);
  return sameReplaces && head.dependencies.every((d) => before.has(pair(d))) && (head.otherDependencies ?? []).every((o) => others.has(o));
}

/**
 * A schema edit, difference by difference (edit-differences.ts): an error where old and fresh databases can fail
 * differently (a column, index, type, NOT NULL only one has), a warning where only what an insert that omits a
 * nullable column gets differs. The fix converges the old databases to the edited version in a new migration.
 */
function schemaEdit(ctx: ReviewRuleContext, m: ChangedMigration, head: Migration, all: readonly EditDifference[], version: string, edited: string, chains: Map<string, NewMigrationChain>): { message: string; fix: string; severity: "error" | "warning" | "info" } {
  // the change's new migrations run on both kinds of database: what they add again where missing is no drift
  const keeps = newMigrationsKeep(head, all, ctx.migrations.filter((o) => o.change.status === "added" && o.head).map((o) => o.head!));
  const keptWords = keeps.kept.length
    ? ` The columns it takes out, ${andList(keeps.kept.map((k) => k.column))}, ${andList([...new Set(keeps.kept.map((k) => k.by))])} of this change adds again where they are missing, so every database ends with them.`
    : "";
  if (keeps.rest.length === 0 && keeps.maybe.length === 0)
    return {
      severity: "info",
      message: `Migration${version} is on the base branch; this edit moves columns out of it into a new migration of the same change.${keptWords} Databases that ran the old version keep them and the new migration skips them; databases that run the edited version get them from the new migration.`,
      fix: "Nothing to do: both histories end with the same columns. Never drop them to \"align\" the databases: the new migration keeps them.",
    };
  const differences = [
    ...keeps.rest,
    ...[...new Set(keeps.maybe.map((k) => `${k.by}\u0000${k.unread}`))].map((key) => {
      const group = keeps.maybe.filter((k) => `${k.by}\u0000${k.unread}` === key);
      const columns = [...new Set(group.map((k) => k.column))];
      return {
        words: `removes the column${columns.length > 1 ? "s" : ""} ${andList(columns)}, which the new migration ${group[0].by} may add again (${group[0].unread})`,
        breaking: false,
        converge: { kind: "none" as const },
        loc: { line: 1, endLine: 1 },
      };
    }),
  ];
  const words = differenceWords(differences);
  const list = words.length > 1 ? `${words.slice(0, -1).join("; ")}; and ${words[words.length - 1]}` : words[0];
  const breaking = differences.some((d) => d.breaking);
  const verdict = breaking
    ? "An error: what one kind of database has and the other lacks can make a statement that works on one fail on the other."
    : keeps.maybe.length > 0 && differences.every((d) => d.converge.kind === "none")
      ? "A warning: if the new migration adds them to the same table where they are missing, every database ends with them; migguard cannot read all of it, so it suggests dropping nothing."
      : differences.every((d) => d.converge.kind === "none")
      ? "A warning: as far as migguard reads the two versions, the databases keep nothing that differs (an option it does not model may)."
      : "A warning: nothing fails on either kind of database, but an insert that omits the column gets a different value (the old default where the old version ran; where the edited one ran, its default, or NULL when it sets none).";
  const revert = `${head.framework === "sql" ? "--" : "#"} Or, if the edit was not meant to change the schema: ${revertFix(ctx.baseRef, m.change.path)}`;
  return {
    severity: breaking ? "error" : "warning",
    message: `Migration${version} exists on the base branch and was edited: the edit ${list}. ${edited} ${verdict}${keptWords}`,
    // Alembic: the new revision follows the head, which the listing does not name (placeOf)
    fix: convergingFix(head.framework === "alembic" ? { ...head, revision: undefined } : head, differences, placeOf(ctx, m, head, chains), revert),
  };
}

/**
 * The differences in words, each said once: calls rewritten in ways that leave their columns as they were (a guard
 * added around each of 32 `t.jsonb` calls) are one phrase, not one each.
 */
function differenceWords(differences: readonly EditDifference[]): string[] {
  const unchanged = differences.filter((d) => !d.breaking && d.converge.kind === "none" && d.words.endsWith(LEFT_AS_IT_WAS));
  const words = [...new Set(differences.filter((d) => !unchanged.includes(d)).map((d) => d.words))];
  const calls = [...new Set(unchanged.map((d) => d.words.slice("changes ".length, -LEFT_AS_IT_WAS.length)))];
  if (calls.length === 1) words.push(`changes ${calls[0]}${LEFT_AS_IT_WAS}`);
  else if (calls.length > 1) words.push(`changes ${calls.length} calls (${calls.slice(0, 3).join(", ")}${calls.length > 3 ? ", ..." : ""}) in ways that leave their columns as they were`);
  return words;
}

/** Where the new migration goes: after the newest migration of the folder (base branch and change), after the other fixes'. */
function placeOf(ctx: ReviewRuleContext, m: ChangedMigration, head: Migration, chains: Map<string, NewMigrationChain>): MigrationPlace {
  const folder = folderPrefix(m.change.path);
  let chain = chains.get(folder);
  if (!chain) chains.set(folder, (chain = new NewMigrationChain()));
  // Alembic orders revisions by down_revision, not by file name: which revision is the head is not in the listing
  if (head.framework === "alembic") return { newestInFolder: { ...head, revision: undefined }, newMigrationChain: chain };
  const files = [...(ctx.baseMigrations ?? []), ...ctx.migrations.filter((o) => o.change.status !== "removed").map((o) => o.file)].filter(
    (f) => folderPrefix(f.path) === folder && f.framework === head.framework && f.role !== "down" && f.version !== undefined,
  );
  const later = (a: string, b: string) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? BigInt(a) > BigInt(b) : a > b);
  const newest = files.reduce<(typeof files)[number] | undefined>((a, f) => (a === undefined || later(f.version!, a.version!) ? f : a), undefined);
  const anchor: Migration = newest && newest.path !== head.path ? { ...head, path: newest.path, version: newest.version, name: newest.name ?? head.name } : head;
  return {
    newestInFolder: anchor,
    folderVersions: files.map((f) => f.version),
    djangoLeaves: head.framework === "django" ? [anchor] : undefined,
    // without the base branch's listing, later migrations of the app may exist unseen
    djangoGraphPartial: ctx.baseMigrations === undefined,
    newMigrationChain: chain,
  };
}

/** The names of the repository's Django migrations (base branch and change); undefined without the base branch's listing. */
function djangoMigrationNames(ctx: ReviewRuleContext): Set<string> | undefined {
  if (!ctx.baseMigrations) return undefined;
  const files = [...ctx.baseMigrations, ...ctx.migrations.map((m) => m.file)].filter((f) => f.framework === "django");
  return new Set(files.map((f) => djangoMigrationName(f.path)));
}
