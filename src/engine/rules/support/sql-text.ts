/**
 * SQL that fixes are built from, read and rewritten with PostgreSQL's own parser (libpg-query) and written
 * back with pgsql-deparser, so a fix repeats the migration's real statement (its expressions, its index
 * columns) instead of a placeholder. Also the runnable pieces every framework's fix shares: a backfill in
 * batches that needs no key column, and the checks that tell whether a value fits a narrower type.
 */
import { mustRunOutsideTransaction } from "../../adapters/sql/index.js";
import { deparser, parseStatements, rememberedStatement, scanComments, type PgNode } from "../../adapters/sql/pg-parser.js";
import { pgParse, pgScan } from "../../adapters/sql/pg-query.js";
import { mysqlTokens } from "../../adapters/sql/mysql/mysql-grammar.js";
import { parseMysql } from "../../adapters/sql/mysql/mysql-statements.js";
import type { Database, TypeRef } from "../../model.js";
import { isMysqlFamily } from "./databases.js";
import { ident, sqlString } from "./fix.js";
import { postgresDefaultName } from "./pg-names.js";
import { hasSyntax } from "../../database/postgres-syntax.js";

/** Rows per batch in the backfills fixes show. */
export const BATCH_ROWS = 1000;

/**
 * The one statement of `sql` and where `sql` starts in the text its tree's positions (`location`) count from;
 * undefined if it is not exactly one statement. A statement the analysis already parsed is not parsed again.
 */
export function parsedOne(sql: string): { stmt: PgNode; base: number } | undefined {
  const remembered = rememberedStatement(sql);
  if (remembered) return remembered;
  try {
    const stmts = (pgParse(sql) as { stmts?: Array<{ stmt?: PgNode }> }).stmts ?? [];
    return stmts.length === 1 && stmts[0].stmt ? { stmt: stmts[0].stmt, base: 0 } : undefined;
  } catch {
    return undefined;
  }
}

/** The parse tree of the one statement in `sql` (its wrapper, e.g. `{ IndexStmt: {...} }`); undefined if it is not exactly one statement. */
export function parseOne(sql: string): PgNode | undefined {
  return parsedOne(sql)?.stmt;
}

/** SQL text for a parse tree (a statement or an expression), on one line. */
export function deparse(node: PgNode): string | undefined {
  try {
    return deparser().deparse(node as never, { pretty: false });
  } catch {
    return undefined;
  }
}

/** `sql` as one statement without its trailing semicolon, or undefined when it does not parse as one. */
export function statementText(sql: string): string | undefined {
  return parseOne(sql) ? sql.trim().replace(/;\s*$/, "") : undefined;
}

/** A scanner token: its text and its UTF-8 byte range. */
type Token = { text: string; start: number; end: number };

/**
 * The words of one CREATE INDEX up to its table, as PostgreSQL's scanner reads them, for the fixes that rewrite
 * them (CONCURRENTLY, IF NOT EXISTS, the name): `text` is the statement trimmed and without its semicolon, `at` the
 * token INDEX, `name` the first token after its options (the name, or ON when there is none) and `on` the ON before
 * the table (undefined when the tree gives no table location). `parsed` is a tree the analysis already has (its
 * locations count from `base` in the untrimmed `sql`). Undefined when `sql` is not one CREATE INDEX.
 */
export function indexHead(sql: string, parsed?: { stmt: PgNode; base: number }): { text: string; bytes: Buffer; tokens: Token[]; at: number; concurrently: boolean; ifNotExists: boolean; name: number; on?: number } | undefined {
  const text = sql.trim().replace(/;\s*$/, "");
  const statement = parsed ?? parsedOne(text);
  if (!statement?.stmt.IndexStmt) return undefined;
  const bytes = Buffer.from(text);
  const lead = parsed ? Buffer.byteLength(sql) - Buffer.byteLength(sql.trimStart()) : 0;
  const tableAt = (statement.stmt.IndexStmt.relation?.location ?? -1) - statement.base - lead;
  const toTable = tableAt > 0 && tableAt <= bytes.length;
  // the words sought all come before the table's name: the scanner (its cost grows with the text) reads up to it
  const head = toTable ? bytes.subarray(0, tableAt).toString() : text;
  const tokens = plainWords(head) ?? pgScan(head).tokens;
  const at = tokens.findIndex((t) => t.text.toUpperCase() === "INDEX");
  if (at === -1) return undefined;
  const word = (i: number) => tokens[i]?.text.toUpperCase();
  const concurrently = word(at + 1) === "CONCURRENTLY";
  const afterConcurrently = at + 1 + (concurrently ? 1 : 0);
  const ifNotExists = word(afterConcurrently) === "IF" && word(afterConcurrently + 1) === "NOT" && word(afterConcurrently + 2) === "EXISTS";
  const on = toTable ? tokens.findLastIndex((t, i) => i > at && t.text.toUpperCase() === "ON") : -1;
  return { text, bytes, tokens, at, concurrently, ifNotExists, name: afterConcurrently + (ifNotExists ? 3 : 0), ...(on === -1 ? {} : { on }) };
}

/**
 * The statement of a CREATE INDEX with CONCURRENTLY and without IF NOT EXISTS (see `concurrentIndexFix`), as the
 * migration wrote it otherwise.
 */
export function concurrentIndexSql(sql: string, parsed?: { stmt: PgNode; base: number }, keepIfNotExists = false): string | undefined {
  const index = indexHead(sql, parsed);
  if (!index) return undefined;
  const { bytes, tokens, at } = index;
  const head = bytes.subarray(0, tokens[at].end).toString();
  // the rest starts after the last option word this rewrite drops (IF NOT EXISTS, CONCURRENTLY) or after INDEX
  const restStart = tokens[index.ifNotExists || index.concurrently ? index.name - 1 : at].end;
  const rest = bytes.subarray(restStart).toString();
  const joint = /^\s/.test(rest) ? "" : " ";
  const options = keepIfNotExists && index.ifNotExists ? " CONCURRENTLY IF NOT EXISTS" : " CONCURRENTLY";
  const built = `${head}${options}${joint}${rest}`;
  // the ON before the table, from the tokens at hand, for indexOnNextLine (which would parse and scan the result again)
  const on = index.on === undefined ? undefined : tokens[index.on];
  lastBuilt = on && on.start >= restStart ? { text: built, onByte: Buffer.byteLength(`${head}${options}${joint}`) + on.start - restStart } : undefined;
  return built;
}

/**
 * The tokens of `text` when it is nothing but ASCII words (a letter or `_` first) and spaces, tabs and line breaks:
 * each word is one token, as PostgreSQL's scanner reads it, and in ASCII its byte offsets are its indices. Undefined
 * for anything else (a comment, a quoted name, `$`, a digit first, a non-ASCII letter, no text), which the scanner reads.
 * The words before a CREATE INDEX's table are nearly always plain, and a scanner call costs what a short parse does.
 */
export function plainWords(text: string): Array<{ text: string; start: number; end: number }> | undefined {
  if (!/^[ \t\r\n\w]+$/.test(text)) return undefined; // empty: the scanner refuses it
  const out: Array<{ text: string; start: number; end: number }> = [];
  for (const m of text.matchAll(/\w+/g)) {
    if (/^\d/.test(m[0])) return undefined;
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The CREATE INDEX concurrentIndexSql built last and the byte where its `ON table` starts. */
let lastBuilt: { text: string; onByte: number } | undefined;

/**
 * CREATE INDEX CONCURRENTLY that can be run again: a failed concurrent build leaves an INVALID index behind,
 * which IF NOT EXISTS would silently keep, so the index is dropped (concurrently) first when it has a name.
 */
export function concurrentIndexFix(sql: string): string | undefined {
  const parts = concurrentIndexParts(sql);
  return parts && `${parts.drop ? `${parts.drop}\n` : ""}${parts.create}`;
}

/** The two statements of concurrentIndexFix apart (a runner that sends a file as one query takes the CREATE alone), from one parse. */
export function concurrentIndexParts(sql: string): { drop?: string; create: string } | undefined {
  const parsed = parsedOne(sql);
  const node = parsed?.stmt;
  if (!node?.IndexStmt) return undefined;
  const name: string | undefined = node.IndexStmt.idxname;
  const schema: string | undefined = node.IndexStmt.relation?.schemaname;
  // IF NOT EXISTS says the index may be there already, valid and in use (built by hand, by an older script): it
  // stays, never dropped to be built again (uniqueness unenforced meanwhile); only a build that failed leaves it INVALID
  const keep = Boolean(name && node.IndexStmt.if_not_exists);
  const create = concurrentIndexSql(sql, parsed, keep); // the tree just parsed: not parsed again
  if (!create) return undefined;
  if (keep && name) {
    const qualified = ident(schema ? `${schema}.${name}` : name);
    return {
      drop: [
        `-- IF NOT EXISTS kept: an index ${qualified} already there stays as it is. Only if a build of this statement failed`,
        `-- (SELECT indisvalid FROM pg_index WHERE indexrelid = ${sqlString(qualified)}::regclass gives false), DROP INDEX CONCURRENTLY it and run this again.`,
      ].join("\n"),
      create: `${create};`,
    };
  }
  return { ...(name ? { drop: `DROP INDEX CONCURRENTLY IF EXISTS ${ident(schema ? `${schema}.${name}` : name)};` } : {}), create: `${create};` };
}

/**
 * A CREATE INDEX with its `ON table` clause moved to a second line: the table's place is the parse tree's
 * (RangeVar location, UTF-8 bytes) and the ON before it the scanner's, so an ` ON ` inside a name, a string or a
 * comment is never taken for it. Undefined when `sql` is not one CREATE INDEX.
 */
export function indexOnNextLine(sql: string): string | undefined {
  const bytes = Buffer.from(sql);
  // the statement concurrentIndexSql just built (with or without its semicolon): its ON is known
  if (lastBuilt && (sql === lastBuilt.text || sql === `${lastBuilt.text};`)) {
    const at = lastBuilt.onByte;
    return `${bytes.subarray(0, at).toString().trimEnd()}\n  ${bytes.subarray(at).toString()}`;
  }
  const node = parseOne(sql)?.IndexStmt;
  const tableAt = node?.relation?.location;
  if (tableAt === undefined || tableAt < 0 || tableAt > bytes.length) return undefined;
  const on = pgScan(bytes.subarray(0, tableAt).toString()).tokens.findLast((t) => t.text.toUpperCase() === "ON");
  if (!on) return undefined;
  return `${bytes.subarray(0, on.start).toString().trimEnd()}\n  ${bytes.subarray(on.start).toString()}`;
}

/**
 * A CREATE INDEX on a partitioned table rewritten the way PostgreSQL builds one without blocking writes, as written
 * otherwise (its columns, expressions, WHERE): on the parent alone (`ON ONLY`, instant; named `name` so partitions
 * can attach to it), then for each partition a CREATE INDEX CONCURRENTLY named `<partition>_<columns>_idx` and the
 * ALTER INDEX ... ATTACH PARTITION that joins it to the parent's. Undefined when `sql` is not one CREATE INDEX.
 */
export function partitionedIndexSql(sql: string, name: string, partitions: readonly string[], columns: readonly string[]): { parent: string; partitions: Array<{ create: string; attach: string }> } | undefined {
  const node = parseOne(sql);
  if (!node?.IndexStmt) return undefined;
  const parentTree = structuredClone(node) as PgNode;
  Object.assign(parentTree.IndexStmt, { idxname: name, concurrent: false });
  // the tree leaves a false `inh` out: without it, the relation is `ONLY` it
  delete parentTree.IndexStmt.relation.inh;
  const parent = deparse(parentTree);
  if (!parent) return undefined;
  const schema: string | undefined = node.IndexStmt.relation?.schemaname;
  const qualified = (n: string) => (schema && !n.includes(".") ? `${schema}.${n}` : n);
  const out: Array<{ create: string; attach: string }> = [];
  for (const partition of partitions) {
    const own = derivedIndexName(partition, columns);
    const tree = structuredClone(node) as PgNode;
    const [partSchema, partName] = partition.includes(".") ? partition.split(".") : [schema, partition];
    Object.assign(tree.IndexStmt, { idxname: own, concurrent: true, if_not_exists: false });
    tree.IndexStmt.relation = { relname: partName, ...(partSchema ? { schemaname: partSchema } : {}), inh: true, relpersistence: "p" };
    const create = deparse(tree);
    if (!create) return undefined;
    out.push({ create: `${create};`, attach: `ALTER INDEX ${ident(qualified(name))} ATTACH PARTITION ${ident(partSchema ? `${partSchema}.${own}` : own)};` });
  }
  return { parent: `${parent};`, partitions: out };
}

/** `<table>_<columns>_idx` (cut to PostgreSQL's 63 bytes), `<table>_idx` for an index of expressions only. */
function derivedIndexName(table: string, columns: readonly string[]): string {
  return postgresDefaultName(table, columns, "idx");
}

/**
 * The REINDEX as written, with CONCURRENTLY (PostgreSQL 12+): REINDEX TABLE stays TABLE, INDEX stays INDEX, so the
 * name is always of the kind the statement names. Undefined for what cannot be reindexed concurrently (SYSTEM).
 */
export function concurrentReindexSql(sql: string): string | undefined {
  const node = parseOne(sql);
  if (!node?.ReindexStmt || node.ReindexStmt.kind === "REINDEX_OBJECT_SYSTEM") return undefined;
  const copy = structuredClone(node) as PgNode;
  const params: PgNode[] = copy.ReindexStmt.params ?? [];
  if (!params.some((p) => p.DefElem?.defname === "concurrently")) params.push({ DefElem: { defname: "concurrently", defaction: "DEFELEM_UNSPEC" } });
  copy.ReindexStmt.params = params;
  return deparse(copy);
}

/** The expression of the CHECK constraint a statement adds (ALTER TABLE ... ADD CONSTRAINT ... CHECK (expr)). */
export function checkExpression(sql: string): string | undefined {
  let expr: PgNode | undefined;
  walk(parseOne(sql), (node) => {
    if (!expr && node.Constraint?.contype === "CONSTR_CHECK" && node.Constraint.raw_expr) expr = node.Constraint.raw_expr;
  });
  return expr ? deparse(expr) : undefined;
}

/** The statement with every constraint it adds marked NOT VALID (only FOREIGN KEY and CHECK can be). */
export function notValidSql(sql: string, name?: string): string | undefined {
  const node = parseOne(sql);
  // the one unnamed constraint gets `name`, so the VALIDATE that follows can name it (PostgreSQL's own choice is not
  // ours to guess); with several unnamed ones, which is which is not known: none is named
  const candidates = (node?.AlterTableStmt?.cmds ?? []).filter((cmd: PgNode) => {
    const c = cmd.AlterTableCmd?.subtype === "AT_AddConstraint" ? cmd.AlterTableCmd.def?.Constraint : undefined;
    return c && (c.contype === "CONSTR_CHECK" || c.contype === "CONSTR_FOREIGN") && !c.conname;
  });
  let unnamed = candidates.length === 1 ? name : undefined;
  if (!node?.AlterTableStmt) return undefined;
  let changed = false;
  const copy = structuredClone(node) as PgNode;
  // only a table constraint added by ADD CONSTRAINT can be NOT VALID, not one written inside a column definition
  for (const cmd of copy.AlterTableStmt.cmds ?? []) {
    const c = cmd.AlterTableCmd?.subtype === "AT_AddConstraint" ? cmd.AlterTableCmd.def?.Constraint : undefined;
    if (c && (c.contype === "CONSTR_CHECK" || c.contype === "CONSTR_FOREIGN")) {
      c.skip_validation = true;
      c.initially_valid = false;
      if (!c.conname && unnamed) {
        c.conname = unnamed;
        unnamed = undefined;
      }
      changed = true;
    }
  }
  return changed ? deparse(copy) : undefined;
}

/**
 * The statement with column `column` defined as `definition` instead (`bigint GENERATED BY DEFAULT AS IDENTITY`,
 * `text CHECK (length(code) <= 16)`): its type replaced and the definition's constraints added to the column's
 * own (PRIMARY KEY, NOT NULL stay). Undefined when the statement does not define that column.
 */
export function withColumnDefinition(sql: string, column: string, definition: string): string | undefined {
  const node = parseOne(sql);
  const wanted = parseOne(`CREATE TABLE migguard_fix (${ident(column)} ${definition})`)?.CreateStmt?.tableElts?.[0]?.ColumnDef;
  if (!node || !wanted) return undefined;
  const copy = structuredClone(node) as PgNode;
  let found = false;
  walk(copy, (n) => {
    const def = n.ColumnDef;
    if (!def || def.colname !== column || found) return;
    found = true;
    def.typeName = wanted.typeName;
    const kept = (def.constraints ?? []).filter((c: PgNode) => c.Constraint?.contype !== "CONSTR_DEFAULT" || !wanted.constraints?.some((w: PgNode) => w.Constraint?.contype === "CONSTR_IDENTITY"));
    def.constraints = [...kept, ...(wanted.constraints ?? [])];
  });
  return found ? deparse(copy) : undefined;
}

/** The statement made re-runnable: IF NOT EXISTS on what it creates, IF EXISTS on what it drops (undefined when it has no such form). */
export function rerunnableSql(sql: string): string | undefined {
  const node = parseOne(sql);
  if (!node) return undefined;
  const copy = structuredClone(node) as PgNode;
  if (copy.CreateStmt) copy.CreateStmt.if_not_exists = true;
  else if (copy.IndexStmt) copy.IndexStmt.if_not_exists = true;
  else if (copy.DropStmt) copy.DropStmt.missing_ok = true;
  else if (copy.AlterTableStmt) {
    const cmds: PgNode[] = copy.AlterTableStmt.cmds ?? [];
    if (!cmds.every((c) => ["AT_AddColumn", "AT_DropColumn"].includes(c.AlterTableCmd?.subtype))) return undefined;
    for (const c of cmds) c.AlterTableCmd.missing_ok = true;
  } else return undefined;
  return deparse(copy);
}

/** The statement must run outside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...). */
export function runsOutsideTransaction(sql: string): boolean {
  const node = parseOne(sql);
  return node ? mustRunOutsideTransaction(node) : false;
}

/**
 * One batch of a backfill: `UPDATE t SET c = expr` limited to rows still `pending`, found by ctid so no key
 * column is assumed. Run it again until it updates no rows (each run commits on its own).
 */
export function batchedUpdate(table: string, assignments: string, pending: string): string {
  const t = ident(table);
  return `UPDATE ${t} SET ${assignments}\nWHERE ctid IN (SELECT ctid FROM ${t} WHERE ${pending} LIMIT ${BATCH_ROWS});`;
}

/**
 * A condition true for the values of `column` (of type `from`) that do not fit `to`: PostgreSQL 16+ asks the type's
 * own input function (pg_input_is_valid); earlier versions get the check for length limits, integer ranges,
 * fractional parts, numeric precision and the time of day a date drops. Undefined when none of those applies.
 */
export function doesNotFit(column: string, from: TypeRef | undefined, to: TypeRef, postgresVersion: number): string | undefined {
  const c = ident(column);
  if (hasSyntax(postgresVersion, "inputIsValid")) return `NOT pg_input_is_valid(${c}::text, '${to.text.replace(/'/g, "''")}')`;
  const ranges: Record<string, [string, string]> = { smallint: ["-32768", "32767"], integer: ["-2147483648", "2147483647"], bigint: ["-9223372036854775808", "9223372036854775807"] };
  const fractional = from && ["numeric", "real", "double precision"].includes(from.name);
  if ((to.name === "varchar" || to.name === "char") && to.mods[0] !== undefined) return `length(${c}::text) > ${to.mods[0]}`;
  if (ranges[to.name]) return `${c} NOT BETWEEN ${ranges[to.name][0]} AND ${ranges[to.name][1]}${fractional ? ` OR ${c} <> trunc(${c})` : ""}`;
  if (to.name === "numeric" && to.mods[0] !== undefined) {
    const scale = to.mods[1] ?? 0;
    return `${c} <> round(${c}::numeric, ${scale}) OR abs(${c}) >= 10 ^ ${to.mods[0] - scale}`;
  }
  if (to.name === "date" && from && (from.name === "timestamp" || from.name === "timestamptz")) return `${c}::time <> '00:00'`;
  return undefined;
}

/** A piece of a SQL fix, in order: a statement (without its semicolon) or a comment's text (without `--`). */
export type SqlPiece = { kind: "statement"; text: string; outsideTransaction: boolean; line: number; endLine: number } | { kind: "comment"; text: string; line: number; endLine: number };

/**
 * Statements and comments of a SQL fix, in order, read with the grammar of `database` (PostgreSQL's unless it is
 * MySQL / MariaDB); undefined when it does not parse.
 */
export function sqlPieces(sql: string, database: Database = "postgresql"): SqlPiece[] | undefined {
  if (isMysqlFamily(database)) return mysqlSqlPieces(sql);
  const parsed = parseStatements(sql);
  if (parsed.errors.length) return undefined;
  const pieces: Array<SqlPiece & { at: number }> = [];
  for (const s of parsed.statements)
    pieces.push({ kind: "statement", text: s.text.replace(/;\s*$/, ""), outsideTransaction: mustRunOutsideTransaction(s.stmt), line: s.line, endLine: s.endLine, at: s.startByte });
  for (const c of scanComments(sql, parsed.lines)) {
    // statements include the comments inside them; only those between statements are pieces of their own
    if (parsed.statements.some((s) => c.startByte >= s.startByte && c.endByte <= s.endByte)) continue;
    const text = c.text.startsWith("--") ? c.text.slice(2).trim() : c.text.slice(2, -2).trim();
    pieces.push({ kind: "comment", text, line: c.line, endLine: c.endLine, at: c.startByte });
  }
  return pieces.sort((a, b) => a.at - b.at).map(({ at: _at, ...piece }) => piece);
}

const MYSQL_COMMENTS = new Set(["DASHDASH_COMMENT", "POUND_COMMENT", "BLOCK_COMMENT"]);

/** MySQL's pieces: its DDL commits implicitly, so no statement has a transaction to get out of. */
function mysqlSqlPieces(sql: string): SqlPiece[] | undefined {
  const parsed = parseMysql(sql);
  if (parsed.errors.length) return undefined;
  const pieces: Array<SqlPiece & { at: number }> = parsed.statements.map((s) => ({ kind: "statement", text: s.text.replace(/;\s*$/, ""), outsideTransaction: false, line: s.line, endLine: s.endLine, at: s.start }));
  for (const t of mysqlTokens(sql)) {
    if (!MYSQL_COMMENTS.has(t.name) || parsed.statements.some((s) => t.start >= s.start && t.stop <= s.end)) continue;
    const text = t.name === "BLOCK_COMMENT" ? t.text.slice(2, -2).trim() : t.text.replace(/^(--|#)/, "").trim();
    pieces.push({ kind: "comment", text, line: t.line, endLine: t.line + (t.text.match(/\n/g)?.length ?? 0), at: t.start });
  }
  return pieces.sort((a, b) => a.at - b.at).map(({ at: _at, ...piece }) => piece);
}

function walk(node: unknown, visit: (record: PgNode) => void): void {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  visit(node as PgNode);
  for (const key in node as PgNode) walk((node as PgNode)[key], visit);
}

/**
 * A CREATE INDEX of the history written again over another column: `column` read as `to` (its keys, expressions and
 * WHERE), under the name `name`, built CONCURRENTLY (without IF NOT EXISTS, which would keep an INVALID index).
 */
export function indexOverColumn(sql: string, column: string, to: string, name: string): string | undefined {
  const node = parseOne(sql);
  if (!node?.IndexStmt) return undefined;
  const copy = structuredClone(node) as PgNode;
  const stmt = copy.IndexStmt;
  stmt.idxname = name;
  stmt.concurrent = true;
  stmt.if_not_exists = false;
  walk(copy, (n) => {
    if (n.IndexElem && n.IndexElem.name === column) n.IndexElem.name = to;
    if (n.ColumnRef) {
      const last = n.ColumnRef.fields?.at(-1)?.String;
      if (last && last.sval === column) last.sval = to;
    }
  });
  const out = deparse(copy);
  return out && `${out};`;
}

/** A RangeVar's schema and name for `table` (`s.t` or `t`), as the parser writes them. */
const rangeVarOf = (relation: PgNode, table: string): PgNode => {
  const dot = table.lastIndexOf(".");
  const out: PgNode = { ...relation, relname: dot === -1 ? table : table.slice(dot + 1) };
  if (dot === -1) delete out.schemaname;
  else out.schemaname = table.slice(0, dot);
  return out;
};

/**
 * A FOREIGN KEY's ADD CONSTRAINT of the history (with NOT VALID) written again on table `from`, under the name
 * `name`, referencing `references` (table and columns) instead: its own columns, ON DELETE/UPDATE, MATCH and
 * DEFERRABLE kept as written. Undefined when `sql` is not one ALTER TABLE that adds one FOREIGN KEY.
 */
export function foreignKeyRetargeted(sql: string, to: { from: string; name: string; references: { table: string; columns: readonly string[] } }): string | undefined {
  const node = parseOne(sql);
  const cmds = node?.AlterTableStmt?.cmds ?? [];
  const key = cmds.length === 1 && cmds[0].AlterTableCmd?.subtype === "AT_AddConstraint" ? cmds[0].AlterTableCmd.def?.Constraint : undefined;
  if (key?.contype !== "CONSTR_FOREIGN" || !key.pktable) return undefined;
  const copy = structuredClone(node) as PgNode;
  const stmt = copy.AlterTableStmt;
  const constraint = stmt.cmds[0].AlterTableCmd.def.Constraint;
  stmt.relation = rangeVarOf(stmt.relation, to.from);
  constraint.conname = to.name;
  constraint.pktable = rangeVarOf(constraint.pktable, to.references.table);
  constraint.pk_attrs = to.references.columns.map((sval) => ({ String: { sval } }));
  const out = deparse(copy);
  return out && `${out};`;
}

/** The columns a SQL expression reads (their last name part, lower case); undefined when it does not parse as one expression. */
export function expressionColumns(expression: string): string[] | undefined {
  const target = parseOne(`SELECT ${expression}`)?.SelectStmt?.targetList;
  if (!Array.isArray(target) || target.length !== 1 || !target[0].ResTarget?.val) return undefined;
  const columns = new Set<string>();
  walk(target[0].ResTarget.val, (n) => {
    const last = n.ColumnRef?.fields?.at(-1)?.String?.sval;
    if (typeof last === "string") columns.add(last.toLowerCase());
  });
  return [...columns];
}

/**
 * A SQL expression over column `column` written over column `to` instead (a USING that converts a key, applied to a
 * column that references it): undefined when it reads any other column, or does not parse as one expression.
 */
export function expressionOverColumn(expression: string, column: string, to: string): string | undefined {
  const target = parseOne(`SELECT ${expression}`)?.SelectStmt?.targetList;
  if (!Array.isArray(target) || target.length !== 1 || !target[0].ResTarget?.val) return undefined;
  const copy = structuredClone(target[0].ResTarget.val) as PgNode;
  let foreign = false;
  walk(copy, (n) => {
    if (!n.ColumnRef) return;
    const last = n.ColumnRef.fields?.at(-1)?.String?.sval;
    if (typeof last === "string" && last.toLowerCase() === column.toLowerCase()) n.ColumnRef.fields = [{ String: { sval: to } }];
    else foreign = true;
  });
  return foreign ? undefined : deparse(copy);
}

/**
 * An ALTER TABLE of several sub-commands with the one a fix is about changed and every other kept in its place: the
 * sub-commands `match` picks are replaced by `replace(cmd)` (none, one or more sub-commands). Undefined when `sql` is
 * not an ALTER TABLE of two or more sub-commands (the fix's own short statement reads better) or none matches.
 */
export function alterWithSubcommand(sql: string, match: (cmd: PgNode) => boolean, replace: (cmd: PgNode) => PgNode[]): string | undefined {
  const node = parseOne(sql);
  const cmds: PgNode[] | undefined = node?.AlterTableStmt?.cmds;
  if (!cmds || cmds.length < 2 || !cmds.some((c) => match(c.AlterTableCmd ?? {}))) return undefined;
  const copy = structuredClone(node) as PgNode;
  copy.AlterTableStmt.cmds = cmds.flatMap((c) => (match(c.AlterTableCmd ?? {}) ? replace(structuredClone(c.AlterTableCmd)).map((r) => ({ AlterTableCmd: r })) : [c]));
  const out = deparse(copy);
  return out && `${out};`;
}

/** The sub-commands of an ALTER TABLE statement written as SQL (`ALTER TABLE t ADD CONSTRAINT ...`), to put into another. */
export function alterSubcommandsOf(sql: string): PgNode[] {
  return (parseOne(sql)?.AlterTableStmt?.cmds ?? []).map((c: PgNode) => c.AlterTableCmd);
}

/**
 * An ALTER TABLE with some of its ADD COLUMNs changed and every other sub-command kept in its place (a fix that
 * rewrote only its own column would drop the others, and a later statement using them would fail): a column
 * mapped to `{ default }` gets that DEFAULT (and NOT NULL with `notNull`), one mapped to `{}` loses its NOT NULL. Undefined when `sql` is not an
 * ALTER TABLE adding every mapped column, or the default does not parse.
 */
export function alterAddColumnsChanged(sql: string, changes: ReadonlyMap<string, { default?: string; notNull?: boolean }>): string | undefined {
  const node = parseOne(sql);
  if (!node?.AlterTableStmt?.cmds) return undefined;
  const copy = structuredClone(node) as PgNode;
  const seen = new Set<string>();
  for (const c of copy.AlterTableStmt.cmds) {
    const def = c.AlterTableCmd?.subtype === "AT_AddColumn" ? c.AlterTableCmd.def?.ColumnDef : undefined;
    const change = def ? changes.get(def.colname) : undefined;
    if (!def || !change) continue;
    seen.add(def.colname);
    const constraints: PgNode[] = def.constraints ?? [];
    if (change.default === undefined) {
      def.constraints = constraints.filter((k) => k.Constraint?.contype !== "CONSTR_NOTNULL");
    } else {
      const wanted = parseOne(`CREATE TABLE migguard_fix (c int DEFAULT ${change.default})`)?.CreateStmt?.tableElts?.[0]?.ColumnDef?.constraints;
      if (!wanted) return undefined;
      def.constraints = [...constraints.filter((k) => k.Constraint?.contype !== "CONSTR_DEFAULT"), ...wanted];
    }
    // made NOT NULL too (a constant default fills every row, so the ALTER needs no scan): an explicit NULL gives way
    if (change.notNull && !def.constraints.some((k: PgNode) => k.Constraint?.contype === "CONSTR_NOTNULL"))
      def.constraints = [{ Constraint: { contype: "CONSTR_NOTNULL" } }, ...def.constraints.filter((k: PgNode) => k.Constraint?.contype !== "CONSTR_NULL")];
    if (!def.constraints.length) delete def.constraints;
  }
  if (seen.size !== changes.size) return undefined;
  const out = deparse(copy);
  return out && `${out};`;
}

/**
 * An ALTER TABLE without the sub-commands `drop` picks, every other kept in its place (a fix that moves some of its
 * actions to a later migration must leave the rest where they were). Undefined when `sql` is not an ALTER TABLE or
 * none would remain.
 */
export function alterWithoutSubcommands(sql: string, drop: (cmd: PgNode) => boolean): string | undefined {
  const node = parseOne(sql);
  const cmds: PgNode[] | undefined = node?.AlterTableStmt?.cmds;
  if (!cmds) return undefined;
  const kept = cmds.filter((c) => !drop(c.AlterTableCmd ?? {}));
  if (!kept.length) return undefined;
  const copy = structuredClone(node) as PgNode;
  copy.AlterTableStmt.cmds = kept;
  const out = deparse(copy);
  return out && `${out};`;
}

/** The WITH option that has TimescaleDB build an index on a hypertable chunk by chunk. */
export const PER_CHUNK_OPTION = "timescaledb.transaction_per_chunk";

/**
 * The CREATE INDEX `sql` as written with `WITH (timescaledb.transaction_per_chunk)`: TimescaleDB builds it on a
 * hypertable chunk by chunk, each chunk in a transaction of its own. The option joins the statement's own WITH list,
 * or goes where PostgreSQL's grammar puts WITH (before TABLESPACE and WHERE, at the statement's top level), found
 * by the scanner so a word in a name, string or expression is never taken for one. Undefined when `sql` is not one
 * CREATE INDEX.
 */
export function perChunkIndexSql(sql: string): string | undefined {
  const text = sql.trim().replace(/;\s*$/, "");
  const index = parsedOne(text)?.stmt.IndexStmt;
  if (!index) return undefined;
  const bytes = Buffer.from(text);
  const cut = (at: number, insert: string) => `${bytes.subarray(0, at).toString()}${insert}${bytes.subarray(at).toString()}`;
  const firstOption = index.options?.[0]?.DefElem?.location;
  if (typeof firstOption === "number") return `${cut(firstOption, `${PER_CHUNK_OPTION}, `)};`;
  const tableAt: number = index.relation?.location ?? 0;
  let depth = 0;
  for (const token of pgScan(text).tokens) {
    if (token.start < tableAt) continue;
    if (token.text === "(") depth++;
    else if (token.text === ")") depth--;
    else if (depth === 0 && /^(?:TABLESPACE|WHERE)$/i.test(token.text)) return `${cut(token.start, `WITH (${PER_CHUNK_OPTION}) `)};`;
  }
  return `${text} WITH (${PER_CHUNK_OPTION});`;
}

/**
 * A CREATE INDEX with its index named `name` (a temporary name, for building a replacement beside the index whose
 * name it takes), every other word as written: the name is the token the scanner finds in its place. Undefined when
 * `sql` is not one CREATE INDEX or names no index.
 */
export function withIndexName(sql: string, name: string): string | undefined {
  const index = indexHead(sql);
  if (!index || index.name === index.on) return undefined;
  const token = index.tokens[index.name];
  if (!token || token.text.toUpperCase() === "ON") return undefined;
  return `${index.bytes.subarray(0, token.start).toString()}${ident(name)}${index.bytes.subarray(token.end).toString()};`;
}
