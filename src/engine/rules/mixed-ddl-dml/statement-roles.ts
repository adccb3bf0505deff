/**
 * What each statement of a migration is to mixed-ddl-dml: a change of the schema (which takes locks the data change
 * may be held under), framing (BEGIN/COMMIT, SET) that neither needs the data change nor is needed by it, or inert
 * code that changes nothing by itself; and the table a statement is on.
 */
import type { Operation } from "../../model.js";
import { isUnreadSchemaWork } from "../../adapters/python/unread-schema-work.js";

const SCHEMA_KINDS = new Set<Operation["kind"]>([
  "create_table",
  "drop_table",
  "rename_table",
  "add_column",
  "drop_column",
  "rename_column",
  "alter_column_type",
  "redefine_column",
  "set_not_null",
  "drop_not_null",
  "set_default",
  "drop_default",
  "add_index",
  "drop_index",
  "add_constraint",
  "validate_constraint",
  "drop_constraint",
  "alter_enum",
]);

/**
 * A change of the schema: an operation of those kinds, an ALTER TABLE subcommand the model keeps raw (ADD GENERATED
 * AS IDENTITY, SET (...), ENABLE TRIGGER), or a schema statement migguard could not parse (an f-string's
 * `ALTER TABLE ... START WITH {next_id}`), which takes its locks all the same.
 */
export const changesSchema = (op: Operation) => SCHEMA_KINDS.has(op.kind) || (op.kind === "raw" && op.table !== undefined && op.statement.startsWith("ALTER TABLE")) || isUnreadSchemaWork(op);

export const tableOf = (op: Operation): string | undefined => ("table" in op && typeof op.table === "string" ? op.table : op.kind === "drop_table" ? op.tables[0] : undefined);

/** Statements that only frame the migration (BEGIN/COMMIT, SET): they neither need the data change nor are needed by it. */
export const framing = (op: Operation) => op.kind === "transaction_control" || op.kind === "set_setting";

/** Code the model could not interpret that changes nothing by itself (a value computed, an SQLAlchemy object built). */
export const inert = (op: Operation) => op.kind === "raw" && !op.opaque && !op.rewritesTable && op.table === undefined;
