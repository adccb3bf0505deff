/**
 * unique-constraint-without-index on a Django AlterUniqueTogether that replaces a set (treeherder 0071): the fix
 * builds the new unique index concurrently and must also drop the replaced constraint, else the inserts the change
 * means to allow still fail with a duplicate key. The fix's SQL (its RunSQL statements, read with the Python
 * grammar) runs in PGlite on a table Django made, whose old constraint has Django's own name.
 */
import { analyzeLoaded, loadEngine } from "../../engine/analyze.js";
import { loadPythonParser, withPythonTree } from "../../engine/adapters/python/parser.js";
import { DEFAULT_LIMITS, pgFailureOf } from "../executor.js";
import { PgliteExecutor } from "../pglite/pglite-executor.js";
import { ALERT_TESTING_INITIAL, ALERT_TESTING_REPLACE_UNIQUE_SET, GRADE_DOCUMENT_INITIAL, GRADE_DOCUMENT_RENAME } from "../../engine/testing/python-fixtures.js";

const executor = new PgliteExecutor();
beforeAll(() => Promise.all([executor.start(), loadEngine(), loadPythonParser()]), 120_000);
afterAll(() => executor.close());

// the table as Django 5 creates it: the unique_together constraint carries Django's hashed name
const SCHEMA = [
  "CREATE TABLE alert_testing (id bigserial PRIMARY KEY, summary integer NOT NULL, signature integer NOT NULL, detection_method varchar(50) NOT NULL)",
  "ALTER TABLE alert_testing ADD CONSTRAINT alert_testing_summary_detection_method_4b3e51c2_uniq UNIQUE (summary, detection_method)",
  "INSERT INTO alert_testing (summary, signature, detection_method) VALUES (1, 10, 'mwu')",
];

/** The first argument of each RunSQL call of the fix, as Python reads it (pythonString writes JSON-compatible literals). */
function runSqlOf(fix: string): string[] {
  return withPythonTree(fix, (root) =>
    root
      .descendantsOfType("call")
      .filter((call) => /RunSQL$/.test(call.childForFieldName("function")?.text ?? ""))
      .map((call) => JSON.parse(call.childForFieldName("arguments")!.namedChildren[0].text) as string),
  );
}

describe("unique-constraint-without-index: an AlterUniqueTogether that replaces a set", () => {
  it("the fix drops the replaced constraint after building the new index: a row the new set allows goes in", async () => {
    const result = analyzeLoaded({ files: [{ path: "perf/migrations/0001_initial.py", content: ALERT_TESTING_INITIAL }, { path: "perf/migrations/0002_replace.py", content: ALERT_TESTING_REPLACE_UNIQUE_SET }] });
    const finding = result.findings.find((f) => f.rule === "unique-constraint-without-index" && f.path === "perf/migrations/0002_replace.py");
    expect(finding).toBeDefined();
    const statements = runSqlOf(finding!.fix);
    expect(statements[0]).toMatch(/^CREATE UNIQUE INDEX CONCURRENTLY/);
    expect(statements.at(-1)).toMatch(/^DO \$\$/);
    const session = await executor.open(DEFAULT_LIMITS);
    try {
      for (const sql of [...SCHEMA, ...statements]) await session.query(sql).catch((error) => { throw new Error(`${pgFailureOf(error).message}\n${sql}`); });
      // same summary and method, another signature: the old set forbade it, the new one allows it
      await session.query("INSERT INTO alert_testing (summary, signature, detection_method) VALUES (1, 11, 'mwu')");
      // the new set holds
      await expect(session.query("INSERT INTO alert_testing (summary, signature, detection_method) VALUES (1, 11, 'mwu')")).rejects.toThrow(/duplicate key/);
      const constraints = await session.query("SELECT conname FROM pg_constraint WHERE conrelid = 'alert_testing'::regclass AND contype = 'u'");
      expect(JSON.stringify(constraints)).not.toContain("4b3e51c2_uniq");
    } finally {
      await session.release();
    }
  });

  it("treeherder 0079's shape: AlterUniqueTogether(set()) first drops the old set, so the later one's fix only builds the new one and runs", async () => {
    const clearThenSet = ALERT_TESTING_REPLACE_UNIQUE_SET.replace(
      "        migrations.AlterUniqueTogether(",
      '        migrations.AlterUniqueTogether(name="alerttesting", unique_together=set()),\n        migrations.AlterUniqueTogether(',
    );
    const result = analyzeLoaded({ files: [{ path: "perf/migrations/0001_initial.py", content: ALERT_TESTING_INITIAL }, { path: "perf/migrations/0002_replace.py", content: clearThenSet }] });
    const finding = result.findings.find((f) => f.rule === "unique-constraint-without-index" && f.path === "perf/migrations/0002_replace.py");
    expect(finding?.line).toBe(9);
    const statements = runSqlOf(finding!.fix);
    const session = await executor.open(DEFAULT_LIMITS);
    try {
      // what Django runs for AlterUniqueTogether(set()) before the fix
      for (const sql of [...SCHEMA, "ALTER TABLE alert_testing DROP CONSTRAINT alert_testing_summary_detection_method_4b3e51c2_uniq", ...statements])
        await session.query(sql).catch((error) => { throw new Error(`${pgFailureOf(error).message}\n${sql}`); });
      await session.query("INSERT INTO alert_testing (summary, signature, detection_method) VALUES (1, 11, 'mwu')");
    } finally {
      await session.release();
    }
  });

  it("the replaced constraint is not there: the drop says so instead of passing silently", async () => {
    const result = analyzeLoaded({ files: [{ path: "perf/migrations/0001_initial.py", content: ALERT_TESTING_INITIAL }, { path: "perf/migrations/0002_replace.py", content: ALERT_TESTING_REPLACE_UNIQUE_SET }] });
    const statements = runSqlOf(result.findings.find((f) => f.rule === "unique-constraint-without-index")!.fix);
    const session = await executor.open(DEFAULT_LIMITS);
    try {
      await session.query(SCHEMA[0]);
      await expect((async () => { for (const sql of statements) await session.query(sql); })()).rejects.toThrow(/no unique constraint on alert_testing \(summary, detection_method\)/);
    } finally {
      await session.release();
    }
  });

  it("EvaP grades 0014: after a RenameField, Django's state holds the renamed sets, so an AlterUniqueTogether to them changes nothing and is not reported", () => {
    const result = analyzeLoaded({ files: [{ path: "grades/migrations/0001_initial.py", content: GRADE_DOCUMENT_INITIAL }, { path: "grades/migrations/0014_rename_course_to_evaluation.py", content: GRADE_DOCUMENT_RENAME }] });
    expect(result.findings.filter((f) => f.rule === "unique-constraint-without-index" && f.path.endsWith("0014_rename_course_to_evaluation.py"))).toEqual([]);
  });

  it("after a RenameField of a ForeignKey, a replaced set is found by its columns under the new name (evaluation_id), and the fix runs", async () => {
    const replace = GRADE_DOCUMENT_RENAME.replace('unique_together={("evaluation", "description_de"), ("evaluation", "description_en")}', 'unique_together={("evaluation", "description_de"), ("description_en",)}');
    const result = analyzeLoaded({ files: [{ path: "grades/migrations/0001_initial.py", content: GRADE_DOCUMENT_INITIAL }, { path: "grades/migrations/0014_rename_course_to_evaluation.py", content: replace }] });
    const finding = result.findings.find((f) => f.rule === "unique-constraint-without-index" && f.path.endsWith("0014_rename_course_to_evaluation.py"));
    expect(finding).toBeDefined();
    const statements = runSqlOf(finding!.fix);
    expect(statements.join("\n")).toContain("'evaluation_id', 'description_en'");
    const session = await executor.open(DEFAULT_LIMITS);
    try {
      // the table as Django made it, after 0014's rename of course_id
      for (const sql of [
        "CREATE TABLE grades_course (id serial PRIMARY KEY)",
        "CREATE TABLE grades_gradedocument (id serial PRIMARY KEY, description_de varchar(255) NOT NULL, description_en varchar(255) NOT NULL, course_id integer NOT NULL REFERENCES grades_course (id))",
        "ALTER TABLE grades_gradedocument ADD CONSTRAINT grades_gradedocument_course_id_description_de_0a1b2c3d_uniq UNIQUE (course_id, description_de)",
        "ALTER TABLE grades_gradedocument ADD CONSTRAINT grades_gradedocument_course_id_description_en_4e5f6a7b_uniq UNIQUE (course_id, description_en)",
        "ALTER TABLE grades_gradedocument RENAME COLUMN course_id TO evaluation_id",
        ...statements,
      ])
        await session.query(sql).catch((error) => { throw new Error(`${pgFailureOf(error).message}\n${sql}`); });
      const constraints = await session.query("SELECT conname FROM pg_constraint WHERE conrelid = 'grades_gradedocument'::regclass AND contype = 'u'");
      expect(JSON.stringify(constraints)).toContain("description_de_0a1b2c3d_uniq");
      expect(JSON.stringify(constraints)).not.toContain("description_en_4e5f6a7b_uniq");
    } finally {
      await session.release();
    }
  });
});
