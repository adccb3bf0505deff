import { defineRule, type RuleContext } from "../support/rule.js";
import { derivedName, fixFor, ident, sqlString, sym } from "../support/fix.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { railsIndexFix } from "../support/rails-fix.js";
import { indexName } from "../../adapters/rails/rails-names.js";
import { concurrentIndexParts, indexOnNextLine, parseOne, partitionedIndexSql } from "../support/sql-text.js";
import { nameKey } from "../support/facts.js";
import type { OperationOf } from "../../model.js";
import { alembicTable, pythonString } from "../support/embed-sql.js";
import { concurrentBuildRunSql, dropIndexRunSql } from "../support/django-index-run-sql.js";
import { reindented } from "../support/data-code.js";
import { separateDatabaseAndState } from "../support/django-separate-state.js";
import { djangoIndexName as schemaEditorIndexName } from "../../adapters/python/django-foreign-key-sql.js";
import { calleeOf, keywordText, withCallee, withKeyword, withPositional, withoutKeyword } from "../support/python-call.js";
import { outOfBatch } from "../support/alembic-batch.js";
import { alembicLoopIndexFix } from "./alembic-loop-index.js";
import { replacementReport } from "./index-replacement.js";
import { replacementBy, type IndexReplacement } from "../support/replaced-index.js";
import { historyModelIndexFix, stateKeptIndexFix } from "./history-model-index.js";
import { OLD_DJANGO_INDEX_NOTE, oldDjangoIndexBuild } from "./old-django-index.js";
import { codeHypertable, hypertableIndexReport } from "./hypertable-index.js";
import { djangoIndexNameWithin } from "../support/django-index-name.js";
import { djangoLikeOpclass } from "../support/django-like-index.js";
import { NO_WAY_OUT_OF_TRANSACTION, outsideTransactionPlacement, sendsOneQuery, sqlxLeaveTransaction } from "../support/leave-transaction.js";
import { SQLX_NO_TRANSACTION } from "../../adapters/sql/layouts/sqlx.js";
import { outOfBandIndexFix } from "../support/out-of-band-index.js";
import { mayRunUnderOwnRunner } from "../support/own-runner.js";
import { RIVER_TEMPLATE_MARKER } from "../../adapters/sql/layouts/rivermigrate.js";
import { djangoApp, djangoDependsOn, djangoHasOtherOperations, djangoPredecessors } from "../support/django-migration.js";
import { sourceImports } from "../support/next-migration.js";
import { djangoMigrationRewritten, djangoOperationRanges, type DjangoRewrite } from "../support/django-rewrite.js";
import { freeNames } from "../support/python-free-names.js";
import { runTimeConcurrentlyReport } from "../support/run-time-concurrently.js";
import { afterWholeTableUpdate, heldLockSentence, type HeldLockWork } from "../support/held-lock.js";
import { hasSyntax } from "../../database/postgres-syntax.js";
import { modelIndexNote } from "./model-field-index.js";

/** Under an earlier statement's ACCESS EXCLUSIVE, the build's SHARE lock adds no wait, but reads wait for it too. */
const HELD_LOCK_BUILD: HeldLockWork = { work: "build", effect: "blocks reads as well as writes for its whole duration", fix: "building it CONCURRENTLY outside this transaction" };

/**
 * The AddField / AlterField that asked for the index, with `db_index=False` on its field (a ForeignKey's db_index
 * defaults to True, so leaving the keyword out keeps the index), and what the model must say.
 */
function djangoFieldWithoutIndex(ctx: RuleContext, op: OperationOf<"add_index">, withLike: boolean): string {
  const fieldCallee = op.ormFieldDef ? calleeOf(op.ormFieldDef) : undefined;
  const call = fieldCallee ? withKeyword(reindented(op.text.trim()), "db_index", "False", (c) => c === fieldCallee) : undefined;
  const note = modelIndexNote(ctx, op, withLike).join("\n");
  if (call) return `${note}\n${call.replace(/,?$/, ",")}`;
  return `${note}; this migration's ${calleeOf(op.text) ?? "field operation"} of ${op.ormField} with db_index=False before it`;
}

/**
 * AddIndexConcurrently of the index a Django field asked for, and of the `_like` index Django builds beside it on a
 * varchar or text column (`opclass`), named within Django's 30 characters.
 */
function djangoFieldIndexBuild(op: OperationOf<"add_index">, name: string, opclass: string | undefined): string {
  const fields = `[${(op.ormField ? [op.ormField] : op.columns).map((c) => pythonString(c)).join(", ")}]`;
  const model = op.ormModel ?? op.table;
  const own = `AddIndexConcurrently(model_name="${model}", index=models.Index(fields=${fields}, name="${djangoIndexNameWithin(name, op.table, op.columns)}")),`;
  if (!opclass) return own;
  const like = djangoIndexNameWithin(derivedName(op.table, op.columns, "like"), op.table, [...op.columns, "like"]);
  return [
    own,
    `# the ${opclass} index Django builds beside it for LIKE 'prefix%' (its _like index)`,
    `AddIndexConcurrently(model_name="${model}", index=models.Index(fields=${fields}, name="${like}", opclasses=["${opclass}"])),`,
  ].join("\n");
}

/**
 * One key of a Django index as SQL: a column, or a one-argument text function of a field the history knows as a
 * column of the table (`Lower("username")` -> `lower(username)`, pontoon's 0115); undefined for anything else.
 */
function indexKeySql(ctx: RuleContext, table: string, key: string, beforeIndex: number): string | undefined {
  if (/^\w+$/.test(key)) return ident(key);
  // F("field") alone is the field's column (pontoon's 0125)
  const field = /^(?:[\w.]*\.)?F\(\s*["'](\w+)["']\s*\)$/.exec(key.trim());
  if (field) return ctx.repository.columnType(table, field[1], beforeIndex) ? ident(field[1]) : undefined;
  const call = /^(?:[\w.]*\.)?(Lower|Upper|Trim)\(\s*(?:(?:[\w.]*\.)?F\(\s*)?["'](\w+)["']\s*\)?\s*\)$/.exec(key.trim());
  if (!call || !ctx.repository.columnType(table, call[2], beforeIndex)) return undefined;
  return `${call[1].toLowerCase()}(${ident(call[2])})`;
}

/**
 * Django's AddConstraint of a UniqueConstraint with a condition (or include, opclasses, expressions): PostgreSQL has
 * it as a unique INDEX, not a table constraint, so there is no USING INDEX step: the index is built CONCURRENTLY
 * with RunSQL as Django's schema editor writes it (`CREATE UNIQUE INDEX name ON table (columns opclass) INCLUDE
 * (...) NULLS [NOT] DISTINCT WHERE ...`), the constraint goes into Django's state as written. What migguard cannot
 * render (a condition beyond simple lookups, an expression, an option set at run time) is named in a comment that
 * says where to copy the index from.
 */
function djangoUniqueIndexFix(ctx: RuleContext, op: OperationOf<"add_index">, name: string): string {
  const keys = op.columns.map((c) => indexKeySql(ctx, op.table, c, ctx.migration.up.indexOf(op)));
  const where = op.partial ? op.predicate : "";
  // Django pairs opclasses with fields (it refuses them with expressions): `"col" varchar_pattern_ops`
  const columns = keys.map((k, i) => (k !== undefined && op.opclasses?.[i] ? `${k} ${op.opclasses[i]}` : k));
  const unread = [
    ...(keys.some((k) => k === undefined) ? ["expressions"] : []),
    ...(where === undefined ? ["condition"] : []),
    ...(op.unreadOptions ?? []),
    ...(op.opclasses && op.opclasses.length !== keys.length ? ["opclasses"] : []),
  ];
  // Django leaves out what the server lacks (include= before PostgreSQL 11, nulls_distinct= before 15), and so does the build
  const clauses = [
    op.include?.length && hasSyntax(ctx.postgresVersion, "coveringIndexes") ? ` INCLUDE (${op.include.map(ident).join(", ")})` : "",
    !hasSyntax(ctx.postgresVersion, "nullsNotDistinct") ? "" : op.nullsDistinct === false ? " NULLS NOT DISTINCT" : op.nullsDistinct === true ? " NULLS DISTINCT" : "",
    where ? ` WHERE ${where}` : "",
  ].join("");
  const app = djangoApp(ctx.migration).label;
  const migrationName = djangoApp(ctx.migration).name;
  const database = !unread.length
    ? concurrentBuildRunSql(name, `CREATE UNIQUE INDEX CONCURRENTLY ${ident(name)} ON ${ident(op.table)} (${columns.join(", ")})${clauses}`)
    : [
        `# migguard could not render this constraint's ${unread.map((u) => (u === "expressions" ? "expressions" : `${u}=`)).join(", ")} as SQL: copy the CREATE UNIQUE INDEX Django prints`,
        `# (python manage.py sqlmigrate ${app} ${migrationName}), add CONCURRENTLY, and run it here with migrations.RunSQL(...,`,
        `# reverse_sql=${pythonString(`DROP INDEX CONCURRENTLY IF EXISTS ${ident(name)}`)})`,
      ];
  return [
    `# ${op.partial ? "a conditional" : "this"} UniqueConstraint is a ${op.partial ? "partial " : ""}unique index in PostgreSQL (not a table constraint):`,
    `# built CONCURRENTLY here, the constraint kept in Django's state`,
    ...separateDatabaseAndState(database, op.text),
  ].join("\n");
}

const MODELS_IMPORT = "from django.db import models";

/**
 * An AlterIndexTogether that only adds sets: the database builds each set's index CONCURRENTLY (RunSQL, under the
 * name Django's schema editor gives an index_together index) and Django's state keeps the AlterIndexTogether as
 * written, so the model, which still says index_together, and the migrations agree (an AddIndexConcurrently of a
 * models.Index would move the index into Meta.indexes state). One that also removes sets stays on the general fix.
 */
function indexTogetherFix(ctx: RuleContext, op: OperationOf<"add_index">): string | undefined {
  if (!/(?:^|\.)AlterIndexTogether$/.test(calleeOf(op.text) ?? "")) return undefined;
  const same = ctx.migration.up.filter((o) => o.loc.line === op.loc.line && o.text === op.text);
  if (same.some((o) => o.kind !== "add_index") || op.table.includes(".")) return undefined;
  const builds = same.flatMap((o) => {
    const set = o as OperationOf<"add_index">;
    const name = schemaEditorIndexName(set.table, set.columns, "_idx");
    return concurrentBuildRunSql(name, `CREATE INDEX CONCURRENTLY ${ident(name)} ON ${ident(set.table)} (${set.columns.map(ident).join(", ")})`);
  });
  return [
    `# index_together stays in Django's state as written (the model says index_together); the database builds each set's index`,
    `# CONCURRENTLY under the name Django gives it`,
    ...separateDatabaseAndState(builds, op.text),
  ].join("\n");
}

/** What the Django fix puts in place of one flagged operation: the field step (db_index=False) and the build after it, and the imports they need. */
interface DjangoIndexStep {
  op: OperationOf<"add_index">;
  build: string;
  fieldStep?: string;
  imports: readonly string[];
}

/**
 * The steps one rewrite of the migration covers for `own`: the migration's every flagged operation that stands whole
 * in its `operations` list (one element each: an AlterIndexTogether's sets share one), so each finding's fix is the
 * same rewrite and applying any one of them is enough; `own` alone when it is a RunSQL's statement.
 */
function sharedSteps(own: DjangoIndexStep, steps: readonly DjangoIndexStep[]): DjangoIndexStep[] {
  if (own.op.embeddedSql) return [own];
  const whole = steps.filter((s) => !s.op.embeddedSql);
  const byLine = new Map<number, DjangoIndexStep>();
  for (const s of whole.some((s) => s === own) ? whole : [own, ...whole]) if (!byLine.has(s.op.loc.line)) byLine.set(s.op.loc.line, s);
  return [...byLine.values()].sort((a, b) => a.op.loc.line - b.op.loc.line);
}

const stepLines = (s: DjangoIndexStep) => [...(s.fieldStep ? [s.fieldStep] : []), s.build];

/**
 * The Django fix: the concurrent builds in a migration with atomic = False. Alone in its migration (with the
 * migration's other flagged builds), the operations are replaced there; beside other operations (an
 * AlterUniqueTogether, another AddField, a RunSQL) those stay in this migration, in its transaction, and the builds
 * move to a new migration that depends on it: nothing is lost. Every flagged build of the migration is in the one
 * rewrite, so the findings do not come as fragments to merge by hand.
 */
function djangoConcurrentFix(ctx: RuleContext, own: DjangoIndexStep, migrationSteps: readonly DjangoIndexStep[]): string {
  const { op } = own;
  const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);
  // the file's own operations list: an operation the model keeps nothing for (an AlterField of choices) is one too
  const ranges = djangoOperationRanges(ctx.migration);
  const steps = ranges ? sharedSteps(own, migrationSteps) : [own];
  const covered = (r: { line: number; endLine: number }) => steps.some((s) => r.line <= s.op.loc.line && s.op.loc.line <= r.endLine);
  const others = ranges ? ranges.some((r) => !covered(r)) : djangoHasOtherOperations(ctx.migration, op);
  const imports = [...new Set(steps.flatMap((s) => s.imports))];
  const nonAtomic = "CREATE INDEX CONCURRENTLY cannot run in a transaction";
  const [first, ...rest] = steps;
  const rewritten = (withStep: (s: DjangoIndexStep) => readonly string[], extra: Pick<DjangoRewrite, "nonAtomic" | "imports"> = {}) =>
    op.embeddedSql ? undefined : djangoMigrationRewritten(ctx.migration, { line: first.op.loc.line, with: withStep(first), also: rest.map((s) => ({ line: s.op.loc.line, with: withStep(s) })), ...extra });
  // the one rewrite for several findings: said, so a reader applies it once
  const shared = steps.length > 1 ? [`# one rewrite for the ${steps.length} index builds of this migration (lines ${steps.map((s) => s.op.loc.line).join(", ")}): each of their findings has this same fix, apply it once`] : [];
  const builds = steps.map((s) => s.build).join("\n");
  if (!others) {
    // the whole migration: its imports, dependencies and everything else as written, non-atomic, each build in its operation's place
    const whole = rewritten(stepLines, { nonAtomic, imports });
    if (whole) return [...shared, `# the migration becomes, ${ctx.migration.path}:`, whole.trimEnd()].join("\n");
  }
  // not rewritten whole (the CREATE INDEX is a RunSQL's statement): the operation's replacement, in place, with the
  // migration's own dependencies and other lines kept as written (a class printed without them would not migrate)
  if (!others)
    return [
      ...imports,
      `# with atomic = False on the Migration (${nonAtomic}), in place of this ${op.embeddedSql ? "RunSQL" : (calleeOf(op.text) ?? "operation")}:`,
      ...stepLines(own),
    ].join("\n");
  // after the app's leaf nodes: a later migration of the app in the repository would otherwise be a second leaf
  const after = djangoPredecessors(ctx.migration, ctx.repository.djangoLeaves).filter((m) => m !== ctx.migration);
  const newest = after.map((m) => djangoApp(m).name).join(", ");
  // not the app's newest: a migration after the newest would build the index on the model as the later ones left it
  // (one may have altered or deleted it), so the build is made here, in place
  if (after.length) {
    const whole = rewritten(stepLines, { nonAtomic, imports });
    const tables = [...new Set(steps.map((s) => s.op.table))].join(", ");
    const why = `# this migration is not the app's newest (${newest}): built in a migration after that one, the ${steps.length > 1 ? "indexes" : "index"} would be on ${tables} as the later migrations leave ${steps.length > 1 ? "those tables" : "it"} (they may alter or delete ${steps.length > 1 ? "them" : "it"}), so ${steps.length > 1 ? "they are" : "it is"} built here, in place`;
    if (whole)
      return [
        why,
        `# atomic = False runs each operation of the migration on its own: one that fails leaves those before it applied (fix it, then migrate again)`,
        ...shared,
        `# the migration becomes, ${ctx.migration.path}:`,
        whole.trimEnd(),
      ].join("\n");
    return [
      why,
      `# migguard could not rewrite it (${op.embeddedSql ? "the CREATE INDEX is one statement of a RunSQL" : "its operations list is not one it can edit"}): set atomic = False on this migration and`,
      `# put in place of this operation:`,
      ...stepLines(own),
    ].join("\n");
  }
  const callee = calleeOf(op.text) ?? "operation";
  const keep = "every other operation of this migration stays as written, in its transaction";
  // this migration as it becomes, whole: its dependencies and other operations in their order, without the builds
  const kept = rewritten((s) => (s.fieldStep ? [s.fieldStep] : []));
  const what = steps.length > 1 ? "these operations build no index" : own.fieldStep ? `this ${callee} builds no index` : `without this ${callee}`;
  const here = kept
    ? [`# the migration becomes (${what}; ${keep}), ${ctx.migration.path}:`, kept.trimEnd()]
    : own.fieldStep
    ? [`# ${keep}; this ${callee} builds no index:`, own.fieldStep]
    : op.embeddedSql
      ? [`# take this CREATE INDEX out of the migration (out of its RunSQL); ${keep}`]
      : [`# remove this ${callee} from the migration; ${keep}`];
  // names the moved operations read that the migration imports (django.db.models.functions.text.Lower): the new file imports them too
  const bound = sourceImports(ctx.migration);
  const carried = [...new Set((freeNames(builds) ?? []).filter((n) => n !== "migrations" && n !== "models" && bound[n]).map((n) => bound[n]))];
  return [
    ...shared,
    ...here,
    ``,
    `# then, in a new migration after it:`,
    // the new file's own `from django.db import migrations, models` line below binds models
    ...imports.filter((line) => line !== MODELS_IMPORT),
    ...carried,
    `from django.db import migrations, models`,
    ``,
    ``,
    `class Migration(migrations.Migration):`,
    `    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction`,
    `    ${djangoDependsOn(ctx.migration, ctx.repository.djangoLeaves, ctx.repository.djangoGraphPartial)}`,
    `    operations = [`,
    `        ${indent(builds, "        ")}`,
    `    ]`,
  ].join("\n");
}

/**
 * An index replaced (support/replaced-index.ts) by Django's RemoveIndex then AddIndex: the swap in Django's terms,
 * the state kept right at each step. What a failed build left is dropped first (RunSQL), the new index built by
 * AddIndexConcurrently (under the temporary name when it takes the old one's), the old one removed by
 * RemoveIndexConcurrently, the new one renamed by RenameIndex (Django 4.1+). The RemoveIndex goes from the
 * migration, and djangoConcurrentFix puts the swap in the AddIndex's place, non-atomic (or in a migration of its own).
 */
function djangoSwapFix(ctx: RuleContext, r: IndexReplacement): string | undefined {
  const { drop, create } = r;
  if (drop.embeddedSql || create.embeddedSql || !create.ormModel || !ctx.migration.source) return undefined;
  // AddIndexConcurrently and RemoveIndexConcurrently are Django 3.0+, RenameIndex 4.1+: an older pinned Django gets the swap in words
  if (ctx.repository.djangoAtLeast("3.0") === false || (r.sameName && ctx.repository.djangoAtLeast("4.1") === false)) return undefined;
  const add = withCallee(reindented(create.text.trim()), "AddIndexConcurrently");
  const named = add && r.sameName ? withKeyword(add, "name", pythonString(r.temporary), (c) => /(?:^|\.)Index$/.test(c)) : add;
  const remove = withCallee(reindented(drop.text.trim()), "RemoveIndexConcurrently");
  const built = r.sameName ? r.temporary : create.name;
  if (!named || !remove || !built) return undefined;
  const model = keywordText(drop.text, "model_name") ?? pythonString(create.ormModel);
  const build = [
    `# what a failed build left (INVALID), before building it again`,
    dropIndexRunSql(built),
    named.replace(/,?$/, ","),
    remove.replace(/,?$/, ","),
    ...(r.sameName ? [`# RenameIndex: Django 4.1+`, `migrations.RenameIndex(model_name=${model}, new_name=${pythonString(r.name)}, old_name=${pythonString(r.temporary)}),`] : []),
  ].join("\n");
  // the migration without its RemoveIndex: the swap takes the place of both
  const removed = djangoMigrationRewritten(ctx.migration, { line: drop.loc.line, with: [] });
  if (removed === undefined) return undefined;
  const shift = ctx.migration.source.split("\n").length - removed.split("\n").length;
  const moved = <T extends { loc: { line: number; endLine: number } }>(o: T): T => (o.loc.line > drop.loc.line ? { ...o, loc: { ...o.loc, line: o.loc.line - shift, endLine: o.loc.endLine - shift } } : o);
  const up = ctx.migration.up.filter((o) => !(o.kind === "drop_index" && o.loc.line === drop.loc.line)).map(moved);
  const op = up[ctx.migration.up.indexOf(create) - 1] as OperationOf<"add_index">;
  const migration = { ...ctx.migration, source: removed, up };
  const step = { op, build, imports: ["from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently"] };
  return djangoConcurrentFix({ ...ctx, migration }, step, [step]);
}

/**
 * CREATE INDEX IF NOT EXISTS of an index an earlier migration built, not dropped since: nothing is built (the
 * statement only finds the name taken).
 */
function builtBefore(ctx: RuleContext, op: OperationOf<"add_index">, index: number): boolean {
  if (!op.ifNotExists || !op.name) return false;
  const earlier = ctx.repository.indexDefinition(op.name);
  if (!earlier) return false;
  return !ctx.migration.up.slice(0, index).some(
    (o) =>
      (o.kind === "drop_index" && o.names.some((n) => nameKey(n) === nameKey(op.name!))) ||
      (o.kind === "drop_table" && o.tables.some((t) => nameKey(t) === nameKey(earlier.table))) ||
      (o.kind === "rename_object" && o.objectType === "index" && nameKey(o.name) === nameKey(op.name!)),
  );
}

/** The partitions of `table` when it is a partitioned table: those of the earlier migrations, then this one's before the index. */
function partitionsOf(ctx: RuleContext, table: string, index: number): readonly string[] | undefined {
  const earlier = ctx.repository.partitions(table);
  if (!earlier) return undefined;
  const added = ctx.migration.up.slice(0, index).flatMap((o) => (o.kind === "create_table" && o.partitionOf && nameKey(o.partitionOf) === nameKey(table) ? [o.table] : []));
  return [...earlier, ...added];
}

/**
 * PostgreSQL cannot build an index on a partitioned table CONCURRENTLY: the index goes on the parent alone
 * (`ON ONLY`, instant), each partition's is built CONCURRENTLY and attached to it. `oneQuery`: the layout whose
 * runner sends a file as one query, where each CONCURRENTLY statement needs a file of its own.
 */
function partitionedIndexFix(sql: string, name: string, partitions: readonly string[], columns: readonly string[], oneQuery: string | undefined): string | undefined {
  const built = partitionedIndexSql(sql, name, partitions, columns);
  if (!built) return undefined;
  const table = (parseOne(sql)?.IndexStmt?.relation?.relname as string | undefined) ?? "the table";
  const lines = [
    `-- ${table} is partitioned: PostgreSQL cannot build an index on it CONCURRENTLY. The index goes on the parent alone`,
    `-- (ON ONLY: instant, and invalid until each partition's own index is attached), each partition's is built CONCURRENTLY:`,
  ];
  if (!built.partitions.length) {
    lines.push(built.parent, `-- migguard found no partition of ${table} in the migrations: for each one, outside a transaction,`, `-- CREATE INDEX CONCURRENTLY <partition>_${columns.length ? `${columns.join("_")}_` : ""}idx ON <partition> (...), then`, `-- ALTER INDEX ${ident(name)} ATTACH PARTITION <partition>_${columns.length ? `${columns.join("_")}_` : ""}idx;`);
    return lines.join("\n");
  }
  if (oneQuery) {
    // every CONCURRENTLY statement alone in a file: the runner would make two statements one transaction
    lines.push(`-- migration 1:`, built.parent);
    built.partitions.forEach((p, i) => lines.push(`-- migration ${i + 2}, this statement alone in its file (${oneQuery} sends a file as one query, one transaction):`, p.create));
    lines.push(`-- migration ${built.partitions.length + 2}: attach them (instant; the parent's index is valid once all are):`, ...built.partitions.map((p) => p.attach));
  } else {
    lines.push(built.parent, `-- outside a transaction (its own migration file / NO TRANSACTION mode), partition by partition:`);
    for (const p of built.partitions) {
      const own = parseOne(p.create)?.IndexStmt?.idxname as string;
      lines.push(`DROP INDEX CONCURRENTLY IF EXISTS ${ident(own)};  -- what a failed build left`, p.create, p.attach);
    }
  }
  return lines.join("\n");
}


/** How to drop the INVALID index a failed CONCURRENTLY build leaves, in words for a fix's comment. */
const invalidIndexCleanup = (op: { name?: string; table: string }): string =>
  op.name
    ? `run DROP INDEX CONCURRENTLY IF EXISTS ${ident(op.name)}`
    : `drop it CONCURRENTLY (PostgreSQL names it; SELECT indexrelid::regclass FROM pg_index WHERE indrelid = ${sqlString(ident(op.table))}::regclass AND NOT indisvalid lists it)`;

export default defineRule({
  meta: {
    id: "index-without-concurrently",
    fixReplacesOperation: true,
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "error",
    title: "CREATE INDEX without CONCURRENTLY blocks writes",
    why:
      "A plain CREATE INDEX holds a SHARE lock on the table for the whole build: every INSERT, UPDATE and DELETE " +
      "waits, for minutes on a large table. CREATE INDEX CONCURRENTLY builds it while writes continue.",
  },
  check(ctx) {
    // reported after the loop: a Django fix rewrites the migration for all of its flagged builds (djangoSteps)
    const pending: Array<() => void> = [];
    const djangoSteps: DjangoIndexStep[] = [];
    for (const { op, index } of upOps(ctx, "add_index")) {
      // a per-chunk build (TimescaleDB's) locks one chunk at a time: the hypertable's way to let writes go on
      if (op.concurrently || op.perChunk || !tableWithRows(ctx, op.table, index) || builtBefore(ctx, op, index)) continue;
      // CONCURRENTLY chosen at run time (an opt-in flag): a note, the safe path is the project's own
      if (op.concurrentlyWhen) {
        const report = runTimeConcurrentlyReport(ctx.framework, op, "build", op.name ?? `on ${op.table} (${op.columns.join(", ")})`, op.table, op.concurrentlyWhen);
        pending.push(() => ctx.report({ op, ...report }));
        continue;
      }
      const name = op.name ?? derivedName(op.table, op.columns, "idx");
      // an earlier UPDATE of every row under the transaction's ACCESS EXCLUSIVE lock: the build adds a fraction of that outage
      const updated = afterWholeTableUpdate(ctx, op.table, index, HELD_LOCK_BUILD, op.columns[0]);
      const held = updated ? updated.sentence : heldLockSentence(ctx, op, op.table, index, HELD_LOCK_BUILD);
      // TimescaleDB refuses CONCURRENTLY on a hypertable: the CONCURRENTLY fix would fail there
      // the application's code may make it one too (read for an Alembic revision only: it loads the Python grammar)
      const hypertable = ctx.repository.hypertable(op.table, index) ?? (ctx.framework === "alembic" ? codeHypertable(ctx, op.table) : undefined);
      if (hypertable) {
        const report = hypertableIndexReport(ctx, op, name, hypertable);
        pending.push(() => ctx.report({ op, ...report }));
        continue;
      }
      // it replaces an index the migration dropped before it: one finding for both, the swap as its fix
      const replacement = replacementBy(ctx, index);
      if (replacement) {
        const report = replacementReport(ctx, replacement, (r) => djangoSwapFix(ctx, r));
        // an earlier UPDATE of every row: said too (the drop's own lock the replacement's message says already)
        pending.push(() => ctx.report({ ...report, ...(updated ? { message: `${report.message}${updated.sentence}`, severity: updated.severity } : {}) }));
        continue;
      }
      const cols = op.columns.map(ident).join(", ");
      const oneQuery = ctx.framework === "sql" && !op.embeddedSql && sendsOneQuery(ctx.migration);
      const partitioned = ctx.framework === "sql" && !op.embeddedSql ? partitionsOf(ctx, op.table, index) : undefined;
      const byPartition = partitioned && partitionedIndexFix(op.text, name, partitioned, op.columns, oneQuery ? ctx.migration.layout : undefined);
      if (byPartition) {
        pending.push(() =>
          ctx.report({
            op,
            message: `Creating index ${op.name ?? `on ${op.table} (${op.columns.join(", ")})`} without CONCURRENTLY blocks writes to ${op.table} and its partitions while it builds.${held}`,
            ...(updated ? { severity: updated.severity } : {}),
            fix: byPartition,
          }),
        );
        continue;
      }
      // SQL as written (its expressions, WHERE, USING), rebuilt CONCURRENTLY; a failed concurrent build leaves an
      // INVALID index that IF NOT EXISTS would keep, so a named index is dropped first
      const parts = ctx.framework === "sql" || op.embeddedSql ? concurrentIndexParts(op.text) : undefined;
      const written = parts && `${parts.drop ? `${parts.drop}\n` : ""}${parts.create}`;
      // the embedded statement rebuilt CONCURRENTLY, for Rails' execute and Django's RunSQL: from the parse above, not a second one
      const embeddedCreate = op.embeddedSql ? (parts?.create.replace(/;$/, "") ?? op.text.trim().replace(/;\s*$/, "")) : undefined;
      // Django's own AddIndex, expressions and all, as AddIndexConcurrently
      const djangoIndex = ctx.framework === "django" && /(?:^|\.)AddIndex$/.test(calleeOf(op.text) ?? "") ? withCallee(reindented(op.text.trim()), "AddIndexConcurrently") : undefined;
      // an AddField / AlterField's index: the field itself says db_index=False (a ForeignKey is indexed unless it
      // does), so Django builds nothing under the lock and AddIndexConcurrently builds it
      const djangoUniqueIndex =
        ctx.framework === "django" && op.unique && /(?:^|\.)AddConstraint$/.test(calleeOf(op.text) ?? "") ? djangoUniqueIndexFix(ctx, op, name) : undefined;
      // an index_together set: built CONCURRENTLY by RunSQL, the AlterIndexTogether kept in Django's state
      const togetherIndex = ctx.framework === "django" && !op.embeddedSql ? indexTogetherFix(ctx, op) : undefined;
      // Django's `_like` index beside a varchar / text field's own (django-like-index.ts): db_index=False drops it too
      const likeOpclass =
        ctx.framework === "django" && op.ormField && !djangoIndex && !djangoUniqueIndex && !op.embeddedSql && op.columns.length === 1 && !keywordText(op.ormFieldDef ?? "", "db_collation")
          ? djangoLikeOpclass(ctx.repository.columnType(op.table, op.columns[0], index))
          : undefined;
      // the project pins a Django before 3.0 (its requirements): no AddIndexConcurrently, RunSQL builds the index
      const oldDjango = ctx.framework === "django" && ctx.repository.djangoAtLeast("3.0") === false;
      // a field of a model django-simple-history builds, or any field on a Django before 3.0: the state keeps it, the
      // database builds the index by RunSQL
      const fieldIndex = ctx.framework === "django" && op.ormField && !djangoIndex && !djangoUniqueIndex && !op.embeddedSql;
      const historyIndex = fieldIndex
        ? (historyModelIndexFix(op, likeOpclass) ??
          (oldDjango
            ? stateKeptIndexFix(op, likeOpclass, [
                `${OLD_DJANGO_INDEX_NOTE} Django's state keeps this ${calleeOf(op.text) ?? "operation"} as written (the model unchanged), the database adds`,
                `# the column without its index, and RunSQL builds the index CONCURRENTLY under the name Django gives it`,
              ])
            : undefined))
        : undefined;
      // Django's own AddIndex on a Django before 3.0: RunSQL builds it, the state keeps the AddIndex
      const oldDjangoIndex = oldDjango && djangoIndex ? oldDjangoIndexBuild(op, djangoApp(ctx.migration)) : undefined;
      const fieldStep = ctx.framework === "django" && op.ormField && !djangoIndex ? (historyIndex?.fieldStep ?? djangoFieldWithoutIndex(ctx, op, likeOpclass !== undefined)) : undefined;
      const create = `CREATE ${op.unique ? "UNIQUE " : ""}INDEX CONCURRENTLY ${ident(name)} ON ${ident(op.table)} (${cols});`;
      const rebuilt = `DROP INDEX CONCURRENTLY IF EXISTS ${ident(name)};\n${create}`;
      // golang-migrate and Prisma send a file as one query: two statements would be one implicit transaction,
      // which CONCURRENTLY refuses, so the file holds the CREATE alone and the clean-up of a failed build is by hand
      const createAlone = parts?.create ?? create;
      // beside other statements the CREATE moves to a new file, not in place: on two lines, so no review
      // comment offers it as a one-line suggestion that would keep it in this file
      const sharesFile = ctx.migration.up.some((o) => o.loc.line !== op.loc.line);
      const alone = oneQuery ? (sharesFile ? (indexOnNextLine(createAlone) ?? createAlone) : createAlone) : undefined;
      // sqlx runs this file in its transaction: the CREATE goes alone to a new file that starts with `-- no-transaction`
      const sqlxFile = ctx.framework === "sql" && !op.embeddedSql ? sqlxLeaveTransaction(ctx.migration, ctx.repository) : undefined;
      // a runner that keeps every version in a transaction: the concurrent build is a step by hand before it
      const runner = ctx.framework === "sql" && !op.embeddedSql ? NO_WAY_OUT_OF_TRANSACTION[ctx.migration.layout] : undefined;
      const byHand = runner ? outOfBandIndexFix(op.text, name, runner, RIVER_TEMPLATE_MARKER.test(ctx.migration.source ?? op.text)) : undefined;
      const what = op.name ?? `on ${op.table} (${op.columns.join(", ")})`;
      // nothing writes a materialized view but its REFRESH, which the build's SHARE lock blocks; reads go on
      const materialized = ctx.repository.relationKind(op.table, index) === "materialized_view";
      // the project's own migrator may run the file in a transaction (own-runner.ts): then the build by hand
      const ownRunner = mayRunUnderOwnRunner(ctx, op);
      const djangoStep: DjangoIndexStep | undefined =
        ctx.framework === "django"
          ? {
              op,
              build:
                djangoUniqueIndex ??
                togetherIndex ??
                historyIndex?.build ??
                (embeddedCreate
                  ? [`migrations.RunSQL(`, `    ${pythonString(embeddedCreate)},`, `    reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS ${name}",`, `),`].join("\n")
                  : (oldDjangoIndex ?? (djangoIndex ? djangoIndex.replace(/,?$/, ",") : djangoFieldIndexBuild(op, name, likeOpclass)))),
              fieldStep: djangoUniqueIndex || embeddedCreate ? undefined : fieldStep,
              imports:
                djangoUniqueIndex || embeddedCreate || historyIndex || oldDjangoIndex || togetherIndex
                  ? []
                  : [
                      "from django.contrib.postgres.operations import AddIndexConcurrently",
                      // models.Index(...) of a field's index: a migration that never imported models must (SEED 0068)
                      ...(!djangoIndex && !("models" in sourceImports(ctx.migration)) ? [MODELS_IMPORT] : []),
                    ],
            }
          : undefined;
      if (djangoStep) djangoSteps.push(djangoStep);
      pending.push(() => ctx.report({
        op,
        ...(ownRunner ? { fixUnderRunnerTransaction: (who: string) => outOfBandIndexFix(op.text, name, who, false) } : {}),
        ...(materialized
          ? {
              severity: "info" as const,
              message:
                `Creating index ${what} without CONCURRENTLY blocks REFRESH MATERIALIZED VIEW ${op.table} while it builds: ${op.table} is a materialized view, ` +
                `which nothing else writes, and its reads go on. A plain REFRESH that starts meanwhile waits, and reads queue behind it; CONCURRENTLY blocks no REFRESH.`,
            }
          : { message: `Creating index ${what} without CONCURRENTLY blocks writes to ${op.table} while it builds.${held}`, ...(updated ? { severity: updated.severity } : {}) }),
        fix: fixFor(ctx.framework, {
          sql: byHand
            ? byHand
            : sqlxFile
            ? `
            ${sqlxFile.replace(/\n/g, "\n            ")}
            -- A failed build leaves an INVALID index: ${invalidIndexCleanup(op)} by hand before migrating again.
            -- the new file:
            ${SQLX_NO_TRANSACTION}
            ${createAlone.replace(/\n/g, "\n            ")}`
            : alone
            ? `
            -- in a migration file of its own, this statement alone (${ctx.migration.layout} sends the file as one query, and
            -- PostgreSQL runs two or more statements as one transaction, which CONCURRENTLY refuses).
            -- A failed build leaves an INVALID index: ${invalidIndexCleanup(op)}
            -- by hand before migrating again.
            ${alone.replace(/\n/g, "\n            ")}`
            : `
            ${outsideTransactionPlacement(ctx.migration, ctx.repository).replace(/\n/g, "\n            ")}
            ${(written ?? rebuilt).replace(/\n/g, "\n            ")}`,
          // built for a Rails (Django) migration only: a SQL file's CREATE INDEX never pays for them
          rails: () =>
            railsIndexFix(
              op,
              ctx.migration,
              indexName,
              embeddedCreate,
              (i) => {
                const other = ctx.migration.up[i];
                // one built CONCURRENTLY at run time stays as written (its own note)
                return other.kind === "add_index" && !other.concurrentlyWhen && tableWithRows(ctx, other.table, i);
              },
              ctx.repository,
            ),
          django: () => djangoConcurrentFix(ctx, djangoStep!, djangoSteps),
          // built for an Alembic revision only: it reads the call with the Python grammar, which a SQL file never loads
          alembic: () => alembicLoopFix(ctx, op) ?? alembicConcurrentIndex(ctx, op, name, parts),
        }),
      }));
    }
    for (const report of pending) report();
  },
});

/** An index a loop over a literal list builds: the loop kept, or said plainly why it cannot be rewritten (never one item's statement). */
function alembicLoopFix(ctx: RuleContext, op: OperationOf<"add_index">): string | undefined {
  const fix = alembicLoopIndexFix(ctx, op);
  if (!fix || "code" in fix) return fix?.code;
  return [
    `# line ${op.loc.line} is in the loop of lines ${op.loop!.line}-${op.loop!.endLine}, which builds an index per item; migguard cannot rewrite that loop: ${fix.reason}.`,
    `# Run the loop inside \`with op.get_context().autocommit_block():\` and build each index CONCURRENTLY (postgresql_concurrently=True, or CONCURRENTLY after CREATE INDEX in its SQL).`,
  ].join("\n");
}

/**
 * The Alembic fix: the revision's own create_index, every argument kept as written (postgresql_using,
 * postgresql_where=sa.text(...), sa.text expressions, unique, postgresql_include, op.f names), with
 * postgresql_concurrently=True, in an autocommit block (CONCURRENTLY refuses a transaction). A batch_op call becomes
 * the op.create_index that names the batch's table; an op.execute of SQL runs that SQL CONCURRENTLY. Only an index
 * that no call of its own asks for (sa.Column(index=True)) is written from its parts.
 */
function alembicConcurrentIndex(ctx: RuleContext, op: OperationOf<"add_index">, name: string, sql: { drop?: string; create: string } | undefined): string {
  const block = (calls: string[]) => ["with op.get_context().autocommit_block():", ...calls.map((c) => `    ${c.replace(/\n/g, "\n    ")}`)].join("\n");
  // a failed concurrent build leaves an INVALID index, dropped first (the SQL's own DROP ... IF EXISTS when named)
  if (op.embeddedSql && sql) return block([sql.drop, sql.create].flatMap((s) => (s ? [`op.execute(${pythonString(s.replace(/;\s*$/, ""))})`] : [])));
  const callee = calleeOf(op.text) ?? "";
  if (/(?:^|\.)create_index$/.test(callee)) {
    const own = reindented(op.text.trim());
    const call = op.batchBlock && callee.startsWith(`${op.batchBlock.alias}.`) ? outOfBatch(own, op, ctx.migration.source, 1) : callee.includes(".") && !callee.startsWith("op.") ? undefined : own;
    const concurrent = call && withKeyword(call, "postgresql_concurrently", "True");
    if (concurrent) return block([concurrent]);
  }
  const columns = `[${op.columns.map((c) => pythonString(c)).join(", ")}]`;
  const rebuilt = `op.create_index(${pythonString(name)}, ${alembicTable(op.table).name}, ${columns}${alembicTable(op.table).schema}${op.unique ? ", unique=True" : ""}, postgresql_concurrently=True)`;
  // an index of a call migguard cannot edit in place (a batch call in a loop, another alias): built from what was read
  const note = /(?:^|\.)create_index$/.test(callee) ? [`# copy any other argument of the ${callee} call (postgresql_where, postgresql_using, ...) into this one`] : [];
  return [alembicColumnWithoutIndex(op.text), ...note, block([rebuilt])].filter(Boolean).join("\n");
}

/**
 * An add_column whose sa.Column(index=True) builds the index in the revision's transaction, right after ADD
 * COLUMN: the column is added without it (the concurrent build below makes the same index, under the name
 * SQLAlchemy gives it), so it is not built twice. Empty for any other operation.
 */
function alembicColumnWithoutIndex(text: string): string {
  if (!/(?:^|\.)add_column$/.test(calleeOf(text) ?? "")) return "";
  const kept = withoutKeyword(text, "index", (callee) => /(?:^|\.)Column$/.test(callee));
  return kept ? reindented(kept) : "";
}
