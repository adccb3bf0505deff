/**
 * SQL that recreates the objects of a schema model (the executor's snapshot, or a production snapshot's
 * schema): so the executor can start from production instead of replaying the whole history, and so a drift
 * finding can show the migration that would record a hotfix. Definitions are the catalogs' own text
 * (pg_get_indexdef, pg_get_constraintdef, pg_get_functiondef, format_type...), so most statements are that
 * text with a verb around it. What the model cannot recreate (aggregates, foreign tables, C functions) is
 * left out and said so by the caller.
 */
import type { SchemaObject } from "./snapshot.js";

const member = (object: SchemaObject) => (object.parent && object.name.startsWith(`${object.parent}.`) ? object.name.slice(object.parent.length + 1) : object.name);
const schemaOf = (name: string) => name.slice(0, name.lastIndexOf(".", name.indexOf("(") === -1 ? undefined : name.indexOf("(")));
const withoutSemicolon = (sql: string) => sql.trim().replace(/;$/, "");

/** A table's definition: `partitioned by RANGE (x)`, `partition of public.t FOR VALUES ...`, `unlogged`, `row level security`, `privileges ...`. */
export function tableShape(definition: string): { partitionBy?: string; partitionOf?: { parent: string; bound: string }; unlogged: boolean; rowSecurity: boolean } {
  const stop = "(?= unlogged| row level security| privileges|$)";
  const partitionBy = new RegExp(`(?:^| )partitioned by (.+?)${stop}`).exec(definition)?.[1];
  const of = new RegExp(`(?:^| )partition of (\\S+) (.+?)${stop}`).exec(definition);
  return {
    partitionBy,
    partitionOf: of ? { parent: of[1], bound: of[2] } : undefined,
    unlogged: / ?unlogged(?: |$)/.test(definition),
    rowSecurity: /row level security/.test(definition),
  };
}

/** A sequence's owner, from its definition (`... owned by id`, `... identity of id`). */
export function sequenceOwner(definition: string): { column: string; identity: boolean } | undefined {
  const m = / (owned by|identity of) (\S+)$/.exec(definition);
  return m ? { column: m[2], identity: m[1] === "identity of" } : undefined;
}

const POLICY_COMMANDS: Record<string, string> = { r: "SELECT", a: "INSERT", w: "UPDATE", d: "DELETE", "*": "ALL" };

function createTable(table: SchemaObject, all: readonly SchemaObject[]): string[] {
  const shape = tableShape(table.definition);
  const statements: string[] = [];
  if (shape.partitionOf) statements.push(`CREATE TABLE ${table.name} PARTITION OF ${shape.partitionOf.parent} ${shape.partitionOf.bound}`);
  else {
    const columns = all.filter((o) => o.kind === "column" && o.parent === table.name).map((c) => `${member(c)} ${c.definition}`);
    statements.push(`CREATE ${shape.unlogged ? "UNLOGGED " : ""}TABLE ${table.name} (${columns.join(", ")})${shape.partitionBy ? ` PARTITION BY ${shape.partitionBy}` : ""}`);
  }
  if (shape.rowSecurity) statements.push(`ALTER TABLE ${table.name} ENABLE ROW LEVEL SECURITY`);
  return statements;
}

function domainShape(definition: string): string {
  const cut = [" not null", " default "].map((m) => definition.indexOf(m)).filter((i) => i >= 0);
  const end = cut.length ? Math.min(...cut) : definition.length;
  const rest = definition.slice(end).trim();
  const notNull = rest.startsWith("not null");
  const fallback = /(?:^| )default (.+)$/.exec(rest)?.[1];
  return `${definition.slice(0, end)}${fallback ? ` DEFAULT ${fallback}` : ""}${notNull ? " NOT NULL" : ""}`;
}

/**
 * The statements that create one object (without trailing semicolons). `all` gives a table its columns and
 * tells a domain's constraint from a table's. Undefined when the model cannot recreate it.
 */
export function createStatements(object: SchemaObject, all: readonly SchemaObject[] = [object]): string[] | undefined {
  const d = object.definition;
  switch (object.kind) {
    case "schema":
      return object.name === "public" ? [] : [`CREATE SCHEMA IF NOT EXISTS ${object.name}`];
    case "extension": {
      const schema = / in schema (\S+)$/.exec(d)?.[1];
      return [`CREATE EXTENSION IF NOT EXISTS ${object.name}${schema ? ` WITH SCHEMA ${schema}` : ""}`];
    }
    case "table":
      return createTable(object, all);
    case "column":
      return object.parent ? [`ALTER TABLE ${object.parent} ADD COLUMN ${member(object)} ${d}`] : undefined;
    case "sequence": {
      const owner = sequenceOwner(d);
      if (owner?.identity) return []; // its table's identity column makes it
      const m = /^(.+?) start (-?\d+) increment (-?\d+) min (-?\d+) max (-?\d+)( cycle)?/.exec(d);
      if (!m) return undefined;
      const create = `CREATE SEQUENCE ${object.name} AS ${m[1]} START ${m[2]} INCREMENT ${m[3]} MINVALUE ${m[4]} MAXVALUE ${m[5]}${m[6] ? " CYCLE" : ""}`;
      return owner && object.parent ? [create, `ALTER SEQUENCE ${object.name} OWNED BY ${object.parent}.${owner.column}`] : [create];
    }
    case "index":
      return [d.replace(/ \(invalid\)$/, "")];
    case "constraint": {
      if (!object.parent) return undefined;
      const domain = all.some((o) => o.kind === "domain" && o.name === object.parent);
      const validated = d.endsWith(" (not validated)") ? `${d.slice(0, -" (not validated)".length)} NOT VALID` : d;
      return [`ALTER ${domain ? "DOMAIN" : "TABLE"} ${object.parent} ADD CONSTRAINT ${member(object)} ${validated}`];
    }
    case "view":
      return [`CREATE VIEW ${object.name} AS ${withoutSemicolon(d)}`];
    case "materialized view":
      return [`CREATE MATERIALIZED VIEW ${object.name} AS ${withoutSemicolon(d)} WITH NO DATA`];
    case "function":
    case "procedure":
      return /^CREATE (OR REPLACE )?(FUNCTION|PROCEDURE)/i.test(d.trim()) && !/\bLANGUAGE c\b/i.test(d) ? [withoutSemicolon(d)] : undefined;
    case "trigger":
      return object.parent
        ? [d.replace(/ \(disabled\)$/, ""), ...(d.endsWith(" (disabled)") ? [`ALTER TABLE ${object.parent} DISABLE TRIGGER ${member(object)}`] : [])]
        : undefined;
    case "policy": {
      const m = /^(\S) (permissive|restrictive)(?: using \((.*?)\))?(?: with check \((.*)\))?$/s.exec(d);
      if (!m || !object.parent) return undefined;
      return [`CREATE POLICY ${member(object)} ON ${object.parent} AS ${m[2].toUpperCase()} FOR ${POLICY_COMMANDS[m[1]] ?? "ALL"}${m[3] !== undefined ? ` USING (${m[3]})` : ""}${m[4] !== undefined ? ` WITH CHECK (${m[4]})` : ""}`];
    }
    case "enum":
      return [`CREATE TYPE ${object.name} AS ENUM (${d})`];
    case "domain":
      return [`CREATE DOMAIN ${object.name} AS ${domainShape(d)}`];
    case "composite type":
      return [`CREATE TYPE ${object.name} AS (${d})`];
    case "range type":
      return [`CREATE TYPE ${object.name} AS RANGE (SUBTYPE = ${d})`];
    case "event trigger": {
      const [event, fn] = d.split(" ");
      return event && fn ? [`CREATE EVENT TRIGGER ${object.name} ON ${event} EXECUTE FUNCTION ${fn}()`] : undefined;
    }
    default:
      return undefined;
  }
}

/** One object's creation as a runnable script (for a fix), or undefined. */
export function createStatement(object: SchemaObject, all?: readonly SchemaObject[]): string | undefined {
  const statements = createStatements(object, all);
  return statements && statements.length > 0 ? statements.map((s) => `${s};`).join("\n") : undefined;
}

/** Creation order: what others depend on first. Foreign keys after the keys they reference; views after tables. */
const ORDER = ["schema", "extension", "enum", "domain", "composite type", "range type", "sequence", "function", "procedure", "table", "constraint", "foreign key", "index", "view", "materialized view", "trigger", "policy", "event trigger"];

export interface SchemaScript {
  /** statements in a workable order; the runner retries failures until nothing more succeeds (dependencies the order misses) */
  statements: Array<{ object: SchemaObject; sql: string }>;
  /** what the model cannot recreate */
  skipped: SchemaObject[];
}

export function schemaScript(objects: readonly SchemaObject[]): SchemaScript {
  const statements: SchemaScript["statements"] = [];
  const skipped: SchemaObject[] = [];
  // an index backing a constraint is made by the constraint
  const constraintNames = new Set(objects.filter((o) => o.kind === "constraint" && o.parent).map((o) => `${schemaOf(o.parent!)}.${member(o)}`));
  const rank = (o: SchemaObject) => {
    if (o.kind === "constraint" && o.definition.startsWith("FOREIGN KEY")) return ORDER.indexOf("foreign key");
    if (o.kind === "table" && tableShape(o.definition).partitionOf) return ORDER.indexOf("table") + 0.5;
    const at = ORDER.indexOf(o.kind);
    return at === -1 ? ORDER.length : at;
  };
  for (const object of [...objects].sort((a, b) => rank(a) - rank(b))) {
    if (object.kind === "column") continue; // part of its table
    if (object.kind === "index" && constraintNames.has(object.name)) continue;
    const made = createStatements(object, objects);
    if (made === undefined) skipped.push(object);
    else for (const sql of made) statements.push({ object, sql });
  }
  return { statements, skipped };
}
