/**
 * One table under one name across a migration set, whether a statement writes it with its schema or without.
 * PostgreSQL finds an unqualified name in the schema its session runs in: Flyway sets it to the schema the project
 * configures (OpenLMIS's spring.flyway.schemas=referencedata, whose initial schema creates `orderables` and whose
 * later migrations alter `referencedata.orderables`), a `SET search_path` in the migrations does the same. When
 * neither says, a schema-qualified name is the unqualified one when it is the only schema the set writes that name
 * under and the set does not create both (then they are two tables). The history (schema-history.ts) records every
 * statement under the resolved name, and answers questions asked under either, so its readers agree.
 */
import type { Migration, Operation } from "../model.js";
import { nameKey, renamedTo } from "../rules/support/facts.js";

/** A table's name as the set's history keeps it: the unqualified name when the schema is the one it runs in, else as given. */
export type TableResolver = (name: string) => string;

const splitName = (name: string): { schema?: string; bare: string } => {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? { bare: name } : { schema: name.slice(0, dot), bare: name.slice(dot + 1) };
};

/** The table names an operation writes (not a column's, an index's or a constraint's names). */
function tablesOf(op: Operation): string[] {
  const out: string[] = [];
  if ("table" in op && typeof op.table === "string") out.push(op.table);
  if ("tables" in op && Array.isArray(op.tables)) for (const t of op.tables) if (typeof t === "string") out.push(t);
  if (op.kind === "rename_table") out.push(renamedTo(op.table, op.newName));
  if (op.kind === "create_table" && op.partitionOf) out.push(op.partitionOf);
  return out;
}

/** The names an operation drops a view or materialized view under. */
function droppedViewNamesOf(op: Operation): string[] {
  return op.kind === "drop_object" && (op.objectType === "view" || op.objectType === "materialized_view") ? op.names : [];
}

/** The first schema of the last `SET search_path` the set's migrations run, when every one of them names the same ("$user" and public say nothing). */
function searchPathSchema(migrations: readonly Migration[]): string | undefined {
  const named = new Set<string>();
  for (const m of migrations)
    for (const op of m.up) if (op.kind === "set_setting" && op.name.toLowerCase() === "search_path" && op.scope !== "reset" && op.value !== undefined) named.add(nameKey(op.value));
  const [schema] = named;
  return named.size === 1 && schema !== "$user" && schema !== "public" && schema !== "" ? schema : undefined;
}

/**
 * How the set's migrations name their tables, resolved; undefined when every name already means one table (no
 * schema-qualified name that an unqualified one of the set may mean). `configured` is the schema the runner is
 * configured to run them in (Flyway's defaultSchema, or the first of its schemas).
 */
export function tableResolver(migrations: readonly Migration[], configured?: string): TableResolver | undefined {
  const schema = configured !== undefined && nameKey(configured) !== "public" ? nameKey(configured) : searchPathSchema(migrations);
  /** bare name -> the schemas the set writes it under ("" for none) */
  const schemasOf = new Map<string, Set<string>>();
  /** bare name -> the schemas the set creates it in */
  const createdIn = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, table: string) => {
    // folded as nameKey does, but an explicit `public.` kept: `public.t` beside `app.t` is two tables
    const { schema: s, bare } = splitName(table.toLowerCase().replace(/"/g, ""));
    const set = map.get(bare) ?? new Set<string>();
    set.add(s ?? "");
    map.set(bare, set);
  };
  for (const m of migrations)
    for (const op of m.up) {
      for (const t of tablesOf(op)) add(schemasOf, t);
      if (op.kind === "create_table" && !op.temporary) add(createdIn, op.table);
      // a view or materialized view of the name is a relation of its own too (simple-server's public.reporting_facility_states beside simple_reporting's table)
      if (op.kind === "create_object" && (op.objectType === "view" || op.objectType === "materialized_view")) {
        add(createdIn, op.name);
        add(schemasOf, op.name);
      }
      if (op.kind === "rename_table") add(createdIn, renamedTo(op.table, op.newName));
      // so is one dropped under the name (a squashed history's drop_view :reporting_patient_states, materialized: true;
      // DROP MATERIALIZED VIEW refuses a table): the table of another schema is not it
      for (const name of droppedViewNamesOf(op)) add(createdIn, name);
    }
  /** schema-qualified names ("s.t", nameKey'd) that are the unqualified one */
  const same = new Set<string>();
  for (const [bare, schemas] of schemasOf) {
    const qualified = [...schemas].filter((s) => s !== "");
    if (schema !== undefined) {
      if (qualified.includes(schema)) same.add(`${schema}.${bare}`);
      continue;
    }
    // the runner's schema unknown: the one schema the set writes the name under is the table an unqualified name finds,
    // unless the set creates it both ways (two tables)
    const created = createdIn.get(bare);
    const [only] = qualified;
    if (schemas.has("") && qualified.length === 1 && only !== "public" && !(created?.has("") && created.has(only))) same.add(`${only}.${bare}`);
  }
  if (same.size === 0) return undefined;
  return (name) => {
    const key = nameKey(name);
    return same.has(key) ? name.slice(name.lastIndexOf(".") + 1) : name;
  };
}

/** `op` with its table names resolved (itself when none changes). */
export function withResolvedTables<O extends Operation>(op: O, resolve: TableResolver): O {
  let copy: Record<string, unknown> | undefined;
  const set = (field: string, value: unknown) => ((copy ??= { ...op })[field] = value);
  if ("table" in op && typeof op.table === "string" && resolve(op.table) !== op.table) set("table", resolve(op.table));
  if ("tables" in op && Array.isArray(op.tables) && op.tables.some((t) => typeof t === "string" && resolve(t) !== t))
    set("tables", op.tables.map((t) => (typeof t === "string" ? resolve(t) : t)));
  if (op.kind === "rename_table") {
    const to = renamedTo(op.table, op.newName);
    if (resolve(to) !== op.newName) set("newName", resolve(to));
  }
  if (op.kind === "create_table" && op.partitionOf && resolve(op.partitionOf) !== op.partitionOf) set("partitionOf", resolve(op.partitionOf));
  return (copy as O | undefined) ?? op;
}

/** `migration` with the table names of its statements resolved (itself when none changes). */
export function withResolvedMigration(migration: Migration, resolve: TableResolver): Migration {
  let changed = false;
  const up = migration.up.map((op) => {
    const resolved = withResolvedTables(op, resolve);
    if (resolved !== op) changed = true;
    return resolved;
  });
  return changed ? { ...migration, up } : migration;
}
