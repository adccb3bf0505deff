/**
 * A migration guarded by an existence check, judged against the base branch's schema dump through
 * `migguard review` (vita-min 6cd7eca4f9: Rails' Active Storage migration behind `unless column_exists?`, whose
 * column the base schema.rb already had NOT NULL, failed the check with a set-not-null error).
 */
import { Repo } from "./support/git-repo.js";
import { reviewJson } from "./support/review-repo.js";
import { optInRules } from "./support/opt-in-rules.js";
import { run } from "../../src/cli/main.js";
import { GUARDED_MIGRATION, GUARDED_PATH, guardedBase, guardedPull } from "../../src/engine/testing/guarded-migration.js";

const path = GUARDED_PATH;

/**
 * main holds the base files (and switches dml-without-where, opt-in, on: the backfill is none of its findings either);
 * the branch adds the migration and writes db/schema.rb as `db:migrate` would.
 */
function addMigration(baseHasColumn: boolean): Repo {
  const repo = new Repo().write({ ...optInRules("dml-without-where"), ...guardedBase(baseHasColumn) }).commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  return repo.write(guardedPull()).commit("update active storage");
}

const onMigration = (findings: Array<{ path: string; rule: string; severity: string; message: string; fix: string }>) => findings.filter((f) => f.path === path);

describe("review: an added migration guarded by an existence check, decided on the base schema", () => {
  it("the base schema.rb already has the column: the guarded statements' findings are notes naming the guard and the dump line, and the check passes", async () => {
    const { exitCode, findings } = await reviewJson(addMigration(true));
    const mine = onMigration(findings);
    // the update_all fills the column the migration just added (a backfill: no old value to lose, no dml-without-where)
    expect(mine.map((f) => f.rule).sort()).toEqual(["mixed-ddl-dml", "set-not-null"]);
    expect(mine.every((f) => f.severity === "info")).toBe(true);
    const setNotNull = mine.find((f) => f.rule === "set-not-null")!;
    expect(setNotNull.message).toContain("guarded by `column_exists?(:active_storage_blobs, :service_name)`, which is true on the base branch's schema (db/schema.rb:7): nothing runs in production");
    // the rule's own fix (a CHECK constraint validated by an unguarded follow-up) would fail where the guard skipped the step
    expect(setNotNull.fix).toBe("# nothing to change: `column_exists?(:active_storage_blobs, :service_name)` is true on the base branch's schema (db/schema.rb:7), so production skips this; keep the check as it is");
    expect(exitCode).toBe(0);
  });

  it("the base schema.rb does not have it (the pull request's own dump does): the migration runs, its findings say what it costs", async () => {
    const { findings } = await reviewJson(addMigration(false));
    const mine = onMigration(findings);
    // the backfill under add_column's lock, kept with the NOT NULL that needs it complete (a note on the lock held);
    // SET NOT NULL after it is a note of its own (the lock is held)
    expect(mine.find((f) => f.rule === "mixed-ddl-dml")?.message).toContain("Kept as written, active_storage_blobs stays locked (the ACCESS EXCLUSIVE lock of line 7)");
    expect(mine.find((f) => f.rule === "set-not-null")?.message).toContain("already holds that lock and updated every row");
    expect(mine.some((f) => f.message.includes("nothing runs in production"))).toBe(false);
  });

  it("the base branch has no schema dump: unknown, the findings stay", async () => {
    const { "db/schema.rb": _schema, ...withoutDump } = guardedBase(true);
    const repo = new Repo().write(withoutDump).commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ [path]: GUARDED_MIGRATION }).commit("update active storage");
    const mine = onMigration((await reviewJson(repo)).findings);
    expect(mine.find((f) => f.rule === "mixed-ddl-dml")?.message).toContain("Kept as written, active_storage_blobs stays locked");
    expect(mine.some((f) => f.message.includes("nothing runs in production"))).toBe(false);
  });

  it("`if_not_exists: true` on an index the base schema already has: a note", async () => {
    const repo = new Repo().write(guardedBase(true)).commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    const index = "db/migrate/20260401000000_index_blobs_on_key.rb";
    repo.write({ [index]: 'class IndexBlobsOnKey < ActiveRecord::Migration[7.2]\n  def change\n    add_index :active_storage_blobs, :key, unique: true, name: "index_active_storage_blobs_on_key", if_not_exists: true\n  end\nend\n' }).commit("index");
    const mine = (await reviewJson(repo)).findings.filter((f) => f.path === index && f.rule === "index-without-concurrently");
    expect(mine.map((f) => f.severity)).toEqual(["info"]);
    expect(mine[0].message).toContain("index_name_exists?(:active_storage_blobs, \"index_active_storage_blobs_on_key\") (if_not_exists: true)`, which is true on the base branch's schema (db/schema.rb:10)");
  });
});

describe("review: a SQL statement's own IF NOT EXISTS, decided on the base dump", () => {
  const dump = (index: boolean) =>
    `CREATE TABLE public.users (\n    id bigint NOT NULL,\n    email text\n);\n\n${index ? "CREATE INDEX index_users_on_email ON public.users USING btree (email);\n\n" : ""}INSERT INTO public.schema_migrations (version) VALUES\n    ('20231001000000');\n`;
  const migration = "db/migrations/20240201000000_index_users_email.sql";
  /** dbmate: main holds db/schema.sql with or without the index; the branch adds a migration that builds it IF NOT EXISTS */
  function indexAgain(baseHasIndex: boolean): Repo {
    const repo = new Repo().write({ "db/migrations/20231001000000_create_users.sql": "-- migrate:up\nCREATE TABLE users (id bigint NOT NULL, email text);\n\n-- migrate:down\nDROP TABLE users;\n", "db/schema.sql": dump(baseHasIndex) }).commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    return repo.write({ [migration]: "-- migrate:up\nCREATE INDEX IF NOT EXISTS index_users_on_email ON users (email);\n\n-- migrate:down\nDROP INDEX IF EXISTS index_users_on_email;\n" }).commit("index");
  }

  it("the base db/schema.sql already has the index: index-without-concurrently is a note, its fix to change nothing", async () => {
    const found = (await reviewJson(indexAgain(true))).findings.filter((f) => f.path === migration && f.rule === "index-without-concurrently");
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("It runs only if index_users_on_email does not exist yet (`CREATE INDEX IF NOT EXISTS`), and the base branch's schema has it (db/schema.sql:6): nothing runs in production");
    expect(found[0].fix).toBe("-- nothing to change: the base branch's schema (db/schema.sql:6) already has index_users_on_email, so `CREATE INDEX IF NOT EXISTS` makes production skip this; keep the clause as it is");
  });

  it("the base dump has no such index: the build runs, the finding keeps its severity (an error: users is older than young_table.days) and its fix", async () => {
    const found = (await reviewJson(indexAgain(false))).findings.filter((f) => f.path === migration && f.rule === "index-without-concurrently");
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].fix).toContain("CONCURRENTLY");
  });
});

describe("lint: no base branch, so the guard is not decided", () => {
  it("the repository's own schema.rb has the column, yet the findings stay: that dump already includes this migration", async () => {
    const repo = addMigration(true);
    const result = await run(["lint", "--format", "json", "db/migrate"], { cwd: repo.root });
    const findings = (JSON.parse(result.output) as { findings: Array<{ path: string; rule: string; message: string }> }).findings;
    expect(findings.find((f) => f.path === path && f.rule === "mixed-ddl-dml")?.message).toContain("Kept as written, active_storage_blobs stays locked");
  });
});
