/** The SQL a down is missing, from the schema differences it left: the fix of `down-does-not-restore-schema`. */
import { displayName, quotedWhole, type SchemaChange } from "./schema-diff.js";

/** `public.users.bio` with parent `public.users` -> `bio` */
const member = (name: string, parent: string | undefined) => (parent && name.startsWith(`${parent}.`) ? name.slice(parent.length + 1) : name);

function dropStatement(change: SchemaChange): string {
  const { kind, name, parent } = change.object;
  const n = displayName(name);
  const p = parent ? displayName(parent) : "";
  switch (kind) {
    case "table":
      return `DROP TABLE ${n};`;
    case "view":
      return `DROP VIEW ${n};`;
    case "materialized view":
      return `DROP MATERIALIZED VIEW ${n};`;
    case "foreign table":
      return `DROP FOREIGN TABLE ${n};`;
    case "column":
      return `ALTER TABLE ${p} DROP COLUMN ${member(name, parent)};`;
    case "index":
      return `DROP INDEX ${n};`;
    case "constraint":
      return `ALTER TABLE ${p} DROP CONSTRAINT ${member(name, parent)};`;
    case "trigger":
      return `DROP TRIGGER ${member(name, parent)} ON ${p};`;
    case "policy":
      return `DROP POLICY ${member(name, parent)} ON ${p};`;
    case "sequence":
      return `DROP SEQUENCE ${n};`;
    case "enum":
    case "composite type":
    case "range type":
      return `DROP TYPE ${n};`;
    case "domain":
      return `DROP DOMAIN ${n};`;
    case "function":
    case "window function":
      return `DROP FUNCTION ${n};`;
    case "procedure":
      return `DROP PROCEDURE ${n};`;
    case "aggregate":
      return `DROP AGGREGATE ${n};`;
    case "schema":
      return `DROP SCHEMA ${n};`;
    case "extension":
      return `DROP EXTENSION ${n};`;
    case "event trigger":
      return `DROP EVENT TRIGGER ${n};`;
    default:
      return `-- drop ${kind} ${n}`;
  }
}

export function undoSql(changes: readonly SchemaChange[]): string {
  const lines = ["-- add to the down migration:"];
  // dependants first: triggers, policies, indexes and constraints before their tables' columns, tables last
  const order = ["trigger", "policy", "event trigger", "view", "materialized view", "index", "constraint", "column", "table", "foreign table", "sequence", "function", "procedure", "aggregate", "window function", "enum", "domain", "composite type", "range type", "extension", "schema"];
  const rank = (c: SchemaChange) => {
    const at = order.indexOf(c.object.kind);
    return at === -1 ? order.length : at;
  };
  for (const change of [...changes].sort((a, b) => rank(a) - rank(b))) {
    const what = `${change.object.kind} ${displayName(change.object.name)}`;
    if (change.change === "left over") lines.push(dropStatement(change));
    else if (change.change === "missing") lines.push(`-- recreate ${what} as it was before the up (the down drops it)`);
    else if (quotedWhole(change.object)) lines.push(`-- restore ${what} to its definition before the up`);
    else lines.push(`-- restore ${what} to: ${displayName(change.before ?? "")}`);
  }
  return lines.join("\n");
}
