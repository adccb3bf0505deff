/**
 * A migration as the runner executes it: statements one by one, each with its file lines and whether the
 * runner has a transaction open around it. SQL layouts are split by the engine's own layout modules and the
 * transaction mode is the adapter's (so CREATE INDEX CONCURRENTLY inside golang-migrate's implicit transaction
 * fails here as it does in production). Rails `execute` / Django RunSQL migrations run only when every
 * operation is embedded SQL. Pure: no database here.
 */
import { mustRunOutsideTransaction, runnerText, segmentOperations } from "../engine/adapters/sql/index.js";
import { SQL_LAYOUTS, type SqlSegment } from "../engine/adapters/sql/layouts/index.js";
import { parseStatements, type PgNode } from "../engine/adapters/sql/pg-parser.js";
import type { MigrationUnit } from "../engine/group.js";
import type { Migration, Operation } from "../engine/model.js";
import type { MysqlStatementInfo } from "./mysql/mysql-script.js";

export type TransactionAction = "begin" | "commit" | "rollback" | "other";

export interface ScriptStatement {
  sql: string;
  line: number;
  endLine: number;
  /** the runner (or the migration's own BEGIN) has a transaction open when this statement runs */
  inTransaction: boolean;
  /** BEGIN / COMMIT / ROLLBACK written in the migration itself */
  control?: TransactionAction;
  /** parse tree (safety checks) and its node type ("IndexStmt", ...) */
  node?: PgNode;
  type: string;
  /** PostgreSQL refuses it inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...) */
  outsideTransactionOnly: boolean;
  /** a MySQL / MariaDB statement (no PostgreSQL node): its refusal and where an ALGORITHM= clause goes */
  mysql?: MysqlStatementInfo;
}

/** Statements the runner sends together: a transaction it opened is committed at the end of the segment. */
export interface ScriptSegment {
  statements: ScriptStatement[];
}

export interface Script {
  /** the file the statements' lines refer to (a .down.sql for golang-migrate downs) */
  path: string;
  segments: ScriptSegment[];
}

export type Runnable = { ok: true; script: Script } | { ok: false; reason: string };

export interface MigrationScripts {
  up: Runnable;
  /** undefined: no down to run (missing, unsupported, irreversible, empty) */
  down?: Runnable;
}

const TRANSACTION_KINDS: Record<string, TransactionAction> = {
  TRANS_STMT_BEGIN: "begin",
  TRANS_STMT_START: "begin",
  TRANS_STMT_COMMIT: "commit",
  TRANS_STMT_ROLLBACK: "rollback",
  TRANS_STMT_PREPARE: "commit",
  TRANS_STMT_COMMIT_PREPARED: "commit",
  TRANS_STMT_ROLLBACK_PREPARED: "rollback",
};

function transactionAction(node: PgNode): TransactionAction | undefined {
  const kind = node.TransactionStmt?.kind;
  if (kind === undefined) return undefined;
  return TRANSACTION_KINDS[kind] ?? "other";
}

const nodeType = (node: PgNode | undefined) => (node ? (Object.keys(node)[0] ?? "") : "");

/** A statement differs from the file's bytes: the layout masked runner templating (`${placeholder}`, psql variables). */
function masked(raw: Buffer, startByte: number, endByte: number, text: string): boolean {
  return raw.subarray(startByte, endByte).toString("utf8") !== text;
}

function segmentsScript(path: string, segments: readonly SqlSegment[], raw: string | undefined): Runnable {
  const rawBytes = raw === undefined ? undefined : Buffer.from(raw, "utf8");
  const out: ScriptSegment[] = [];
  for (const segment of segments) {
    const parsed = parseStatements(segment.text);
    if (parsed.errors.length > 0) return { ok: false, reason: `${path}:${parsed.errors[0].line} does not parse (${parsed.errors[0].message})` };
    if (parsed.tooComplex.length > 0) return { ok: false, reason: `${path}:${parsed.tooComplex[0].line} is too complex to check (${parsed.tooComplex[0].message})` };
    // the adapter's own decision for the layout's transaction mode
    const wrapped = segmentOperations(segment, {}, parsed).transactional;
    let inTransaction = wrapped;
    const statements: ScriptStatement[] = [];
    for (const statement of parsed.statements) {
      if (rawBytes && masked(rawBytes, statement.startByte, statement.endByte, statement.text))
        return { ok: false, reason: `${path}:${statement.line} uses runner templating (placeholders or psql variables) that only the runner can fill in` };
      const control = transactionAction(statement.stmt);
      statements.push({
        sql: statement.text,
        line: statement.line,
        endLine: statement.endLine,
        inTransaction,
        control,
        node: statement.stmt,
        type: nodeType(statement.stmt),
        outsideTransactionOnly: mustRunOutsideTransaction(statement.stmt),
      });
      if (control === "begin") inTransaction = true;
      else if (control === "commit" || control === "rollback") inTransaction = segment.transaction === "implicit" && wrapped;
    }
    out.push({ statements });
  }
  return { ok: true, script: { path, segments: out } };
}

/** A SQL-layout migration (golang-migrate, dbmate, goose, Flyway, sqitch, Prisma, Liquibase, plain SQL). */
export function sqlScripts(input: MigrationUnit): MigrationScripts {
  // as the runner reads the files (Flyway and Liquibase drop a byte-order mark)
  const unit: MigrationUnit = {
    ...input,
    content: runnerText(input.file.layout, input.content),
    downFile: input.downFile && { ...input.downFile, content: runnerText(input.file.layout, input.downFile.content) },
  };
  const split = SQL_LAYOUTS[unit.file.layout] ?? SQL_LAYOUTS["plain-sql"]!;
  const sections = split({ path: unit.file.path, content: unit.content, downFile: unit.downFile });
  const up = segmentsScript(unit.file.path, sections.up, unit.content);
  if (sections.down.kind !== "sql") return { up };
  const downPath = sections.down.path;
  // Liquibase rollbacks are rebuilt from comment lines, so their bytes never match the file's
  const downRaw = unit.file.layout === "liquibase" ? undefined : downPath === unit.file.path ? unit.content : unit.downFile?.content;
  if (unit.file.layout === "liquibase" && unit.content.includes("${"))
    return { up, down: { ok: false, reason: `${downPath} uses Liquibase placeholders that only the runner can fill in` } };
  return { up, down: segmentsScript(downPath, sections.down.segments, downRaw) };
}

/** Consecutive operations from one statement (ALTER TABLE with several subcommands) become one statement again. */
function opsScript(path: string, ops: readonly Operation[]): Runnable {
  const foreign = ops.find((op) => !op.embeddedSql);
  if (foreign) return { ok: false, reason: `${path}:${foreign.loc.line} mixes framework operations (${foreign.kind}) with SQL; only migrations written entirely in SQL are run` };
  const statements: ScriptStatement[] = [];
  for (const op of ops) {
    const last = statements[statements.length - 1];
    if (last && last.line === op.loc.line && last.endLine === op.loc.endLine && last.sql === op.text) continue;
    const parsed = parseStatements(op.text);
    if (parsed.errors.length > 0 || parsed.statements.length !== 1)
      return { ok: false, reason: `${path}:${op.loc.line} holds SQL migguard cannot run on its own (${parsed.errors[0]?.message ?? "not one statement"})` };
    const node = parsed.statements[0].stmt;
    statements.push({
      sql: op.text,
      line: op.loc.line,
      endLine: op.loc.endLine,
      inTransaction: op.inTransaction,
      control: transactionAction(node),
      node,
      type: nodeType(node),
      outsideTransactionOnly: mustRunOutsideTransaction(node),
    });
  }
  return { ok: true, script: { path, segments: [{ statements }] } };
}

/** Rails `execute` / Django `RunSQL` / Alembic `op.execute` migrations, from the model. */
export function embeddedScripts(migration: Migration): MigrationScripts {
  const up = opsScript(migration.path, migration.up);
  if (migration.down.status !== "present") return { up };
  return { up, down: opsScript(migration.down.path ?? migration.path, migration.down.ops) };
}

/** Migrations execution applies to: SQL layouts, and Rails/Django/Alembic migrations written entirely in SQL. */
export const executable = (migration: Migration): boolean =>
  migration.framework === "sql" || (migration.up.length > 0 && migration.up.every((op) => op.embeddedSql));

/** Scripts for any migration: SQL layouts from the files, other frameworks from their embedded SQL. */
export function migrationScripts(unit: MigrationUnit, migration: Migration | undefined): MigrationScripts {
  if (unit.file.framework === "sql") return sqlScripts(unit);
  if (!migration) return { up: { ok: false, reason: `${unit.file.path} could not be analysed` } };
  return embeddedScripts(migration);
}

/** Every statement of a script, in order. */
export const statementsOf = (script: Script): ScriptStatement[] => script.segments.flatMap((s) => s.statements);
