import type { Operation } from "../model.js";
import { defineRule } from "./rule.js";
import { fixFor, ident } from "./fix.js";
import { nameKey } from "./facts.js";

/** Something the up leaves behind that the down must remove (or restore). */
interface Trace {
  op: Operation;
  what: string;
  /** does this down operation undo it? */
  undoneBy: (down: Operation) => boolean;
  /** the SQL that would undo it */
  undo: string;
}

const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && nameKey(a) === nameKey(b);
const dropsTable = (down: Operation, table: string) => down.kind === "drop_table" && down.tables.some((t) => same(t, table));
const dropsSchemaOf = (down: Operation, name: string) =>
  down.kind === "drop_object" && down.objectType === "schema" && down.cascade && name.includes(".") && down.names.some((s) => same(s, name.split(".")[0]));

function traces(op: Operation): Trace[] {
  switch (op.kind) {
    case "create_table":
      if (op.temporary) return [];
      return [{ op, what: `table ${op.table}`, undoneBy: (d) => dropsTable(d, op.table) || dropsSchemaOf(d, op.table) || (d.kind === "rename_table" && same(d.table, op.table)), undo: `DROP TABLE ${ident(op.table)};` }];
    case "add_column":
      return [
        {
          op,
          what: `column ${op.table}.${op.column.name}`,
          undoneBy: (d) => (d.kind === "drop_column" && same(d.table, op.table) && same(d.column, op.column.name)) || dropsTable(d, op.table),
          undo: `ALTER TABLE ${ident(op.table)} DROP COLUMN ${ident(op.column.name)};`,
        },
      ];
    case "add_index":
      if (!op.name) return [];
      return [
        {
          op,
          what: `index ${op.name}`,
          undoneBy: (d) =>
            (d.kind === "drop_index" && d.names.some((n) => same(n, op.name))) ||
            dropsTable(d, op.table) ||
            (d.kind === "drop_constraint" && same(d.name, op.name)) ||
            (d.kind === "drop_column" && same(d.table, op.table) && op.columns.some((c) => same(c, d.column))),
          undo: `DROP INDEX ${ident(op.name)};`,
        },
      ];
    case "add_constraint":
      if (!op.name) return [];
      return [
        {
          op,
          what: `constraint ${op.name}`,
          undoneBy: (d) =>
            (d.kind === "drop_constraint" && same(d.name, op.name)) ||
            dropsTable(d, op.table) ||
            (d.kind === "drop_column" && same(d.table, op.table) && op.columns.some((c) => same(c, d.column))),
          undo: `ALTER TABLE ${ident(op.table)} DROP CONSTRAINT ${ident(op.name)};`,
        },
      ];
    case "create_object":
      if (op.orReplace || op.objectType === "role" || op.objectType === "database") return [];
      return [
        {
          op,
          what: `${op.objectType.replace("_", " ")} ${op.name}`,
          undoneBy: (d) =>
            (d.kind === "drop_object" && (d.objectType === op.objectType || (op.objectType === "function" && d.objectType === "procedure")) && d.names.some((n) => same(n, op.name))) ||
            (op.table !== undefined && dropsTable(d, op.table)) ||
            dropsSchemaOf(d, op.name),
          undo: `DROP ${op.objectType.replace("_", " ").toUpperCase()} ${ident(op.name)}${op.table ? ` ON ${ident(op.table)}` : ""};`,
        },
      ];
    case "rename_table":
      return [{ op, what: `the rename of ${op.table} to ${op.newName}`, undoneBy: (d) => d.kind === "rename_table" && same(d.table, op.newName), undo: `ALTER TABLE ${ident(op.newName)} RENAME TO ${ident(op.table)};` }];
    case "rename_column":
      return [
        {
          op,
          what: `the rename of ${op.table}.${op.column} to ${op.newName}`,
          undoneBy: (d) => d.kind === "rename_column" && same(d.column, op.newName),
          undo: `ALTER TABLE ${ident(op.table)} RENAME COLUMN ${ident(op.newName)} TO ${ident(op.column)};`,
        },
      ];
    case "drop_column":
      return [
        {
          op,
          what: `dropped column ${op.table}.${op.column}`,
          undoneBy: (d) => d.kind === "add_column" && same(d.table, op.table) && same(d.column.name, op.column),
          undo: `ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(op.column)} <type>;`,
        },
      ];
    case "drop_table":
      return op.tables.map((table) => ({
        op,
        what: `dropped table ${table}`,
        undoneBy: (d: Operation) => (d.kind === "create_table" && same(d.table, table)) || (d.kind === "rename_table" && same(d.newName, table)),
        undo: `CREATE TABLE ${ident(table)} (...);`,
      }));
    default:
      return [];
  }
}

/** Down statements we cannot see through (DO blocks, function calls): they might undo anything. */
const opaque = (op: Operation) => op.kind === "raw" && (op.statement === "DO" || op.statement === "SELECT" || op.statement === "Call");

export default defineRule({
  meta: {
    id: "down-does-not-undo-up",
    category: "irreversible",
    severity: "warning",
    title: "Down migration does not undo everything the up does",
    why:
      "A down that forgets an object leaves the schema different from before the up: the next up fails on \"already " +
      "exists\" and the schema drifts between environments. The down should reverse every change of the up.",
  },
  check(ctx) {
    const { down, up } = ctx.migration;
    if (down.status !== "present" || down.derived || down.ops.some(opaque)) return;
    // objects the up creates and later drops itself cancel out
    const all = up.flatMap(traces).filter((t) => !up.slice(up.indexOf(t.op) + 1).some((later) => t.undoneBy(later)));
    for (const trace of all) {
      if (down.ops.some((d) => trace.undoneBy(d))) continue;
      ctx.report({
        op: trace.op,
        message: `The down migration${down.path ? ` (${down.path})` : ""} does not undo ${trace.what}: after a rollback the schema is not what it was.`,
        fix: fixFor(ctx.framework, { sql: `-- add to the down migration:\n${trace.undo}` }),
      });
    }
  },
});
