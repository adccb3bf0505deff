/**
 * The code a keep-together fix shows: the whole migration as written (a data change kept with the schema change it
 * prepares, a backfill with what needs it complete), and the words that tell the reader so.
 */
import type { Operation } from "../../model.js";
import { MARKER_LAYOUTS } from "../../adapters/sql/layouts/markers.js";
import { liftedDataCode } from "../support/lifted-data-code.js";
import type { RuleContext } from "../support/rule.js";
import { framing } from "./statement-roles.js";

/**
 * The code a keep-together fix shows (a backfill kept with what needs it, a data change with the schema change it
 * prepares): the whole migration as written, so that it can be pasted as it stands, every statement once (the data
 * change needs the columns and tables the statements before it make, and Python statements the model reads as
 * values, `status_type = sa.Enum(...)`, bind names the later ones use). SQL: its statements without the framing
 * (BEGIN/COMMIT). Ruby and Python: the file's text; where the model holds no text, the statements kept (`kept`).
 */
export function wholeMigrationCode(ctx: RuleContext, up: readonly Operation[], kept: readonly Operation[]): string {
  // a file under the runner's markers (goose's -- +goose Up, dbmate's -- migrate:up, Liquibase's --changeset) is the
  // migration only with them: its statements alone would be a file the runner refuses
  if (ctx.framework === "sql" && MARKER_LAYOUTS.has(ctx.migration.layout) && ctx.migration.source !== undefined) return ctx.migration.source.trimEnd();
  if (ctx.framework === "sql") return liftedDataCode(ctx.migration, up.filter((op) => !framing(op)));
  if (ctx.migration.source !== undefined) return ctx.migration.source.trimEnd();
  return liftedDataCode(ctx.migration, kept.filter((op) => !framing(op)));
}

/** " (the whole migration)" where wholeMigrationCode shows it, so the reader knows the code is the file, not a part. */
export const wholeShown = (ctx: RuleContext) => (ctx.framework === "sql" || ctx.migration.source !== undefined ? " (the whole migration)" : "");
