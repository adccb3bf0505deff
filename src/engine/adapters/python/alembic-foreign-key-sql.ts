/**
 * An Alembic / SQLAlchemy foreign key (`op.create_foreign_key`, `sa.ForeignKeyConstraint`, `sa.ForeignKey` on an
 * `sa.Column`) as the ALTER TABLE ... ADD CONSTRAINT SQLAlchemy's PostgreSQL dialect emits for it: what the schema
 * history keeps, so a later fix can drop it and add it back (column-type-change converts a key and its referencing
 * columns together). Only for a key named in the migration: an unnamed one is named by the MetaData's naming
 * convention, which env.py may set, so its name is not known here. Undefined too when an option is computed or
 * unknown: the history keeps nothing rather than a guess.
 */
import { QuoteUtils } from "@pgsql/quotes";
import { lastSegment } from "./imports.js";
import { asBool, asString, type PyCall, type PyValue } from "./values.js";

const ident = (name: string) => QuoteUtils.quoteIdentifier(name);
/** A table, `schema.table` when the call names its schema (sqlalchemy.ts' inSchema): each part quoted on its own. */
export const tableIdent = (name: string) => name.split(".").map(ident).join(".");

const ACTIONS = new Set(["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"]);

/** keyword arguments that change no SQL, or that this module writes */
const KNOWN = new Set(["name", "match", "ondelete", "onupdate", "deferrable", "initially", "use_alter", "link_to_name", "postgresql_not_valid", "source_schema", "referent_schema", "comment", "info"]);

/** A name argument: a string, or `op.f("fk_name")` (a name the naming convention does not touch). */
function nameOf(value: PyValue | undefined): string | undefined {
  if (value?.kind === "call" && lastSegment(value.callee) === "f") return asString(value.args[0]);
  return asString(value);
}

export interface AlembicForeignKey {
  table: string;
  columns: readonly string[];
  referent: string;
  referentColumns: readonly string[];
  /** the call whose keyword arguments hold the name and the options */
  call: PyCall;
  /** the constraint's name when it is an argument of its own (op.create_foreign_key's first) */
  name?: PyValue;
  /** the name the database gets, when the naming convention gives it (create_foreign_key(None, ...)) */
  conventional?: string;
}

/**
 * The clauses PostgreSQL writes after a foreign key's REFERENCES for the call's options (MATCH, ON DELETE, ON UPDATE,
 * DEFERRABLE, INITIALLY), "" when it has none; `unread` names the options whose value is computed or unknown.
 */
export function alembicKeyClauses(call: PyCall): { clauses: string } | { unread: string[] } {
  const clauses: string[] = [];
  const unread: string[] = [];
  if (call.kwargs.has("match")) {
    const match = asString(call.kwargs.get("match"))?.toUpperCase();
    if (match === "FULL" || match === "PARTIAL" || match === "SIMPLE") clauses.push(`MATCH ${match}`);
    else unread.push("match");
  }
  for (const [keyword, sql] of [["ondelete", "ON DELETE"], ["onupdate", "ON UPDATE"]] as const) {
    if (!call.kwargs.has(keyword)) continue;
    const action = asString(call.kwargs.get(keyword))?.toUpperCase();
    if (action && ACTIONS.has(action)) clauses.push(`${sql} ${action}`);
    else unread.push(keyword);
  }
  if (call.kwargs.has("deferrable")) {
    const deferrable = asBool(call.kwargs.get("deferrable"));
    if (deferrable === undefined) unread.push("deferrable");
    else clauses.push(deferrable ? "DEFERRABLE" : "NOT DEFERRABLE");
  }
  if (call.kwargs.has("initially")) {
    const initially = asString(call.kwargs.get("initially"))?.toUpperCase();
    if (initially === "DEFERRED" || initially === "IMMEDIATE") clauses.push(`INITIALLY ${initially}`);
    else unread.push("initially");
  }
  return unread.length ? { unread } : { clauses: clauses.join(" ") };
}

export function alembicForeignKeySql(key: AlembicForeignKey): string | undefined {
  const { call } = key;
  if (call.splat || [...call.kwargs.keys()].some((k) => !KNOWN.has(k))) return undefined;
  if (call.kwargs.has("source_schema") || call.kwargs.has("referent_schema")) return undefined;
  const name = key.conventional ?? nameOf(key.name ?? call.kwargs.get("name"));
  if (!name || !key.columns.length || key.columns.length !== key.referentColumns.length) return undefined;
  const options = alembicKeyClauses(call);
  if ("unread" in options) return undefined;
  const notValid = call.kwargs.has("postgresql_not_valid") ? asBool(call.kwargs.get("postgresql_not_valid")) : false;
  if (notValid === undefined) return undefined;
  const list = (names: readonly string[]) => names.map(ident).join(", ");
  return `ALTER TABLE ${tableIdent(key.table)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${list(key.columns)}) REFERENCES ${tableIdent(key.referent)} (${list(key.referentColumns)})${options.clauses ? ` ${options.clauses}` : ""}${notValid ? " NOT VALID" : ""};`;
}

/** `"clients.id"` / `"billing.clients.id"` (a ForeignKey's or ForeignKeyConstraint's target) -> table (with its schema) and column; undefined for anything else. */
export function referentOf(target: PyValue | undefined): { table: string; column: string } | undefined {
  const text = asString(target);
  const dot = text?.lastIndexOf(".") ?? -1;
  return text && dot > 0 && dot < text.length - 1 ? { table: text.slice(0, dot), column: text.slice(dot + 1) } : undefined;
}
