/**
 * Pieces of SQL a Rails migration passes through (a type given as a string, a `-> { "now()" }` default,
 * `using:`), read with PostgreSQL's own parser by wrapping them in the statement Rails would generate.
 */
import type { DefaultValue, TypeRef } from "../../model.js";
import { typeFromText } from "../../types.js";
import { parseEmbeddedSql } from "../sql/index.js";

function firstOp(sql: string) {
  const { ops, errors } = parseEmbeddedSql(sql, { line: 1, inTransaction: false });
  return errors.length ? undefined : ops[0];
}

/** `"UUID USING content_id::uuid"` (change_column's type may carry a USING clause) -> type and USING */
export function sqlTypeChange(typeText: string, using?: string): { type: TypeRef; using?: string } {
  const op = firstOp(`ALTER TABLE t ALTER COLUMN c TYPE ${typeText}${using ? ` USING ${using}` : ""}`);
  if (op?.kind === "alter_column_type") return { type: op.type, using: op.using };
  return { type: typeFromText(typeText), using };
}

/** a column type written as SQL (`"varchar(20)"`, `"tsvector"`) */
export function sqlColumnType(typeText: string): TypeRef {
  const op = firstOp(`ALTER TABLE t ADD COLUMN c ${typeText}`);
  return op?.kind === "add_column" && op.column.type ? op.column.type : typeFromText(typeText);
}

/** an SQL default expression: volatile when PostgreSQL evaluates it per row (gen_random_uuid(), clock_timestamp()) */
export function sqlDefault(expr: string): DefaultValue {
  const op = firstOp(`ALTER TABLE t ADD COLUMN c text DEFAULT ${expr}`);
  if (op?.kind === "add_column" && op.column.default) return { expr, volatile: op.column.default.volatile };
  // unparsable: PostgreSQL treats unknown functions as volatile, and so do we
  return { expr, volatile: true };
}
