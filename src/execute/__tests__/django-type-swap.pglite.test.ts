/**
 * The Django fixes of column-type-change run on PostgreSQL (PGlite), as Django would run them: the AddField's
 * column, then each RunSQL and the fill's cursor.execute in the order the fix writes them, with the running code's
 * writes to the old column in between. The case rows (column-type-change.django.cases.ts) give the migrations;
 * this checks that the trigger and the fill convert (varchar to varchar[]), and that the swap leaves the column
 * NOT NULL and with the unique key the migration adds over it.
 */
import { loadPgParser, parseStatements } from "../../engine/adapters/sql/pg-parser.js";
import { loadPythonParser, withPythonTree, type PyNode } from "../../engine/adapters/python/parser.js";
import { Imports } from "../../engine/adapters/python/imports.js";
import { callParts } from "../../engine/adapters/python/nodes.js";
import { evaluate } from "../../engine/adapters/python/values.js";
import rule from "../../engine/rules/column-type-change/column-type-change.js";
import { loadCases, runCase } from "../../engine/testing/case-runner.js";
import { DEFAULT_LIMITS, type Session } from "../executor.js";
import { PgliteExecutor } from "../pglite/pglite-executor.js";

const executor = new PgliteExecutor();
beforeAll(() => Promise.all([executor.start(), loadPgParser(), loadPythonParser()]), 120_000);
afterAll(() => executor.close());

const cases = (await loadCases("column-type-change")).invalid;
const caseNamed = (start: string) => cases.find((c) => c.framework === "django" && c.name.startsWith(start))!;

/** The SQL of the fix's RunSQL calls (their first argument) and cursor.execute calls, in the order written. */
function sqlOfFix(fix: string): string[] {
  return withPythonTree(fix, (root) => {
    const out: string[] = [];
    const visit = (node: PyNode) => {
      if (node.type === "call") {
        const parts = callParts(node);
        const callee = parts?.function.text ?? "";
        if (parts && (callee.endsWith("RunSQL") || callee.endsWith(".execute")) && parts.positional[0]) {
          const value = evaluate(parts.positional[0], { imports: Imports.of(root) });
          if (value.kind === "str") out.push(value.value);
        }
      }
      for (const child of node.namedChildren) if (child) visit(child);
    };
    visit(root);
    return out;
  });
}

async function runAll(session: Session, sql: string): Promise<void> {
  for (const statement of parseStatements(sql).statements) await session.query(statement.text);
}

/** Runs the fix as Django would: the new column (the AddField), then its SQL, `between` once the trigger is there. */
async function runFix(session: Session, fix: string, addField: string, between: string): Promise<void> {
  await session.query(addField);
  const [trigger, ...rest] = sqlOfFix(fix);
  await runAll(session, trigger);
  await runAll(session, between);
  for (const sql of rest) await runAll(session, sql);
}

const TABLE = `CREATE TABLE registrar_federaltribe (id bigserial PRIMARY KEY, email varchar(320) NULL, code integer NOT NULL);
INSERT INTO registrar_federaltribe (email, code) VALUES ('a@tribe.gov', 1), (NULL, 2);`;

describe("Django column type swaps on PostgreSQL", () => {
  it("varchar -> varchar[]: the trigger and the fill keep each value as the array's one element (Django's cast would read it as an array literal and fail), rows written meanwhile too", async () => {
    const c = caseNamed("manage.get.gov 0191");
    const [finding] = await runCase(rule, c);
    const session = await executor.open(DEFAULT_LIMITS);
    try {
      await runAll(session, TABLE);
      await runFix(session, finding.fix, "ALTER TABLE registrar_federaltribe ADD COLUMN email_new varchar(320)[] NULL", "INSERT INTO registrar_federaltribe (email, code) VALUES ('b@tribe.gov', 3)");
      expect(await session.query("SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'registrar_federaltribe'::regclass AND attname = 'email'")).toEqual([{ type: "character varying(320)[]" }]);
      expect(await session.query("SELECT email FROM registrar_federaltribe ORDER BY id")).toEqual([{ email: ["a@tribe.gov"] }, { email: null }, { email: ["b@tribe.gov"] }]);
    } finally {
      await session.release();
    }
  });

  it("a NOT NULL column with a unique key added in the same migration: the swapped column is NOT NULL and keeps the key", async () => {
    const c = caseNamed("a NOT NULL IntegerField -> CharField");
    const [finding] = await runCase(rule, c);
    const session = await executor.open(DEFAULT_LIMITS);
    try {
      await runAll(session, TABLE);
      // the migration's own AddConstraint stays in it, on the old column, right after the fix's statements in its place
      await runFix(session, finding.fix, "ALTER TABLE registrar_federaltribe ADD COLUMN code_new varchar(20) NULL", "ALTER TABLE registrar_federaltribe ADD CONSTRAINT unique_tribe_code UNIQUE (code); INSERT INTO registrar_federaltribe (code) VALUES (3)");
      expect(await session.query("SELECT attnotnull, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'registrar_federaltribe'::regclass AND attname = 'code'")).toEqual([{ attnotnull: true, type: "character varying(20)" }]);
      expect(await session.query("SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'registrar_federaltribe'::regclass AND contype = 'u'")).toEqual([{ conname: "unique_tribe_code", def: "UNIQUE (code)" }]);
      expect(await session.query("SELECT code FROM registrar_federaltribe ORDER BY id")).toEqual([{ code: "1" }, { code: "2" }, { code: "3" }]);
      await expect(session.query("INSERT INTO registrar_federaltribe (code) VALUES ('3')")).rejects.toThrow();
    } finally {
      await session.release();
    }
  });
});
