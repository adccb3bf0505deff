import type { Operation } from "../model.js";
import { defineRule } from "./rule.js";
import { fixFor, ident } from "./fix.js";
import { nameKey } from "./facts.js";

/**
 * What a list of operations removes or restores, as name keys with the position of the last operation
 * that does it. One pass per list, then each check is a lookup: big initial schemas stay linear.
 */
class Effects {
  private readonly last = new Map<string, number>();

  constructor(ops: readonly Operation[]) {
    ops.forEach((op, index) => {
      for (const key of effectKeys(op)) this.last.set(key, index);
    });
  }

  /** some key was produced by an operation after position `after` */
  any(keys: readonly string[], after = -1): boolean {
    return keys.some((key) => (this.last.get(key) ?? -1) > after);
  }
}

const table = (name: string) => `table:${nameKey(name)}`;
const schemaOf = (name: string) => (name.includes(".") ? [`schema:${nameKey(name.split(".")[0])}`] : []);

function effectKeys(op: Operation): string[] {
  switch (op.kind) {
    case "drop_table":
      return op.tables.map(table);
    case "rename_table":
      return [table(op.table), `renamed-table:${nameKey(op.table)}>${nameKey(op.newName)}`, `created-table:${nameKey(op.newName)}`];
    case "drop_column":
      return [`column:${nameKey(op.table)}.${nameKey(op.column)}`];
    case "drop_index":
      return op.names.map((n) => `index:${nameKey(n)}`);
    case "drop_constraint":
      return op.name ? [`constraint:${nameKey(op.name)}`, `index:${nameKey(op.name)}`] : [];
    case "drop_object":
      return op.names.flatMap((n) => [`object:${op.objectType === "procedure" ? "function" : op.objectType}:${nameKey(n)}`, ...(op.objectType === "schema" && op.cascade ? [`schema:${nameKey(n)}`] : [])]);
    case "rename_column":
      return [`renamed-column:${nameKey(op.table)}.${nameKey(op.column)}>${nameKey(op.newName)}`];
    case "create_table":
      return [`created-table:${nameKey(op.table)}`];
    case "add_column":
      return [`added-column:${nameKey(op.table)}.${nameKey(op.column.name)}`];
    default:
      return [];
  }
}

/** Something the up leaves behind that the down must remove (or restore). */
interface Trace {
  /** effect keys any of which undoes it */
  undoneBy: string[];
  /** what was left behind and the SQL that would undo it: built only when reported */
  describe: () => { what: string; undo: string };
}

function traces(op: Operation): Trace[] {
  switch (op.kind) {
    case "create_table":
      if (op.temporary) return [];
      return [{ undoneBy: [table(op.table), ...schemaOf(op.table)], describe: () => ({ what: `table ${op.table}`, undo: `DROP TABLE ${ident(op.table)};` }) }];
    case "add_column":
      return [
        {
          undoneBy: [`column:${nameKey(op.table)}.${nameKey(op.column.name)}`, table(op.table), ...schemaOf(op.table)], describe: () => ({ what: `column ${op.table}.${op.column.name}`, undo: `ALTER TABLE ${ident(op.table)} DROP COLUMN ${ident(op.column.name)};` }),
        },
      ];
    case "add_index": {
      const name = op.name;
      if (!name) return [];
      return [
        {
          undoneBy: [`index:${nameKey(name)}`, table(op.table), ...schemaOf(op.table), ...op.columns.map((c) => `column:${nameKey(op.table)}.${nameKey(c)}`)], describe: () => ({ what: `index ${name}`, undo: `DROP INDEX ${ident(name)};` }),
        },
      ];
    }
    case "add_constraint": {
      const name = op.name;
      if (!name) return [];
      return [
        {
          undoneBy: [`constraint:${nameKey(name)}`, table(op.table), ...schemaOf(op.table), ...op.columns.map((c) => `column:${nameKey(op.table)}.${nameKey(c)}`)], describe: () => ({ what: `constraint ${name}`, undo: `ALTER TABLE ${ident(op.table)} DROP CONSTRAINT ${ident(name)};` }),
        },
      ];
    }
    case "create_object": {
      if (op.orReplace || op.objectType === "role" || op.objectType === "database") return [];
      const type = op.objectType === "procedure" ? "function" : op.objectType;
      return [
        {
          undoneBy: [`object:${type}:${nameKey(op.name)}`, ...(op.table ? [table(op.table)] : []), ...schemaOf(op.name)], describe: () => ({ what: `${op.objectType.replace("_", " ")} ${op.name}`, undo: `DROP ${op.objectType.replace("_", " ").toUpperCase()} ${ident(op.name)}${op.table ? ` ON ${ident(op.table)}` : ""};` }),
        },
      ];
    }
    case "rename_table":
      return [{ undoneBy: [`renamed-table:${nameKey(op.newName)}>${nameKey(op.table)}`, table(op.newName)], describe: () => ({ what: `the rename of ${op.table} to ${op.newName}`, undo: `ALTER TABLE ${ident(op.newName)} RENAME TO ${ident(op.table)};` }) }];
    case "rename_column":
      return [
        {
          undoneBy: [`renamed-column:${nameKey(op.table)}.${nameKey(op.newName)}>${nameKey(op.column)}`, table(op.table)], describe: () => ({ what: `the rename of ${op.table}.${op.column} to ${op.newName}`, undo: `ALTER TABLE ${ident(op.table)} RENAME COLUMN ${ident(op.newName)} TO ${ident(op.column)};` }),
        },
      ];
    case "drop_column":
      return [
        {
          undoneBy: [`added-column:${nameKey(op.table)}.${nameKey(op.column)}`], describe: () => ({ what: `dropped column ${op.table}.${op.column}`, undo: `ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(op.column)} <type>;` }),
        },
      ];
    case "drop_table":
      return op.tables.map((t) => ({ undoneBy: [`created-table:${nameKey(t)}`], describe: () => ({ what: `dropped table ${t}`, undo: `CREATE TABLE ${ident(t)} (...);` }) }));
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
    const upEffects = new Effects(up);
    const downEffects = new Effects(down.ops);
    up.forEach((op, at) => {
      for (const trace of traces(op)) {
        // objects the up creates and then removes itself cancel out
        if (upEffects.any(trace.undoneBy, at) || downEffects.any(trace.undoneBy)) continue;
        const { what, undo } = trace.describe();
        ctx.report({
          op,
          message: `The down migration${down.path ? ` (${down.path})` : ""} does not undo ${what}: after a rollback the schema is not what it was.`,
          fix: fixFor(ctx.framework, { sql: `-- add to the down migration:\n${undo}` }),
        });
      }
    });
  },
});
