/**
 * The MySQL / MariaDB counterpart of rule-fixes.pglite.test.ts: every fix a rule's SQL case gets on MySQL or
 * MariaDB runs on a real MariaDB server (Debian's mariadb-server, started by the test), on the case's `schema`,
 * after the statements of the migration the fix comes after. Only the cases that give a schema run: the
 * mysql-table-copy fixes ask the server to refuse (ALGORITHM=INPLACE, LOCK=NONE) and are measured by
 * test/cli/execute-mariadb.test.ts instead. Each fix gets an empty database, dropped afterwards with every
 * database the fix made.
 */
import mysql from "mysql2/promise";
import { loadMysqlGrammar } from "../../engine/adapters/sql/mysql/mysql-grammar.js";
import { parseMysql } from "../../engine/adapters/sql/mysql/mysql-statements.js";
import type { Database } from "../../engine/model.js";
import { RULES } from "../../engine/rules/index.js";
import type { InvalidRuleCase } from "../../engine/rules/support/rule.js";
import { casePath, loadCases, runCase } from "../../engine/testing/case-runner.js";
import { mariadbBinaries, startLocalMariadb, type LocalMariadb } from "../testing/local-mariadb.js";

const binaries = mariadbBinaries();
if (!binaries) console.warn("rule-fixes.mariadb.test.ts skipped: no mariadbd / mariadb-install-db (.ci/run and npm test install the mariadb-server package)");
const describeIfServer = binaries ? describe : describe.skip;

const isMysql = (c: InvalidRuleCase) => ["mysql", "mariadb"].includes(String((c.config as { database?: Database } | undefined)?.database ?? ""));

await loadMysqlGrammar();
const tables = await Promise.all(
  RULES.map(async (rule) => ({ rule, cases: (await loadCases(rule.meta.id)).invalid.filter((c) => c.framework === "sql" && isMysql(c) && c.schema !== undefined) })),
);

let server: LocalMariadb;
/** a new connection per fix: what a fix sets for its session (sql_mode, lock_wait_timeout) stays with it */
let connection: mysql.Connection;
const SYSTEM = ["information_schema", "mysql", "performance_schema", "sys"];

/** Run each statement of `sql` on its own, in order, with the statement in the error. */
async function runAll(sql: string, what: string): Promise<void> {
  const parsed = parseMysql(sql);
  if (parsed.errors.length) throw new Error(`${what} does not parse: line ${parsed.errors[0].line}: ${parsed.errors[0].message}`);
  for (const statement of parsed.statements) {
    try {
      await connection.query(statement.text);
    } catch (error) {
      throw new Error(`${what}, line ${statement.line}: ${(error as Error).message}\n${statement.text}`);
    }
  }
}

/** The statements of the migration that run before the fix of a finding on `line`. */
function before(c: InvalidRuleCase, line: number): string {
  if (c.fixRunsAfter === "schema") return "";
  return parseMysql(c.code)
    .statements.filter((s) => (c.fixRunsAfter === "up" ? true : s.line < line))
    .map((s) => `${s.text.replace(/;\s*$/, "")};`)
    .join("\n");
}

describeIfServer("MySQL / MariaDB fixes run on MariaDB", () => {
  beforeAll(async () => {
    server = await startLocalMariadb();
  }, 120_000);
  afterAll(() => server?.stop(), 60_000);

  it("has MySQL cases with a schema to run", () => {
    expect(tables.flatMap((t) => t.cases).length).toBeGreaterThan(5);
  });

  describe.each(tables.filter((t) => t.cases.length).map((t) => [t.rule.meta.id, t] as const))("%s", (_id, { rule, cases }) => {
    it.each(cases.map((c) => [c.name, c] as const))("fix runs: %s", async (_name, c) => {
      const findings = await runCase(rule, c);
      expect(findings.length).toBeGreaterThan(0);
      for (const finding of findings) {
        expect(finding.path).toBe(casePath(c));
        connection = await mysql.createConnection({ uri: server.url });
        await connection.query("CREATE DATABASE migguard_fix");
        await connection.query("USE migguard_fix");
        try {
          await runAll(c.schema!, "the schema");
          await runAll(before(c, finding.line), "the migration before the fix");
          await runAll(finding.fix, `the fix of line ${finding.line}`);
        } finally {
          const [rows] = await connection.query("SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA");
          for (const { name } of rows as Array<{ name: string }>) if (!SYSTEM.includes(name)) await connection.query(`DROP DATABASE \`${name.replace(/`/g, "``")}\``);
          await connection.end();
        }
      }
    });
  });
});
