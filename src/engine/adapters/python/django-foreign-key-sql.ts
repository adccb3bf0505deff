/**
 * A Django ForeignKey / OneToOneField's constraint as the ALTER TABLE ... ADD CONSTRAINT Django's PostgreSQL schema
 * editor runs for it (BaseDatabaseSchemaEditor._create_fk_sql): named by _create_index_name with the suffix
 * `_fk_<to_table>_<to_column>` (an md5 of the table and column in the middle), DEFERRABLE INITIALLY DEFERRED as
 * Django makes every foreign key on PostgreSQL. What the schema history keeps, so a fix can drop it and add it back
 * (column-type-change converts a key and its referencing columns together). Undefined when the target's key is not
 * in this app's state or the field asks the database for an on_delete Django does not write here.
 */
import { QuoteUtils } from "@pgsql/quotes";

const ident = (name: string) => QuoteUtils.quoteIdentifier(name);

/** PostgreSQL's max_name_length, as Django's connection.ops reports it */
const MAX_LENGTH = 63;

/** django.db.backends.utils.names_digest: md5 of the parts, hex, cut to `length` (node:crypto looked up on use, as rails-names does) */
function namesDigest(parts: readonly string[], length: number): string {
  const hash = process.getBuiltinModule("node:crypto").createHash("md5");
  for (const part of parts) hash.update(part);
  return hash.digest("hex").slice(0, length);
}

/** BaseDatabaseSchemaEditor._create_index_name: `<table>_<columns>_<digest><suffix>`, shortened past 63 characters as Django shortens it. */
export function djangoIndexName(table: string, columns: readonly string[], suffix: string): string {
  let hashSuffix = `${namesDigest([table, ...columns], 8)}${suffix}`;
  const name = `${table}_${columns.join("_")}_${hashSuffix}`;
  if (name.length <= MAX_LENGTH) return name;
  if (hashSuffix.length > MAX_LENGTH / 3) hashSuffix = hashSuffix.slice(0, Math.floor(MAX_LENGTH / 3));
  const other = Math.floor((MAX_LENGTH - hashSuffix.length) / 2) - 1;
  const short = `${table.slice(0, other)}_${columns.join("_").slice(0, other)}_${hashSuffix}`;
  return short[0] === "_" || /\d/.test(short[0]) ? `D${short.slice(0, -1)}` : short;
}

export function djangoForeignKeySql(table: string, column: string, toTable: string, toColumn: string): string | undefined {
  // split_identifier: a db_table with a schema ("schema"."table") is out of reach here
  if (table.includes(".") || toTable.includes(".")) return undefined;
  const name = djangoIndexName(table, [column], `_fk_${toTable}_${toColumn}`);
  return `ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${ident(column)}) REFERENCES ${ident(toTable)} (${ident(toColumn)}) DEFERRABLE INITIALLY DEFERRED;`;
}
