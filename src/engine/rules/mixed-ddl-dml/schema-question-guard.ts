/**
 * A data change decided by a question about the schema asked before a schema change of the same migration: SurfSense's
 * 166 reads `api_access_column_exists` from information_schema.columns, then ADDs COLUMN IF NOT EXISTS, then fills the
 * column `if not api_access_column_exists`. The answer means "does this migration add the column?". The split fix
 * moves the data change with the locals it reads into a migration of its own, where the question is asked after the
 * schema change has run and answers otherwise (the column is always there: the fill never runs). Such a data change
 * stays with its schema change, as written; what it costs is the lock held while it runs. The same question asked in
 * Python (an Alembic `if not sa.inspect(bind).has_column(...)`, a name bound to `insp.get_columns(...)`) is carried
 * by the operations it decides (`schemaQuestion`), asked where its line says.
 */
import type { Operation } from "../../model.js";
import { movedCode, within } from "../support/moved-code.js";
import type { RuleContext } from "../support/rule.js";
import { commentMarker } from "../support/fix.js";
import { lockName } from "../support/lock-modes.js";
import { wholeShown } from "./whole-migration.js";

export interface SchemaQuestion {
  /** the SELECT that asks (a raw op that reads the catalog); none for a question asked in code (an inspector's call) */
  read?: Operation;
  /** what it reads: information_schema.columns, pg_attribute, to_regclass(), sa.inspect(bind).has_column */
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
  const asked = askedInCode(up, dataOps, changesSchema);
  if (asked) return asked;
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

/**
 * A data change decided by a question asked in code (`schemaQuestion`), with a schema change after the question and
 * before the data change: the question was asked before that change (a Django RunPython asks its own when it runs, so
 * no operation before it comes after its question: none is found).
 */
function askedInCode(up: readonly Operation[], dataOps: readonly Operation[], changesSchema: (op: Operation) => boolean): SchemaQuestion | undefined {
  for (const data of dataOps) {
    const asked = data.schemaQuestion;
    if (!asked) continue;
    // asked in the code the operation runs (a RunPython's function, defined above the operations): when it runs
    if (data.kind === "data_migration" && (asked.line < data.loc.line || asked.line > data.loc.endLine)) continue;
    const schema = up.slice(0, up.indexOf(data)).find((op) => changesSchema(op) && op.loc.line > asked.line);
    if (schema) return { catalog: asked.asks, schema, line: asked.line };
  }
  return undefined;
}

/** A data change decided by a question about the schema asked before a schema change: why it stays with it, and what that costs. */
export function schemaQuestionMessage(ctx: RuleContext, question: SchemaQuestion, locked: string | undefined): string {
  const { catalog, schema } = question;
  const cost = locked
    ? `Kept as written, ${locked} stays locked (the ${lockName(schema, ctx.migration.database)} of line ${schema.loc.line}) until the data change has written its rows, as long as that takes.`
    : `Kept as written, the rows it writes stay locked until the commit.`;
  return `This data change runs only as the schema question of line ${question.line} (it reads ${catalog}) decides, asked before the schema change of line ${schema.loc.line}: it tells whether this migration makes that change. It belongs with that change, as written: split into a migration of its own, the question would be asked after the change has run and answer otherwise. ${cost}`;
}

/** The keep-together fix of a data change a schema question decides: the whole migration, and what a split would need instead. */
export function schemaQuestionFix(ctx: RuleContext, question: SchemaQuestion, code: string): string {
  const c = commentMarker(ctx.framework);
  const { line, schema } = question;
  return [
    `${c} keep the data change with the schema change of line ${schema.loc.line}, in this migration, as written${wholeShown(ctx)}: it runs as the`,
    `${c} question of line ${line}, asked before line ${schema.loc.line}, decides, that is as this migration finds the schema. Moved into a migration`,
    `${c} of its own, the question would run after line ${schema.loc.line} and find the schema already changed, so the data change would not run as meant.`,
    `${c} On a table too large to lock for the data change, split only with the answer kept: have this migration write what the`,
    `${c} question found (a row in a table of your own), and the next one read that instead of asking the schema again.`,
    code,
  ].join("\n");
}
