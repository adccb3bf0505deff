/**
 * The finding on an index build that replaces an index the migration drops before it (support/replaced-index.ts):
 * one hazard, reported here, with the safe swap as its fix. The new index is built CONCURRENTLY beside the old one
 * (under a temporary name when it takes the old one's), then the old one is dropped CONCURRENTLY and the new one
 * renamed: the table has an index (and its uniqueness) at every moment, and no statement holds ACCESS EXCLUSIVE.
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import type { IndexReplacement } from "../support/replaced-index.js";
import { ident } from "../support/fix.js";
import { concurrentIndexParts, withIndexName } from "../support/sql-text.js";
import { NO_WAY_OUT_OF_TRANSACTION, outsideTransactionPlacement, sendsOneQuery } from "../support/leave-transaction.js";
import { indexWith, runsEveryVersion } from "../support/out-of-band-index.js";
import { mayRunUnderOwnRunner } from "../support/own-runner.js";
import { calleeOf, withKeyword, withPositional } from "../support/python-call.js";
import { batchWithout, outOfBatch } from "../support/alembic-batch.js";
import { reindented } from "../support/data-code.js";
import { pythonString } from "../support/embed-sql.js";
import { railsIndexSwapFix } from "../support/rails-fix.js";
import { indexName } from "../../adapters/rails/rails-names.js";
import { alembicAutocommitBlock, alembicConcurrentDropCalls } from "../drop-index-without-concurrently/alembic-concurrent-drop.js";

/** A name in the schema of the old index (or of the table), as PostgreSQL reads it. */
function inSchemaOf(r: IndexReplacement, name: string): string {
  const from = r.name.includes(".") ? r.name : r.table;
  const dot = from.lastIndexOf(".");
  return ident(dot > 0 ? `${from.slice(0, dot)}.${name}` : name);
}

/** The steps of the swap as SQL, from the build's own SQL: the clean-up of a failed build, the build, the drop, the rename. */
function swapSql(r: IndexReplacement): { cleanup?: string; build: string; drop: string; rename?: string } | undefined {
  const written = r.sameName ? withIndexName(r.create.text, r.temporary) : r.create.text;
  const parts = written && concurrentIndexParts(written);
  if (!parts) return undefined;
  return {
    ...(parts.drop && !parts.drop.startsWith("--") ? { cleanup: parts.drop } : {}),
    build: parts.create,
    drop: `DROP INDEX CONCURRENTLY ${r.drop.ifExists ? "IF EXISTS " : ""}${ident(r.name)};`,
    ...(r.sameName ? { rename: renameSql(r) } : {}),
  };
}

const renameSql = (r: IndexReplacement) => `ALTER INDEX ${inSchemaOf(r, r.temporary)} RENAME TO ${ident(r.name.split(".").pop()!)};`;

/** What the new index is built as, for the comments: its temporary name, or its own. */
const builtAs = (r: IndexReplacement) => (r.sameName ? r.temporary : (r.create.name ?? "the new index"));

/** The comment line that says what a failed build leaves and how it is cleaned up. */
function failedBuild(r: IndexReplacement, cleanedUpFirst: boolean): string {
  const name = r.sameName ? r.temporary : r.create.name;
  if (!name) return `a failed build leaves an INVALID index: DROP INDEX CONCURRENTLY it (SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid lists it) before migrating again`;
  return cleanedUpFirst ? `a failed build leaves ${name} INVALID: the first statement drops it when the migration runs again` : `a failed build leaves ${name} INVALID: run DROP INDEX CONCURRENTLY IF EXISTS ${inSchemaOf(r, name)} by hand before migrating again`;
}

/**
 * A runner that keeps every version in a transaction (rivermigrate, drizzle, a project's own migrator): the swap is a
 * step by hand before migrating, and the migration keeps only the build, with IF NOT EXISTS, so it finds it done.
 */
function byHandSwap(r: IndexReplacement, runner: string): string | undefined {
  const steps = swapSql(r);
  const kept = r.create.name ? indexWith(r.create.text, r.create.name, false) : undefined;
  if (!steps || !kept) return undefined;
  return [
    `-- ${runner} ${runsEveryVersion(runner)} and has no way to leave it, so CONCURRENTLY cannot run in`,
    `-- this migration. Before migrating, replace the index by hand in a separate step outside any transaction (psql in autocommit):`,
    `-- ${builtAs(r)} is built beside ${r.name}, which serves its queries until the swap; ${failedBuild(r, steps.cleanup !== undefined)}`,
    ...[steps.cleanup, steps.build, steps.drop, steps.rename].flatMap((s) => (s ? s.split("\n").map((l) => `--   ${l}`) : [])),
    `-- The migration keeps only the build, with IF NOT EXISTS, without line ${r.drop.loc.line}'s DROP INDEX: it finds the new index there and takes no lock.`,
    kept,
  ].join("\n");
}

function sqlSwap(ctx: RuleContext, r: IndexReplacement): string | undefined {
  const runner = NO_WAY_OUT_OF_TRANSACTION[ctx.migration.layout];
  if (runner) return byHandSwap(r, runner);
  const steps = swapSql(r);
  if (!steps) return undefined;
  const what = `in place of line ${r.drop.loc.line}'s DROP INDEX ${r.name} and this CREATE INDEX: ${builtAs(r)} is built beside ${r.name}, which serves its queries until the swap`;
  if (sendsOneQuery(ctx.migration)) {
    // each CONCURRENTLY statement alone in its file: the runner makes two statements one transaction
    const files = [steps.build, steps.drop, ...(steps.rename ? [steps.rename] : [])];
    return [
      `-- ${ctx.migration.layout} sends a file as one query, which PostgreSQL runs as one transaction (CONCURRENTLY refuses it):`,
      `-- ${what}, in ${files.length} migration files, each statement alone in its file, in this order:`,
      ...files.flatMap((s, i) => [`-- file ${i + 1}:`, s]),
      `-- ${failedBuild(r, false)}.`,
    ].join("\n");
  }
  return [
    outsideTransactionPlacement(ctx.migration, ctx.repository),
    `-- ${what}; ${failedBuild(r, steps.cleanup !== undefined)}`,
    ...(steps.cleanup ? [steps.cleanup] : []),
    steps.build,
    steps.drop,
    ...(steps.rename ? [steps.rename] : []),
  ].join("\n");
}

/** The build as an Alembic call (or op.execute of its SQL), CONCURRENTLY, under the temporary name when it takes the old one's. */
function alembicBuild(ctx: RuleContext, r: IndexReplacement): string | undefined {
  const op = r.create;
  if (op.embeddedSql) {
    const sql = swapSql(r)?.build;
    return sql && `op.execute(${pythonString(sql.replace(/;\s*$/, ""))})`;
  }
  const own = reindented(op.text.trim());
  const callee = calleeOf(own) ?? "";
  const call = op.batchBlock && callee.startsWith(`${op.batchBlock.alias}.`) ? outOfBatch(own, op, ctx.migration.source, 1) : callee.startsWith("op.") ? own : undefined;
  const concurrent = call && withKeyword(call, "postgresql_concurrently", "True");
  if (!concurrent || !r.sameName) return concurrent;
  let first = true;
  return withPositional(concurrent, () => (first ? !(first = false) : false), () => pythonString(r.temporary));
}

/** The drop and the build as written, outside their batch block: what a database other than PostgreSQL runs. */
function alembicAsWritten(ctx: RuleContext, op: OperationOf<"add_index"> | OperationOf<"drop_index">, tableAt: number | undefined): string | undefined {
  const own = reindented(op.text.trim());
  const callee = calleeOf(own) ?? "";
  if (op.batchBlock && callee.startsWith(`${op.batchBlock.alias}.`)) return outOfBatch(own, op, ctx.migration.source, tableAt);
  return op.embeddedSql || callee.startsWith("op.") ? own : undefined;
}

function alembicSwap(ctx: RuleContext, r: IndexReplacement): string | undefined {
  const build = alembicBuild(ctx, r);
  const drops = alembicConcurrentDropCalls(r.drop, ctx.migration.source, r.table);
  if (!build || !drops) return undefined;
  const cleanupName = r.sameName ? r.temporary : r.create.name;
  const calls = [
    ...(cleanupName ? [`op.execute(${pythonString(`DROP INDEX CONCURRENTLY IF EXISTS ${inSchemaOf(r, cleanupName)}`)})`] : []),
    build,
    ...drops,
    ...(r.sameName ? [`op.execute(${pythonString(renameSql(r).replace(/;$/, ""))})`] : []),
  ];
  const inBatch = r.drop.batchBlock && r.drop.batchBlock.loc.line === r.create.batchBlock?.loc.line;
  const comments = [
    `# in place of line ${r.drop.loc.line}'s ${r.drop.embeddedSql ? "DROP INDEX" : "drop_index"} of ${r.name}${inBatch ? " (the batch block goes without it)" : " (remove that line)"} and this ${r.create.embeddedSql ? "CREATE INDEX" : "create_index"}:`,
    `# ${builtAs(r)} is built beside ${r.name}, which serves its queries until the swap; ${failedBuild(r, cleanupName !== undefined)}`,
  ];
  const block = alembicAutocommitBlock(calls);
  const others = (ctx.migration.alsoRunsOn ?? []).filter((d) => d !== "postgresql");
  if (!others.length) return [...comments, block].join("\n");
  // another database runs the drop and the build as written: op.execute of PostgreSQL's SQL would fail there
  const asWritten = [alembicAsWritten(ctx, r.drop, undefined), alembicAsWritten(ctx, r.create, 1)];
  if (asWritten.some((c) => c === undefined)) return undefined;
  const indent = (text: string) => `    ${text.replace(/\n/g, "\n    ")}`;
  return [...comments, `if op.get_bind().dialect.name == "postgresql":`, indent(block), `else:`, ...asWritten.map((c) => indent(c!))].join("\n");
}

/** The plain words of the swap, when migguard cannot write it in the migration's terms. */
function swapInWords(r: IndexReplacement): string {
  return [
    `# migguard could not write the swap in this migration's terms: in place of line ${r.drop.loc.line}'s drop of ${r.name} and this build,`,
    `# outside a transaction, build the new index CONCURRENTLY${r.sameName ? ` under a temporary name (${r.temporary})` : ""}, then DROP INDEX CONCURRENTLY ${ident(r.name)}${r.sameName ? `, then ALTER INDEX ${inSchemaOf(r, r.temporary)} RENAME TO ${ident(r.name.split(".").pop()!)}` : ""};`,
    `# ${failedBuild(r, false)}`,
  ].join("\n");
}

/** `djangoSwap`: the rule's Django writer (index-without-concurrently.ts), which rewrites the migration around the swap. */
export function replacementReport(
  ctx: RuleContext,
  r: IndexReplacement,
  djangoSwap?: (r: IndexReplacement) => string | undefined,
): { op: OperationOf<"add_index">; message: string; fix: string; fixUnderRunnerTransaction?: (who: string) => string | undefined } {
  const op = r.create;
  const what = op.name ?? `on ${op.table} (${op.columns.join(", ")})`;
  const oldUnique = ctx.repository.indexDefinition(r.name)?.unique;
  const message =
    `Creating index ${what} without CONCURRENTLY blocks writes to ${op.table} while it builds. It replaces the index ${r.name} dropped on line ${r.drop.loc.line}, ` +
    `whose DROP INDEX holds an ACCESS EXCLUSIVE lock on ${op.table} until commit, so reads wait for the build too; and dropped first, even CONCURRENTLY, ` +
    `the old index is gone${oldUnique ? ", and the uniqueness it enforced with it," : ""} until the new one is valid.`;
  const written =
    ctx.framework === "sql"
      ? sqlSwap(ctx, r)
      : ctx.framework === "alembic"
        ? alembicSwap(ctx, r)
        : ctx.framework === "rails"
          ? railsIndexSwapFix(r, ctx.migration, indexName, ctx.repository, ctx.repository)
          : djangoSwap?.(r);
  // in a batch block with the drop: the block is shown without either (the swap takes both places)
  const without = ctx.framework === "alembic" && op.batchBlock ? batchWithout(op, [r.drop], ctx.migration.source) : undefined;
  const shown = op.batchBlock && without !== undefined ? { ...op, batchBlock: { ...op.batchBlock, without } } : op;
  // the project's own migrator may run the file in a transaction (own-runner.ts): then the swap by hand
  const underRunner = ctx.framework === "sql" && mayRunUnderOwnRunner(ctx, op) ? { fixUnderRunnerTransaction: (who: string) => byHandSwap(r, who) } : {};
  return { op: shown, message, fix: written ?? swapInWords(r), ...underRunner };
}
