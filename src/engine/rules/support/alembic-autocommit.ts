/**
 * Alembic's supported way out of its transaction, `op.get_context().autocommit_block()`, written around the
 * revision's own calls (never `op.create_index(...)` standing for them), and what a COMMIT sent as SQL does instead
 * with the driver the project names.
 */
import type { Operation } from "../../model.js";
import type { PythonPostgresDriver } from "../../repository/repository-view.js";
import { outOfBatch } from "./alembic-batch.js";
import { dataCode, reindented } from "./data-code.js";
import { calleeOf } from "./python-call.js";
import { hasSyntax } from "../../database/postgres-syntax.js";

/** What cannot run in a transaction: a CONCURRENTLY build, and before PostgreSQL 12 ALTER TYPE ... ADD VALUE. */
export const needsAutocommit =
  (postgresVersion: number) =>
  (op: Operation): boolean =>
    ("concurrently" in op && op.concurrently === true) || (op.kind === "alter_enum" && op.action === "add_value" && !hasSyntax(postgresVersion, "addEnumValueInTransaction"));

/** One operation as the `op.*` call that runs it, as the revision wrote it (a batch call as the op call naming its table). */
function callOf(op: Operation, source: string | undefined): string {
  if (op.embeddedSql) return dataCode("alembic", op);
  const own = reindented(op.text.trim());
  const callee = calleeOf(own) ?? "";
  if (!op.batchBlock || !callee.startsWith(`${op.batchBlock.alias}.`)) return own;
  const moved = outOfBatch(own, op, source, /(?:^|\.)create_index$/.test(callee) ? 1 : undefined);
  // the batch's table could not be read: the call stays as written, with what to change said
  return moved ?? `# name the batch_alter_table's table in this call, as op.${callee.split(".").pop()} takes it\n${own}`;
}

/**
 * The calls among `ops` (each call once: one call may be several operations), in their order, those that must run
 * outside a transaction (CONCURRENTLY; ADD VALUE before PostgreSQL 12) in autocommit blocks, the others as they were.
 */
export function alembicCallsWithAutocommit(ops: readonly Operation[], source: string | undefined, postgresVersion: number): string {
  const outside = needsAutocommit(postgresVersion);
  const seen = new Set<string>();
  const groups: Array<{ autocommit: boolean; calls: string[] }> = [];
  for (const op of ops) {
    const key = `${op.loc.line}:${op.loc.endLine}:${op.embeddedSql ? op.text : ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const autocommit = outside(op);
    const call = callOf(op, source);
    const last = groups.at(-1);
    if (last && last.autocommit === autocommit) last.calls.push(call);
    else groups.push({ autocommit, calls: [call] });
  }
  return groups
    .map((g) => (g.autocommit ? ["with op.get_context().autocommit_block():", ...g.calls.map((c) => `    ${c.replace(/\n/g, "\n    ")}`)].join("\n") : g.calls.join("\n")))
    .join("\n");
}

/** Drivers that read the server's transaction status and send BEGIN before the next statement after a COMMIT sent as SQL. */
const BEGINS_AGAIN = new Set<PythonPostgresDriver>(["psycopg", "pg8000"]);
const DRIVER_NAMES: Record<PythonPostgresDriver, string> = { psycopg2: "psycopg2", psycopg: "psycopg 3", asyncpg: "asyncpg", pg8000: "pg8000" };

/** The named drivers, with the verb agreeing ("psycopg2 sends", "psycopg2 and asyncpg send"). */
const withVerb = (list: readonly PythonPostgresDriver[], verb: string) => `${list.map((d) => DRIVER_NAMES[d]).join(" and ")} ${list.length === 1 ? `${verb}s` : verb}`;

/**
 * What the driver does after a COMMIT sent as SQL: psycopg2 (SQLAlchemy's default PostgreSQL driver) and SQLAlchemy's
 * asyncpg adapter keep counting their transaction as open and send no BEGIN, so what follows runs in autocommit;
 * psycopg 3 and pg8000 read the server's transaction status and send BEGIN before the next statement. With no driver
 * named the default's behaviour is assumed and said; with drivers of both kinds named, which one Alembic connects with
 * decides (`beginsAgain` undefined), and `noBegin` and `begin` say which of the project's drivers does what
 * (only those: a driver the project does not depend on is not its concern).
 */
export function afterRawCommit(drivers: readonly PythonPostgresDriver[]): { beginsAgain: boolean | undefined; driver: string; noBegin?: string; begin?: string } {
  if (drivers.length === 1) return { beginsAgain: BEGINS_AGAIN.has(drivers[0]), driver: `${DRIVER_NAMES[drivers[0]]} (the project's driver)` };
  if (drivers.length === 0) return { beginsAgain: false, driver: "psycopg2 (SQLAlchemy's default PostgreSQL driver; the project's dependency files name none)" };
  const all = drivers.map((d) => DRIVER_NAMES[d]).join(", ");
  const again = drivers.filter((d) => BEGINS_AGAIN.has(d));
  const notAgain = drivers.filter((d) => !BEGINS_AGAIN.has(d));
  if (!notAgain.length) return { beginsAgain: true, driver: `${again.map((d) => DRIVER_NAMES[d]).join(" or ")} (the project names ${all})` };
  if (!again.length) return { beginsAgain: false, driver: `${notAgain.map((d) => DRIVER_NAMES[d]).join(" or ")} (the project names ${all})` };
  return { beginsAgain: undefined, driver: `the driver Alembic connects with (the project names ${all})`, noBegin: withVerb(notAgain, "send"), begin: withVerb(again, "send") };
}
