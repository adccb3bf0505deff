/**
 * The fix of a schema edit of a merged migration: a new migration that brings the databases that ran the base
 * version to what the edited version builds, keeping the edit (which may be there for a reason: a default MySQL
 * rejects). It runs on every database, so each statement is one that changes nothing where the edited version ran:
 * a default or NULL set to what that version left, IF [NOT] EXISTS on what it adds or leaves out.
 *
 * Rails writes Rails calls. Django's state already holds the edited field (the edit changed it), so an AlterField
 * would change nothing anywhere: a RunSQL does. Alembic alters defaults and NULL with op.alter_column, the rest as
 * SQL. What migguard cannot write (an operation it does not model) is said in a comment inside the new file.
 */
import type { DefaultValue, Migration, TypeRef } from "../../../model.js";
import { ident, sym } from "../../../rules/support/fix.js";
import { pythonString } from "../../../rules/support/embed-sql.js";
import { railsType, rubyDefault } from "../../../rules/support/rails-fix.js";
import { newMigrations, type MigrationPlace } from "../../../rules/support/next-migration.js";
import type { Convergence, EditDifference } from "../../history/edit-differences.js";

/** PostgreSQL's spelling of a type: its canonical name, modifiers and array brackets. */
const pgType = (type: TypeRef) => `${type.name}${type.mods.length ? `(${type.mods.join(", ")})` : ""}${type.array ? "[]" : ""}`;

const column = (table: string, name: string) => `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(name)}`;

/** The statement as PostgreSQL SQL, or undefined when migguard cannot write it. */
function sqlStatement(c: Convergence): string | undefined {
  switch (c.kind) {
    case "default":
      return c.to ? `${column(c.table, c.column)} SET DEFAULT ${c.to.expr};` : `${column(c.table, c.column)} DROP DEFAULT;`;
    case "null":
      return `${column(c.table, c.column)} ${c.notNull ? "SET" : "DROP"} NOT NULL;`;
    case "type":
      return `${column(c.table, c.column)} TYPE ${pgType(c.to)};`;
    case "add_column": {
      const spec = c.column;
      if (!spec.type) return undefined;
      return `ALTER TABLE ${ident(c.table)} ADD COLUMN IF NOT EXISTS ${ident(spec.name)} ${pgType(spec.type)}${spec.notNull ? " NOT NULL" : ""}${spec.default ? ` DEFAULT ${spec.default.expr}` : ""};`;
    }
    case "drop_column":
      return `ALTER TABLE ${ident(c.table)} DROP COLUMN IF EXISTS ${ident(c.column)};`;
    case "add_index": {
      const op = c.op;
      if (!op.name || !op.columns.length || op.partial || op.method || op.include?.length || op.opclasses?.length) return undefined;
      return `CREATE ${op.unique ? "UNIQUE " : ""}INDEX IF NOT EXISTS ${ident(op.name)} ON ${ident(op.table)} (${op.columns.map(ident).join(", ")});`;
    }
    case "drop_index":
      return c.op.name ? `DROP INDEX IF EXISTS ${ident(c.op.name)};` : undefined;
    default:
      return undefined;
  }
}

/** A default as Rails takes it: as the migration wrote it in Ruby, else from its SQL. */
const rubyValue = (value: DefaultValue | undefined) => (value === undefined ? "nil" : (value.ruby ?? rubyDefault(value.expr)));

/** The Rails call, or undefined when migguard cannot write it. */
function railsStatement(c: Convergence): string | undefined {
  switch (c.kind) {
    case "default":
      return `change_column_default ${sym(c.table)}, ${sym(c.column)}, from: ${rubyValue(c.from)}, to: ${rubyValue(c.to)}`;
    case "null":
      return `change_column_null ${sym(c.table)}, ${sym(c.column)}, ${c.notNull ? "false" : "true"}`;
    case "type":
      return `change_column ${sym(c.table)}, ${sym(c.column)}, ${railsType(c.to)}`;
    case "add_column": {
      const spec = c.column;
      if (!spec.type) return undefined;
      const options = [...(spec.notNull ? ["null: false"] : []), ...(spec.default ? [`default: ${rubyValue(spec.default)}`] : []), "if_not_exists: true"];
      return `add_column ${sym(c.table)}, ${sym(spec.name)}, ${railsType(spec.type)}, ${options.join(", ")}`;
    }
    case "drop_column":
      return c.type ? `remove_column ${sym(c.table)}, ${sym(c.column)}, ${railsType(c.type)}, if_exists: true` : `remove_column ${sym(c.table)}, ${sym(c.column)}, if_exists: true`;
    case "add_index": {
      const op = c.op;
      if (!op.columns.length || op.partial || op.method || op.include?.length || op.opclasses?.length) return undefined;
      const columns = op.columns.length === 1 ? sym(op.columns[0]) : `[${op.columns.map(sym).join(", ")}]`;
      return `add_index ${sym(op.table)}, ${columns}${op.unique ? ", unique: true" : ""}${op.name ? `, name: ${JSON.stringify(op.name)}` : ""}, if_not_exists: true`;
    }
    case "drop_index": {
      const op = c.op;
      if (op.name) return `remove_index ${sym(op.table)}, name: ${JSON.stringify(op.name)}, if_exists: true`;
      return op.columns.length ? `remove_index ${sym(op.table)}, column: [${op.columns.map(sym).join(", ")}], if_exists: true` : undefined;
    }
    default:
      return undefined;
  }
}

/** The Alembic call, or undefined when migguard cannot write it. */
function alembicStatement(c: Convergence): string | undefined {
  if (c.kind === "default")
    return `op.alter_column(${pythonString(c.table)}, ${pythonString(c.column)}, server_default=${c.to ? `sa.text(${pythonString(c.to.expr)})` : "None"})`;
  if (c.kind === "null") return `op.alter_column(${pythonString(c.table)}, ${pythonString(c.column)}, nullable=${c.notNull ? "False" : "True"})`;
  const sql = sqlStatement(c);
  return sql === undefined ? undefined : `op.execute(${pythonString(sql)})`;
}

/** The Django operation, or undefined when migguard cannot write it. */
function djangoStatement(c: Convergence): string | undefined {
  const sql = sqlStatement(c);
  return sql === undefined ? undefined : `migrations.RunSQL(${pythonString(sql)}, reverse_sql=migrations.RunSQL.noop)`;
}

/** What the new migration cannot say in code, as comment lines in its language. */
function unwritten(difference: EditDifference, comment: string): string[] {
  const c = difference.converge;
  const written = c.kind === "opaque" && c.code ? c.code.split("\n") : [];
  return [
    `${comment} migguard cannot write this step: the edit ${difference.words}.`,
    `${comment} Bring databases that ran the old version to what the edited one ${c.kind === "opaque" && c.removed ? "leaves out" : "builds"}${written.length ? ":" : "."}`,
    ...written.map((line) => `${comment}   ${line}`),
  ];
}

/** The statements of the new migration, in its language. */
function statements(migration: Migration, differences: readonly EditDifference[]): string[] {
  const comment = migration.framework === "sql" ? "--" : "#";
  const write = { rails: railsStatement, django: djangoStatement, alembic: alembicStatement, sql: sqlStatement }[migration.framework];
  return differences.filter((d) => d.converge.kind !== "none").flatMap((d) => {
    const code = write(d.converge);
    return code === undefined ? unwritten(d, comment) : [code];
  });
}

/**
 * The new migration, under its path, that converges the databases that ran the base version; and the revert as a
 * comment alternative. `place` says where new migrations go (after the folder's newest, after the other fixes').
 */
export function convergingFix(migration: Migration, differences: readonly EditDifference[], place: MigrationPlace, revert: string): string {
  const comment = migration.framework === "sql" ? "--" : "#";
  const body = statements(migration, differences);
  if (body.length === 0) return [`${comment} Nothing to bring the databases that ran the old version to: they keep what the edited one builds.`, revert].join("\n");
  const simple = differences.every((d) => d.converge.kind === "default" || d.converge.kind === "null" || d.converge.kind === "none");
  const name = `align ${migration.name ?? "edited migration"}`;
  const [file] = newMigrations(migration, [{ name, statements: body, change: migration.framework === "rails" && simple, down: migration.framework === "rails" && !simple ? [`raise ActiveRecord::IrreversibleMigration`] : undefined }], place);
  const djangoNote =
    migration.framework === "django"
      ? `\n${comment} (RunSQL, not AlterField: the edit already gave Django's state the new field, so an AlterField would change nothing anywhere)`
      : "";
  return [
    `${comment} Keep the edit, and bring the databases that already ran the old version to the schema the edited one builds with a new migration, ${file.path}`,
    `${comment} (on databases that run the edited version it changes nothing):${djangoNote}`,
    file.text,
    ``,
    revert,
  ].join("\n");
}
