/**
 * Which tables an operation may add rows to: the question behind "this table is still empty". A table holds no
 * rows after its CREATE TABLE until something inserts: an INSERT, COPY or MERGE naming it, CREATE TABLE AS, a
 * data step whose code writes it. Code migguard cannot follow (a data step whose models it could not resolve, a
 * DO block, a function called by SELECT or CALL, an opaque helper) may write any table; an app helper given a
 * table first and only literal arguments writes the tables it was given, if any.
 */
import type { Operation } from "../../model.js";

/** SQL statements that run code which may insert anywhere (pg-operations.ts keeps them as `raw` by statement type). */
const CODE_STATEMENTS = new Set(["DO", "SELECT", "Call", "Execute"]);

/** The tables `op` may add rows to; "any" when it may write tables it does not name; undefined when it adds none. */
export function rowsAddedTo(op: Operation): readonly string[] | "any" | undefined {
  switch (op.kind) {
    case "create_table":
      return op.asSelect ? [op.table] : undefined;
    case "dml":
      // UPDATE and DELETE add no row to an empty table
      if (op.verb === "update" || op.verb === "delete") return undefined;
      return op.table ? [op.table] : "any";
    case "data_migration":
      if (op.readOnly) return undefined;
      return op.writes ?? (op.tables.length ? op.tables : "any");
    case "raw":
      // an app helper told which tables to work on (a table first, literals only) adds rows to those, if to any
      if (op.opaque && op.givenNames) return op.givenNames;
      return op.opaque || CODE_STATEMENTS.has(op.statement) ? "any" : undefined;
    default:
      return undefined;
  }
}

/** The tables `op` removes every row of, as written: TRUNCATE's tables, a DELETE without WHERE's table. */
export function everyRowRemovedFrom(op: Operation): readonly string[] {
  if (op.kind === "truncate") return op.tables;
  if (op.kind === "dml" && op.verb === "delete" && !op.hasWhere && op.table !== undefined) return [op.table];
  return [];
}
