/**
 * A MySQL / MariaDB schema as information_schema describes it, for the current (throwaway) database: tables
 * (engine, collation, which gives the character set, row format options, comment), columns (full type with
 * unsigned/length, nullability, default, extra such as auto_increment or ON UPDATE, generation expression,
 * collation, comment), indexes (PRIMARY and UNIQUE included: columns in order with prefix lengths, type,
 * visibility), foreign keys (columns, referenced table and columns, ON UPDATE/DELETE), CHECK constraints,
 * views, triggers, stored procedures, functions and events. Names are unqualified (one database): `users`,
 * `users.email`, `users.idx_email` (index and constraint names belong to their table on MySQL).
 * The two servers spell some columns differently (MariaDB's CHECK_CONSTRAINTS has TABLE_NAME, MySQL's does
 * not; IS_VISIBLE vs IGNORED): rows are read by lower-cased column name and missing columns are skipped.
 */
import type { Row, Session } from "../executor.js";
import type { SchemaObject, Snapshot } from "../snapshot.js";

const lower = (row: Row): Record<string, unknown> => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
const text = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));

async function rows(session: Session, sql: string, timeoutMs?: number): Promise<Array<Record<string, unknown>>> {
  return (await session.query(sql, { timeoutMs })).map(lower);
}

/** A catalog view the server may not have (CHECK_CONSTRAINTS before MySQL 8.0.16): no rows instead of an error. */
async function optionalRows(session: Session, sql: string, timeoutMs?: number): Promise<Array<Record<string, unknown>>> {
  try {
    return await rows(session, sql, timeoutMs);
  } catch {
    return [];
  }
}

const HERE = "table_schema = DATABASE()";

export async function takeMysqlSnapshot(session: Session, timeoutMs?: number): Promise<Snapshot> {
  const snapshot: Snapshot = new Map();
  const add = (object: SchemaObject) => snapshot.set(`${object.kind} ${object.name}`, object);

  const tables = await rows(session, `SELECT table_name, table_type, engine, table_collation, create_options, table_comment FROM information_schema.tables WHERE ${HERE}`, timeoutMs);
  const collationOf = new Map<string, string>();
  const baseTables = new Set<string>();
  for (const t of tables) {
    const name = String(t.table_name);
    if (t.table_type !== "BASE TABLE") continue;
    baseTables.add(name);
    collationOf.set(name, text(t.table_collation) ?? "");
    const options = text(t.create_options)?.trim();
    const comment = text(t.table_comment);
    add({
      kind: "table",
      name,
      definition: [`engine ${text(t.engine) ?? "?"}`, `collation ${text(t.table_collation) ?? "?"}`, options ? `options ${options}` : "", comment ? `comment '${comment}'` : ""].filter(Boolean).join(", "),
    });
  }

  for (const v of await rows(session, `SELECT table_name, view_definition, check_option, is_updatable, security_type FROM information_schema.views WHERE ${HERE}`, timeoutMs))
    add({ kind: "view", name: String(v.table_name), definition: `${text(v.view_definition) ?? ""} (check option ${text(v.check_option) ?? "NONE"}, security ${text(v.security_type) ?? "?"})` });

  const columns = await rows(
    session,
    `SELECT table_name, column_name, column_type, is_nullable, column_default, extra, generation_expression, collation_name, column_comment FROM information_schema.columns WHERE ${HERE}`,
    timeoutMs,
  );
  for (const c of columns) {
    const table = String(c.table_name);
    if (!baseTables.has(table)) continue; // a view's columns follow from its definition
    const collation = text(c.collation_name);
    const generated = text(c.generation_expression);
    const extra = text(c.extra)?.trim();
    const comment = text(c.column_comment);
    const definition = [
      String(c.column_type),
      collation && collation !== collationOf.get(table) ? `collate ${collation}` : "",
      c.is_nullable === "NO" ? "not null" : "",
      c.column_default !== null && c.column_default !== undefined ? `default ${String(c.column_default)}` : "",
      generated ? `generated as (${generated})` : "",
      extra ? extra.toLowerCase() : "",
      comment ? `comment '${comment}'` : "",
    ]
      .filter(Boolean)
      .join(" ");
    add({ kind: "column", name: `${table}.${String(c.column_name)}`, parent: table, definition });
  }

  const indexes = new Map<string, { table: string; unique: boolean; type: string; parts: string[]; hidden: boolean }>();
  for (const s of await rows(session, `SELECT * FROM information_schema.statistics WHERE ${HERE} ORDER BY table_name, index_name, seq_in_index`, timeoutMs)) {
    const table = String(s.table_name);
    const key = `${table}.${String(s.index_name)}`;
    const index = indexes.get(key) ?? { table, unique: String(s.non_unique) === "0", type: text(s.index_type) ?? "", parts: [], hidden: false };
    const column = text(s.column_name) ?? (text(s.expression) ? `(${text(s.expression)})` : "?");
    const prefix = text(s.sub_part);
    const order = text(s.collation) === "D" ? " DESC" : "";
    index.parts.push(`${column}${prefix ? `(${prefix})` : ""}${order}`);
    if (s.is_visible === "NO" || s.ignored === "YES") index.hidden = true;
    indexes.set(key, index);
  }
  for (const [name, index] of indexes)
    add({ kind: "index", name, parent: index.table, definition: `${index.unique ? "unique " : ""}${index.type.toLowerCase()} (${index.parts.join(", ")})${index.hidden ? " invisible" : ""}` });

  const keyColumns = new Map<string, { columns: string[]; referenced: string[] }>();
  for (const k of await rows(
    session,
    `SELECT table_name, constraint_name, column_name, referenced_column_name FROM information_schema.key_column_usage WHERE ${HERE} AND referenced_table_name IS NOT NULL ORDER BY table_name, constraint_name, ordinal_position`,
    timeoutMs,
  )) {
    const key = `${String(k.table_name)}.${String(k.constraint_name)}`;
    const entry = keyColumns.get(key) ?? { columns: [], referenced: [] };
    entry.columns.push(String(k.column_name));
    entry.referenced.push(String(k.referenced_column_name));
    keyColumns.set(key, entry);
  }
  for (const r of await rows(
    session,
    `SELECT table_name, constraint_name, referenced_table_name, update_rule, delete_rule FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()`,
    timeoutMs,
  )) {
    const table = String(r.table_name);
    const name = `${table}.${String(r.constraint_name)}`;
    const columns = keyColumns.get(name) ?? { columns: [], referenced: [] };
    add({
      kind: "constraint",
      name,
      parent: table,
      definition: `FOREIGN KEY (${columns.columns.join(", ")}) REFERENCES ${String(r.referenced_table_name)} (${columns.referenced.join(", ")}) ON UPDATE ${String(r.update_rule)} ON DELETE ${String(r.delete_rule)}`,
    });
  }

  // MariaDB's CHECK_CONSTRAINTS names the table; MySQL's does not, and its check names are unique per database
  const checkTables = new Map<string, string>();
  for (const t of await rows(session, `SELECT table_name, constraint_name FROM information_schema.table_constraints WHERE ${HERE} AND constraint_type = 'CHECK'`, timeoutMs))
    checkTables.set(String(t.constraint_name), String(t.table_name));
  for (const c of await optionalRows(session, `SELECT * FROM information_schema.check_constraints WHERE constraint_schema = DATABASE()`, timeoutMs)) {
    const table = text(c.table_name) ?? checkTables.get(String(c.constraint_name));
    if (!table) continue;
    add({ kind: "constraint", name: `${table}.${String(c.constraint_name)}`, parent: table, definition: `CHECK (${String(c.check_clause)})` });
  }

  for (const t of await rows(session, `SELECT trigger_name, event_object_table, action_timing, event_manipulation, action_order, action_statement FROM information_schema.triggers WHERE trigger_schema = DATABASE()`, timeoutMs))
    add({
      kind: "trigger",
      name: String(t.trigger_name),
      parent: String(t.event_object_table),
      definition: `${String(t.action_timing)} ${String(t.event_manipulation)} ON ${String(t.event_object_table)} (order ${String(t.action_order)}) ${String(t.action_statement)}`,
    });

  for (const r of await rows(
    session,
    `SELECT routine_name, routine_type, dtd_identifier, routine_definition, is_deterministic, sql_data_access, security_type FROM information_schema.routines WHERE routine_schema = DATABASE()`,
    timeoutMs,
  )) {
    const kind = String(r.routine_type).toLowerCase() === "procedure" ? "procedure" : "function";
    add({
      kind,
      name: String(r.routine_name),
      definition: `${kind === "function" ? `returns ${text(r.dtd_identifier) ?? "?"} ` : ""}${text(r.is_deterministic) === "YES" ? "deterministic " : ""}${String(r.sql_data_access ?? "").toLowerCase()} ${String(r.routine_definition ?? "")}`,
    });
  }

  for (const e of await optionalRows(session, `SELECT event_name, event_definition, event_type, interval_value, interval_field, status FROM information_schema.events WHERE event_schema = DATABASE()`, timeoutMs))
    add({ kind: "event", name: String(e.event_name), definition: `${String(e.event_type)} ${text(e.interval_value) ?? ""} ${text(e.interval_field) ?? ""} ${String(e.status)} ${String(e.event_definition)}` });

  return snapshot;
}

/** Base tables of the current database now: the algorithm is measured for ALTERs of these (the table existed before the migration). */
export async function existingMysqlTables(session: Session, timeoutMs?: number): Promise<Set<string>> {
  const found = await rows(session, `SELECT table_name FROM information_schema.tables WHERE ${HERE} AND table_type = 'BASE TABLE'`, timeoutMs);
  return new Set(found.map((t) => String(t.table_name)));
}
