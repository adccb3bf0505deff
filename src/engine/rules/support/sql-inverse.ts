/**
 * The SQL that undoes an up, statement by statement in reverse order, for a missing down: what can be derived
 * from the up alone (drop what it created, rename back, restore a type the repository knows) is written as SQL;
 * what cannot (a definition the up dropped, a default it replaced, data it changed) is said, as a step of its own
 * kind so each framework's down can fail loudly on it instead of skipping it.
 */
import type { ColumnSpec, Operation, TypeRef } from "../../model.js";
import { castExists, convertsWithoutUsing } from "../../assignment-casts.js";
import type { RepositoryView } from "../../repository/repository-view.js";
import type { IndexDefinition } from "../../repository/index-history.js";
import { derivedName, ident } from "./fix.js";
import { nameKey } from "./facts.js";
import { deparse, parseOne } from "./sql-text.js";
import type { PgNode } from "../../adapters/sql/pg-parser.js";
import { nullabilityBefore, unknownNullability } from "./prior-nullability.js";
import { dropOfCreatedFunction, resetOfStorageParameters } from "./sql-object-inverse.js";
import { typeNameTaken, typesKeptInUse, typeStillUsed } from "./types-kept-in-use.js";

/**
 * One step of a down: SQL that runs (it may carry its own `--` comments), code in the migration's own language
 * (a framework's inverse), a note with nothing to run, or a part migguard cannot know (a definition the up dropped
 * that nothing in the repository says).
 */
export type InverseStep = { kind: "sql" | "code" | "note" | "unknown"; text: string };
const sql = (text: string): InverseStep => ({ kind: "sql", text });
const note = (text: string): InverseStep => ({ kind: "note", text });
const unknown = (text: string): InverseStep => ({ kind: "unknown", text });

/** What the inverse may ask the repository (`RuleContext.repository`). */
export type InverseSource = Pick<RepositoryView, "columnType" | "columnDefinition" | "objectDefinition" | "tableDefinition" | "tableIndexes" | "indexDefinition"> &
  Partial<Pick<RepositoryView, "constraintDefinition" | "grownTableDefinition" | "namedTableIndexes" | "sqlalchemyAtLeast" | "columnNotNull">>;

/** The text is one SQL statement (a Rails create_table's text is Ruby, never copied into SQL). */
const parsesAsStatement = (text: string) => parseOne(text) !== undefined;
const lineOf = (op: Operation) => `line ${op.loc.line}`;
const col = (table: string, column: string) => `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)}`;
/** the object kinds DROP names as `DROP <KIND> name` (a trigger, policy or rule also names its table) */
const dropKind = (type: string) => (type === "procedure" ? "FUNCTION" : type.replace("_", " ").toUpperCase());

/** An index's CREATE INDEX: as an earlier migration wrote it, or from the columns of a framework's plain index (no WHERE, USING or unread options). */
function indexSql(name: string, index: IndexDefinition | undefined): string | undefined {
  if (index?.sql) return index.sql;
  const shape = index?.shape;
  if (!index?.columns?.length || !shape || shape.partial || shape.method || shape.unreadOptions?.length) return undefined;
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${ident(name)} ON ${index.table.split(".").map(ident).join(".")} (${index.columns.map(ident).join(", ")});`;
}

/** Statements that read, tidy or notify and leave nothing in the schema or the rows for a down to take back. */
const LEAVES_NOTHING = new Set(["SELECT", "VACUUM", "ANALYZE", "CHECKPOINT", "EXPLAIN", "SHOW", "OPTIMIZE", "NOTIFY", "LISTEN", "UNLISTEN", "DISCARD", "RESET", "LOAD", "CHECK", "FLUSH"]);
const leavesNothing = (statement: string) => statement === "COPY TO" || LEAVES_NOTHING.has(statement.split(" ")[0].toUpperCase());

/**
 * The REVOKE that takes back a GRANT (of privileges, of a role, or of default privileges), read and written by
 * PostgreSQL's own grammar: the same statement with is_grant false.
 */
function revokeOf(statement: PgNode | undefined): string | undefined {
  const node = statement as Record<string, Record<string, unknown>> | undefined;
  if (!node) return undefined;
  const [type] = Object.keys(node);
  const stmt = structuredClone(node[type]);
  // ALTER DEFAULT PRIVILEGES holds its GRANT as `action`
  const grant = type === "AlterDefaultPrivilegesStmt" ? (stmt.action as Record<string, unknown> | undefined) : stmt;
  if (!grant || (type !== "GrantStmt" && type !== "GrantRoleStmt" && type !== "AlterDefaultPrivilegesStmt") || grant.is_grant !== true) return undefined;
  grant.is_grant = false;
  delete grant.grant_option;
  const revoke = deparse({ [type]: stmt } as PgNode);
  return revoke ? `${revoke.replace(/;?\s*$/, "")};` : undefined;
}

/** Put back the default table.column had before the up, as the migration that added the column defined it. */
function previousDefault(table: string, column: string, before: ColumnSpec | undefined): InverseStep {
  if (!before) return sql(`${col(table, column)} DROP DEFAULT;  -- if ${column} had a default before the up, SET that one instead`);
  // a serial's default reads the sequence PostgreSQL created with it, under its own name for it (<table>_<column>_seq)
  if (before.serial) return sql(`${col(table, column)} SET DEFAULT nextval('${ident(derivedName(table, [column], "seq")).replace(/'/g, "''")}'::regclass);  -- the sequence PostgreSQL created with the serial column`);
  if (before.generated === "identity") return note(`${table}.${column} was an identity column before the up: the SET DEFAULT cannot be undone on it by hand`);
  return sql(before.default ? `${col(table, column)} SET DEFAULT ${before.default.expr};` : `${col(table, column)} DROP DEFAULT;`);
}

/**
 * How a column's type goes back from the up's `now` to `before`, for each framework to write in its own language.
 * Where `now` has no assignment cast to `before` (text -> jsonb) ALTER TYPE needs USING, and a default is converted
 * with the column only by an assignment cast too: it is dropped first and the one the column had before the up set
 * again after (`restoreDefault`, undefined when it had none), or said to be unknown when the repository does not
 * define the column (`definition` is asked only then).
 */
export type TypeBack = { needsUsing: false } | { needsUsing: true; restoreDefault: string | undefined; unknownDefault: boolean };
export function typeBack(now: TypeRef, before: TypeRef, definition: () => ColumnSpec | undefined): TypeBack {
  if (convertsWithoutUsing(now, before)) return { needsUsing: false };
  const defined = definition();
  return { needsUsing: true, restoreDefault: defined?.default?.expr, unknownDefault: !defined };
}

/** What a down says where PostgreSQL has no cast from the up's type back to the column's old one. */
export const noCastWords = (table: string, column: string, now: TypeRef, before: TypeRef, line: string, upUsing?: string): string =>
  `${line} changes ${table}.${column} from ${before.text} to ${now.text}, and PostgreSQL has no cast from ${now.text} to ${before.text}: no USING computes the old values back${upUsing === undefined && castExists(before, now) === false ? ` (the up fails there too: ${before.text} has no cast to ${now.text})` : ""}; restore them from a copy kept before the up`;

/** The comment on dropping the default before a type change back that needs USING. */
export const defaultNotConverted = (now: TypeRef, before: TypeRef) => `a default of type ${now.text} is not converted to ${before.text} with the column: it would fail`;

/** An object an earlier migration defined, put back as written there (the same text for a CREATE and a DROP of it, said once). */
const restored = (objectType: string, name: string, definition: string): InverseStep =>
  sql(`-- ${objectType.replace("_", " ")} ${name} as the earlier migration defined it:\n${definition.trim().replace(/;?\s*$/, ";")}`);

/** The steps that undo one operation; undefined when it changes nothing a down must take back. */
// `up`: the whole up `op` is part of (index its place), for a step that depends on what runs after it
export function inverseSteps(op: Operation, index: number, created: ReadonlySet<string>, repository: InverseSource | undefined, _up?: readonly Operation[]): InverseStep[] | undefined {
  // what belongs to a table the up created goes with its DROP TABLE
  const onNewTable = (table: string | undefined) => table !== undefined && created.has(nameKey(table));
  const one = (step: InverseStep | undefined) => (step ? [step] : undefined);
  switch (op.kind) {
    case "create_table":
      return op.temporary ? undefined : [sql(`DROP TABLE ${ident(op.table)};`)];
    case "add_column":
      return onNewTable(op.table) ? undefined : [sql(`ALTER TABLE ${ident(op.table)} DROP COLUMN ${ident(op.column.name)};`)];
    case "add_index":
      if (onNewTable(op.table)) return undefined;
      return op.name
        ? [sql(`DROP INDEX${op.concurrently ? " CONCURRENTLY" : ""} ${ident(op.name)};`)]
        : [unknown(`${lineOf(op)} creates an index without a name: drop it by the name PostgreSQL gave it (\\d ${op.table})`)];
    case "add_constraint":
      if (onNewTable(op.table)) return undefined;
      return op.name
        ? [sql(`ALTER TABLE ${ident(op.table)} DROP CONSTRAINT ${ident(op.name)};`)]
        : [unknown(`${lineOf(op)} adds a ${op.constraint.replace("_", " ")} without a name: drop it by the name PostgreSQL gave it (\\d ${op.table})`)];
    case "rename_table":
      return [sql(`ALTER TABLE ${ident(op.newName)} RENAME TO ${ident(op.table.split(".").pop()!)};`)];
    case "rename_column":
      return [sql(`ALTER TABLE ${ident(op.table)} RENAME COLUMN ${ident(op.newName)} TO ${ident(op.column)};`)];
    case "rename_object": {
      const kind = { index: "INDEX", view: "VIEW", materialized_view: "MATERIALIZED VIEW", sequence: "SEQUENCE", type: "TYPE", schema: "SCHEMA" }[op.objectType as string];
      if (op.objectType === "constraint" && op.table) return [sql(`ALTER TABLE ${ident(op.table)} RENAME CONSTRAINT ${ident(op.newName)} TO ${ident(op.name)};`)];
      return [kind ? sql(`ALTER ${kind} ${ident(op.newName)} RENAME TO ${ident(op.name.split(".").pop()!)};`) : unknown(`${lineOf(op)} renames ${op.name} to ${op.newName}: rename it back`)];
    }
    case "alter_column_type": {
      if (onNewTable(op.table)) return undefined;
      const before = op.fromType ?? repository?.columnType(op.table, op.column, index);
      if (!before) return [unknown(`${lineOf(op)} changes the type of ${op.table}.${op.column}: migguard found no earlier type in the repository; change it back to the type it had before`)];
      const back = typeBack(op.type, before, () => repository?.columnDefinition(op.table, op.column));
      if (!back.needsUsing) return [sql(`${col(op.table, op.column)} TYPE ${before.text};`)];
      // integer -> uuid: PostgreSQL has no cast, so no USING converts the values back (never one it rejects)
      if (castExists(op.type, before) === false) return [unknown(noCastWords(op.table, op.column, op.type, before, lineOf(op), op.using))];
      const restore = back.unknownDefault
        ? [`-- if ${op.column} had a default before the up (the migrations do not show its definition), SET it again here`]
        : back.restoreDefault !== undefined
          ? [`${col(op.table, op.column)} SET DEFAULT ${back.restoreDefault};`]
          : [];
      return [
        sql(
          [
            `${col(op.table, op.column)} DROP DEFAULT;  -- ${defaultNotConverted(op.type, before)}`,
            `${col(op.table, op.column)} TYPE ${before.text} USING ${ident(op.column)}::${before.text};`,
            ...restore,
          ].join("\n"),
        ),
      ];
    }
    case "set_not_null":
      return onNewTable(op.table) ? undefined : [sql(`${col(op.table, op.column)} DROP NOT NULL;`)];
    case "drop_not_null": {
      // NOT NULL comes back only where it was: a column nullable before the up gets nothing
      if (onNewTable(op.table)) return undefined;
      const before = nullabilityBefore(op, repository);
      if (before === "nullable") return undefined;
      const setNotNull = `${col(op.table, op.column)} SET NOT NULL`;
      return [before === "not-null" ? sql(`${setNotNull};  -- fails if rows with NULL were written since the up`) : note(unknownNullability(op, setNotNull))];
    }
    case "set_default":
      return onNewTable(op.table) ? undefined : [previousDefault(op.table, op.column, repository?.columnDefinition(op.table, op.column))];
    case "drop_default": {
      const before = repository?.columnDefinition(op.table, op.column)?.default;
      return [before ? sql(`${col(op.table, op.column)} SET DEFAULT ${before.expr};`) : unknown(`${lineOf(op)} drops the default of ${op.table}.${op.column}: SET the one it had (migguard does not know it)`)];
    }
    case "create_object":
      // a trigger goes with its table, but dropping it first frees the function it runs for its own DROP
      if (op.objectType === "role" || op.objectType === "database" || (onNewTable(op.table) && op.objectType !== "trigger")) return undefined;
      if (op.objectType === "extension" && op.ifNotExists) return undefined; // may have been there already, shared by others
      // likewise a schema made sure of: the migration tool may have created it and keep its own table there (sql-migrate's SetSchema)
      if (op.objectType === "schema" && op.ifNotExists) return undefined;
      {
        // it may replace what an earlier migration defined: the down puts that definition back, as written there
        const earlier = op.orReplace ? repository?.objectDefinition(op.objectType, op.name) : undefined;
        if (earlier) return [restored(op.objectType, op.name, earlier)];
        // a function by its signature (DROP FUNCTION f alone fails once f is overloaded)
        const drop = (op.objectType === "function" || op.objectType === "procedure" ? dropOfCreatedFunction(op.text) : undefined) ?? `DROP ${dropKind(op.objectType)} ${ident(op.name)}${op.table ? ` ON ${ident(op.table)}` : ""};`;
        // no earlier definition in the SQL migguard read: the up created it, unless something outside those
        // migrations (alembic_utils, a squash, a schema loaded by hand) did, whose body nothing here says
        if (op.orReplace && (op.objectType === "function" || op.objectType === "procedure" || op.objectType === "view" || op.objectType === "trigger"))
          return [sql(`-- no earlier migration defines ${op.objectType} ${op.name}: the up created it. If it existed before (defined outside the migrations), its old body is unknown here: put that back instead of dropping it\n${drop}`)];
        return [sql(drop)];
      }
    case "alter_enum":
      return [
        op.action === "add_value"
          ? note(`PostgreSQL cannot remove a value from an enum: '${op.value}' stays in ${op.type} (old code never writes it)`)
          : sql(`ALTER TYPE ${ident(op.type)} RENAME VALUE '${op.value.replace(/'/g, "''")}' TO '${(op.neighbor ?? "").replace(/'/g, "''")}';`),
      ];
    case "drop_table": {
      // a table the history still defines as an earlier migration wrote it comes back as written there, with its indexes
      const sqlOf = (d: { text: string } | undefined) => (d && parsesAsStatement(d.text) ? `${d.text.trim().replace(/;?\s*$/, ";")}` : undefined);
      return op.tables.map((table) => {
        const create = sqlOf(repository?.tableDefinition(table));
        if (!create) return unknown(`${lineOf(op)} drops ${table}: recreate it from its last definition in the earlier migrations (the rows cannot come back)`);
        const indexes = (repository?.tableIndexes(table) ?? []).map((i) => sqlOf({ text: i.sql })).filter((i): i is string => i !== undefined);
        return sql([`-- ${lineOf(op)} drops ${table}: recreated as the earlier migrations define it (the rows cannot come back)`, create, ...indexes].join("\n"));
      });
    }
    case "drop_column":
      return [unknown(`${lineOf(op)} drops ${op.table}.${op.column}: add it back with its earlier definition (its values cannot come back)`)];
    case "drop_index": {
      // an index an earlier migration wrote in SQL (and none dropped since) comes back as written there
      // (one a framework call made, its columns read and nothing more to it: written as its CREATE INDEX)
      const known = op.names.map((n) => ({ name: n, sql: indexSql(n, repository?.indexDefinition(n)) }));
      if (known.length && known.every((k) => k.sql && parsesAsStatement(k.sql)))
        return [sql([`-- ${lineOf(op)} drops index ${op.names.join(", ")}: recreated as the earlier migrations define it`, ...known.map((k) => k.sql!.trim().replace(/;?\s*$/, ";"))].join("\n"))];
      return [unknown(`${lineOf(op)} drops index ${op.names.join(", ")}: recreate it from its earlier definition`)];
    }
    case "drop_constraint": {
      // a FOREIGN KEY, CHECK or UNIQUE an earlier migration added: added again as written there
      const earlier = op.name ? repository?.constraintDefinition?.(op.name, op.table) : undefined;
      if (earlier && nameKey(earlier.table.split(".").pop()!) === nameKey(op.table.split(".").pop()!)) return [sql(`-- constraint ${op.name} as the earlier migration defined it:\n${earlier.sql}`)];
      return [unknown(`${lineOf(op)} drops constraint ${op.name ?? ""} of ${op.table}: migguard found no earlier definition of it; recreate it with ALTER TABLE ${op.table} ADD CONSTRAINT ...`)];
    }
    case "drop_object": {
      // what an earlier migration defined comes back as written there; IF EXISTS of what none defined dropped nothing
      const earlier = op.names.map((name) => ({ name, definition: repository?.objectDefinition(op.objectType, name) }));
      if (earlier.every((e) => e.definition)) return earlier.map((e) => restored(op.objectType, e.name, e.definition!));
      if (op.ifExists && earlier.every((e) => !e.definition) && repository)
        return [note(`${lineOf(op)} drops ${op.objectType.replace("_", " ")} ${op.names.join(", ")} if it exists: no earlier migration defines it, so there is nothing to recreate (if it existed outside the migrations, recreate it here)`)];
      return [unknown(`${lineOf(op)} drops ${op.objectType.replace("_", " ")} ${op.names.join(", ")}: recreate it from its earlier definition`)];
    }
    case "raw":
      // the sequence it hands to a column goes with DROP SEQUENCE or stays harmlessly
      // (a SELECT that calls a function that may write leaves what it wrote)
      if (op.statement === "ALTER SEQUENCE OWNED BY" || (leavesNothing(op.statement) && op.mayWrite !== "code")) return undefined;
      {
        // one parse for both readings (its tree is not changed)
        const statement = parseOne(op.text);
        const revoke = revokeOf(statement);
        if (revoke) return [sql(revoke)];
        // storage parameters back to PostgreSQL's defaults, as they were unless an earlier migration set them
        const reset = resetOfStorageParameters(statement);
        if (reset) return [sql(`-- the storage parameters back to their defaults (if an earlier migration set them, SET its values instead)\n${reset}`)];
      }
      return [unknown(`${lineOf(op)} (${op.statement}): undo it by hand, migguard cannot derive its inverse`)];
    case "dml":
    case "data_migration":
    case "truncate":
      // rows written into a table the up created go with its DROP TABLE
      if (op.kind === "dml" && onNewTable(op.table)) return undefined;
      return one(note(`${lineOf(op)} changes data: restore the previous rows from a copy made in the up, or leave them if they can stay`));
    default:
      return undefined;
  }
}

/** The steps of a down for `up`, in reverse order, one group per operation that needs undoing. */
export function inverseOfUp(up: readonly Operation[], repository: InverseSource | undefined, stepsOf: typeof inverseSteps = inverseSteps): InverseStep[] {
  const created = new Set(up.filter((op) => op.kind === "create_table" && !op.temporary).map((op) => nameKey((op as Extract<Operation, { kind: "create_table" }>).table)));
  // the last position at which the up drops each table: what it did to the table before goes with it
  const droppedAt = new Map<string, number>();
  up.forEach((op, index) => {
    if (op.kind === "drop_table") for (const t of op.tables) droppedAt.set(nameKey(t), index);
  });
  const tableOf = (op: Operation) => ("table" in op && typeof op.table === "string" ? nameKey(op.table) : undefined);
  const groups: InverseStep[][] = [];
  const seen = new Set<string>();
  // a type the down cannot drop: a column it leaves on that type blocks the DROP TYPE
  const keptInUse = typesKeptInUse(up, created, repository, stepsOf);
  up.forEach((op, index) => {
    const table = tableOf(op);
    if (op.kind !== "drop_table" && table !== undefined && (droppedAt.get(table) ?? -1) > index) return;
    // an index dropped before its table: the table's recreation brings it back
    const indexTables = op.kind === "drop_index" ? op.names.map((n) => repository?.indexDefinition(n)?.table) : [];
    if (indexTables.length && indexTables.every((t) => t !== undefined && (droppedAt.get(nameKey(t)) ?? -1) > index)) return;
    const blocked = op.kind === "create_object" && op.objectType === "type" ? keptInUse.get(nameKey(op.name).split(".").pop()!) : undefined;
    // and a type renamed out of the way for it cannot take its name back while it stays
    const renamedAway = op.kind === "rename_object" && op.objectType === "type" ? keptInUse.get(nameKey(op.name).split(".").pop()!) : undefined;
    const own =
      blocked && op.kind === "create_object"
        ? [typeStillUsed(op.loc.line, op.name, blocked)]
        : renamedAway && op.kind === "rename_object"
          ? [typeNameTaken(op.loc.line, op.name, op.newName)]
          : stepsOf(op, index, created, repository, up);
    const steps = (own ?? []).filter((s) => !seen.has(`${s.kind}\u0000${s.text}`));
    for (const s of steps) seen.add(`${s.kind}\u0000${s.text}`);
    if (steps.length) groups.push(steps);
  });
  return groups.reverse().flat();
}

/** PostgreSQL's way to stop a down on a part that cannot be written: a RAISE with the reason. */
export const pgRaise = (reason: string): string => `DO $$ BEGIN RAISE EXCEPTION '${`irreversible: ${reason}`.replace(/'/g, "''").replace(/\$\$/g, "$ $")}'; END $$;`;

/**
 * The statements of a down for `up`, in reverse order, one per operation that needs undoing. With `loud`, a part
 * migguard cannot know also stops the down (a RAISE after the comment that says what to write there).
 */
export function sqlInverse(up: readonly Operation[], repository?: InverseSource, options: { loud?: boolean } = {}): string[] {
  return inverseOfUp(up, repository).map((s) => (s.kind === "sql" || s.kind === "code" ? s.text : s.kind === "note" || !options.loud ? `-- ${s.text}` : `-- ${s.text}\n${pgRaise(s.text)}`));
}
