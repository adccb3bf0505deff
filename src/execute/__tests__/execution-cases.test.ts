/**
 * Every execution rule against its own table of cases (src/execute/cases/<rule-id>.cases.ts), the way
 * rules/rules.test.ts holds the model rules to theirs: each case is run up -> down -> up in PGlite after its
 * earlier migrations; invalid cases must be reported on exactly the given lines, valid cases not at all.
 * The same tables are the examples of the rules' docs pages. One PGlite for the file (its start costs seconds).
 */
import { EXECUTION_RULES } from "../../engine/execution-rules.js";
import { PgliteExecutor } from "../pglite/pglite-executor.js";
import { caseFramework, caseTarget, executionCaseTables, loadExecutionCases, runExecutionCase } from "../testing/execution-case-runner.js";

const executor = new PgliteExecutor();
beforeAll(() => executor.start(), 120_000);
afterAll(() => executor.close());

const tables = await Promise.all(EXECUTION_RULES.map(async (meta) => ({ meta, cases: await loadExecutionCases(meta.id) })));

it("has a case table for every execution rule and none for a rule that does not exist", () => {
  expect(executionCaseTables()).toEqual(EXECUTION_RULES.map((m) => m.id).sort());
});

describe.each(tables.map((t) => [t.meta.id, t] as const))("%s", (_id, { meta, cases }) => {
  it("has at least one invalid and one valid case", () => {
    expect(cases.invalid.length).toBeGreaterThan(0);
    expect(cases.valid.length).toBeGreaterThan(0);
  });

  it("shows a reported case in every framework it claims (its docs page says where it applies), and in no other", () => {
    expect([...new Set(cases.invalid.map(caseFramework))].sort()).toEqual([...(meta.frameworks ?? [])].sort());
  });

  it.each(cases.invalid.map((c) => [c.name, c] as const))("reports %s", async (_name, c) => {
    const findings = await runExecutionCase(meta, c, executor);
    const path = c.path ?? caseTarget(c);
    expect(findings.map((f) => `${f.path}:${f.line}`)).toEqual(c.lines.map((line) => `${path}:${line}`));
    for (const f of findings) {
      expect(f.severity).toBe(meta.severity);
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.fix.trim().length).toBeGreaterThan(10);
    }
  });

  it.each(cases.valid.map((c) => [c.name, c] as const))("accepts %s", async (_name, c) => {
    expect(await runExecutionCase(meta, c, executor)).toEqual([]);
  });
});
