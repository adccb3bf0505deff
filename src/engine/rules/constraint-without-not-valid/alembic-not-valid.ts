/**
 * Alembic's create_foreign_key / create_check_constraint NOT VALID. `postgresql_not_valid=True` is a SQLAlchemy
 * 1.4.32 dialect keyword: an older SQLAlchemy refuses it ("Argument 'postgresql_not_valid' is not accepted"), so
 * the call keeps it only when the project's dependency files pin 1.4.32 or later. Otherwise the constraint is
 * written as the ALTER TABLE ... NOT VALID SQLAlchemy would emit, from the call's own arguments, run with
 * op.execute (which every version has); when an argument is not a literal migguard cannot write that SQL and says so.
 */
import type { OperationOf, RevisionLink } from "../../model.js";
import { argumentText, calleeOf, keywordText, readLiteral as read, withKeyword, withoutPositional, type LiteralRead as Read } from "../support/python-call.js";
import { ident, sqlString } from "../support/fix.js";
import { batchTarget } from "../support/alembic-batch.js";
import { pythonString } from "../support/embed-sql.js";
import { reindented } from "../support/data-code.js";

export const NOT_VALID_SINCE = "1.4.32";

/**
 * The ADD CONSTRAINT ... NOT VALID and VALIDATE CONSTRAINT statements of the call, or what could not be read.
 * A batch_op call's table (and its positional place) and schema are the block's.
 */
export function notValidStatements(op: OperationOf<"add_constraint">, name: string, source: string | undefined): { add: string; validate: string } | { unknown: string } {
  const call = op.text;
  const batch = op.batchBlock && (calleeOf(call) ?? "").startsWith(`${op.batchBlock.alias}.`) ? batchTarget(source, op.batchBlock.loc) : undefined;
  if (op.batchBlock && !batch) return { unknown: "the batch's table" };
  const at = (n: number) => (batch ? n - 1 : n);
  const arg = (n: number, key: string) => argumentText(call, n, key);
  const schemaKey = op.constraint === "foreign_key" ? "source_schema" : "schema";
  const reads: Record<string, Read> = { schema: batch ? read(batch.schema, "the batch's schema") : read(keywordText(call, schemaKey), schemaKey) };
  if (op.constraint === "foreign_key") {
    reads.referent = read(arg(at(2), "referent_table"), "referent_table");
    reads.remote = read(arg(at(4), "remote_cols"), "remote_cols");
    for (const key of ["ondelete", "onupdate", "deferrable", "initially", "match", "referent_schema"]) reads[key] = read(keywordText(call, key), key);
  } else reads.condition = read(arg(at(2), "condition"), "condition");
  const unreadable = Object.values(reads).filter((r): r is { ok: false; what: string } => !r.ok);
  if (unreadable.length) return { unknown: unreadable.map((r) => r.what).join(", ") };
  if (op.table === "?") return { unknown: "the table" };
  const v = (key: string) => (reads[key] as { ok: true; value: string | string[] | boolean | undefined }).value;
  const list = (value: unknown) => (Array.isArray(value) ? value : typeof value === "string" ? [value] : []);
  // the adapter's table carries the schema a literal schema= names (billing.invoices): read here only to be sure it is one
  const table = ident(op.table);
  let body: string;
  if (op.constraint === "foreign_key") {
    if (!op.referencesTable || !op.columns.length || !list(v("remote")).length) return { unknown: "the referenced table or the columns" };
    const deferrable = v("deferrable");
    body = [
      `FOREIGN KEY (${op.columns.map(ident).join(", ")}) REFERENCES ${ident(op.referencesTable)} (${list(v("remote")).map(ident).join(", ")})`,
      v("match") ? `MATCH ${String(v("match")).toUpperCase()}` : "",
      v("ondelete") ? `ON DELETE ${String(v("ondelete")).toUpperCase()}` : "",
      v("onupdate") ? `ON UPDATE ${String(v("onupdate")).toUpperCase()}` : "",
      deferrable === true ? "DEFERRABLE" : deferrable === false ? "NOT DEFERRABLE" : "",
      v("initially") ? `INITIALLY ${String(v("initially")).toUpperCase()}` : "",
    ]
      .filter(Boolean)
      .join(" ");
  } else {
    if (typeof v("condition") !== "string") return { unknown: "the condition" };
    body = `CHECK (${v("condition")})`;
  }
  return { add: `ALTER TABLE ${table} ADD CONSTRAINT ${ident(name)} ${body} NOT VALID`, validate: `ALTER TABLE ${table} VALIDATE CONSTRAINT ${ident(name)}` };
}

/**
 * VALIDATE CONSTRAINT on the call's table in its schema (`schema=` / `source_schema=`, or the batch's): without it
 * PostgreSQL looks the table up in the search_path (indico's users.users: "relation users does not exist").
 * undefined when the schema is not a literal.
 */
function validateStatement(op: OperationOf<"add_constraint">, name: string, source: string | undefined): string | undefined {
  const call = op.text;
  const batch = op.batchBlock && (calleeOf(call) ?? "").startsWith(`${op.batchBlock.alias}.`) ? batchTarget(source, op.batchBlock.loc) : undefined;
  if (op.batchBlock && !batch) return undefined;
  const schema = batch ? read(batch.schema, "the batch's schema") : read(keywordText(call, op.constraint === "foreign_key" ? "source_schema" : "schema"), "schema");
  if (!schema.ok || (schema.value !== undefined && typeof schema.value !== "string")) return undefined;
  return `ALTER TABLE ${ident(op.table)} VALIDATE CONSTRAINT ${ident(name)}`;
}

/**
 * The VALIDATE of a constraint an op.create_* call names. With env.py's target_metadata set, Alembic applies its
 * naming_convention to a name not wrapped in op.f() (indico's `ck_%(table_name)s_%(constraint_name)s` turns
 * "valid_picture" into ck_users_valid_picture); migguard does not read that metadata, so the statement finds the
 * table's NOT VALID constraints whose name is or ends with the given one, and validates each. None is found on a
 * database that ran the revision as it was written (its constraint is valid already): the revision then does nothing,
 * where a lookup INTO STRICT would stop the upgrade with "query returned no rows".
 */
function conventionalValidate(op: OperationOf<"add_constraint">, name: string, validate: string, targetMetadata: string | undefined): string {
  const written = argumentText(op.text, 0, "constraint_name")?.trim();
  if (!targetMetadata || !written || /^(?:op\.)?f\(/.test(written)) return validate;
  const table = /^ALTER TABLE (.+) VALIDATE CONSTRAINT /.exec(validate)?.[1];
  if (!table) return validate;
  return [
    `-- env.py's target_metadata${targetMetadata === "target_metadata" ? "" : ` (${targetMetadata})`} may rename ${name} by its naming_convention: validate the name it got`,
    `-- (none is left unvalidated where the revision ran before it was changed: nothing to do there)`,
    `DO $$ DECLARE c text; BEGIN`,
    `  FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = ${sqlString(table)}::regclass AND NOT convalidated AND (conname = ${sqlString(name)} OR conname LIKE ${sqlString(`%\\_${name.replace(/[\\%_]/g, "\\$&")}`)}) LOOP`,
    `    EXECUTE format('ALTER TABLE %s VALIDATE CONSTRAINT %I', ${sqlString(table)}, c);`,
    `  END LOOP;`,
    `END $$`,
  ].join("\n");
}

/** An add_column call with its sa.Column's sa.ForeignKey(...) argument left out, re-indented to stand on its own. */
function columnWithoutKey(call: string): string | undefined {
  const isKey = (arg: string) => /(?:^|\.)ForeignKey$/.test(calleeOf(arg) ?? "");
  const without = withoutPositional(call.trim(), isKey, (callee) => /(?:^|\.)Column$/.test(callee));
  return without && reindented(without);
}

/** The revision range Alembic's offline mode prints this revision's SQL for: from its one down_revision, else from the base. */
function offlineRange(revision: RevisionLink | undefined): string {
  if (!revision) return "head";
  return revision.after.length === 1 ? `${revision.after[0]}:${revision.id}` : revision.id;
}

/**
 * The in-place fix and the VALIDATE statement for an Alembic create_foreign_key / create_check_constraint.
 * `atLeast`: the project's SQLAlchemy is 1.4.32+ (true), older (false), or unknown (undefined).
 */
export function alembicNotValidFix(
  op: OperationOf<"add_constraint">,
  name: string,
  atLeast: boolean | undefined,
  source: string | undefined,
  /** `add` undefined when the migration does not say all of the constraint's SQL: `unread` says what it lacks */
  fallback: { add: string | undefined; unread: string; validate: string },
  targetMetadata?: string,
  revision?: RevisionLink,
): { inPlace: string; validate: string; add?: string } {
  // `op. create_foreign_key(` (pagure 317a285e04a8) is the same call
  const callee = (calleeOf(op.text) ?? "").replace(/\s+/g, "");
  const own = /(?:^|\.)create_(foreign_key|check_constraint)$/.test(callee) ? reindented(op.text.trim()) : undefined;
  const key = fallback.add ? `op.execute(${pythonString(fallback.add)})` : fallback.unread;
  // an sa.ForeignKey of an add_column's sa.Column: the fix replaces the whole call, so the column stays, without its key
  const column = /(?:^|\.)add_column$/.test(callee) ? columnWithoutKey(op.text) : undefined;
  if (column) return { inPlace: ["# the column without its foreign key, then the key NOT VALID:", column, key].join("\n"), validate: fallback.validate };
  if (!own) return { inPlace: key, validate: fallback.validate, add: fallback.add };
  fallback = { ...fallback, validate: validateStatement(op, name, source) ?? fallback.validate };
  const keyword = withKeyword(own, "postgresql_not_valid", "True");
  // the call kept as written names the constraint the way Alembic does: by target_metadata's naming_convention
  const byCall = conventionalValidate(op, name, fallback.validate, targetMetadata);
  if (atLeast && keyword) return { inPlace: keyword, validate: byCall };
  const sql = notValidStatements(op, name, source);
  const unnamed = op.name ? [] : [`# the call names no constraint: PostgreSQL's own name for it (${name}) is written here, so VALIDATE can name it`];
  if ("add" in sql) return { inPlace: [...unnamed, `op.execute(${pythonString(sql.add)})`].join("\n"), validate: sql.validate, add: sql.add };
  const version = atLeast === false ? `this project's SQLAlchemy is older than ${NOT_VALID_SINCE}` : `migguard found no SQLAlchemy version in this project's dependency files`;
  if (atLeast === undefined && keyword)
    return { inPlace: [`# postgresql_not_valid needs SQLAlchemy ${NOT_VALID_SINCE}+ (${version}; older ones refuse the keyword)`, keyword].join("\n"), validate: byCall };
  return {
    inPlace: [
      `# ${version}, which has no postgresql_not_valid, and migguard cannot write this constraint's SQL (${sql.unknown} not a literal):`,
      `# print it with \`alembic upgrade ${offlineRange(revision)} --sql\`, then run it here with op.execute, NOT VALID at its end:`,
      `# op.execute("ALTER TABLE ... ADD CONSTRAINT ${name} ... NOT VALID")`,
    ].join("\n"),
    validate: fallback.validate,
  };
}
