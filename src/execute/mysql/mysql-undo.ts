/** The MySQL / MariaDB statements a down is missing, from the schema differences it left: `down-does-not-restore-schema`'s fix. */
import { mysqlIdent } from "../../engine/adapters/sql/mysql/mysql-ident.js";
import type { SchemaChange } from "../schema-diff.js";

/** `users.idx_email` with parent `users` -> `idx_email` */
const member = (name: string, parent: string | undefined) => (parent && name.startsWith(`${parent}.`) ? name.slice(parent.length + 1) : name);

function dropStatement(change: SchemaChange): string {
  const { kind, name, parent, definition } = change.object;
  const table = parent ? mysqlIdent(parent) : "";
  const own = mysqlIdent(member(name, parent));
  switch (kind) {
    case "table":
      return `DROP TABLE ${own};`;
    case "view":
      return `DROP VIEW ${own};`;
    case "column":
      return `ALTER TABLE ${table} DROP COLUMN ${own};`;
    case "index":
      return member(name, parent) === "PRIMARY" ? `ALTER TABLE ${table} DROP PRIMARY KEY;` : `DROP INDEX ${own} ON ${table};`;
    case "constraint":
      return definition.startsWith("FOREIGN KEY") ? `ALTER TABLE ${table} DROP FOREIGN KEY ${own};` : `ALTER TABLE ${table} DROP CONSTRAINT ${own};`;
    case "trigger":
      return `DROP TRIGGER ${own};`;
    case "procedure":
      return `DROP PROCEDURE ${own};`;
    case "function":
      return `DROP FUNCTION ${own};`;
    case "event":
      return `DROP EVENT ${own};`;
    default:
      return `-- drop ${kind} ${name}`;
  }
}

export function mysqlUndoSql(changes: readonly SchemaChange[]): string {
  const lines = ["-- add to the down migration:"];
  // dependants first: triggers, foreign keys and indexes before their columns, tables last
  const order = ["trigger", "event", "view", "constraint", "index", "column", "table", "procedure", "function"];
  const rank = (c: SchemaChange) => {
    const at = order.indexOf(c.object.kind);
    return at === -1 ? order.length : at;
  };
  for (const change of [...changes].sort((a, b) => rank(a) - rank(b))) {
    const what = `${change.object.kind} ${change.object.name}`;
    // a program's whole body is too long for a comment line
    const program = ["procedure", "function", "trigger", "view", "event"].includes(change.object.kind);
    if (change.change === "left over") lines.push(dropStatement(change));
    else if (change.change === "missing") lines.push(`-- recreate ${what} as it was before the up (the down drops it)${program ? "" : `: ${change.object.definition}`}`);
    else lines.push(program ? `-- restore ${what} to its definition before the up` : `-- restore ${what} to: ${change.before ?? ""}`);
  }
  return lines.join("\n");
}
