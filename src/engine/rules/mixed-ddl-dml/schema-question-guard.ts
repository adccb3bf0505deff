/**
 * A data change decided by a question about the schema asked before a schema change of the same migration: SurfSense's
 * 166 reads `api_access_column_exists` from information_schema.columns, then ADDs COLUMN IF NOT EXISTS, then fills the
 * column `if not api_access_column_exists`. The answer means "does this migration add the column?". The split fix
 * moves the data change with the locals it reads into a migration of its own, where the question is asked after the
 * schema change has run and answers otherwise (the column is always there: the fill never runs). Such a data change
 * stays with its schema change, as written; what it costs is the lock held while it runs.
 */
import type { Operation } from "../../model.js";
import { movedCode, within } from "../support/moved-code.js";
import type { RuleContext } from "../support/rule.js";

export interface SchemaQuestion {
  /** the SELECT that asks (a raw op that reads the catalog) */
  read: Operation;
  /** what it reads: information_schema.columns, pg_attribute, to_regclass() */
  catalog: string;
  /** the line of the statement that keeps the answer (`exists = bind.execute(...).scalar()`) */
  line: number;
  /** the first statement after it, before the data change, that changes the schema and stays where it is */
  schema: Operation;
}

/** The schema question a moved data change would carry past the schema change it was asked before, if any. */
export function schemaQuestionBefore(ctx: RuleContext, dataOps: readonly Operation[], changesSchema: (op: Operation) => boolean): SchemaQuestion | undefined {
  const up = ctx.migration.up;
  const first = Math.min(...dataOps.map((op) => up.indexOf(op)));
  // cheap first: only a migration that asks the catalog before its data change can have one
  if (!up.some((op, i) => i < first && op.kind === "raw" && op.readsCatalog)) return undefined;
  const moved = movedCode(ctx.migration, dataOps);
  if (!moved || "unbound" in moved) return undefined;
  for (const range of moved.localLines ?? []) {
    const readAt = up.findIndex((op, i) => i < first && op.kind === "raw" && op.readsCatalog !== undefined && within(op.loc, range));
    if (readAt < 0) continue;
    const read = up[readAt];
    const schema = up.slice(readAt + 1, first).find((op) => changesSchema(op) && !moved.ops.includes(op));
    if (schema && read.kind === "raw") return { read, catalog: read.readsCatalog!, schema, line: range.line };
  }
  return undefined;
}
