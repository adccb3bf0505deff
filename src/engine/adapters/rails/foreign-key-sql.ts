/**
 * A Rails foreign key (add_foreign_key, t.foreign_key, references ... foreign_key:) as the ALTER TABLE ... ADD
 * CONSTRAINT PostgreSQL runs for it, as ActiveRecord's SchemaCreation writes it: what the schema history keeps, so
 * a later fix can drop it and add it back (column-type-change converts a key and its referencing columns together).
 * Undefined when an option is computed at run time: the history then keeps nothing rather than a guess. Keys Rails
 * does not read are left out, as Rails leaves them.
 */
import { QuoteUtils } from "@pgsql/quotes";
import type { Options, RubyValue } from "./values.js";

/** A (possibly schema-qualified) name quoted where PostgreSQL needs it, as ActiveRecord writes it. */
export const ident = (name: string) => name.split(".").map((part) => QuoteUtils.quoteIdentifier(part)).join(".");

/** on_delete: / on_update: as SQL (ActiveRecord's action_sql) */
const ACTIONS: Record<string, string> = { cascade: "CASCADE", nullify: "SET NULL", restrict: "RESTRICT" };

/**
 * The keys Rails' add_foreign_key reads from a reference's `foreign_key:` hash (ForeignKeyDefinition, and
 * ReferenceDefinition's `to_table`). Any other key is dropped without a word: `foreign_key: { on_cascade: :delete }`
 * creates the same plain key as `foreign_key: true`, and an empty hash is `true` (a Hash is truthy).
 */
export const RAILS_FOREIGN_KEY_OPTIONS: ReadonlySet<string> = new Set(["to_table", "column", "primary_key", "name", "on_delete", "on_update", "validate", "deferrable", "if_not_exists"]);

const literal = (value: RubyValue | undefined): string | undefined => (value?.kind === "sym" || value?.kind === "str" ? value.value : undefined);

function action(opts: Options, key: string): string | undefined | null {
  if (!opts.has(key)) return "";
  const value = opts.get(key);
  if (value?.kind === "nil") return "";
  const sql = ACTIONS[literal(value) ?? ""];
  return sql ? ` ON ${key === "on_delete" ? "DELETE" : "UPDATE"} ${sql}` : null;
}

function deferrable(opts: Options): string | null {
  if (!opts.has("deferrable")) return "";
  const value = opts.get("deferrable");
  if (value?.kind === "bool") return value.value ? " DEFERRABLE" : "";
  const when = literal(value);
  return when === "immediate" ? " DEFERRABLE INITIALLY IMMEDIATE" : when === "deferred" ? " DEFERRABLE INITIALLY DEFERRED" : null;
}

/**
 * The clauses after REFERENCES for the key's on_delete:, on_update:, deferrable: ("" when none), and its primary_key:
 * as its referenced column when written; `unread` names the options Ruby computes.
 */
export function railsKeyOptions(opts: Options): { referencesColumns?: string[]; keyClauses?: string; unreadOptions?: string[] } {
  const [onDelete, onUpdate, deferred] = [action(opts, "on_delete"), action(opts, "on_update"), deferrable(opts)];
  const primaryKey = opts.has("primary_key") ? literal(opts.get("primary_key")) : undefined;
  const unread = (["on_delete", "on_update", "deferrable", "primary_key"] as const).filter((key, i) => (i < 3 ? [onDelete, onUpdate, deferred][i] === null : opts.has(key) && !primaryKey));
  return {
    ...(primaryKey ? { referencesColumns: [primaryKey] } : {}),
    ...(unread.length ? { unreadOptions: unread } : { keyClauses: `${onDelete}${onUpdate}${deferred}`.trim() }),
  };
}

export function foreignKeySql(from: string, to: string, column: string, name: string, opts: Options): string | undefined {
  // a column, name or table Ruby computes: the ones the caller was given are a fallback, not what runs
  if (["column", "name", "to_table"].some((key) => opts.has(key) && literal(opts.get(key)) === undefined)) return undefined;
  const primaryKey = opts.has("primary_key") ? literal(opts.get("primary_key")) : "id";
  const [onDelete, onUpdate, deferred] = [action(opts, "on_delete"), action(opts, "on_update"), deferrable(opts)];
  const validate = opts.flag("validate");
  if (!primaryKey || onDelete === null || onUpdate === null || deferred === null || (opts.has("validate") && validate === undefined)) return undefined;
  return `ALTER TABLE ${ident(from)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${ident(column)}) REFERENCES ${ident(to)} (${ident(primaryKey)})${onDelete}${onUpdate}${deferred}${validate === false ? " NOT VALID" : ""};`;
}
