/**
 * Every fix a rule's SQL case gets on PostgreSQL runs, not only parses: in PGlite, on the case's `schema`, after
 * the statements of the migration the fix comes after (see RuleCase.fixRunsAfter). MySQL cases are left to the
 * MySQL tests. One PGlite instance for the file; each fix gets an empty database.
 */
import { loadPgParser, parseStatements } from "../../engine/adapters/sql/pg-parser.js";
import type { Database } from "../../engine/model.js";
import { RULES } from "../../engine/rules/index.js";
import type { InvalidRuleCase } from "../../engine/rules/support/rule.js";
import { casePath, loadCases, runCase, withPlaceholdersFilled } from "../../engine/testing/case-runner.js";
import { DEFAULT_LIMITS, pgFailureOf, type Session } from "../executor.js";
import { detectFile } from "../../engine/detect.js";
import { SQL_LAYOUTS } from "../../engine/adapters/sql/layouts/index.js";
import { liquibaseChangesetLines } from "../../engine/adapters/sql/layouts/liquibase.js";
import { MARKER_LAYOUTS } from "../../engine/adapters/sql/layouts/markers.js";
import { PgliteExecutor } from "../pglite/pglite-executor.js";
import { PER_CHUNK_OPTION } from "../../engine/rules/support/sql-text.js";
import { isGoMigratorPath } from "../../engine/deploy/deploy-paths.js";
import { fixParts, keepsItsStatement } from "../fix-parts.js";

const executor = new PgliteExecutor();
beforeAll(() => Promise.all([executor.start(), loadPgParser()]), 120_000);
afterAll(() => executor.close());

const isMysql = (c: InvalidRuleCase) => ["mysql", "mariadb"].includes(String((c.config as { database?: Database } | undefined)?.database ?? ""));

const tables = await Promise.all(RULES.map(async (rule) => ({ rule, cases: (await loadCases(rule.meta.id)).invalid.filter((c) => c.framework === "sql" && !isMysql(c)) })));

/**
 * Run each statement of `sql` on its own (as psql does): CONCURRENTLY statements need no transaction around them.
 * With `loud`, the RAISE a down puts where migguard cannot know the inverse (sql-inverse's pgRaise) is the one
 * failure allowed: it stops the fix there, as it stops the down.
 */
async function runAll(session: Session, sql: string, what: string, loud = false): Promise<void> {
  const parsed = parseStatements(sql);
  if (parsed.errors.length) throw new Error(`${what} does not parse: ${parsed.errors[0].message}`);
  for (const statement of parsed.statements) {
    try {
      await session.query(statement.text);
    } catch (error) {
      const message = pgFailureOf(error).message;
      if (loud && statement.text.startsWith("DO $$ BEGIN RAISE EXCEPTION 'irreversible: ") && message.startsWith("irreversible: ")) return;
      throw new Error(`${what}, line ${statement.line}: ${message}\n${statement.text}`);
    }
  }
}

/**
 * A fix for a database with TimescaleDB as PGlite (without it) can run it: TimescaleDB's per-chunk index option
 * taken out, as the fixes write it (perChunkIndexSql). A fix without the option is left as it is.
 */
const withoutTimescale = (c: InvalidRuleCase, fix: string): string =>
  c.timescaledb ? fix.split(` WITH (${PER_CHUNK_OPTION})`).join("").split(`${PER_CHUNK_OPTION}, `).join("") : fix;

/**
 * The case's later up migrations (files after its own, downs left out): a fix's "then a new migration" goes after the
 * newest, so it runs on the schema they leave (a later rename's names), as scripts/fix-runs.ts runs it on the bench.
 */
function laterUps(c: InvalidRuleCase): string {
  const own = casePath(c);
  return Object.entries(c.files ?? {})
    .filter(([path]) => path > own && path.endsWith(".sql") && !/(?:\.|\/)down\.sql$/.test(path))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, content]) => content)
    .join("\n");
}

/**
 * The case's down, as its runner runs it: the down sections of a file with marker comments (goose, dbmate), else the
 * `.down.sql` beside the case's file; "" when it has none.
 */
function downOf(c: InvalidRuleCase): string {
  const own = casePath(c);
  const split = markerSplit(c);
  if (split) {
    const down = split({ path: own, content: withPlaceholdersFilled(c, c.code) }).down;
    return down.kind === "sql" ? down.segments.map((segment) => segment.text).join("\n") : "";
  }
  const down = own.replace(/\.up\.sql$/, ".down.sql");
  return down !== own ? (c.files?.[down] ?? "") : "";
}

/**
 * The statements of the up after the fix of a finding on `line` (the statement on it too when the fix keeps it): what
 * runs before the down.
 */
function restOfUp(c: InvalidRuleCase, line: number, kept: boolean, alsoReplaced: readonly number[], upTo = Infinity, from = 0): string {
  if (c.fixRunsAfter) return "";
  const split = markerSplit(c);
  const code = withPlaceholdersFilled(c, c.code);
  const up = split ? split({ path: casePath(c), content: code }).up.map((segment) => segment.text).join("\n") : code;
  return parseStatements(up)
    .statements.filter((s) => (kept ? s.endLine >= line : s.line > line) && !alsoReplaced.includes(s.line) && s.line <= upTo && s.line > from)
    .map((s) => `${s.text.replace(/;\s*$/, "")};`)
    .join("\n");
}

/**
 * A fix run where each part goes (fix-parts.ts): its in-place part at the statement, its new migrations after the
 * case's later ones, its part of the down after the rest of the up and the down.
 */
async function runWhereItGoes(session: Session, c: InvalidRuleCase, fix: string, what: string, line: number): Promise<void> {
  const own = casePath(c);
  // a fix that also edits a later migration (rename-table's view, dropped before a later DROP COLUMN) is run whole, as
  // before: the later migration as the case wrote it is not the one the fix leaves
  const editsLater = Object.keys(c.files ?? {}).some((path) => path > own && fix.includes(path));
  const parts = editsLater ? { inPlace: fix, newMigrations: [], addToDown: [], alsoReplaces: [] } : fixParts(fix);
  await runAll(session, parts.inPlace, what, true);
  if (parts.afterLine) {
    // the part that goes later in the migration: the statements up to its line first, and the rest of the up after it
    const { line: after, sql } = parts.afterLine;
    const first = restOfUp(c, line, false, parts.alsoReplaces, after);
    if (first.trim()) await runAll(session, first, "the case's up before the fix's later part");
    await runAll(session, sql, `${what}, its part after line ${after}`, true);
    const then = restOfUp(c, line, false, parts.alsoReplaces, Infinity, after);
    if (then.trim() && !parts.addToDown.length) await runAll(session, then, "the rest of the case's up");
  }
  if (parts.newMigrations.length) {
    const later = laterUps(c);
    if (later.trim()) await runAll(session, later, "the case's later migrations");
    await runAll(session, parts.newMigrations.join("\n\n"), `${what}, its new migrations`, true);
  }
  if (parts.addToDown.length) {
    const rest = restOfUp(c, line, keepsItsStatement(parts), parts.alsoReplaces);
    if (rest.trim()) await runAll(session, rest, "the rest of the case's up");
    const down = downOf(c);
    if (down.trim()) await runAll(session, down, "the case's down");
    await runAll(session, parts.addToDown.join("\n\n"), `${what}, its part of the down`, true);
  }
}

/**
 * The statements of the migration that run before the fix of a finding on `line`. A DO block around the line is
 * not one of them: the finding is a statement inside it, whose place the fix takes; nor is a statement whose place the
 * fix takes too (`alsoReplaced`, fix-parts.ts: an index swap's DROP INDEX).
 */
function before(c: InvalidRuleCase, line: number, alsoReplaced: readonly number[] = []): string {
  if (c.fixRunsAfter === "schema") return "";
  // a fix of the down runs after the whole up: of a file with marker comments, its up sections (the down runs where the fix's part of the down goes)
  const split = c.fixRunsAfter === "up" ? markerSplit(c) : undefined;
  const code = withPlaceholdersFilled(c, c.code);
  const up = split ? split({ path: casePath(c), content: code }).up.map((segment) => segment.text).join("\n") : code;
  const statements = parseStatements(up).statements;
  return statements
    .filter((s) => (c.fixRunsAfter === "up" ? true : s.line < line && !(s.stmt.DoStmt && s.endLine >= line) && !alsoReplaced.includes(s.line)))
    .map((s) => `${s.text.replace(/;\s*$/, "")};`)
    .join("\n");
}

/** The split of the case's layout into up and down sections, when its file has marker comments (goose, dbmate, Liquibase). */
function markerSplit(c: InvalidRuleCase) {
  const detected = detectFile(casePath(c), c.code);
  return detected && MARKER_LAYOUTS.has(detected.layout) ? SQL_LAYOUTS[detected.layout] : undefined;
}

/**
 * A fix made of whole migration files of a layout under marker comments (goose, dbmate, Liquibase): what the runner
 * runs going up, each file's up section. Any other fix runs as written.
 */
function upsOf(c: InvalidRuleCase, fix: string): string {
  const split = markerSplit(c);
  // a Liquibase fix of --rollback lines only (missing-down's) is no file: it runs as written
  if (!split || (detectFile(casePath(c), c.code)!.layout === "liquibase" && liquibaseChangesetLines(fix).length === 0)) return fix;
  return split({ path: casePath(c), content: fix }).up.map((segment) => segment.text).join("\n");
}

/**
 * A case whose files hold a project's own Go migrator (testing/deploy-fixtures.ts GO_TRANSACTION_RUNNER): it runs
 * each migration file in a transaction it began, so each file of the fix (the operation's place, then each new
 * migration) runs between BEGIN and COMMIT, after the step by hand the fix puts before its deploy (its `--   `
 * lines, outside any transaction).
 */
const underOwnRunner = (c: InvalidRuleCase): boolean => Object.keys(c.files ?? {}).some(isGoMigratorPath);
const byHandStep = (fix: string): string =>
  fix
    .split("\n")
    .filter((l) => l.startsWith("--   "))
    .map((l) => l.slice(5))
    .join("\n");

describe.each(tables.filter((t) => t.cases.length).map((t) => [t.rule.meta.id, t] as const))("%s", (_id, { rule, cases }) => {
  it.each(cases.map((c) => [c.name, c] as const))("fix runs: %s", async (_name, c) => {
    if (c.schema === undefined) throw new Error(`case "${c.name}" has no schema: give it the tables its migration finds (RuleCase.schema)`);
    const findings = await runCase(rule, c);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.path).toBe(casePath(c));
      const session = await executor.open(DEFAULT_LIMITS);
      try {
        await runAll(session, c.schema, "the schema");
        const fix = withoutTimescale(c, upsOf(c, withPlaceholdersFilled(c, finding.fix)));
        if (underOwnRunner(c)) {
          for (const [i, file] of [fixParts(fix).inPlace, ...fixParts(fix).newMigrations].entries()) {
            await runAll(session, byHandStep(file), `the step by hand of file ${i + 1} of the fix of line ${finding.line}`);
            await session.query("BEGIN");
            if (i === 0) await runAll(session, before(c, finding.line, fixParts(fix).alsoReplaces), "the migration before the fix");
            await runAll(session, file, `file ${i + 1} of the fix of line ${finding.line}, in a transaction`, true);
            await session.query("COMMIT");
          }
        } else {
          await runAll(session, before(c, finding.line, fixParts(fix).alsoReplaces), "the migration before the fix");
          await runWhereItGoes(session, c, fix, `the fix of line ${finding.line}`, finding.line);
        }
        if (c.thenRuns) await runAll(session, c.thenRuns, `what runs after the fix of line ${finding.line}`);
        if (c.afterFix) expect(await session.query(c.afterFix.query)).toEqual(c.afterFix.rows);
      } finally {
        await session.release();
      }
    }
  });
});
