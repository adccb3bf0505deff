/**
 * rename-table's compatibility view on a database migrated from scratch: a later migration that drops a column of
 * the renamed table fails while the view stands (PostgreSQL expands SELECT * when the view is made), so the fix has
 * that migration drop the view first and the follow-up drop it IF EXISTS. Run in PGlite: the migrations in order.
 */
import { loadPgParser, parseStatements } from "../../engine/adapters/sql/pg-parser.js";
import { RULES } from "../../engine/rules/index.js";
import { loadCases, runCase } from "../../engine/testing/case-runner.js";
import { DEFAULT_LIMITS, type Session } from "../executor.js";
import { PgliteExecutor } from "../pglite/pglite-executor.js";

const executor = new PgliteExecutor();
beforeAll(() => Promise.all([executor.start(), loadPgParser()]), 120_000);
afterAll(() => executor.close());

const rule = RULES.find((r) => r.meta.id === "rename-table")!;
const c = (await loadCases(rule.meta.id)).invalid.find((x) => x.name.startsWith("a later migration drops a column of the renamed table"))!;
const later = c.files!["db/migrations/003_drop_resource_group.sql"];

async function run(session: Session, sql: string): Promise<void> {
  for (const s of parseStatements(sql).statements) await session.query(s.text);
}

/** the fix's in-place code, the statement it says the later migration runs first, and the follow-up */
async function parts() {
  const [finding] = await runCase(rule, c);
  const [inPlace, followUp] = finding.fix.split(/\n\n-- then a new migration, [^\n]+\n/);
  const first = /before line \d+: (DROP VIEW IF EXISTS [^;]+;)/.exec(inPlace)?.[1];
  return { inPlace, first, followUp };
}

it("the later migration fails while the view stands", async () => {
  const { inPlace } = await parts();
  const session = await executor.open(DEFAULT_LIMITS);
  try {
    await run(session, `${c.schema}\n${inPlace}`);
    await expect(run(session, later)).rejects.toThrow(/other objects depend on it/);
  } finally {
    await session.release();
  }
});

it("with the view dropped first there, every migration runs in order and the follow-up finds nothing to fail on", async () => {
  const { inPlace, first, followUp } = await parts();
  expect(first).toBe("DROP VIEW IF EXISTS package_resource_revision;");
  const session = await executor.open(DEFAULT_LIMITS);
  try {
    await run(session, `${c.schema}\n${inPlace}\n${first}\n${later}\n${followUp}`);
    expect(await session.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'resource_revision' ORDER BY column_name`)).toEqual([{ column_name: "id" }, { column_name: "url" }]);
  } finally {
    await session.release();
  }
});
