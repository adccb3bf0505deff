/**
 * What a swap of columns must build again: DROP COLUMN takes with it the old column's PRIMARY KEY, UNIQUE and CHECK
 * constraints, its indexes, its FOREIGN KEYs and (it needs them gone first) the FOREIGN KEYs of other tables that
 * reference it, and a serial's sequence. Read from the earlier migrations (SchemaHistory.columnKeysBefore), each is
 * rebuilt on the new column without a long lock: unique indexes built CONCURRENTLY before the swap and attached as
 * constraints with USING INDEX, the other indexes built CONCURRENTLY under a temporary name and renamed, FOREIGN KEYs
 * and CHECKs added back NOT VALID in the swap and validated in a later migration. What the history cannot tell is
 * said in a comment, never guessed.
 */
import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import { ident, sqlString } from "../support/fix.js";
import { indexOverColumn } from "../support/sql-text.js";
import { ownFate } from "./own-constraint-fate.js";
import { makeObjectName, postgresDefaultName, temporaryName } from "../support/pg-names.js";
import { serialSequence } from "../support/serial-sequence.js";
import { hasSyntax } from "../../database/postgres-syntax.js";

/** How each framework creates a table, for the comment on what its calls may hold that migguard does not read. */
const CREATE_CALLS: Record<string, string> = { alembic: "op.create_table", rails: "create_table", django: "CreateModel" };

export interface RebuiltKeys {
  /** the column is part of the PRIMARY KEY: NOT NULL whatever its definition says */
  inPrimaryKey: boolean;
  /** CREATE [UNIQUE] INDEX CONCURRENTLY over the new column, one statement each, run before the swap */
  indexes: string[];
  /** in the swap, before DROP COLUMN */
  beforeDrop: string[];
  /** in the swap, after the new column took the old one's name */
  afterRename: string[];
  /** a later migration: VALIDATE CONSTRAINT of what was added back NOT VALID */
  validate: string[];
  /** comment lines: what the history does not tell */
  unknown: string[];
}

/** A SQL array of names, for a catalog query. */
const nameArray = (names: readonly string[]) => `ARRAY[${names.map(sqlString).join(", ")}]::name[]`;

/** The attnums of `names` in the table `relation` (a pg_constraint column: conrelid, confrelid), in their order. */
const attnums = (relation: string, names: readonly string[]) =>
  `ARRAY(SELECT a.attnum FROM unnest(${nameArray(names)}) WITH ORDINALITY AS k(col, n) JOIN pg_attribute a ON a.attrelid = c.${relation} AND a.attname = k.col ORDER BY k.n)`;

/**
 * DROP CONSTRAINT of the FOREIGN KEY from `table` (`columns`) to `referenced` (`referencedColumns`) under whatever name
 * the database gave it, read from pg_constraint at run time: a name a framework derives (Django's md5 of its version,
 * South's before it) is not ours to guess. It is added back under the name the framework gives it today.
 */
function foreignKeyDropByColumns(table: string, columns: readonly string[], referenced: string, referencedColumns: readonly string[]): string {
  return [
    `-- the FOREIGN KEY of ${table} (${columns.join(", ")}) to ${referenced} (${referencedColumns.join(", ")}), under the name the database gave it (the framework's naming changed over its versions); added back below under today's`,
    `DO $$`,
    `DECLARE`,
    `  fk_name name;`,
    `BEGIN`,
    `  FOR fk_name IN SELECT c.conname FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ${sqlString(ident(table))}::regclass AND c.confrelid = ${sqlString(ident(referenced))}::regclass`,
    `      AND c.conkey = ${attnums("conrelid", columns)} AND c.confkey = ${attnums("confrelid", referencedColumns)}`,
    `  LOOP`,
    `    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', ${sqlString(ident(table))}, fk_name);`,
    `  END LOOP;`,
    `END $$;`,
  ].join("\n");
}

/** `declaredKey`: the migration's own field says the column is the primary key (Django's primary_key=True, an AutoField) */
export function rebuiltKeys(ctx: RuleContext, table: string, column: string, tmp: string, newType: string, declaredKey: boolean): RebuiltKeys {
  const keys = ctx.repository.columnKeys(table, column);
  const definition = ctx.repository.columnDefinition(table, column);
  const [t, c, n] = [ident(table), ident(column), ident(tmp)];
  const out: RebuiltKeys = { inPrimaryKey: false, indexes: [], beforeDrop: [], afterRename: [], validate: [], unknown: [] };
  const constraintNames = new Set([...keys.own, ...keys.referencing].map((k) => nameKey(k.name)));
  const over = (columns: readonly string[]) => columns.map((col) => (nameKey(col) === nameKey(column) ? n : ident(col))).join(", ");
  for (const { name, definition: key } of keys.own) {
    if (key.kind === "primary_key" || key.kind === "unique") {
      const index = temporaryName(`${name}_new`);
      out.inPrimaryKey ||= key.kind === "primary_key";
      out.indexes.push(`CREATE UNIQUE INDEX CONCURRENTLY ${ident(index)} ON ${t} (${over(key.columns)});`);
      out.afterRename.push(`ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} ${key.kind === "primary_key" ? "PRIMARY KEY" : "UNIQUE"} USING INDEX ${ident(index)};`);
      continue;
    }
    const fate = ownFate(ctx, table, name);
    if (fate.dropped) continue;
    const notValid = fate.readded ?? key.notValidSql;
    if (notValid) {
      out.afterRename.push(notValid);
      out.validate.push(`ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(name)};`);
    } else out.unknown.push(`the constraint ${name} on ${column} could not be written again: add it back on ${column} after the swap`);
  }
  // a primary key the framework declared (Rails' create_table id, Django's AutoField, sa.Column(primary_key=True))
  // is in no SQL the history read, yet DROP COLUMN takes it: rebuilt like one it read, under PostgreSQL's own name
  // for a key declared inline (<table>_pkey), which Rails and Django keep; an Alembic naming convention may not
  // (a long table name shortened as PostgreSQL shortens it: open-forms' registrations_objects_api_objectsapisubmissionattachment)
  if ((definition?.primaryKey || declaredKey) && !out.inPrimaryKey && keys.own.every((k) => k.definition.kind !== "primary_key")) {
    const [name, index] = [postgresDefaultName(table, [], "pkey"), makeObjectName(table.split(".").pop() ?? table, undefined, "pkey_new")];
    out.inPrimaryKey = true;
    out.indexes.push(`CREATE UNIQUE INDEX CONCURRENTLY ${ident(index)} ON ${t} (${n});`);
    out.afterRename.push(`ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} PRIMARY KEY USING INDEX ${ident(index)};`);
    if (ctx.framework !== "rails" && ctx.framework !== "django") out.unknown.push(`the primary key is rebuilt as ${name}, PostgreSQL's name for a key declared inline: if the project names its keys otherwise (a naming convention), use that name`);
  }
  const referencedBy = keys.referencing.filter(({ definition: key }) => !(nameKey(key.table) === nameKey(table) && key.columns.some((col) => nameKey(col) === nameKey(column))));
  // the referencing columns the history names are converted with the key (key-group.ts); where it may not name
  // them all (the table was not created in SQL it read), the others are not
  if (out.inPrimaryKey && newType === "bigint" && !referencedBy.length && (!keys.followed || ctx.framework !== "sql"))
    out.unknown.push(
      `the columns of other tables that reference ${column} (the history names none; list them: SELECT conrelid::regclass, conname FROM pg_constraint WHERE confrelid = ${sqlString(table)}::regclass) stay integer: change them to bigint too (the same steps)`,
    );
  for (const { name, definition: key } of referencedBy) {
    const fate = ownFate(ctx, key.table, name);
    if (fate.dropped) continue;
    // a key the migration drops and adds back itself may be gone where the fix runs (after its DROP, before its ADD);
    // Django names a ForeignKey's constraint by its version's rule (South before it named them otherwise): found by its columns
    out.beforeDrop.push(
      ctx.framework === "django" && !fate.readded
        ? foreignKeyDropByColumns(key.table, key.columns, table, key.references?.columns.length ? key.references.columns : [column])
        : `ALTER TABLE ${ident(key.table)} DROP CONSTRAINT ${fate.readded ? "IF EXISTS " : ""}${ident(name)};`,
    );
    const notValid = fate.readded ?? key.notValidSql;
    if (notValid) {
      out.afterRename.push(notValid);
      out.validate.push(`ALTER TABLE ${ident(key.table)} VALIDATE CONSTRAINT ${ident(name)};`);
    } else out.unknown.push(`the FOREIGN KEY ${name} of ${key.table} could not be written again: add it back after the swap (NOT VALID, then VALIDATE CONSTRAINT)`);
  }
  for (const index of keys.indexes) {
    if (constraintNames.has(nameKey(index.name))) continue;
    const temporary = temporaryName(`${index.name}_new`);
    const plain = index.reads.length === index.columns.length && index.reads.every((r, i) => nameKey(r) === nameKey(index.columns[i]));
    const sql = index.sql ? indexOverColumn(index.sql, column, tmp, temporary) : plain ? `CREATE ${index.unique ? "UNIQUE " : ""}INDEX CONCURRENTLY ${ident(temporary)} ON ${t} (${over(index.columns)});` : undefined;
    if (!sql) {
      out.unknown.push(`the index ${index.name} reads ${column}: build it again over ${tmp} before the swap`);
      continue;
    }
    out.indexes.push(sql);
    out.afterRename.push(`ALTER INDEX ${ident(temporary)} RENAME TO ${ident(index.name)};`);
  }
  // a view on the table makes DROP COLUMN fail when it reads the column (SELECT * does): dropped first, created again over the new column
  for (const view of ctx.repository.viewsOnTable(table)) {
    out.beforeDrop.unshift(`DROP VIEW ${ident(view.name)};`);
    out.afterRename.push(view.sql.trim().replace(/;?\s*$/, ";"));
  }
  // a serial's sequence is owned by its column, and DROP COLUMN drops it: it moves to the new column first; nextval's
  // text is read as a name, so a mixed-case one keeps its quotes inside it ('"Client_id_seq"')
  const sequence = definition?.serial ? serialSequence(table, column) : undefined;
  if (sequence) {
    out.beforeDrop.push(`ALTER SEQUENCE ${ident(sequence)} OWNED BY ${t}.${n};`);
    // before PostgreSQL 10 every sequence is bigint (and ALTER SEQUENCE ... AS is not there)
    if (newType === "bigint" && hasSyntax(ctx.postgresVersion, "identityColumns")) out.beforeDrop.push(`ALTER SEQUENCE ${ident(sequence)} AS bigint;`);
    out.afterRename.push(`ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT nextval(${sqlString(ident(sequence))}::regclass);`);
  }
  // an identity column, and a serial whose sequence name PostgreSQL shortened: swap-steps.ts reads them from the catalog
  if (!keys.followed)
    out.unknown.push(
      `the earlier migrations do not show every constraint and index of ${table} (it was not created in them as SQL): list them (\\d ${table}) and rebuild on ${tmp} what reads ${column}; FOREIGN KEYs that reference ${column} must be dropped before the swap and added back after it`,
    );
  // created by framework calls: what migguard reads of them (keys, UNIQUE, named indexes) is rebuilt above, an option it does not read may add more
  else if (ctx.framework !== "sql")
    out.unknown.push(
      `the earlier migrations create ${table} with ${CREATE_CALLS[ctx.framework] ?? `${ctx.framework} calls`}, whose constraints and indexes on ${column} migguard rebuilds here as far as it reads them: list them (\\d ${table}) and rebuild on ${tmp} any other that reads ${column}; FOREIGN KEYs that reference ${column} must be dropped before the swap and added back after it`,
    );
  return out;
}
