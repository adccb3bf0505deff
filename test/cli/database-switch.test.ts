/**
 * `migguard lint` in a git work tree of a project that moved to PostgreSQL from MySQL (openaustralia/planningalerts:
 * MySQL until April 2023, PostGIS since): the migrations the repository held before the commit that changed
 * config/database.yml's adapter ran on MySQL, so they are read with MySQL's grammar and judged by its rules, never
 * by PostgreSQL's parser or lock rules; a migration added after that commit is PostgreSQL's.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { gitProcesses } from "./support/git-processes.js";

const rails = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[5.2]\n  def change\n    ${body}\n  end\nend\n`;
const database = (adapter: string) => `default: &default\n  adapter: ${adapter}\n  pool: 5\n\nproduction:\n  <<: *default\n  database: app_production\n`;
const CREATE = "db/migrate/20100101000000_create_alerts.rb";
const BACKTICKS = "db/migrate/20100216200239_fill_alerts_stats.rb";
const OLD_INDEX = "db/migrate/20230209180422_index_alerts_on_email.rb";
const NEW_INDEX = "db/migrate/20231012041601_index_alerts_on_name.rb";
const RENAME = "db/migrate/20161214080326_rename_alerts_stats.rb";
const FILES: Record<string, string> = {
  [CREATE]: rails("CreateAlerts", "create_table :alerts do |t|\n      t.string :email\n      t.string :name\n      t.integer :stats\n    end"),
  // MySQL's quoting: PostgreSQL's parser refuses it
  [BACKTICKS]: rails("FillAlertsStats", 'execute "UPDATE `alerts` SET `stats` = 0"'),
  [OLD_INDEX]: rails("IndexAlertsOnEmail", "add_index :alerts, :email"),
  [NEW_INDEX]: rails("IndexAlertsOnName", "add_index :alerts, :name"),
  [RENAME]: rails("RenameAlertsStats", "rename_column :alerts, :stats, :hits"),
};

const ENV = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };
const git = (root: string, ...args: string[]) => execFileSync("git", ["-c", "commit.gpgsign=false", ...args], { cwd: root, env: ENV, stdio: "pipe" });

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

function commit(root: string, files: Record<string, string>, message: string): void {
  write(root, files);
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", message);
}

/** MySQL's settings and three migrations; then the adapter changed to postgresql; then one more migration. */
function repository(): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-database-switch-"));
  git(root, "init", "-q", "-b", "main");
  commit(root, { "README.md": "app\n" }, "first");
  commit(root, { "config/database.yml": database("mysql2"), [CREATE]: FILES[CREATE] }, "alerts");
  // released: alerts is no schema of the repository's first, untagged weeks (pre-release.test.ts)
  git(root, "tag", "v1.0.0");
  commit(root, { [BACKTICKS]: FILES[BACKTICKS], [RENAME]: FILES[RENAME], [OLD_INDEX]: FILES[OLD_INDEX] }, "mysql era");
  commit(root, { "config/database.yml": database("postgresql") }, "move to PostgreSQL");
  commit(root, { [NEW_INDEX]: FILES[NEW_INDEX] }, "index on name");
  return root;
}

/** The settings moved to PostgreSQL, then changed `later` more times (a project's settings change for years after a switch). */
function repositoryWithLaterSettings(later: number): string {
  const root = repository();
  for (let i = 1; i <= later; i++) commit(root, { "config/database.yml": `${database("postgresql")}  pool: ${i}\n` }, `settings ${i}`);
  return root;
}

async function lint(root: string) {
  const result = await run(["lint", "--format", "json", "db/migrate"], { cwd: root });
  const output = JSON.parse(result.output) as { findings: Array<{ rule: string; path: string; severity: string; message: string }>; errors: unknown[] };
  // every migration analysed: MySQL's grammar is loaded for the old ones though the settings name PostgreSQL alone now
  expect(output.errors).toEqual([]);
  return output.findings;
}

describe("migguard lint: migrations from before the project moved to PostgreSQL", () => {
  it("reads them as MySQL's (no syntax error on backticks, no CONCURRENTLY advice), and a migration added after the switch as PostgreSQL's", async () => {
    const findings = await lint(repository());
    const on = (path: string) => findings.filter((f) => f.path === path).map((f) => f.rule);
    expect(on(BACKTICKS)).not.toContain("syntax-error");
    expect(on(OLD_INDEX)).not.toContain("index-without-concurrently");
    expect(findings.find((f) => f.path === NEW_INDEX && f.rule === "index-without-concurrently")?.severity).toBe("error");
    // the old code that a rename breaks ran against a database that is gone: a note that says so
    const rename = findings.find((f) => f.path === RENAME && f.rule === "rename-column");
    expect(rename?.severity).toBe("info");
    expect(rename?.message).toContain("changed config/database.yml to PostgreSQL: it ran on MySQL");
  });

  it("reads the settings file's history in as many git processes whatever its number of versions (one per version was up to 30 on every lint)", async () => {
    const few = gitProcesses(repositoryWithLaterSettings(1), [RENAME]);
    const many = gitProcesses(repositoryWithLaterSettings(12), [RENAME]);
    // the switch, 13 versions back, is still found
    expect(many.findings.find((f) => f.rule === "rename-column")?.message).toContain("changed config/database.yml to PostgreSQL: it ran on MySQL");
    expect(few.processes).toBeGreaterThan(0);
    expect(many.processes).toBe(few.processes);
  });

  it("a settings file deleted while it said MySQL and added back saying PostgreSQL: only the migrations held before the deletion are MySQL's", async () => {
    // FarmBot's config/database.yml: MySQL, out of the repository for two years (its Gemfile moved to pg), back as postgresql
    const root = mkdtempSync(join(tmpdir(), "migguard-database-switch-"));
    git(root, "init", "-q", "-b", "main");
    commit(root, { "README.md": "app\n" }, "first");
    commit(root, { "config/database.yml": database("mysql2"), [CREATE]: FILES[CREATE] }, "alerts");
    git(root, "tag", "v1.0.0");
    // PostgreSQL's syntax in a migration of the MySQL era: it ran somewhere, and nothing runs it again
    const OLD_DROP_FUNCTION = "db/migrate/20160920000000_drop_integrity_functions.rb";
    const oldDropFunction = 'class DropIntegrityFunctions < ActiveRecord::Migration[5.0]\n  def up\n    execute "DROP FUNCTION IF EXISTS public.check_integrity() CASCADE;"\n  end\n\n  def down\n  end\nend\n';
    commit(root, { [RENAME]: FILES[RENAME], [OLD_DROP_FUNCTION]: oldDropFunction }, "mysql era");
    git(root, "rm", "-q", "config/database.yml");
    git(root, "commit", "-q", "-m", "settings out of the repository");
    // PostgreSQL's own syntax, which MySQL's grammar refused as a syntax error (FarmBot's 20180410160336)
    const DROP_FUNCTION = "db/migrate/20180410160336_drop_old_db_functions.rb";
    const dropFunction = 'class DropOldDbFunctions < ActiveRecord::Migration[5.1]\n  def up\n    execute "DROP FUNCTION IF EXISTS public.check_pointer_upsert_integrity() CASCADE;"\n  end\n\n  def down\n  end\nend\n';
    commit(root, { [OLD_INDEX]: FILES[OLD_INDEX], [DROP_FUNCTION]: dropFunction }, "index on email, while no settings file said the database");
    commit(root, { "config/database.yml": database("postgresql") }, "settings back, PostgreSQL");
    commit(root, { [NEW_INDEX]: FILES[NEW_INDEX] }, "index on name");
    const findings = await lint(root);
    const rename = findings.find((f) => f.path === RENAME && f.rule === "rename-column");
    expect(rename?.severity).toBe("info");
    expect(rename?.message).toContain("deleted config/database.yml, which said MySQL until then (added back later, it says PostgreSQL): it ran on MySQL");
    // added while the file was gone: nothing says MySQL ran it, so PostgreSQL's rules, as for the one after
    expect(findings.find((f) => f.path === OLD_INDEX && f.rule === "index-without-concurrently")?.severity).toBe("error");
    expect(findings.find((f) => f.path === NEW_INDEX && f.rule === "index-without-concurrently")?.severity).toBe("error");
    expect(findings.filter((f) => f.path === DROP_FUNCTION && f.rule === "syntax-error")).toEqual([]);
    expect(findings.filter((f) => f.path === OLD_DROP_FUNCTION && f.rule === "syntax-error").map((f) => f.severity)).toEqual(["info"]);
  });

  it("judges every migration by PostgreSQL's rules when the settings always said PostgreSQL", async () => {
    const root = mkdtempSync(join(tmpdir(), "migguard-database-switch-"));
    git(root, "init", "-q", "-b", "main");
    commit(root, { "README.md": "app\n" }, "first");
    commit(root, { "config/database.yml": database("postgresql"), [CREATE]: FILES[CREATE] }, "postgresql from the start");
    git(root, "tag", "v1.0.0");
    commit(root, { [OLD_INDEX]: FILES[OLD_INDEX] }, "index on email");
    commit(root, { "config/database.yml": `${database("postgresql")}  host: db\n` }, "settings");
    const findings = await lint(root);
    expect(findings.find((f) => f.path === OLD_INDEX && f.rule === "index-without-concurrently")?.severity).toBe("error");
  });
});
