/**
 * The baseline through `migguard lint` and `migguard review` (README: Configuration, `baseline`): migrations at or
 * before the line a team declared (config `baseline`, strong_migrations' `start_after`, Flyway's `baselineVersion`
 * in flyway.conf / flyway.toml, Spring's `spring.flyway.baseline-version`) are not checked, the output says how
 * many and why, they still feed the history later migrations are judged against, and review still flags an edit
 * of one.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-baseline-"));
  mkdirSync(join(root, ".git"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

type Finding = { path: string; line: number; rule: string; severity: string; message: string };
type Baseline = { skipped: number; lines: Array<{ version: string; said: string; path: string; line?: number; skipped: number }> };
const lint = async (cwd: string, ...paths: string[]) => {
  const result = await run(["lint", "--format", "json", ...paths], { cwd });
  const json = JSON.parse(result.output) as { findings: Finding[]; baseline?: Baseline };
  return { exitCode: result.exitCode, findings: json.findings, baseline: json.baseline };
};
/** The files with a finding of `rule`. */
const flagged = (findings: readonly Finding[], rule: string) => [...new Set(findings.filter((f) => f.rule === rule).map((f) => f.path))].sort();

const railsIndex = (name: string, column: string) => `class ${name} < ActiveRecord::Migration[7.1]\n  def change\n    add_index :users, :${column}\n  end\nend\n`;
const RAILS = {
  "db/migrate/20221201000000_add_email_index.rb": railsIndex("AddEmailIndex", "email"),
  "db/migrate/20230101000000_add_name_index.rb": railsIndex("AddNameIndex", "name"),
  "db/migrate/20240301000000_add_phone_index.rb": railsIndex("AddPhoneIndex", "phone"),
};
/** Flyway migrations whose versions compare as Flyway compares them: 1.10 runs after 1.9. */
const flyway = (folder: string) => ({
  [`${folder}/V1_2__email.sql`]: "CREATE INDEX users_email_idx ON users (email);\n",
  [`${folder}/V1_9__name.sql`]: "CREATE INDEX users_name_idx ON users (name);\n",
  [`${folder}/V1_10__phone.sql`]: "CREATE INDEX users_phone_idx ON users (phone);\n",
});

describe("baseline: migrations that ran everywhere are not checked", () => {
  it("without a baseline every migration is checked (the before)", async () => {
    const root = repo({ ...RAILS, ...flyway("sql") });
    const { findings, baseline } = await lint(root, "db/migrate", "sql");
    expect(flagged(findings, "index-without-concurrently")).toHaveLength(6);
    expect(baseline).toBeUndefined();
  });

  it("config `baseline` names a folder's line: a golang-migrate number; text and JSON say how many and why", async () => {
    const root = repo({
      ".github/migguard.yml": "baseline:\n  migrations/: 2\n",
      "migrations/000001_email.up.sql": "CREATE INDEX users_email_idx ON users (email);\n",
      "migrations/000001_email.down.sql": "DROP INDEX users_email_idx;\n",
      "migrations/000002_drop.up.sql": "ALTER TABLE users DROP COLUMN phone;\n",
      "migrations/000002_drop.down.sql": "ALTER TABLE users ADD COLUMN phone text;\n",
      "migrations/000003_name.up.sql": "CREATE INDEX users_name_idx ON users (name);\n",
      "migrations/000003_name.down.sql": "DROP INDEX users_name_idx;\n",
    });
    const { findings, baseline, exitCode } = await lint(root, "migrations");
    expect([...new Set(findings.map((f) => f.path))]).toEqual(["migrations/000003_name.up.sql"]);
    expect(exitCode).toBe(1);
    expect(baseline).toEqual({ skipped: 2, lines: [{ version: "2", said: "baseline: { migrations: 2 }", path: ".github/migguard.yml", skipped: 2 }] });
    const text = (await run(["lint", "migrations"], { cwd: root })).output;
    expect(text).toContain("baseline: 2 migrations not checked, at or before the version that ran on every database: baseline: { migrations: 2 } (.github/migguard.yml)\n");
  });

  it("StrongMigrations.start_after grouped as the generator's users write it (2024_02_22_17_08_35), whose value Prism's IntegerNode gets wrong", async () => {
    const root = repo({ ...RAILS, "config/initializers/strong_migrations.rb": "StrongMigrations.start_after = 2024_02_22_17_08_35 # rubocop:disable Style/NumericLiterals\n" });
    const { findings, baseline } = await lint(root, "db/migrate");
    expect(flagged(findings, "index-without-concurrently")).toEqual(["db/migrate/20240301000000_add_phone_index.rb"]);
    expect(baseline?.lines).toEqual([{ version: "20240222170835", said: "StrongMigrations.start_after = 20240222170835", path: "config/initializers/strong_migrations.rb", line: 1, skipped: 2 }]);
  });

  it("StrongMigrations.start_after in config/initializers/strong_migrations.rb, read with Prism (2023_01_01_000000)", async () => {
    const root = repo({ ...RAILS, "config/initializers/strong_migrations.rb": "# Mark existing migrations as safe\nStrongMigrations.start_after = 2023_01_01_000000\nStrongMigrations.lock_timeout = 10.seconds\n" });
    const { findings, baseline } = await lint(root, "db/migrate");
    // at or before: strong_migrations skips the migration whose version equals start_after
    expect(flagged(findings, "index-without-concurrently")).toEqual(["db/migrate/20240301000000_add_phone_index.rb"]);
    expect(baseline?.lines).toEqual([{ version: "20230101000000", said: "StrongMigrations.start_after = 20230101000000", path: "config/initializers/strong_migrations.rb", line: 2, skipped: 2 }]);
  });

  it("a start_after read from ENV says nothing migguard can compare: every migration is checked", async () => {
    const root = repo({ ...RAILS, "config/initializers/strong_migrations.rb": 'StrongMigrations.start_after = ENV.fetch("START_AFTER", 0).to_i\n' });
    const { findings, baseline } = await lint(root, "db/migrate");
    expect(flagged(findings, "index-without-concurrently")).toHaveLength(3);
    expect(baseline).toBeUndefined();
  });

  it("flyway.conf's flyway.baselineVersion (a properties file) covers the Flyway migrations below it, compared as Flyway does", async () => {
    const root = repo({ ...flyway("sql"), "flyway.conf": "flyway.url=jdbc:postgresql://db/app\nflyway.baselineOnMigrate=true\nflyway.baselineVersion = \\\n    1.9\n" });
    const { findings, baseline } = await lint(root, "sql");
    expect(flagged(findings, "index-without-concurrently")).toEqual(["sql/V1_10__phone.sql"]);
    expect(baseline?.lines).toEqual([{ version: "1.9", said: "flyway.baselineVersion=1.9", path: "flyway.conf", line: 3, skipped: 2 }]);
  });

  it("flyway.toml's [flyway] baselineVersion (TOML), from Flyway's conf/ folder", async () => {
    const root = repo({ ...flyway("migrations"), "conf/flyway.toml": '[environments.default]\nurl = "jdbc:postgresql://db/app"\n\n[flyway]\nlocations = ["filesystem:migrations"]\nbaselineVersion = "1.2"\n' });
    const { findings, baseline } = await lint(root, "migrations");
    expect(flagged(findings, "index-without-concurrently")).toEqual(["migrations/V1_10__phone.sql", "migrations/V1_9__name.sql"]);
    expect(baseline?.lines.map((l) => [l.said, l.path, l.skipped])).toEqual([['[flyway] baselineVersion = "1.2"', "conf/flyway.toml", 1]]);
  });

  it("Spring Boot's spring.flyway.baseline-version in application.properties covers that module's db/migration", async () => {
    const root = repo({ ...flyway("app/src/main/resources/db/migration"), "app/src/main/resources/application.properties": "spring.datasource.url=jdbc:postgresql://db/app\nspring.flyway.baseline-on-migrate=true\nspring.flyway.baseline-version=1.9\n" });
    const { findings, baseline } = await lint(root, "app");
    expect(flagged(findings, "index-without-concurrently")).toEqual(["app/src/main/resources/db/migration/V1_10__phone.sql"]);
    expect(baseline?.lines.map((l) => [l.said, l.path, l.line])).toEqual([["spring.flyway.baseline-version=1.9", "app/src/main/resources/application.properties", 3]]);
  });

  it("Spring's application.yml is read as YAML keeping 1.10 a version (not the number 1.1); a test profile's document does not count", async () => {
    const root = repo({
      ...flyway("src/main/resources/db/migration"),
      "src/main/resources/application.yml": "spring:\n  flyway:\n    baseline-version: 1.10\n---\nspring:\n  config:\n    activate:\n      on-profile: test\n  flyway:\n    baseline-version: 99\n",
    });
    const { findings, baseline } = await lint(root, "src");
    expect(flagged(findings, "index-without-concurrently")).toEqual([]);
    expect(baseline?.lines.map((l) => [l.said, l.skipped])).toEqual([["spring.flyway.baseline-version: 1.10", 3]]);
  });

  it("config wins over a peer's declaration for the folder it names (a Rails version may group its digits as Ruby does)", async () => {
    const root = repo({ ...RAILS, ".github/migguard.yml": "baseline:\n  db/migrate: 2022_12_31_000000\n", "config/initializers/strong_migrations.rb": "StrongMigrations.start_after = 20240301000000\n" });
    const { findings } = await lint(root, "db/migrate");
    expect(flagged(findings, "index-without-concurrently")).toEqual(["db/migrate/20230101000000_add_name_index.rb", "db/migrate/20240301000000_add_phone_index.rb"]);
  });

  it("Django: `app.0042` for an app's migrations folder", async () => {
    const migration = (n: string, deps: string, index: string) =>
      `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n\n    operations = [\n        migrations.RunSQL("CREATE INDEX ${index} ON shop_item (name)", reverse_sql="DROP INDEX ${index}"),\n    ]\n`;
    const root = repo({
      ".github/migguard.yml": "baseline:\n  shop/migrations: shop.0002\n",
      "shop/migrations/__init__.py": "",
      "shop/migrations/0001_a.py": migration("0001", "", "a_idx"),
      "shop/migrations/0002_b.py": migration("0002", '("shop", "0001_a")', "b_idx"),
      "shop/migrations/0003_c.py": migration("0003", '("shop", "0002_b")', "c_idx"),
    });
    const { findings, baseline } = await lint(root, "shop/migrations");
    expect([...new Set(findings.filter((f) => f.severity !== "info").map((f) => f.path))]).toEqual(["shop/migrations/0003_c.py"]);
    expect(baseline?.skipped).toBe(2);
  });

  it("Alembic: a revision id and every revision it descends from, by the down_revision graph (not the file names)", async () => {
    const revision = (id: string, down: string, index: string) =>
      `"""x"""\nfrom alembic import op\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n    op.create_index("${index}", "users", ["name"])\n\n\ndef downgrade():\n    op.drop_index("${index}")\n`;
    const root = repo({
      ".github/migguard.yml": "baseline:\n  alembic/versions: c3\n",
      "alembic/versions/z_first.py": revision("a1", "None", "a_idx"),
      "alembic/versions/y_second.py": revision("c3", '"a1"', "c_idx"),
      "alembic/versions/a_third.py": revision("b2", '"c3"', "b_idx"),
    });
    const { findings, baseline } = await lint(root, "alembic/versions");
    expect(flagged(findings, "index-without-concurrently")).toEqual(["alembic/versions/a_third.py"]);
    expect(baseline?.skipped).toBe(2);
  });

  it("a skipped migration still feeds the history: the table it created is young, so a lock on it is a note", async () => {
    const create = "class CreateWidgets < ActiveRecord::Migration[7.1]\n  def change\n    create_table :widgets do |t|\n      t.string :name\n    end\n  end\nend\n";
    const files = { "db/migrate/20230101000000_create_widgets.rb": create, "db/migrate/20230110000000_add_widget_index.rb": "class AddWidgetIndex < ActiveRecord::Migration[7.1]\n  def change\n    add_index :widgets, :name\n  end\nend\n" };
    const root = repo({ ...files, ".github/migguard.yml": "baseline:\n  db/migrate: 20230105000000\n" });
    const { findings, baseline } = await lint(root, "db/migrate");
    expect(baseline?.skipped).toBe(1);
    const index = findings.find((f) => f.rule === "index-without-concurrently")!;
    expect([index.path, index.severity]).toEqual(["db/migrate/20230110000000_add_widget_index.rb", "info"]);
    expect(index.message).toContain("widgets was created 9 days earlier by 20230101000000_create_widgets.rb");
  });

  it("a version YAML would misread is an invalid-config finding, and nothing is skipped", async () => {
    const root = repo({ ...flyway("sql"), ".github/migguard.yml": "baseline:\n  sql: 1.10\n" });
    const { findings, baseline } = await lint(root, "sql");
    const invalid = findings.find((f) => f.rule === "invalid-config")!;
    expect(invalid.message).toContain("quote a dotted version");
    expect(flagged(findings, "index-without-concurrently")).toHaveLength(3);
    expect(baseline).toBeUndefined();
  });
});

describe("baseline in review: history that ran is still guarded", () => {
  it("an edit of a migration at or before the baseline is an edited-migration error; its lint findings are not reported", async () => {
    const repo = new Repo().write({ ...RAILS, "config/initializers/strong_migrations.rb": "StrongMigrations.start_after = 20230101000000\n" }).commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    // an index on another column: without the baseline its lock would be reported again (the base never said it)
    repo.write({ "db/migrate/20221201000000_add_email_index.rb": railsIndex("AddEmailIndex", "phone") }).commit("edit history");
    const result = await run(["review", "--base", "main", "--format", "json"], { cwd: repo.root });
    const json = JSON.parse(result.output) as { findings: Finding[]; baseline?: Baseline };
    expect(json.findings.filter((f) => f.severity === "error").map((f) => f.rule)).toEqual(["edited-migration"]);
    expect(json.baseline?.skipped).toBe(1);
    expect(result.exitCode).toBe(1);
  });

  it("a migration the change adds is checked even when its version is at or before the baseline", async () => {
    const repo = new Repo().write({ ...RAILS, "config/initializers/strong_migrations.rb": "StrongMigrations.start_after = 20230101000000\n" }).commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "db/migrate/20221215000000_add_city_index.rb": railsIndex("AddCityIndex", "city") }).commit("backdated");
    const json = JSON.parse((await run(["review", "--base", "main", "--format", "json"], { cwd: repo.root })).output) as { findings: Finding[]; baseline?: Baseline };
    expect(flagged(json.findings, "index-without-concurrently")).toEqual(["db/migrate/20221215000000_add_city_index.rb"]);
    expect(json.baseline).toBeUndefined();
  });
});
