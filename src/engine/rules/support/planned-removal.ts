/**
 * The last step of a two-step removal: the application stopped using a table or column in an earlier,
 * deployed change (Django: SeparateDatabaseAndState took it out of the state only; Rails: the model lists the
 * column in `ignored_columns`), and this migration drops what the database kept. Nothing breaks; the data is
 * still deleted, so the finding says that, with a backup, instead of the data-loss error.
 */
import { rubyReaders } from "../../adapters/rails/ruby-readers.js";
import { isModelPath } from "../../adapters/rails/model-path.js";
import { singularize } from "../../adapters/rails/inflections.js";
import type { Operation, OperationOf, SourceFile } from "../../model.js";
import { nameKey } from "./facts.js";
import { reindented } from "./data-code.js";
import { fixFor, modelName, sqlString } from "./fix.js";
import { migrationDialect } from "./sql-dialect.js";
import { columnBackup, restoreColumnSql } from "./column-backup.js";
import { railsUpOnly } from "./rails-fix.js";
import type { RuleContext } from "./rule.js";
import { searchUsages } from "../../code/usage-search.js";
import { unusedModelAtBase } from "./unused-model-at-base.js";
import { baseBranchCode } from "./base-branch-code.js";
import { withAncestors } from "../../code/django-model-ancestors.js";
import { djangoTable, djangoModelsApp, readDjangoModels, type DjangoModel } from "../../code/django-models.js";
import { safeToDrop } from "../../code/code-models.js";
import { ChangePlan, copyOf, readsColumn, readTables, writtenTables, type DataStep } from "./change-plan.js";
import { partialInserts } from "./partial-inserts.js";
import { alembicCode, lastName } from "./alembic-code.js";
import { escapeRegExp } from "../../regexp.js";
import { djangoAppOf } from "../../paths.js";
import { djangoModelFiles } from "./django-model-files.js";
import { sqlCodeNames, unnamedInCode } from "./sql-code-names.js";
import { backupName } from "./backup-name.js";

/**
 * Why the drop is planned, and how strong the evidence is. Strong: the application already stopped reading it
 * (a state-only removal, ignored_columns deployed), or its model or field is gone AND no code read names it; the
 * finding is then a note (the copy is advice once nothing reads the data). Partial (a marker the author set, or
 * only the model files searched): a warning.
 */
export interface PlannedRemoval {
  reason: string;
  strong: boolean;
}

/** The severity of a planned removal's finding: a note with strong evidence, a warning with partial. */
export const plannedSeverity = (planned: PlannedRemoval) => (planned.strong ? "info" : "warning");

/** Why the drop is planned, or undefined when nothing says the application already stopped using it. */
export function plannedRemoval(ctx: RuleContext, op: OperationOf<"drop_table"> | OperationOf<"drop_column">, column?: string, table?: string): PlannedRemoval | undefined {
  if (op.leftOrmIn) return { reason: `an earlier migration, ${op.leftOrmIn}, removed it from Django's state only`, strong: true };
  if (op.afterDeploy) return { reason: "the migration is marked Safe.after_deploy() (django-safemigrate): it runs once the deploy that stopped using it is out", strong: false };
  // plain SQL names no model: the application code read is the evidence (sql-code-names.ts)
  if (ctx.framework === "sql") {
    const reason = unnamedInCode(op.kind === "drop_column" ? sqlCodeNames(ctx, op.table, op.column) : table ? sqlCodeNames(ctx, table) : undefined);
    return reason ? { reason, strong: true } : undefined;
  }
  // Python models are read (with tree-sitter, loaded with the Django adapter) for Django migrations only
  if (ctx.framework === "django") return op.kind === "drop_column" ? undeclaredField(ctx, op) : table ? unmodelledDjangoTable(ctx, op, table) : undefined;
  // SQLAlchemy models are read (with tree-sitter, loaded with the Alembic adapter) for Alembic migrations only
  if (ctx.framework === "alembic") return op.kind === "drop_column" ? unmappedAlembicColumn(ctx, op.table, op.column) : table ? unmappedAlembicTable(ctx, table) : undefined;
  // Ruby models are read (with Prism, loaded with the Rails adapter) for Rails migrations only
  if (op.kind === "drop_table" && ctx.framework === "rails") return table ? unmodelledTable(ctx, table) : undefined;
  if (op.kind !== "drop_column" || !column || ctx.framework !== "rails") return undefined;
  const code = ctx.repository.applicationCode();
  const model = ignoringModel(code, op.table, column);
  const before = ignoringModel(ctx.facts.change.baseCodeFiles, op.table, column);
  // a review whose change edits that model and adds the entry with the drop: the servers run the base branch's
  // model until the deploy, so they still read the column (not a planned last step)
  const addedHere = model !== undefined && !before && ctx.facts.change.baseCodeFiles.some((f) => f.path === model.path);
  if (model && !addedHere) return { reason: `${model.className} lists it in ignored_columns (${model.path})`, strong: true };
  if (before) return { reason: `on the base branch, which the servers run, ${before.className} lists it in ignored_columns (${before.path}); this change removes the entry with the column`, strong: true };
  return unnamedColumn(ctx, op.table, column);
}

/** Planned when `reason` is: strong when more than the model files was searched (the code that reads them). */
const found = (reason: string | undefined, code: readonly SourceFile[], models: readonly SourceFile[]): PlannedRemoval | undefined =>
  reason === undefined ? undefined : { reason, strong: code.length > models.length };

/** The project's Active Record model files: the ones given (app/models), and those among the code read. */
function railsModelFiles(ctx: RuleContext): SourceFile[] {
  const given = ctx.repository.modelFiles();
  return [...given, ...ctx.repository.applicationCode().filter((f) => isModelPath(f.path) && !given.some((g) => g.path === f.path))];
}

/** The models and the code read, without migrations and schema dumps (they name every column they ever made), nor configuration. */
const applicationCode = (ctx: RuleContext, models: readonly SourceFile[]) => {
  const paths = new Set(models.map((f) => f.path));
  // config/ is read for how Rails inserts (partial-inserts.ts), not searched: it lists names as words, not reads of
  // a column (hcb's friendly_id reserved slugs `partner_donations`, danbooru's filter_parameters), and a route
  // names a controller the search finds in app/ anyway
  return [...models, ...ctx.repository.applicationCode().filter((f) => !paths.has(f.path) && !/(?:^|\/)(?:db|config)\//.test(f.path))];
};

/** What a planned-removal message says was searched: the code read, or only the model files. */
const searchedFiles = (code: readonly SourceFile[], models: readonly SourceFile[]) =>
  code.length > models.length ? `the ${code.length} files of its code read` : `its ${models.length} model file${models.length === 1 ? "" : "s"}`;

/** Columns Active Record reads and writes without any code naming them. */
const IMPLICIT_COLUMNS = new Set(["id", "type", "created_at", "updated_at", "created_on", "updated_on", "lock_version"]);

/**
 * Rails: the table's model is read and no model or code read names the column (danbooru's
 * drop_unused_columns_from_users: email_verification_key had no reference left in app/). A belongs_to names
 * creator_id as `creator`, a counter cache fills posts_count from the other model: those count as names. Rails
 * doing partial inserts only (partial-inserts.ts): see the first line.
 */
function unnamedColumn(ctx: RuleContext, table: string, column: string): PlannedRemoval | undefined {
  // with partial inserts off (load_defaults 7.0+) every INSERT names each column cached at boot: until the servers
  // restart, inserting a record fails once the column is gone, however little code names it. Only ignored_columns,
  // deployed first, hides it (the case above); with partial inserts on an INSERT names the attributes set only
  const inserts = partialInserts(ctx);
  if (!inserts.on) return undefined;
  const models = railsModelFiles(ctx);
  const model = models.length ? ctx.repository.model(table) : undefined;
  if (!model || IMPLICIT_COLUMNS.has(column)) return undefined;
  const code = applicationCode(ctx, models);
  const words = [column, ...(/^(\w+)_(?:id|type)$/.exec(column)?.slice(1) ?? [])];
  if (/_count$/.test(column) && code.some((f) => f.content.includes("counter_cache"))) return undefined;
  // in a review whose change removes the last reader, the base branch's code (what the servers run) still reads it
  if (names(code, words) || names(ctx.facts.change.baseCodeFiles, words)) return undefined;
  return found(`${model.className} (${model.path}) and ${searchedFiles(code, models)} never name ${column}${words.length > 1 ? ` or ${words[1]}` : ""}; ${inserts.why}`, code, models);
}

const wholeWord = (word: string) => new RegExp(`(?<![\\w$])${escapeRegExp(word)}(?![\\w$])`);

/**
 * Rails: the application no longer has a model for `table`, and no model (nor, in a review, any code searched)
 * names the table or its class: the code that used it left in this or an earlier change (hcb's drop_mfa: the
 * models and services went in the same pull request). Only when the project's models were read; a table whose
 * name joins a has_and_belongs_to_many association's table to another may be its join table, used without a model.
 */
function unmodelledTable(ctx: RuleContext, table: string): PlannedRemoval | undefined {
  const models = railsModelFiles(ctx);
  if (models.length === 0 || ctx.repository.model(table)) return undefined;
  const name = nameKey(table).split(".").pop() ?? table;
  // a review whose change deletes the model with the drop: the servers run the base branch's model until the
  // deploy, and it queries the table when code there calls it (as for ignored_columns added in the same change).
  // A model nothing else of the base branch names (no caller, no association: unused-model-at-base.ts) never
  // queries it: old servers leave the table alone, so the drop is planned, on weaker evidence (a warning: the rows go)
  const base = ctx.facts.change.baseCodeFiles;
  if (base.length && rubyReaders().readModelFiles(base).some((m) => m.tables.some((t) => nameKey(t).split(".").pop() === name))) {
    const unused = unusedModelAtBase(ctx, table);
    return unused
      ? {
          reason: `this change deletes ${unused.className} (${unused.path}), the model of ${name} on the base branch, which the servers run until the deploy, but none of the other ${unused.searched} files of its code read (Ruby with Prism) names ${unused.className.split("::").pop()} or ${name}: nothing calls the model, so old servers never query the table`,
          strong: false,
        }
      : undefined;
  }
  const className = modelName(name);
  const code = applicationCode(ctx, models);
  // a class of that name in the model files that is a plain Ruby object (panoptes' in-memory SubjectGroup, long after
  // subject_groups lost its model): its constant names that class, not the table
  const plainClass = rubyReaders().plainModelClasses(models).has(className);
  const naming = [wholeWord(name), ...(plainClass ? [] : [wholeWord(className)])];
  const singular = singularize(name);
  // a file names the table only with its name, singular or class name in its text, or spelt with an escape (\x, \u, octal) in a string: no other needs parsing
  const mayName = (text: string) => text.includes(name) || text.includes(singular) || text.includes(className) || /\\(?:x|u|[0-7])/.test(text);
  // Ruby is read with Prism: a local, a method or a keyword argument named like the table is not a use of it
  const ruby = (f: SourceFile) => /\.(rb|rake)$/.test(f.path);
  const namesIt = (f: SourceFile) => mayName(f.content) && ((ruby(f) ? rubyReaders().rubyNamesTable(f.content, name, singular, plainClass ? undefined : className) : undefined) ?? naming.some((re) => re.test(f.content)));
  if (code.some(namesIt)) return undefined;
  // has_and_belongs_to_many :roles in User joins through roles_users (the two tables in lexical order) by default
  const halves = [...name.matchAll(/_/g)].map((m) => [name.slice(0, m.index), name.slice(m.index + 1)]);
  const habtm = halves.flatMap((pair) => pair.map((half) => new RegExp(`has_and_belongs_to_many\\s*\\(?\\s*:${half}\\b`)));
  if (habtm.length && code.some((f) => habtm.some((re) => re.test(f.content)))) return undefined;
  const constant = plainClass ? `${className} is a plain Ruby class (no Active Record superclass), so its constant names no table` : `no ${className} constant`;
  const how = code.some(ruby) ? ` (its Ruby read with Prism: ${constant}, no association, query or string naming ${name})` : "";
  return found(`no model of the application maps to ${name}, and ${searchedFiles(code, models)} never name ${name}${plainClass ? "" : ` or ${className}`}${how}`, code, models);
}

/** The Active Record model of `table` among `files` that lists `column` in ignored_columns. */
export function ignoringModel(files: readonly SourceFile[], table: string, column: string) {
  if (files.length === 0) return undefined;
  const name = nameKey(table).split(".").pop();
  return rubyReaders()
    .readModelFiles(files)
    .find((m) => m.ignoredColumns.has(column) && m.tables.some((t) => nameKey(t).split(".").pop() === name));
}

/**
 * Keep a copy before the drop: of a table, every row and column; of a column, the table's key and the column
 * (columnBackup), no key or type guessed.
 */
export function backupFix(ctx: RuleContext, drop: Operation, table: string, what: string, column?: { name: string; beforeIndex: number }): string {
  const dialect = migrationDialect(ctx.migration);
  const kept = column ? columnBackup(ctx, table, column.name, column.beforeIndex) : undefined;
  const backup = kept?.backup ?? backupName(ctx.migration, table.split(".").pop()!);
  // a type the migration drops later (Prisma drops a table's enums with it): a copy with the table's column types
  // would depend on it and make that DROP TYPE fail; rows kept as jsonb depend on no type of the table
  const asJson = !kept && ctx.migration.database === "postgresql" && typesDroppedLater(ctx).length > 0;
  const copy = kept?.sql ?? (asJson ? `CREATE TABLE ${dialect.ident(backup)} AS SELECT to_jsonb(t) AS row FROM ${dialect.ident(table)} t` : dialect.copyTable(backup, table));
  // DROP TABLE IF EXISTS runs where the table is absent: the copy before it must too
  const sql = !kept && drop.kind === "drop_table" && drop.ifExists && ctx.migration.database === "postgresql" ? whereTableExists(ctx, table, copy) : copy;
  const dump = dialect.dumpTable(table);
  const jsonNote = asJson
    ? `each row as jsonb, since ${lineList(typesDroppedLater(ctx))} of this migration drop${typesDroppedLater(ctx).length > 1 ? "" : "s"} a type a copy with the table's column types would depend on (restore: ${tableRestore(ctx, table, backup, true)}, with the table and its types created again)`
    : undefined;
  const noteText = kept?.note ?? jsonNote;
  const note = (prefix: string) => (noteText ? `\n      ${prefix} ${noteText}` : "");
  // what a rollback runs once the drop is undone (the column or table back, empty): the values from the copy, then the copy dropped
  const restore = column && kept ? restoreColumnSql(ctx, table, column.name, kept) : tableRestore(ctx, table, backup, asJson);
  const undo = copyRestoredOnRollback(drop, restore) ? [restore, `DROP TABLE ${dialect.ident(backup)}`] : undefined;
  return fixFor(ctx.framework, {
    sql: `
      -- before ${what} is dropped, keep a copy (or ${dump}), and drop the copy once nobody misses it:${note("--")}
      ${sql};`,
    // in `change`, a bare execute has no inverse: rollback would raise IrreversibleMigration on it
    rails: () => `
      # before ${what} is dropped, keep a copy (or ${dump}), and drop the copy once nobody misses it:${note("#")}
      ${railsChange(ctx) ? railsChangeCopy(ctx, sql, undo) : `execute ${JSON.stringify(sql)}${undo ? `\n      # in down, once the drop is undone: ${undo.map((q) => `execute ${JSON.stringify(q)}`).join("; ")}` : ""}`}`,
    django: () => `
      # before ${what} is dropped, keep a copy (or ${dump}), and drop the copy once nobody misses it:${note("#")}
      ${djangoCopy(ctx, drop, sql, backup, restore).join("\n      ")}`,
    alembic: () => `
      # before ${what} is dropped, keep a copy (or ${dump}), and drop the copy once nobody misses it:${note("#")}
      op.execute(${JSON.stringify(sql)})${undo ? `\n      # in downgrade(), once the drop is undone: ${undo.map((q) => `op.execute(${JSON.stringify(q)})`).join("; ")}` : ""}`,
  });
}

/**
 * PostgreSQL: `statement` (a copy of `table`) only where the table exists, for a drop that says IF EXISTS: a bare copy
 * would fail where the drop would not. PL/pgSQL plans the statement when the branch runs, so an absent table is no error.
 */
export function whereTableExists(ctx: Pick<RuleContext, "migration">, table: string, statement: string): string {
  return `DO $$ BEGIN IF to_regclass(${sqlString(migrationDialect(ctx.migration).ident(table))}) IS NOT NULL THEN ${statement}; END IF; END $$`;
}

/**
 * Rails `change`: the copy runs on the way up; a rollback inverts change last first, so a `reversible` block's down
 * runs after the drop's inverse added the column or table back: it puts the values back (`undo`) and drops the copy.
 * Without a restore (no key, or a drop written as SQL) the copy runs up only and stays.
 */
function railsChangeCopy(ctx: RuleContext, copy: string, undo: readonly string[] | undefined): string {
  if (!undo) return railsUpOnly(ctx.migration, `execute ${JSON.stringify(copy)}`);
  return [`reversible do |dir|`, `  dir.up { execute ${JSON.stringify(copy)} }`, `  dir.down { ${undo.map((q) => `execute ${JSON.stringify(q)}`).join("; ")} }`, `end`].join("\n      ");
}

/**
 * Whether a rollback puts the values back from a copy (`restore`) and drops it: only where the drop's own reverse
 * adds the column or table back, which one written as SQL (RunSQL, op.execute) does not tell, and a key joins the
 * values back to the rows. Elsewhere the copy stays: dropping it would delete the only copy when the rollback needs it.
 */
export const copyRestoredOnRollback = (drop: Operation, restore: string | undefined): restore is string => !!restore && !drop.embeddedSql;

/**
 * Django: the RunSQL that keeps the copy, with its reverse. Django undoes a migration's operations last first, so
 * this reverse runs after the drop's own: RemoveField's or DeleteModel's reverse adds the column or table back
 * (empty), then this one puts the values back from the copy (`restore`) and only then drops it. Where nothing adds
 * it back (a drop written as RunSQL, whose reverse migguard does not run) or no key joins the values back, the
 * reverse leaves the copy in place: dropping it there would delete the only copy just when the rollback needs it.
 */
export function djangoCopy(ctx: RuleContext, drop: Operation, copy: string, backup: string, restore: string | undefined): string[] {
  const b = migrationDialect(ctx.migration).ident(backup);
  if (copyRestoredOnRollback(drop, restore)) return [`migrations.RunSQL(${JSON.stringify(copy)}, reverse_sql=${JSON.stringify(`${restore}; DROP TABLE ${b}`)}),`];
  const why = drop.embeddedSql ? `the drop is SQL, so what its reverse brings back is not known` : `no key joins its values back to the rows`;
  return [
    `# on rollback the copy stays (${why}): put the values back from ${b} by hand, then drop it before migrating forward again`,
    `migrations.RunSQL(${JSON.stringify(copy)}, reverse_sql=migrations.RunSQL.noop),`,
  ];
}

/**
 * The rows of a dropped table put back from its copy, once the rollback has created the table again: in the copy's
 * column order (CREATE TABLE ... AS keeps the table's), or from the jsonb rows by column name.
 */
export function tableRestore(ctx: RuleContext, table: string, backup: string, asJson: boolean): string {
  const { ident } = migrationDialect(ctx.migration);
  return asJson ? `INSERT INTO ${ident(table)} SELECT (jsonb_populate_record(NULL::${ident(table)}, row)).* FROM ${ident(backup)}` : `INSERT INTO ${ident(table)} SELECT * FROM ${ident(backup)}`;
}

const lineList = (lines: readonly number[]) => `line${lines.length > 1 ? "s" : ""} ${lines.join(", ")}`;

/** The lines of the migration's up that drop a type (DROP TYPE): what a copy typed like the dropped table would block. */
export function typesDroppedLater(ctx: RuleContext): number[] {
  return ctx.migration.up.filter((o) => o.kind === "drop_object" && o.objectType === "type").map((o) => o.loc.line);
}

/** Rails `change`: its down is derived, or it cannot be because of one of its own calls. */
function railsChange(ctx: RuleContext): boolean {
  const { down, up } = ctx.migration;
  return (down.status === "present" && down.derived) || (down.status === "irreversible" && up.some((op) => op.loc.line === down.loc?.line));
}

/**
 * The fix of a drop no old code outlives (an offline deploy: nothing serves while it migrates): a copy of what it
 * deletes, then the drop as written, in this migration. Undefined where the drop cannot be restated as written after
 * the copy (SQL embedded in a RunSQL or op.execute, a call inside an Alembic batch block, a plain SQL migration).
 */
export function copyThenDrop(ctx: RuleContext, op: OperationOf<"drop_column"> | OperationOf<"drop_table">, table: string, what: string, column?: { name: string; beforeIndex: number }): string | undefined {
  if (op.embeddedSql || op.batchBlock || (ctx.framework !== "django" && ctx.framework !== "alembic" && ctx.framework !== "rails")) return undefined;
  const drop = reindented(op.text.trim());
  return `${backupFix(ctx, op, table, what, column)}\n${ctx.framework === "django" && !drop.endsWith(",") ? `${drop},` : drop}`;
}

/**
 * The data step of the same change, else of the previous migration, else (Django) of another app this migration
 * depends on, that read the dropped column or table before the drop at `index`.
 */
export function movedStep(ctx: RuleContext, index: number): DataStep | undefined {
  // the change's own data steps, else the previous migration of the folder (bookwyrm's 0210 copied report.status
  // into the new statuses M2M with a RunPython, and 0211 removes the field)
  const previous = ctx.repository.previousInFolder;
  return (
    ctx.facts.change.movedBefore(ctx.migration, index) ??
    (previous && !ctx.facts.change.includes(previous) && previous.up.some((op) => op.kind === "data_migration" || op.kind === "dml") ? new ChangePlan([previous, ctx.migration]).movedBefore(ctx.migration, index) : undefined) ??
    movedByOtherApp(ctx, index)
  );
}

/**
 * Django: a data step of another app, among the migrations this one's dependencies ran before it (followed back,
 * not past the dropped table's creation), that read the dropped column (or table) and wrote another table: the expand
 * step of a move across apps. Misago's misago_attachments 0002 INSERTs ... SELECT FROM misago_threads_attachment and
 * threads 0034, which depends on it, drops that table; threadevents 0002 turns the event posts into ThreadEvent rows
 * and threads 0035 drops the posts' event columns. An INSERT (rows added elsewhere) is named before an UPDATE.
 */
function movedByOtherApp(ctx: RuleContext, index: number): DataStep | undefined {
  const drop = ctx.migration.up[index];
  if (ctx.framework !== "django" || !drop) return undefined;
  const dropped = drop.kind === "drop_column" ? { table: drop.table, names: [drop.column, drop.ormField] } : drop.kind === "drop_table" && drop.tables.length === 1 ? { table: drop.tables[0], names: undefined } : undefined;
  if (!dropped) return undefined;
  const table = nameKey(dropped.table);
  const moves = (op: Operation) => {
    if (!readTables(op).some((t) => nameKey(t) === table)) return false;
    if (dropped.names && !readsColumn(op, dropped.table, dropped.names)) return false;
    const written = writtenTables(op);
    return written !== undefined && (written === "any" || written.some((t) => nameKey(t) !== table));
  };
  const addsRows = (op: Operation) => op.kind !== "dml" || op.verb === "insert" || op.verb === "select_into";
  for (const migration of ctx.repository.djangoAncestorsElsewhere(ctx.repository.tableBirth(dropped.table)?.creator)) {
    const steps = migration.up.filter(moves);
    const step = steps.find(addsRows) ?? steps.at(-1);
    if (step) return { migration, op: step };
  }
  return undefined;
}

/** That data step, described for a message. */
export function movedValues(ctx: RuleContext, index: number): string | undefined {
  const step = movedStep(ctx, index);
  return step && movedStepText(ctx, step);
}

/** A data step (movedStep) as a message names it: where it is and what it runs. */
export function movedStepText(ctx: RuleContext, step: DataStep): string {
  const where = step.migration === ctx.migration ? `line ${step.op.loc.line}` : `${step.migration.path}:${step.op.loc.line}`;
  return `the data step at ${where} (${step.op.kind === "data_migration" ? step.op.description : step.op.text.replace(/\s+/g, " ").slice(0, 80)})`;
}

/** Where a data step (movedStep) copied every row's value of the dropped column (`table.column`), and whether its reverse copies them back. */
export const movedCopy = (step: DataStep, table: string, column: string): { into: string; restored: boolean; someRows?: boolean } | undefined => copyOf(step.op, table, column);

/** The app's model files and the code read (not migrations: they name every field they ever made). */
function djangoCode(ctx: RuleContext, models: readonly SourceFile[]): SourceFile[] {
  const paths = new Set(models.map((f) => f.path));
  return [...models, ...ctx.repository.applicationCode().filter((f) => !paths.has(f.path) && !/(?:^|\/)migrations\//.test(f.path))];
}

/** What a Django planned-removal message says was searched. */
const searchedDjango = (code: readonly SourceFile[], models: readonly SourceFile[]) =>
  code.length > models.length ? `none of the ${code.length} files of its models and code read` : `none of its model files (no other code read)`;

/** Whether any of `files` names one of `words` (review's usage search: attributes, lookups, keys, strings; a class name anywhere). */
const named = new WeakMap<readonly SourceFile[], Map<string, boolean>>();
function names(files: readonly SourceFile[], words: readonly string[]): boolean {
  // the same code asked again about the same words (indico drops affiliation_id from eight tables): the answer kept
  let known = named.get(files);
  if (!known) named.set(files, (known = new Map()));
  const key = words.join("\0");
  let answer = known.get(key);
  if (answer === undefined) known.set(key, (answer = searchNames(files, words)));
  return answer;
}

function searchNames(files: readonly SourceFile[], words: readonly string[]): boolean {
  // only the files that hold one of the words in any case go through the usage search (lint reads thousands)
  const any = new RegExp(words.map(escapeRegExp).join("|"), "i");
  const found = searchUsages(files.filter((f) => any.test(f.content)), words);
  return words.some((w) => found.usagesOf(w).length > 0);
}

/**
 * A class body line that declares `field` (`field = models...`): a mixin or abstract parent may still declare it.
 * When `model`'s class is found among the files, only it and its ancestors (by the names in its bases, followed
 * through the files) count: bookwyrm's Attachment declaring its own `status` says nothing of Report's.
 */
const declares = (files: readonly SourceFile[], field: string, model?: string) => {
  const re = new RegExp(`^\\s+${field}\\s*(?::[^=\\n]*)?=`, "m");
  const classes = new Map<string, { bases: string[]; body: string }>();
  for (const f of files)
    for (const part of f.content.split(/^(?=class\s)/m)) {
      const head = /^class\s+(\w+)\s*(?:\(([^)]*)\))?\s*:/.exec(part);
      if (head) classes.set(head[1].toLowerCase(), { bases: (head[2] ?? "").split(",").map((b) => b.trim().split(".").pop()!.toLowerCase()).filter(Boolean), body: part });
    }
  const start = model && classes.get(model.toLowerCase());
  if (!start) return files.some((f) => re.test(f.content));
  const seen = new Set<string>();
  const visit = (name: string): boolean => {
    if (seen.has(name)) return false;
    seen.add(name);
    const c = classes.get(name);
    return c !== undefined && (re.test(c.body) || c.bases.some(visit));
  };
  return visit(model!.toLowerCase());
};

/** Django: the app's models were read and its model of the table no longer declares the field (review's verdict), nor does any class there (a mixin). */
function fieldLeftModels(ctx: RuleContext, op: OperationOf<"drop_column">, files: readonly SourceFile[]) {
  if (files.length === 0) return undefined;
  const target = { migration: ctx.migration, op, kind: "drop_column" as const, table: op.table, column: op.column, ormModel: op.ormModel, ormField: op.ormField, identifiers: [], label: op.table };
  const verdict = safeToDrop(target, { rails: [], django: readDjangoModels(files) });
  return verdict && ![...new Set([op.ormField ?? op.column, op.column])].some((w) => declares(files, w, op.ormModel)) ? verdict : undefined;
}

/** Django: why the field the drop removes is gone from the app's models (the code is not searched: a data step moved its values), or undefined. */
export function fieldGoneFromModels(ctx: RuleContext, op: OperationOf<"drop_column">): string | undefined {
  if (ctx.framework !== "django") return undefined;
  return fieldLeftModels(ctx, op, djangoModelFiles(ctx))?.reason.replace(/, so Django no longer reads it$/, "");
}

/**
 * Django RemoveField: the app's models were read, its model of the table is there and no longer declares the
 * field (bookwyrm's 0074: Connector lost politeness_delay before makemigrations wrote the drop), no class of the
 * app's models declares a field of that name (an abstract parent or mixin would), and neither the models nor the
 * code read name it. Review's verdict (safeToDrop) decides the model part. In a review the base branch's models
 * must not declare it either: the servers run them until the deploy.
 */
function undeclaredField(ctx: RuleContext, op: OperationOf<"drop_column">): PlannedRemoval | undefined {
  const files = djangoModelFiles(ctx);
  const verdict = fieldLeftModels(ctx, op, files);
  if (!verdict) return undefined;
  const words = [...new Set([op.ormField ?? op.column, op.column])];
  const code = djangoCode(ctx, files);
  if (names(code, words)) return undefined;
  if (declaredAtBase(ctx, op)) return undefined;
  return found(`${verdict.reason.replace(/, so Django no longer reads it$/, "")}, and ${searchedDjango(code, files)} names it`, code, files);
}

/**
 * A review whose change takes the field out of the model: the base branch's model, which the servers run until
 * the deploy, still declares it (pontoon's 0116_remove_systran_locale_fields).
 */
function declaredAtBase(ctx: RuleContext, op: OperationOf<"drop_column">): boolean {
  const app = djangoAppOf(ctx.migration.path) || undefined;
  const field = op.ormField ?? op.column;
  const maps = (m: DjangoModel) => nameKey(djangoTable(m)) === nameKey(op.table) || (m.appLabel === app && m.className.toLowerCase() === op.ormModel?.toLowerCase());
  const declaresIt = (m: DjangoModel) => m.fields.some((f) => f.column === op.column || f.name === field);
  // the base branch's whole code when known: its model of the table may be unchanged while the abstract parent or
  // mixin it inherits the field from is edited (takahe's StatorModel lost state_ready); else the edited files alone
  const models = baseModels(baseBranchCode(ctx) ?? ctx.facts.change.baseCodeFiles);
  return models.some((m) => maps(m) && withAncestors(m, models).some(declaresIt));
}

/** The Django models of the base branch's code, read once per change. */
const readBaseModels = new WeakMap<readonly SourceFile[], DjangoModel[]>();
function baseModels(files: readonly SourceFile[]): DjangoModel[] {
  let models = readBaseModels.get(files);
  if (!models) readBaseModels.set(files, (models = readDjangoModels(files)));
  return models;
}

/**
 * Django, once a data step moved the field's values: the app's models (and, in a review, the base branch's) no
 * longer declare it, so the ORM neither reads nor writes it. The code is not searched for the word: a common one
 * (`data`) is named by every `request.data`, and the move's new fields are what the code reads now.
 */
export function djangoFieldDropped(ctx: RuleContext, op: OperationOf<"drop_column">): string | undefined {
  const reason = fieldGoneFromModels(ctx, op);
  return reason && !declaredAtBase(ctx, op) ? reason : undefined;
}

/**
 * Django DeleteModel: the app's models were read, none maps to the table (by db_table or the model's name), and
 * neither the models nor the code read name the class. In a review the base branch's models must not have it.
 */
function unmodelledDjangoTable(ctx: RuleContext, op: OperationOf<"drop_table">, table: string): PlannedRemoval | undefined {
  const files = djangoModelFiles(ctx);
  if (files.length === 0) return undefined;
  const app = djangoAppOf(ctx.migration.path) || undefined;
  const maps = (m: DjangoModel) => nameKey(djangoTable(m)) === nameKey(table) || (m.appLabel === app && op.ormModel !== undefined && m.className.toLowerCase() === op.ormModel.toLowerCase());
  if (readDjangoModels(files).some(maps) || readDjangoModels(ctx.facts.change.baseCodeFiles).some(maps)) return undefined;
  const className = op.ormModel && /^[A-Z]/.test(op.ormModel) ? op.ormModel : undefined;
  const code = djangoCode(ctx, files);
  if (className && names(code, [className])) return undefined;
  const reason = `no model of the app's ${files.length} model file${files.length === 1 ? "" : "s"} read maps to ${table}${className ? `, and ${searchedDjango(code, files)} names ${className}` : ""}`;
  // without a class name to search for, nothing says the code stopped using the table
  return className ? found(reason, code, files) : { reason, strong: false };
}

/**
 * Alembic drop_table: the application's SQLAlchemy models were read, no declarative class (`__tablename__`) nor
 * `Table("...")` maps the table any more, and no code read names it or the class name it would have had.
 */
function unmappedAlembicTable(ctx: RuleContext, table: string): PlannedRemoval | undefined {
  const { models, code, read } = alembicCode(ctx);
  if (models.length === 0) return undefined;
  const name = lastName(table);
  const mapping = read.mapping(table);
  if (mapping.classes.length > 0 || mapping.tables.size > 0) return undefined;
  const className = modelName(name);
  if (names(code, [name]) || code.some((f) => wholeWord(className).test(f.content))) return undefined;
  return found(`no SQLAlchemy model of the ${models.length} model file${models.length === 1 ? "" : "s"} read maps ${name}, and ${searchedFiles(code, models)} never name ${name} or ${className}`, code, models);
}

/**
 * Alembic drop_column: the table's SQLAlchemy model (a declarative class, or a Table() call) was read and neither it
 * nor a class it inherits from declares the column, and no code read names it.
 */
function unmappedAlembicColumn(ctx: RuleContext, table: string, column: string): PlannedRemoval | undefined {
  const { models, code, read } = alembicCode(ctx);
  if (models.length === 0 || IMPLICIT_COLUMNS.has(column)) return undefined;
  const name = lastName(table);
  const mapping = read.mapping(table);
  const mapped = mapping.classes;
  const imperative = [...mapping.tables.values()];
  if (mapped.length + imperative.length === 0) return undefined;
  if (mapped.some((c) => read.declaresColumn(c, column)) || imperative.some((columns) => columns.has(column))) return undefined;
  if (names(code, [column])) return undefined;
  const where = mapped.length ? `${mapped[0].className} (${mapped[0].path}) no longer declares ${column}` : `the Table("${name}") read no longer lists ${column}`;
  return found(`${where}, and ${searchedFiles(code, models)} never name it`, code, models);
}
