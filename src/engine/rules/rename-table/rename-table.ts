import { defineRule, type Report, type RuleContext } from "../support/rule.js";
import { andList } from "../../in-words.js";
import { commentMarker, modelName, sym } from "../support/fix.js";
import { renderFix, type FixSteps } from "../support/fix-steps.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { calleeOf, keywordText } from "../support/python-call.js";
import type { Operation, OperationOf } from "../../model.js";
import { withKeyword } from "../support/python-call.js";
import { pythonString, rubyString } from "../support/embed-sql.js";
import { reindented } from "../support/data-code.js";
import { nameKey } from "../support/facts.js";
import { firstAfter, positionsBy } from "../support/positions.js";
import { existingTable, upOps } from "../support/scope.js";
import { carriedRenamesNote, renamedToFinalName, renamesCarryingNewName, renamesNameGivenEarlier } from "../support/renamed-within-migration.js";
import { ALL_DATABASES } from "../support/databases.js";
import { dropsInMigration, firstLaterDrop, type DropsInMigration } from "./later-drops.js";
import { tableRecreated, type Recreation } from "../support/recreated-later.js";
import { railsModelBase } from "../support/rails-version.js";
import { unusedModelAtBase } from "../support/unused-model-at-base.js";
import { djangoTable } from "../../code/django-models.js";
import { codeFirstRenameHeader, codeFirstRenameMessage } from "../support/code-first-rename.js";
import { djangoModelsAtHead, firstQueryOf } from "../new-code-before-migration/model-queries.js";
import { importsHeader } from "../support/fix-imports.js";

/** A view or table created under this name. */
function viewOrTableCreated(op: Operation): string | undefined {
  if (op.kind === "create_object" && op.objectType === "view" && op.name !== undefined) return nameKey(op.name);
  return op.kind === "create_table" ? nameKey(op.table) : undefined;
}

/**
 * Django keeps a table's name with the model's Meta.db_table; the join table Django creates for a ManyToManyField
 * has no model of its own, so its name is kept with the field's `db_table=` (the adapter names that field).
 */
function djangoFix(ctx: RuleContext, op: OperationOf<"rename_table">, renamedColumns: readonly OperationOf<"rename_column">[] = []): string {
  const field = op.frameworkCall === "ManyToManyField" && op.ormFieldDef ? withKeyword(reindented(op.ormFieldDef.trim()), "db_table", pythonString(op.table)) : undefined;
  if (field && op.ormModel && op.ormField)
    return [
      // the field as the migration that defined it wrote it may read names this one does not import
      ...importsHeader(ctx, field),
      `# ${op.table} is the join table of the ManyToManyField ${op.ormModel}.${op.ormField}: keep its name on the field instead of renaming it`,
      `migrations.AlterField(`,
      `    model_name=${pythonString(op.ormModel.toLowerCase())},`,
      `    name=${pythonString(op.ormField)},`,
      `    field=${field.replace(/\n/g, "\n    ")},`,
      `),`,
    ].join("\n");
  return renamedModelFix(op, renamedColumns) ?? "";
}

/**
 * RenameModel: the model renamed in Django's state only, its table kept by name (Meta.db_table), so nothing in the
 * database changes. Undefined for another operation (AlterModelTable names the new table itself).
 */
function renamedModelFix(op: OperationOf<"rename_table">, renamedColumns: readonly OperationOf<"rename_column">[]): string | undefined {
  if (calleeOf(op.text)?.replace(/^migrations\./, "") !== "RenameModel") return undefined;
  const newModel = keywordText(op.text, "new_name");
  if (!newModel) return undefined;
  const inState = (text: string) => `        ${text.trim().replace(/,\s*$/, "").replace(/\n/g, "\n        ")},`;
  // the migration's RenameField of a column of the table (Baserow 0022's dropdown -> choice): the same old code
  // fails on the new column name, so the column keeps its name too, with db_column on the renamed field
  const columns = renamedColumns.flatMap((c) => {
    const newField = keywordText(c.text, "new_name");
    const model = keywordText(c.text, "model_name");
    const field = c.ormFieldDef && newField && model ? withKeyword(reindented(c.ormFieldDef.trim()), "db_column", pythonString(c.column)) : undefined;
    return field && newField ? [{ c, lines: [inState(c.text), inState(`migrations.AlterField(model_name=${model}, name=${newField}, field=${field})`)], note: `${c.column} (db_column=${pythonString(c.column)} on ${newField.replace(/^["']|["']$/g, "")})` }] : [];
  });
  return [
    `# keep the table ${op.table}: rename the model in Django's state only, its table named in Meta.db_table`,
    ...(columns.length ? [`# and keep the column${columns.length > 1 ? "s" : ""} ${columns.map((x) => x.note).join(", ")}: move the RenameField${columns.length > 1 ? "s" : ""} (line ${columns.map((x) => x.c.loc.line).join(", ")}) in here`] : []),
    `migrations.SeparateDatabaseAndState(`,
    `    state_operations=[`,
    inState(op.text),
    `        migrations.AlterModelTable(name=${newModel}, table=${pythonString(op.table)}),`,
    ...columns.flatMap((x) => x.lines),
    `    ],`,
    `),`,
    `# and in the model: class Meta: db_table = ${pythonString(op.table)}`,
  ].join("\n");
}

/**
 * The columns this migration renames on the table after renaming it (funnel's ccfad4d5e383: proposal_space to project,
 * then project.status to state): the same old code that queries the old table breaks on them, so this finding tells
 * them (Report.folds) and rename-column's findings on them are dropped while it is shown. On PostgreSQL the view of the
 * fix, made before those renames, keeps their old names (a view's columns are named when it is made).
 */
function columnsRenamedAfter(ctx: RuleContext, op: OperationOf<"rename_table">, index: number, names: readonly string[], viewAfterLine?: number): NonNullable<Report["folds"]> | undefined {
  const keys = new Set(names.map(nameKey));
  const ops = ctx.migration.up.slice(index + 1).filter((o): o is OperationOf<"rename_column"> => o.kind === "rename_column" && keys.has(nameKey(o.table)));
  if (ops.length === 0) return undefined;
  const listed = andList([...new Set(ops.map((o) => `${o.column} to ${o.newName} (line ${o.loc.line})`))]);
  const [it, its, oldNames] = ops.length === 1 ? ["it", "its", "name"] : ["them", "their", "names"];
  // the view goes after this migration's drops (viewPlace): a rename before them is in the view's column names
  const renamedFirst = viewAfterLine !== undefined && ops.some((o) => o.loc.line < viewAfterLine);
  const view = renamedFirst
    ? `the view of the fix, made after line ${viewAfterLine}, has the new ${oldNames} and must select ${it} under ${its} old ${oldNames}`
    : ctx.migration.database === "postgresql"
      ? `the view of the fix, made before ${it}, keeps ${its} old ${oldNames} as well (PostgreSQL names a view's columns when it is made)`
      : `the view of the fix must select ${it} under ${its} old ${oldNames}`;
  return {
    ops,
    rules: ["rename-column"],
    sentence: ` This migration then renames ${ops.length === 1 ? "a column" : "columns"} of ${op.newName} too, ${listed}: the same old code fails on ${it}, one hazard with this one, and ${view}.`,
  };
}

/**
 * A later step of the same change creates a table under the old name (tournesol's backoffice 0012 CreateModel
 * re-creates backoffice_faq* after faq 0006 renamed them away): no deployed code runs between the two, and a view
 * under that name would make that step fail ("already exists"), so no fix proposes one. Where it is ("" when only the
 * change's plan knows, another app's migration), or undefined when no step of the change takes the name.
 */
function nameTakenInChange(ctx: RuleContext, taken: Recreation | undefined, table: string, index: number): string | undefined {
  // this migration, the very next one (e-petitions' 20150618144922 right after 20150618143114), or one of the change:
  // no release runs between them, so a view would hold the name only for that migration to drop it again
  if (taken && (taken.sameChange || taken.sameMigration || ctx.repository.laterInFolder[0] === taken.migration)) return taken.where;
  return ctx.facts.change.createsTableLater(ctx.migration, index, table) ? "" : undefined;
}

/** The rename in the migration's framework (Django: the operation as written, or its SQL with its reverse), as every fix writes it. */
function renameStatement(ctx: RuleContext, op: OperationOf<"rename_table">): string {
  const sql = migrationDialect(ctx.migration);
  const [from, to] = [sql.ident(op.table), sql.ident(op.newName)];
  switch (ctx.framework) {
    case "sql":
      return `ALTER TABLE ${from} RENAME TO ${to};`;
    case "rails":
      return `rename_table ${sym(op.table)}, ${sym(op.newName)}`;
    case "django":
      return op.embeddedSql ? `migrations.RunSQL(${pythonString(`ALTER TABLE ${from} RENAME TO ${to}`)}, reverse_sql=${pythonString(`ALTER TABLE ${to} RENAME TO ${from}`)}),` : `${op.text.trim().replace(/,\s*$/, "")},`;
    case "alembic":
      return `op.rename_table(${pythonString(op.table)}, ${pythonString(op.newName)})`;
  }
}

/** The rename as written, without a view: a later migration of the change takes the old name. */
function renameOnly(ctx: RuleContext, op: OperationOf<"rename_table">, where: string | undefined): FixSteps {
  const comment = commentMarker(ctx.framework);
  const note = `${comment} no view under ${op.table}: ${where ?? "a later migration of this change"} creates a table named ${op.table}, which a view of that name would make fail ("already exists"); ship this change once no running code uses ${op.table}`;
  return { inPlace: [note, renameStatement(ctx, op)].join("\n"), steps: [] };
}

/** The rename as written, without a view: this migration drops the renamed table later, which a view over it would make fail. */
function droppedHere(ctx: RuleContext, op: OperationOf<"rename_table">, line: number): FixSteps {
  const comment = commentMarker(ctx.framework);
  const note = [
    `${comment} no view under ${op.table}: line ${line} of this migration drops ${op.newName}, which fails while a view reads it ("other objects depend on it"), and after it no table is left for a view to read;`,
    `${comment} ship this change once no running code uses ${op.table}`,
  ];
  return { inPlace: [...note, renameStatement(ctx, op)].join("\n"), steps: [] };
}

/**
 * Where the view goes. Right after the rename, unless this migration then drops or retypes columns of the table,
 * which fail while a view reads them (lemmy's split_user_table_2 renames user_ to person, then drops columns of
 * person): then after the last of those, so the old code reads the table as this migration leaves it, and a column
 * it drops is gone for the old code with or without a view. The header marks the part (fix-parts.ts `after line`).
 */
function viewPlace(comment: string, table: string, inMigration: DropsInMigration | undefined): string[] {
  const keeps = `the old name keeps working (reads and writes) until no code uses it`;
  if (!inMigration) return [`${comment} ${keeps}:`];
  const dropped = inMigration.dropped.length
    ? ` (old code that reads ${andList([...new Set(inMigration.dropped)])} fails either way: no view keeps a column the table no longer has)`
    : "";
  return [
    `${comment} after line ${inMigration.line} of this migration, the last that drops or retypes a column of ${table} (that fails while a view reads the column): ${keeps},`,
    `${comment} reading ${table} as this migration leaves it${dropped}:`,
  ];
}

/**
 * Rename, and the old name kept as a view over the new table (simple views are updatable) until no code uses it.
 * `taken`: a later migration that creates a table under the old name (recreated-later.ts), which fails while the view
 * holds it: that migration drops the view first, and no follow-up is left to write. `freed`: where a later step of the
 * same change takes the name (nameTakenInChange): then no view at all.
 */
function viewSteps(ctx: RuleContext, op: OperationOf<"rename_table">, taken: Recreation | undefined, freed: string | undefined, inMigration: DropsInMigration | undefined): FixSteps {
  if (freed !== undefined) return renameOnly(ctx, op, freed || undefined);
  if (inMigration?.tableDropped !== undefined) return droppedHere(ctx, op, inMigration.tableDropped);
  const sql = migrationDialect(ctx.migration);
  const [from, to] = [sql.ident(op.table), sql.ident(op.newName)];
  const createView = `CREATE VIEW ${from} AS SELECT * FROM ${to}`;
  // PostgreSQL refuses to drop what a view reads (MySQL leaves the view invalid instead)
  const postgres = ctx.migration.database === "postgresql";
  const later = postgres
    ? `in the next deploy, once no running code uses ${op.table} (PostgreSQL expands * when the view is made, so it reads every column ${op.newName} has now, named or not: DROP COLUMN of one of them and DROP TABLE fail while it stands)`
    : `once no running code uses ${op.table}`;
  const drop = postgres ? firstLaterDrop(ctx, op.newName) : undefined;
  const nameTaken = (comment: string, code: string) =>
    taken ? [`${comment} ${taken.where} ${taken.does}, which fails while the view holds the name ("already exists"): that migration drops the view first: ${code}`] : [];
  // a later migration that drops it first (below) leaves the follow-up nothing to drop on a database migrated from scratch
  const dropView = `DROP VIEW ${drop ? "IF EXISTS " : ""}${from}`;
  const dropFirst = (comment: string, code: string) =>
    !drop
      ? []
      : drop.table
        ? [
            `${comment} ${drop.path} drops ${drop.what} on line ${drop.line}, which fails while the view stands: that migration drops the view first, before line ${drop.line}: ${code}`,
            `${comment} and no migration after it drops the view: the table is gone there, so its rollback could not create the view again over it`,
          ]
        : [`${comment} ${drop.path} drops ${drop.what} on line ${drop.line}, which fails while the view stands: it runs before the follow-up below on a database migrated from scratch,`, `${comment} so that migration drops the view first, before line ${drop.line}: ${code}`];
  // the view goes with the table a later migration drops: a follow-up after it would read a table that no longer exists
  const followUp = <T>(step: T): T[] => (drop?.table || taken ? [] : [step]);
  // the view holds the old name: a down that renames the table back fails while it stands
  const down = ctx.migration.down;
  const renamesBack = down.status === "present" && down.ops.some((o) => o.kind === "rename_table" && nameKey(o.table) === nameKey(op.newName));
  const dropBeforeRenameBack = (comment: string, code: string) => (renamesBack ? [`${comment} and in the down, before the table is renamed back: ${code}`] : []);
  switch (ctx.framework) {
    case "sql":
      return {
        inPlace: [
          renameStatement(ctx, op),
          ...viewPlace("--", op.newName, inMigration),
          `${createView};`,
          ...dropBeforeRenameBack("--", `DROP VIEW IF EXISTS ${from};`),
          ...dropFirst("--", `DROP VIEW IF EXISTS ${from};`),
          ...nameTaken("--", `DROP VIEW IF EXISTS ${from};`),
        ].join("\n"),
        steps: followUp({ name: `drop view ${op.table}`, statements: [`-- ${later}:`, `${dropView};`], down: [`${createView};`] }),
      };
    case "rails":
      return {
        inPlace: [
          // the model renamed alone keeps the table's name, which the later migration takes
          ...(taken ? [] : [`# or keep the table and rename only the model: class ${modelName(op.newName)} < ${railsModelBase(ctx.migration)}; self.table_name = ${rubyString(op.table)}; end`]),
          renameStatement(ctx, op),
          ...viewPlace("#", op.newName, inMigration),
          `reversible do |dir|`,
          `  dir.up { execute ${rubyString(createView)} }`,
          `  dir.down { execute ${rubyString(dropView)} }`,
          `end`,
          ...dropFirst("#", `execute ${rubyString(`DROP VIEW IF EXISTS ${from}`)}`),
          ...nameTaken("#", `execute ${rubyString(`DROP VIEW IF EXISTS ${from}`)}`),
        ].join("\n"),
        steps: followUp({ name: `drop view ${op.table}`, statements: [`# ${later}:`, `execute ${rubyString(dropView)}`], down: [`execute ${rubyString(createView)}`] }),
      };
    case "django":
      return {
        inPlace: [renameStatement(ctx, op), ...viewPlace("#", op.newName, inMigration), `migrations.RunSQL(${pythonString(createView)}, reverse_sql=${pythonString(dropView)}),`, ...dropFirst("#", `migrations.RunSQL(${pythonString(`DROP VIEW IF EXISTS ${from}`)}, reverse_sql=migrations.RunSQL.noop),`), ...nameTaken("#", `migrations.RunSQL(${pythonString(`DROP VIEW IF EXISTS ${from}`)}, reverse_sql=migrations.RunSQL.noop),`)].join("\n"),
        // one statement with its comment: the new file's operations list would put a comma after a comment of its own
        steps: followUp({ name: `drop view ${op.table}`, statements: [`# ${later}:\nmigrations.RunSQL(${pythonString(dropView)}, reverse_sql=${pythonString(createView)}),`] }),
      };
    case "alembic":
      return {
        inPlace: [
          renameStatement(ctx, op),
          ...viewPlace("#", op.newName, inMigration),
          `op.execute(${pythonString(createView)})`,
          ...dropBeforeRenameBack("#", `op.execute(${pythonString(`DROP VIEW IF EXISTS ${from}`)})`),
          ...dropFirst("#", `op.execute(${pythonString(`DROP VIEW IF EXISTS ${from}`)})`),
          ...nameTaken("#", `op.execute(${pythonString(`DROP VIEW IF EXISTS ${from}`)})`),
        ].join("\n"),
        steps: followUp({ name: `drop view ${op.table}`, statements: [`# ${later}:`, `op.execute(${pythonString(dropView)})`], down: [`op.execute(${pythonString(createView)})`] }),
      };
  }
}

/**
 * The finding under a code-before-migrate deploy. Django: an error only where a model at head maps the new name and,
 * when the code at head was read whole, something beyond the model files queries it (new-code-before-migration's
 * test); else a note: no page of the new code queries the new table before it exists.
 */
function codeFirstFinding(ctx: RuleContext, renaming: string, from: string, to: string, fix: string): NonNullable<Report["underCodeFirst"]> {
  const failing = codeFirstRenameMessage(renaming, from, to);
  if (ctx.framework !== "django") return { message: failing, fix };
  const head = djangoModelsAtHead(ctx);
  if (!head) return { message: failing, fix };
  const { models, modelPaths, code } = head;
  const model = models.find((m) => !m.abstract && nameKey(djangoTable(m)) === nameKey(to));
  if (model && (code.length === 0 || firstQueryOf(model, models, code, modelPaths))) return { message: failing, fix };
  const why = model ? `${model.className} (${model.path}) maps ${to}, but nothing in the code at head beyond the model files queries it` : `no model of the app at head maps ${to}`;
  return {
    severity: "info",
    message: (deploy: string) =>
      `${renaming}: the deploy puts the new code live before this migration runs (${deploy}), so no old code runs once it has; and ${why}, so no page of the new code queries ${to} before the rename creates it.`,
    fix,
  };
}

export default defineRule({
  meta: {
    id: "rename-table",
    databases: ALL_DATABASES,
    category: "breaking-change",
    hazard: "old-code",
    // the new code names what the rename creates: served before the migration, it fails too
    newCodeFailsToo: true,
    severity: "error",
    title: "Renaming a table breaks the running code",
    why:
      "Code deployed before the migration keeps querying the old table name and fails until every server runs the " +
      "new code; foreign systems (reports, ETL, replicas' consumers) break too.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "rename_table")) {
      if (!existingTable(ctx, op.table, index)) continue;
      if (renamesNameGivenEarlier(ctx.migration, op, index)) continue;
      // the old name keeps answering: a view over the renamed table (the safe pattern itself), or a new table
      // built under it (the rename moved the old one aside to rebuild it)
      const nameKept = firstAfter(positionsBy(ctx.migration.up, viewOrTableCreated).get(nameKey(op.table)), index) !== undefined;
      if (nameKept) continue;
      // renamed again later in this migration (a to b, then b to c): the view and its follow-up are for c, the name
      // the table ends with (a later migration drops or alters c, never b); Django's view fix repeats the call as written
      const chain = ctx.framework === "django" ? [] : renamesCarryingNewName(ctx.migration, op, index);
      const final = renamedToFinalName(op, chain);
      // what the change does with the old name later, asked once for the fix and the code-first header
      const taken = tableRecreated(ctx, final.table, index);
      const freed = nameTakenInChange(ctx, taken, final.table, index);
      // what this migration does to the table after the rename that a view over it cannot stand
      const inMigration = dropsInMigration(ctx.migration.up, index, [op.newName, final.newName]);
      const viewFix = () => [...carriedRenamesNote(op, chain, commentMarker(ctx.framework)), renderFix(ctx, viewSteps(ctx, final, taken, freed, inMigration))].join("\n");
      // review: the old table's model on the base branch has no caller, no association, no query: the running servers never query it
      const unused = ctx.framework === "rails" ? unusedModelAtBase(ctx, op.table) : undefined;
      if (unused) {
        ctx.report({
          op,
          severity: "info",
          message:
            `Renaming table ${op.table} to ${final.newName}${chain.length ? ` (through ${op.newName})` : ""} breaks no running code: on the base branch, which the servers run until the deploy, ` +
            `${unused.className} (${unused.path}) maps ${op.table}, and none of the other ${unused.searched} files of its code read (Ruby with Prism) names ${unused.className.split("::").pop()} or ${op.table}: ` +
            `no caller, association or query, so nothing queries ${op.table} while the deploy rolls out. Reports or other systems that read ${op.table} by name still need the new name.`,
          fix: viewFix(),
        });
        continue;
      }
      const folds = columnsRenamedAfter(ctx, op, index, [op.newName, final.newName], inMigration?.line);
      const renaming = `Renaming table ${op.table} to ${final.newName}${chain.length ? ` (through ${op.newName})` : ""}`;
      // Django's state-only rename keeps the table under its old name for good: a later table of that name fails
      const stateOnly = ctx.framework === "django" && !taken ? djangoFix(ctx, op, folds?.ops.filter((o): o is OperationOf<"rename_column"> => o.kind === "rename_column")) : "";
      ctx.report({
        op,
        ...(folds ? { folds } : {}),
        message: `${renaming} breaks code that still uses ${op.table} while the deploy rolls out.${folds?.sentence ?? ""}`,
        fix: stateOnly || viewFix(),
        // built again, not shared: each rendering reserves its follow-up migration's file number (next-migration.ts), and
        // the code-first fix's follow-up is numbered after the other's
        underCodeFirst: codeFirstFinding(ctx, renaming, op.table, final.newName, stateOnly || [...codeFirstRenameHeader(ctx.framework, op.table, final.newName, freed === undefined ? `a view keeps ${op.table} answering for it` : `no view: this change creates a table under ${op.table} again`), viewFix()].join("\n")),
      });
    }
  },
});
