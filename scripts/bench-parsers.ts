/**
 * `npm run bench parsers`: MySQL's grammar (ts-mysql-parser, ANTLR) beside PostgreSQL's parser (libpg-query,
 * WASM) on the same statements in the same run: the statements of the bench corpus's SQL files that both
 * parsers read (plain DDL and DML both dialects share), each parsed alone, a cold pass (a fresh ANTLR cache:
 * what one lint run pays) and a warm one. Statements per second, and how many times slower MySQL's is.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadMysqlGrammar, parseMysqlStatement } from "../src/engine/adapters/sql/mysql/mysql-grammar.js";
import { loadPgParser, parseStatements } from "../src/engine/adapters/sql/pg-parser.js";
import { pgParse } from "../src/engine/adapters/sql/pg-query.js";

const LIMIT = 600;

function sqlFiles(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sqlFiles(path, found);
    else if (name.endsWith(".sql")) found.push(path);
  }
  return found;
}

function pass(statements: readonly string[], parse: (sql: string) => boolean): { ms: number; ok: number } {
  const began = performance.now();
  let ok = 0;
  for (const sql of statements) if (parse(sql)) ok++;
  return { ms: performance.now() - began, ok };
}

const rate = (count: number, ms: number) => `${Math.round((count * 1000) / ms)} statements/s`;

export async function benchParsers(corpus: string): Promise<string[]> {
  const loadStart = performance.now();
  await loadPgParser();
  const pgLoad = performance.now() - loadStart;
  const mysqlStart = performance.now();
  await loadMysqlGrammar();
  const mysqlLoad = performance.now() - mysqlStart;

  // candidates: every statement PostgreSQL's parser splits out of the corpus's SQL files (short ones first: DDL)
  const candidates: string[] = [];
  for (const file of sqlFiles(corpus)) {
    const parsed = parseStatements(readFileSync(file, "utf8"));
    if (!parsed.errors.length) for (const s of parsed.statements) if (s.text.length < 2000) candidates.push(s.text.replace(/;\s*$/, ""));
  }
  const pgOk = (sql: string) => {
    try {
      pgParse(sql);
      return true;
    } catch {
      return false;
    }
  };
  const mysqlOk = (sql: string) => !parseMysqlStatement(sql).error;
  // the cold pass doubles as the filter: MySQL's grammar over the candidates until LIMIT statements both read
  const shared: string[] = [];
  let tried = 0;
  let refused = 0;
  let coldMs = 0;
  for (const sql of candidates) {
    if (shared.length >= LIMIT) break;
    tried++;
    const began = performance.now();
    const ok = mysqlOk(sql);
    coldMs += performance.now() - began;
    if (!ok) refused++;
    else if (pgOk(sql)) shared.push(sql);
  }
  const pgWarm = pass(shared, pgOk);
  const mysqlWarm = pass(shared, mysqlOk);
  const pgAgain = pass(shared, pgOk);
  return [
    `statements both parsers read: ${shared.length} (of ${tried} tried, ${candidates.length} in ${corpus})`,
    `load: libpg-query ${pgLoad.toFixed(0)} ms, ts-mysql-parser ${mysqlLoad.toFixed(0)} ms`,
    `cold ts-mysql-parser (first pass, ${tried} statements, ${refused} of them PostgreSQL-only and refused): ${rate(tried, coldMs)}`,
    `warm libpg-query:     ${rate(shared.length, pgWarm.ms)} (${pgWarm.ok}/${shared.length}); again ${rate(shared.length, pgAgain.ms)}`,
    `warm ts-mysql-parser: ${rate(shared.length, mysqlWarm.ms)} (${mysqlWarm.ok}/${shared.length})`,
    `ts-mysql-parser is ${(mysqlWarm.ms / Math.min(pgWarm.ms, pgAgain.ms)).toFixed(0)}x slower than libpg-query warm`,
  ];
}
