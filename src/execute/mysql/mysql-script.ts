/**
 * A MySQL / MariaDB migration as its runner sends it: statements one by one (the `DELIMITER`-aware split and
 * MySQL's grammar from the engine's MySQL adapter), each with what running it here needs to know: whether it
 * may run at all (mysql-safety.ts), and for ALTER TABLE / CREATE INDEX / DROP INDEX where an `ALGORITHM=`
 * clause goes, so the algorithm the server picks can be measured. DDL commits implicitly on MySQL, so the
 * runner's transaction changes nothing for schema changes: only the migration's own BEGIN/COMMIT are sent.
 * Pure: no database here.
 */
import type { ParserRuleContext } from "antlr4ts";
import { SQL_LAYOUTS, type SqlSegment } from "../../engine/adapters/sql/layouts/index.js";
import { parseMysql, type MysqlStatement } from "../../engine/adapters/sql/mysql/mysql-statements.js";
import { MysqlTree } from "../../engine/adapters/sql/mysql/mysql-tree.js";
import type { MigrationUnit } from "../../engine/group.js";
import type { Migration, Operation } from "../../engine/model.js";
import type { MigrationScripts, Runnable, ScriptStatement, TransactionAction } from "../script.js";
import { mysqlRefusal } from "./mysql-safety.js";

/** Where an ALTER's algorithm can be asked for, and what the statement names itself. */
export interface OnlineDdlTarget {
  /** the table it changes, as written (unquoted) */
  table: string;
  /** string index in the statement where the clause goes */
  at: number;
  /** ALTER TABLE takes `ALGORITHM=X,` after the table name; CREATE/DROP INDEX take ` ALGORITHM=X` at the end */
  style: "leading" | "trailing";
  /** ALGORITHM= / LOCK= the statement names itself (then it runs as written) */
  named?: string;
}

export interface MysqlStatementInfo {
  /** why it may not run here */
  refusal?: string;
  online?: OnlineDdlTarget;
}

/** The statement with the server asked for an algorithm (`ALGORITHM=INSTANT`, `ALGORITHM=INPLACE, LOCK=NONE`). */
export function withAlgorithm(sql: string, target: OnlineDdlTarget, clauses: readonly string[]): string {
  if (target.style === "leading") return `${sql.slice(0, target.at)} ${clauses.join(", ")},${sql.slice(target.at)}`;
  return `${sql.slice(0, target.at)} ${clauses.join(" ")}${sql.slice(target.at)}`;
}

const TRANSACTION_WORDS: Record<string, TransactionAction> = { BEGIN: "begin", START: "begin", COMMIT: "commit", ROLLBACK: "rollback" };

function transactionControl(tree: MysqlTree, root: ParserRuleContext): TransactionAction | undefined {
  if (tree.find(root, "beginWork")) return "begin";
  const statement = tree.find(root, "transactionStatement");
  if (!statement) return undefined;
  const words = tree.words(statement);
  if (words.includes("TO")) return "other"; // ROLLBACK TO SAVEPOINT
  return TRANSACTION_WORDS[words[0] ?? ""] ?? "other";
}

function onlineTarget(tree: MysqlTree, root: ParserRuleContext): OnlineDdlTarget | undefined {
  const named = (node: ParserRuleContext | undefined) => {
    const clauses = [tree.find(node, "alterAlgorithmOption"), tree.find(node, "alterLockOption")].filter((c): c is ParserRuleContext => c !== undefined);
    return clauses.length ? clauses.map((c) => tree.slice(c).replace(/\s+/g, "").toUpperCase()).join(", ") : undefined;
  };
  const alter = tree.find(tree.find(root, "alterStatement"), "alterTable");
  if (alter) {
    const tableRef = tree.child(alter, "tableRef");
    // nothing after the table name (`ALTER TABLE t`) is nothing to measure; partitioning clauses take the
    // algorithm without the comma the leading form needs, and run as written
    if (!tableRef?.stop || !tree.find(tree.child(alter, "alterTableActions"), "alterList")) return undefined;
    return { table: tree.qualified(tableRef), at: tableRef.stop.stopIndex + 1, style: "leading", named: named(alter) };
  }
  const createIndex = tree.find(tree.find(root, "createStatement"), "createIndex");
  if (createIndex?.stop) {
    const table = tree.qualified(tree.find(tree.child(createIndex, "createIndexTarget"), "tableRef"));
    return table ? { table, at: createIndex.stop.stopIndex + 1, style: "trailing", named: named(createIndex) } : undefined;
  }
  const dropIndex = tree.find(tree.find(root, "dropStatement"), "dropIndex");
  if (dropIndex?.stop) {
    const table = tree.qualified(tree.child(dropIndex, "tableRef"));
    return table ? { table, at: dropIndex.stop.stopIndex + 1, style: "trailing", named: named(dropIndex) } : undefined;
  }
  return undefined;
}

/** The rule name of the statement (alterTable, createIndex, insertStatement, ...), for traces. */
function statementType(tree: MysqlTree, root: ParserRuleContext): string {
  const simple = tree.find(root, "simpleStatement") ?? root;
  const top = tree.children(simple).find((c) => tree.isRule(c)) as ParserRuleContext | undefined;
  const inner = top ? (tree.children(top).find((c) => tree.isRule(c)) as ParserRuleContext | undefined) : undefined;
  const name = tree.name(top);
  return name === "alterStatement" || name === "createStatement" || name === "dropStatement" ? tree.name(inner) || name : name;
}

/** One parsed statement as the script runs it; a reason when it cannot be run. */
function scriptStatement(statement: MysqlStatement, lineShift = 0): ScriptStatement | { reason: string } {
  const { tree: root, ruleNames, error } = statement.parse;
  if (!root) return { reason: `${statement.line + lineShift} does not parse with MySQL's grammar (${error?.message ?? "unknown error"})` };
  const tree = new MysqlTree(ruleNames, statement.text);
  const control = transactionControl(tree, root);
  return {
    sql: statement.text,
    line: statement.line + lineShift,
    endLine: statement.endLine + lineShift,
    inTransaction: false,
    control,
    type: statementType(tree, root),
    outsideTransactionOnly: false,
    mysql: { refusal: mysqlRefusal(tree, root), online: control ? undefined : onlineTarget(tree, root) },
  };
}

const byteOffset = (text: string, index: number) => Buffer.byteLength(text.slice(0, index), "utf8");

function segmentsScript(path: string, segments: readonly SqlSegment[], raw: string | undefined, version: string | undefined): Runnable {
  const rawBytes = raw === undefined ? undefined : Buffer.from(raw, "utf8");
  const statements: ScriptStatement[] = [];
  let inTransaction = false;
  for (const segment of segments) {
    for (const parsed of parseMysql(segment.text, version).statements) {
      const statement = scriptStatement(parsed);
      if ("reason" in statement) return { ok: false, reason: `${path}:${statement.reason}` };
      if (rawBytes) {
        // the layout masked runner templating (`${placeholder}`): only the runner can fill it in
        const start = byteOffset(segment.text, parsed.start);
        const end = start + Buffer.byteLength(parsed.text, "utf8");
        if (rawBytes.subarray(start, end).toString("utf8") !== parsed.text)
          return { ok: false, reason: `${path}:${parsed.line} uses runner templating (placeholders) that only the runner can fill in` };
      }
      statement.inTransaction = inTransaction;
      if (statement.control === "begin") inTransaction = true;
      else if (statement.control === "commit" || statement.control === "rollback") inTransaction = false;
      statements.push(statement);
    }
  }
  return { ok: true, script: { path, segments: [{ statements }] } };
}

/** A SQL-layout migration (golang-migrate, dbmate, goose, Flyway, Liquibase, plain SQL) on MySQL. */
export function mysqlSqlScripts(unit: MigrationUnit, version?: string): MigrationScripts {
  const split = SQL_LAYOUTS[unit.file.layout] ?? SQL_LAYOUTS["plain-sql"]!;
  const sections = split({ path: unit.file.path, content: unit.content, downFile: unit.downFile });
  const up = segmentsScript(unit.file.path, sections.up, unit.content, version);
  if (sections.down.kind !== "sql") return { up };
  const downPath = sections.down.path;
  const downRaw = unit.file.layout === "liquibase" ? undefined : downPath === unit.file.path ? unit.content : unit.downFile?.content;
  if (unit.file.layout === "liquibase" && unit.content.includes("${"))
    return { up, down: { ok: false, reason: `${downPath} uses Liquibase placeholders that only the runner can fill in` } };
  return { up, down: segmentsScript(downPath, sections.down.segments, downRaw, version) };
}

/** Rails `execute` / Django `RunSQL` / Alembic `op.execute` migrations on MySQL, from the model. */
function opsScript(path: string, ops: readonly Operation[], version: string | undefined): Runnable {
  const foreign = ops.find((op) => !op.embeddedSql);
  if (foreign) return { ok: false, reason: `${path}:${foreign.loc.line} mixes framework operations (${foreign.kind}) with SQL; only migrations written entirely in SQL are run` };
  const statements: ScriptStatement[] = [];
  let inTransaction = false;
  for (const op of ops) {
    const last = statements[statements.length - 1];
    if (last && last.line === op.loc.line && last.endLine === op.loc.endLine && last.sql === op.text) continue;
    const parsed = parseMysql(op.text, version).statements;
    if (parsed.length !== 1) return { ok: false, reason: `${path}:${op.loc.line} holds SQL migguard cannot run on its own (not one statement)` };
    const statement = scriptStatement(parsed[0], op.loc.line - 1);
    if ("reason" in statement) return { ok: false, reason: `${path}:${statement.reason}` };
    statement.inTransaction = inTransaction;
    if (statement.control === "begin") inTransaction = true;
    else if (statement.control === "commit" || statement.control === "rollback") inTransaction = false;
    statements.push({ ...statement, line: op.loc.line, endLine: op.loc.endLine });
  }
  return { ok: true, script: { path, segments: [{ statements }] } };
}

export function mysqlEmbeddedScripts(migration: Migration): MigrationScripts {
  const up = opsScript(migration.path, migration.up, migration.databaseVersion);
  if (migration.down.status !== "present") return { up };
  return { up, down: opsScript(migration.down.path ?? migration.path, migration.down.ops, migration.databaseVersion) };
}

/** Scripts for any MySQL migration: SQL layouts from the files, other frameworks from their embedded SQL. */
export function mysqlMigrationScripts(unit: MigrationUnit, migration: Migration | undefined, version?: string): MigrationScripts {
  if (unit.file.framework === "sql") return mysqlSqlScripts(unit, version);
  if (!migration) return { up: { ok: false, reason: `${unit.file.path} could not be analysed` } };
  return mysqlEmbeddedScripts(migration);
}
