/**
 * A column the migration adds that the new code's models already read, under a deploy that puts the new code live
 * before the migration runs (deploy/code-first.ts: manage.get.gov pushes with `cf push`, then runs `manage.py
 * migrate` as a task). Between the two, every query of the model selects a column that is not there yet.
 * The signal is solid for a Django field on an existing table: Django selects every concrete field of a model in
 * every query of it (`Domain.objects.filter(...)`, a related object's fetch), so the model's pages fail, not only the
 * new feature's. Not reported:
 * - a table the migration creates: only the code paths that use the new model read it, often the feature that is not
 *   reachable yet, and migguard cannot tell which;
 * - a field the model at head no longer declares (a later change removed it), or declares only through a base class
 *   migguard does not read: nothing shows the new code reads it;
 * - a model nothing in the code at head queries, when that code was read whole (model-queries.ts: manage.get.gov's
 *   DnsRecord at 2fb87f2c24, declared for a feature whose views came in later pull requests);
 * - Rails (Active Record reads the columns the table has, so new code on the old schema reads none it lacks) and plain
 *   SQL (the code is not known).
 * A Prisma migration counts the same way when the schema at head declares the column's field (prisma-readers.ts).
 * Alembic counts the same way as Django: a SQLAlchemy class (or Table()) at head that maps the added column selects it
 * in every query of the table (alembic-readers.ts).
 * The finding's hazard is `new-code`: shown only when the deploy is read (or configured) as code-before-migrate.
 */
import type { OperationOf } from "../../model.js";
import { djangoTable, type DjangoModel } from "../../code/django-models.js";
import { djangoAppOf } from "../../paths.js";
import { nameKey } from "../support/facts.js";
import { keywordText, keywordTruthy, withKeyword } from "../support/python-call.js";
import { alembicTable, pythonString } from "../support/embed-sql.js";
import { defineRule } from "../support/rule.js";
import { existingTable, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";
import { sqlalchemyReader } from "./alembic-readers.js";
import { prismaExpandFix, prismaReader } from "./prisma-readers.js";
import { djangoModelsAtHead, firstQueryOf, type ModelUse } from "./model-queries.js";

type AddColumn = OperationOf<"add_column">;

/** The concrete model at head that declares the added field, if one does (`models`: the app's, read from its model files). */
function readingModel(models: readonly DjangoModel[], app: string, op: AddColumn): { model: DjangoModel; field: string } | undefined {
  const model = op.ormModel?.toLowerCase();
  const field = op.ormField ?? op.column.name;
  const found = models.find(
    (m) =>
      !m.abstract &&
      m.appLabel === app &&
      (m.className.toLowerCase() === model || nameKey(djangoTable(m)) === nameKey(op.table)) &&
      m.fields.some((f) => f.name === field || f.column === op.column.name),
  );
  return found ? { model: found, field } : undefined;
}

/**
 * Expand first: the column reaches the database a release before the code that reads it. Release 1 adds it to the
 * database only (Django's state, and so makemigrations, do not know it yet), NULL-able so that release's inserts, which
 * leave it out, keep working; release 2 ships the model field with a migration that tells Django's state, and makes
 * it NOT NULL (Django fills the NULLs with the field's default) once only code that sets it runs.
 */
function expandFix(op: AddColumn): string {
  const def = op.ormFieldDef;
  const model = pythonString(op.ormModel ?? op.table);
  const name = pythonString(op.ormField ?? op.column.name);
  const nullable = def !== undefined && (keywordTruthy(def, "null") === true || keywordText(def, "db_default") !== undefined);
  const expanded = def && !nullable ? withKeyword(def, "null", "True") : def;
  if (!def || !expanded)
    return [
      `# the new code is live before \`migrate\` runs: ship this migration in a release of its own, before the code that reads ${op.column.name},`,
      `# or run \`manage.py migrate\` before the code is pushed (migguard could not read the field of ${op.ormField ?? op.column.name} to write the two releases)`,
    ].join("\n");
  const field = expanded.replace(/\s*\n\s*/g, " ");
  const addField = `migrations.AddField(model_name=${model}, name=${name}, field=${field})`;
  return [
    `# the new code is live before \`migrate\` runs (the deploy pushes it first): the column ships a release ahead of the code that reads it.`,
    `# Release 1, this migration, with the model field left out of the code: the column reaches the database only${nullable ? "" : " (NULL-able: that release's inserts leave it out)"}:`,
    `migrations.SeparateDatabaseAndState(`,
    `    database_operations=[${addField}],`,
    `    state_operations=[],`,
    `),`,
    `# Release 2, with the model field, a new migration that tells Django's state${nullable ? "" : ", then makes it NOT NULL (Django fills NULLs with the default)"}:`,
    `migrations.SeparateDatabaseAndState(`,
    `    state_operations=[${addField}],`,
    `    database_operations=[],`,
    `),`,
    ...(nullable ? [] : [`migrations.AlterField(model_name=${model}, name=${name}, field=${def.replace(/\s*\n\s*/g, " ")}),`]),
    `# or run \`manage.py migrate\` before the code is pushed, in one release`,
  ].join("\n");
}

/**
 * Alembic, expand first: this revision ships a release ahead of the model that maps the column. A NOT NULL column
 * without a default is added NULL-able there (that release's inserts leave it out) and made NOT NULL by a revision of
 * the next release, once its rows have a value.
 */
function alembicExpandFix(op: AddColumn): string {
  const c = op.column;
  const relaxed = c.notNull && !c.default ? withKeyword(op.text, "nullable", "True", (callee) => /(?:^|\.)Column$/.test(callee)) : op.text.trim();
  const intro = "# the new code is live before `alembic upgrade` runs (the deploy pushes it first): the column ships a release ahead of the model that maps it.";
  if (!relaxed)
    return [intro, `# Release 1: this revision, with ${c.name} left out of the model; release 2: the model maps ${c.name}. Or run \`alembic upgrade head\` before the code is pushed.`].join("\n");
  const table = alembicTable(op.table);
  return [
    intro,
    `# Release 1: this revision, with ${c.name} left out of the model${relaxed === op.text.trim() ? "" : " (NULL-able: that release's inserts leave it out)"}:`,
    relaxed,
    ...(relaxed === op.text.trim()
      ? [`# Release 2: the model maps ${c.name}. Or run \`alembic upgrade head\` before the code is pushed, in one release`]
      : [
          `# Release 2: the model maps ${c.name}, and a new revision makes it NOT NULL once every row has a value (fill the rows release 1 inserted first):`,
          `op.alter_column(${table.name}, ${pythonString(c.name)}${table.schema}, nullable=False)`,
        ]),
  ].join("\n");
}

export default defineRule({
  meta: {
    id: "new-code-before-migration",
    databases: ALL_DATABASES,
    category: "breaking-change",
    severity: "error",
    hazard: "new-code",
    title: "The new code reads a column before the migration adds it",
    why:
      "Some deploys put the new code live first and run the migrations after it (Cloud Foundry's `cf push` followed by " +
      "`cf run-task ... migrate`, a Helm post-upgrade hook). Between the two, the new code runs on the old schema: a " +
      "Django model selects every field it declares in every query, so a field the migration adds makes each query of " +
      "that model fail with `column does not exist` until the migration has run. Shown only when the deploy is read, or " +
      "configured, as code-before-migrate.",
    frameworks: ["django", "alembic", "sql"],
  },
  check(ctx) {
    // plain SQL: only a Prisma migration, whose schema says what the client selects
    if (ctx.framework === "sql") {
      if (ctx.migration.layout !== "prisma") return;
      for (const { op, index } of upOps(ctx, "add_column")) {
        if (!existingTable(ctx, op.table, index)) continue;
        const reader = prismaReader(ctx, op);
        if (!reader) continue;
        ctx.report({
          op,
          message:
            `New code is live before this migration runs: ${reader.model} (${reader.at}) declares ${reader.field}, so Prisma's client selects ${op.table}.${op.column.name} in every query of ${reader.model}, ` +
            `which fails until the migration has run; its pages fail between the deploy of the code and the migration. ` +
            `Deploy the migration first (expand) in its own release, or run the migrations before the code is pushed.`,
          fix: prismaExpandFix(ctx, op, reader.field),
        });
      }
      return;
    }
    if (ctx.framework === "alembic") {
      for (const { op, index } of upOps(ctx, "add_column")) {
        if (!existingTable(ctx, op.table, index)) continue;
        const reader = sqlalchemyReader(ctx, op);
        if (!reader) continue;
        ctx.report({
          op,
          message:
            `New code is live before this migration runs: ${reader} maps ${op.column.name}, so every query of ${op.table} selects ${op.table}.${op.column.name}, ` +
            `which does not exist until the migration has run; its pages fail between the deploy of the code and the migration. ` +
            `Deploy the migration first (expand) in its own release, or run the migrations before the code is pushed.`,
          fix: alembicExpandFix(op),
        });
      }
      return;
    }
    const added = upOps(ctx, "add_column").filter(({ op, index }) => op.ormModel && existingTable(ctx, op.table, index));
    if (added.length === 0) return;
    // the app's models at head, and the code at head when it was read whole: no model file, no model declares the fields
    const head = djangoModelsAtHead(ctx);
    if (!head) return;
    const { models, modelPaths, code } = head;
    const app = djangoAppOf(ctx.migration.path);
    // several added columns may belong to one model: the code is searched for its queries once
    const queries = new Map<DjangoModel, ModelUse | undefined>();
    const queried = (model: DjangoModel) => (queries.has(model) ? queries.get(model) : queries.set(model, firstQueryOf(model, models, code, modelPaths)).get(model));
    for (const { op } of added) {
      const reading = readingModel(models, app, op);
      if (!reading) continue;
      const { className, path } = reading.model;
      // nothing in the code at head queries the model: no page reads the column before the migration adds it (as for
      // a table the migration creates, the code that starts to query it ships with or after it)
      if (code.length > 0 && !queried(reading.model)) continue;
      ctx.report({
        op,
        message:
          `New code is live before this migration runs: ${className} (${path}) declares ${reading.field}, so every query of ${className} ` +
          `selects ${op.table}.${op.column.name}, which does not exist until the migration has run; its pages fail between the deploy of the code and the migration. ` +
          `Deploy the migration first (expand) in its own release, or run migrate before the step that puts the new code live (the deploy line names it).`,
        fix: expandFix(op),
      });
    }
  },
});
