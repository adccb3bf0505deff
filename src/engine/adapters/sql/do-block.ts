/**
 * The statements a `DO $$ ... $$` block runs, read with PL/pgSQL's own parser: the SQL it runs as written and
 * EXECUTE of a constant string, each placed on the file's lines. drizzle-kit writes every foreign key this way
 * (`DO $$ BEGIN ALTER TABLE ... ADD CONSTRAINT ... EXCEPTION WHEN duplicate_object THEN null; END $$;`), so a DO
 * read as one opaque statement would let its locks pass unchecked. SQL an EXECUTE builds at run time stays
 * unread. Only statements that run whenever the block runs, as written, are read: those of the body and of its
 * BEGIN ... EXCEPTION blocks (drizzle's idiom). A statement in an IF, CASE or loop may not run, or runs once per row
 * (no field of the model says so, and a fix or a derived down that moved it out of its branch would run it
 * unconditionally: supabase's grants on a schema only an installed extension has), and one that names the block's
 * variables (a loop's record: `WHERE id = job.id`) means nothing outside it: both stay inside the DO, unread. So does
 * every statement after one that may return early: it runs only where the block did not return.
 */
import { pgParsePlPgSql } from "./pg-query.js";
import { parseStatements, type ParsedStatement, type PgNode } from "./pg-parser.js";
import { valueRowsOfSelect } from "./value-rows-sql.js";
import type { ValuesGuard } from "../../model.js";

const str = (node: PgNode | undefined): string | undefined => node?.String?.sval ?? node?.sval;

/** A DO block's language, as its LANGUAGE option says (plpgsql when none). */
function languageOf(doStmt: PgNode): string {
  const option = (doStmt.args ?? []).find((a: PgNode) => a?.DefElem?.defname === "language")?.DefElem?.arg;
  return String(str(option) ?? "plpgsql").toLowerCase();
}

/** The SQL text of an EXECUTE when it is one string literal (`EXECUTE 'CREATE INDEX ...'`), else undefined. */
function constantExecute(query: string): string | undefined {
  try {
    const { statements, errors } = parseStatements(`SELECT ${query}`);
    const target = statements.length === 1 && errors.length === 0 ? statements[0].stmt.SelectStmt : undefined;
    if (!target || target.fromClause || (target.targetList ?? []).length !== 1) return undefined;
    const value = target.targetList[0]?.ResTarget?.val?.A_Const?.sval?.sval;
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** PL/pgSQL statements whose inner statements may not run, or run once per row. */
const BRANCHING = ["PLpgSQL_stmt_if", "PLpgSQL_stmt_case", "PLpgSQL_stmt_loop", "PLpgSQL_stmt_while", "PLpgSQL_stmt_fori", "PLpgSQL_stmt_fors", "PLpgSQL_stmt_forc", "PLpgSQL_stmt_foreach_a", "PLpgSQL_stmt_dynfors"];

/** The names the block declares (variables, records, loop targets), lower-cased, `found` left out. */
function blockVariables(tree: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as PgNode;
    for (const kind of ["PLpgSQL_var", "PLpgSQL_rec", "PLpgSQL_row"]) {
      const name = record[kind]?.refname;
      if (typeof name === "string" && name !== "found" && !name.startsWith("*")) names.add(name.toLowerCase());
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(tree);
  return names;
}

/** The statement names one of the block's variables (a column reference's first name, as PL/pgSQL resolves it). */
function namesVariable(statement: ParsedStatement, variables: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as PgNode;
    const first = str(record.ColumnRef?.fields?.[0]);
    if (first && variables.has(first.toLowerCase())) found = true;
    else for (const value of Object.values(record)) visit(value);
  };
  visit(statement.stmt);
  return found;
}

/** A RETURN anywhere in the PL/pgSQL node (an IF's branch among them). */
function mayReturn(node: unknown): boolean {
  if (!node || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some(mayReturn);
  const record = node as PgNode;
  return Boolean(record.PLpgSQL_stmt_return) || Object.values(record).some(mayReturn);
}

/**
 * SQL texts the PL/pgSQL tree runs whenever the block runs, with the line (1-based, in the DO's text) each starts on.
 * The reading stops at the first statement that may return early (`IF is_multitenant THEN RETURN; END IF;`, storage's
 * 0048): what follows runs only where it did not, a condition no field of the model carries, so it stays unread.
 */
function staticSql(tree: unknown): Array<{ sql: string; lineno: number }> {
  const found: Array<{ sql: string; lineno: number }> = [];
  let returned = false;
  const visit = (node: unknown): void => {
    if (returned || !node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as PgNode;
    if (record.PLpgSQL_stmt_return || (BRANCHING.some((kind) => record[kind]) && mayReturn(record))) {
      returned = true;
      return;
    }
    if (BRANCHING.some((kind) => record[kind])) return;
    const exec = record.PLpgSQL_stmt_execsql;
    if (exec && typeof exec.sqlstmt?.PLpgSQL_expr?.query === "string") {
      found.push({ sql: exec.sqlstmt.PLpgSQL_expr.query, lineno: exec.lineno ?? 1 });
      return;
    }
    const dynamic = record.PLpgSQL_stmt_dynexecute;
    if (dynamic) {
      const query = dynamic.query?.PLpgSQL_expr?.query;
      const constant = typeof query === "string" ? constantExecute(query) : undefined;
      if (constant !== undefined) found.push({ sql: constant, lineno: dynamic.lineno ?? 1 });
      return;
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(tree);
  return found;
}

/** A COMMIT or ROLLBACK anywhere in the PL/pgSQL tree, a loop's included (a batched fill commits each batch). */
function endsTransactions(tree: unknown): boolean {
  const visit = (node: unknown): boolean => {
    if (!node || typeof node !== "object") return false;
    if (Array.isArray(node)) return node.some(visit);
    const record = node as PgNode;
    if (record.PLpgSQL_stmt_commit || record.PLpgSQL_stmt_rollback) return true;
    return Object.values(record).some(visit);
  };
  return visit(tree);
}

/**
 * PL/pgSQL's parse of a DO statement in PL/pgSQL, once per statement: the adapter reads both the statements a DO
 * runs and its guards (doBlockStatements, doBlockValuesGuards), and each parse costs about what the whole file's
 * did (issue #18). Undefined for a DO in another language, or one PL/pgSQL's parser rejects. Not to be changed.
 */
const plpgsqlTrees = new WeakMap<ParsedStatement, { tree: unknown } | undefined>();
function plpgsqlTree(parsed: ParsedStatement): unknown {
  if (plpgsqlTrees.has(parsed)) return plpgsqlTrees.get(parsed)?.tree;
  const doStmt = parsed.stmt.DoStmt;
  let parse: { tree: unknown } | undefined;
  if (doStmt && languageOf(doStmt) === "plpgsql") {
    try {
      parse = { tree: pgParsePlPgSql(parsed.text) };
    } catch {
      parse = undefined;
    }
  }
  plpgsqlTrees.set(parsed, parse);
  return parse?.tree;
}

/**
 * The statements inside a DO statement, with the lines they sit on in the file (the DO's own line counted
 * from), and whether the block commits or rolls back inside itself (PostgreSQL 11+: it then fails in a
 * transaction block, "invalid transaction termination"). Empty for a DO in another language, or one PL/pgSQL's
 * parser rejects (PostgreSQL judges it when it runs).
 */
export function doBlockStatements(parsed: ParsedStatement): { statements: ParsedStatement[]; commits: boolean } {
  const tree = plpgsqlTree(parsed);
  if (tree === undefined) return { statements: [], commits: false };
  const out: ParsedStatement[] = [];
  const variables = blockVariables(tree);
  for (const { sql, lineno } of staticSql(tree)) {
    const inner = parseStatements(sql);
    if (inner.errors.length || inner.tooComplex.length) continue;
    const shift = parsed.line + lineno - 2;
    for (const statement of inner.statements) if (!namesVariable(statement, variables)) out.push({ ...statement, line: statement.line + shift, endLine: statement.endLine + shift });
  }
  return { statements: out, commits: endsTransactions(tree) };
}

/** PL/pgSQL's level of RAISE EXCEPTION (elog.h's ERROR): a lower level (NOTICE, WARNING) only reports. */
const ERROR_LEVEL = 21;

/**
 * The checks a DO block stops the migration on when data exists: a top-level `IF EXISTS (SELECT 1 FROM t WHERE c IS
 * NOT NULL) THEN RAISE EXCEPTION ...; END IF;` (no ELSIF or ELSE) leaves the statements after the block to a
 * database where c holds only NULLs (no WHERE: where t has no row). Read with PL/pgSQL's parser.
 */
export function doBlockValuesGuards(parsed: ParsedStatement): ValuesGuard[] {
  const tree = plpgsqlTree(parsed) as PgNode | undefined;
  if (tree === undefined) return [];
  const body: PgNode[] = tree?.plpgsql_funcs?.[0]?.PLpgSQL_function?.action?.PLpgSQL_stmt_block?.body ?? [];
  const guards: ValuesGuard[] = [];
  for (const statement of body) {
    const branch = statement?.PLpgSQL_stmt_if as PgNode | undefined;
    if (!branch || branch.elsif_list?.length || branch.else_body?.length) continue;
    const raise = (branch.then_body as PgNode[] | undefined)?.at(-1)?.PLpgSQL_stmt_raise as PgNode | undefined;
    if (!raise || (raise.elog_level !== undefined && raise.elog_level < ERROR_LEVEL)) continue;
    const condition = branch.cond?.PLpgSQL_expr?.query;
    if (typeof condition !== "string") continue;
    const select = parseStatements(`SELECT ${condition}`);
    const rows = select.errors.length === 0 && select.statements.length === 1 ? valueRowsOfSelect(select.statements[0].stmt.SelectStmt) : undefined;
    if (rows) guards.push({ ...rows, text: condition.replace(/\s+/g, " "), line: parsed.line + (branch.lineno ?? 1) - 1 });
  }
  return guards;
}
