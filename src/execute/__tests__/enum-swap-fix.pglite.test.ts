/**
 * column-type-change's swap of a Prisma enum swap leaves the schema schema.prisma declares: the column typed with the
 * enum's own name (not "..._new"), NOT NULL and its default kept, and the old type gone. Run in PGlite on the
 * cases' schema, with the history and without it (the NOT NULL and default then read from the catalog).
 */
import { loadPgParser, parseStatements } from "../../engine/adapters/sql/pg-parser.js";
import { RULES } from "../../engine/rules/index.js";
import { loadCases, runCase } from "../../engine/testing/case-runner.js";
import { DEFAULT_LIMITS } from "../executor.js";
import { PgliteExecutor } from "../pglite/pglite-executor.js";

const executor = new PgliteExecutor();
beforeAll(() => Promise.all([executor.start(), loadPgParser()]), 120_000);
afterAll(() => executor.close());

const rule = RULES.find((r) => r.meta.id === "column-type-change")!;
const cases = (await loadCases(rule.meta.id)).invalid.filter((c) => c.name.startsWith("Prisma's enum swap"));

it("has the enum swap cases", () => expect(cases).toHaveLength(2));

it.each(cases.map((c) => [c.name, c] as const))("the swapped column matches schema.prisma: %s", async (_name, c) => {
  const [finding] = await runCase(rule, c);
  const session = await executor.open(DEFAULT_LIMITS);
  try {
    for (const s of parseStatements(`${c.schema}\n${finding.fix}`).statements) await session.query(s.text);
    const [column] = await session.query(`SELECT udt_name, is_nullable FROM information_schema.columns WHERE table_name = 'Step' AND column_name = 'type'`);
    expect(column).toEqual({ udt_name: "StepType", is_nullable: "NO" });
    // the default kept: a row the code inserts without type gets LOG
    await session.query(`INSERT INTO "Step" (id) VALUES ('c')`);
    const types = await session.query(`SELECT typname FROM pg_type WHERE typname LIKE 'StepType%' AND typtype = 'e' ORDER BY typname`);
    expect(types).toEqual([{ typname: "StepType" }]);
    expect(await session.query(`SELECT id, type::text AS type FROM "Step" ORDER BY id`)).toEqual([{ id: "a", type: "LOG" }, { id: "b", type: "OUTPUT" }, { id: "c", type: "LOG" }]);
  } finally {
    await session.release();
  }
});
