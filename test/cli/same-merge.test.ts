/**
 * `migguard lint` in a git work tree: migrations that reached the branch in the same first-parent commit (one pull
 * request's merge) ship in the same deploy whatever their dates, so a lock finding on a table created in that merge
 * is a note; a table an earlier merge created keeps its finding, and outside git the dates alone decide, as before.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { optInRules } from "./support/opt-in-rules.js";

const rails = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[7.0]\n  def change\n    ${body}\n  end\nend\n`;
const USERS = "db/migrate/20200101000000_create_users.rb";
const DEPOSITS = "db/migrate/20230417150945_create_check_deposits.rb";
const INDEX_DEPOSITS = "db/migrate/20240418200827_index_check_deposits_on_status.rb";
const INDEX_USERS = "db/migrate/20240501000000_index_users_on_email.rb";
const RENAME = "db/migrate/20240601000000_rename_check_deposits_status.rb";
const FILES: Record<string, string> = {
  [USERS]: rails("CreateUsers", "create_table :users do |t|\n      t.string :email\n    end"),
  [DEPOSITS]: rails("CreateCheckDeposits", "create_table :check_deposits do |t|\n      t.string :status\n    end"),
  [INDEX_DEPOSITS]: rails("IndexCheckDepositsOnStatus", "add_index :check_deposits, :status"),
  [INDEX_USERS]: rails("IndexUsersOnEmail", "add_index :users, :email"),
  [RENAME]: rails("RenameCheckDepositsStatus", "rename_column :check_deposits, :status, :state"),
};

const ENV = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };
const git = (root: string, ...args: string[]) => execFileSync("git", ["-c", "commit.gpgsign=false", ...args], { cwd: root, env: ENV, stdio: "pipe" });

function write(root: string, paths: readonly string[]): void {
  for (const path of paths) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), FILES[path]);
  }
}

/** main: a first commit, users by a direct commit (tagged v1.0.0); then a pull request that adds check_deposits and both indexes, merged. */
function repository(): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-same-merge-"));
  git(root, "init", "-q", "-b", "main");
  writeFileSync(join(root, "README.md"), "app\n");
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "first");
  write(root, [USERS]);
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "users");
  // released: users is no schema of the repository's first, untagged weeks (pre-release.test.ts)
  git(root, "tag", "v1.0.0");
  git(root, "checkout", "-q", "-b", "deposits");
  write(root, [DEPOSITS]);
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "check deposits");
  write(root, [INDEX_DEPOSITS, INDEX_USERS, RENAME]);
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "indexes");
  git(root, "checkout", "-q", "main");
  git(root, "merge", "-q", "--no-ff", "-m", "Merge pull request #2", "deposits");
  return root;
}

async function indexFindings(root: string) {
  const result = await run(["lint", "--format", "json", "db/migrate"], { cwd: root });
  const findings = (JSON.parse(result.output) as { findings: Array<{ rule: string; path: string; severity: string; message: string; fix?: string }> }).findings;
  const index = (path: string) => findings.find((f) => f.rule === "index-without-concurrently" && f.path === path);
  return { deposits: index(INDEX_DEPOSITS), users: index(INDEX_USERS), rename: findings.find((f) => f.rule === "rename-column") };
}

describe("migguard lint: a table created in the same merge", () => {
  it("makes the index on it a note naming the merge, a year after the table's date; the table of an earlier commit keeps its error", async () => {
    const root = repository();
    const merge = git(root, "rev-parse", "HEAD").toString().trim();
    const { deposits, users } = await indexFindings(root);
    expect(deposits?.severity).toBe("info");
    expect(deposits?.message).toContain(`check_deposits was created by 20230417150945_create_check_deposits.rb, which reached this branch in the same commit as this migration (${merge.slice(0, 12)}`);
    expect(deposits?.fix).toContain("algorithm: :concurrently");
    expect(users?.severity).toBe("error");
  });

  it("makes a rename on it a note: no code of an earlier release knows the table", async () => {
    const { rename } = await indexFindings(repository());
    expect(rename?.severity).toBe("info");
    expect(rename?.message).toContain("no code of an earlier release knows it");
  });

  it("says nothing of migrations a commit moved into the folder: a move is not when they shipped", async () => {
    const root = mkdtempSync(join(tmpdir(), "migguard-moved-"));
    git(root, "init", "-q", "-b", "main");
    writeFileSync(join(root, "README.md"), "app\n");
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "first");
    write(root, [DEPOSITS]);
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "check deposits");
    write(root, [INDEX_DEPOSITS]);
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "index");
    mkdirSync(join(root, "app"));
    git(root, "mv", "db", "app/db");
    git(root, "commit", "-q", "-m", "move the app");
    const result = await run(["lint", "--format", "json", "app/db/migrate"], { cwd: root });
    const findings = (JSON.parse(result.output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings;
    const index = findings.find((f) => f.rule === "index-without-concurrently");
    expect(index?.severity).toBe("error");
    expect(index?.message).not.toContain("same commit");
  });

  it("is unchanged outside git: the dates a year apart decide", async () => {
    const root = mkdtempSync(join(tmpdir(), "migguard-no-git-"));
    write(root, Object.keys(FILES));
    const { deposits, users, rename } = await indexFindings(root);
    expect(deposits?.severity).toBe("error");
    expect(deposits?.message).not.toContain("same commit");
    expect(rename?.severity).toBe("error");
    expect(users?.severity).toBe("error");
  });
});

describe("migguard lint: a column removed from a table created in the same squashed pull request (simple-server's dr_rai_indicators)", () => {
  const CREATE = "db/migrate/20250612104804_create_dr_rai_indicators.rb";
  const REMOVE = "db/migrate/20250619152733_remove_title_from_dr_rai_indicators.rb";
  const OLD = "db/migrate/20240101000000_create_dr_rai_targets.rb";
  const REMOVE_OLD = "db/migrate/20250619160000_remove_note_from_dr_rai_targets.rb";
  const files: Record<string, string> = {
    [OLD]: rails("CreateDrRaiTargets", "create_table :dr_rai_targets do |t|\n      t.string :note\n    end"),
    [CREATE]: rails("CreateDrRaiIndicators", "create_table :dr_rai_indicators do |t|\n      t.string :title\n    end"),
    [REMOVE]: rails("RemoveTitleFromDrRaiIndicators", "remove_column :dr_rai_indicators, :title, :string"),
    [REMOVE_OLD]: rails("RemoveNoteFromDrRaiTargets", "remove_column :dr_rai_targets, :note, :string"),
  };
  /** dr_rai_targets on main; one squash-merged commit (#5621) creates dr_rai_indicators and, a week later by its date, removes a column of each */
  function repo(): string {
    const root = mkdtempSync(join(tmpdir(), "migguard-same-merge-remove-"));
    const put = (paths: string[]) => {
      for (const path of paths) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), files[path]);
      }
      git(root, "add", ".");
    };
    git(root, "init", "-q", "-b", "main");
    put([OLD]);
    git(root, "commit", "-q", "-m", "targets");
    put([CREATE, REMOVE, REMOVE_OLD]);
    git(root, "commit", "-q", "-m", "feat: Dr. Rai Reports (#5621)");
    return root;
  }

  it("makes remove-column-in-change a note: the column never held a value nor was read by a release; a table of an earlier commit keeps its error", async () => {
    const root = repo();
    const result = await run(["lint", "--format", "json", "db/migrate"], { cwd: root });
    const findings = (JSON.parse(result.output) as { findings: Array<{ rule: string; path: string; severity: string; message: string }> }).findings.filter((f) => f.rule === "remove-column-in-change");
    expect(findings.map((f) => [f.path, f.severity])).toEqual([
      [REMOVE, "info"],
      [REMOVE_OLD, "error"],
    ]);
    expect(findings[0].message).toContain("dr_rai_indicators was created by 20250612104804_create_dr_rai_indicators.rb, which reached this branch in the same commit as this migration");
  });
});

describe("migguard lint: a column added in the same merge, filled by a later migration of it (ifme's published_at)", () => {
  const PUBLISHED = "db/migrate/20171006164223_add_published_at_field_to_strategies.rb";
  const BACKFILL = "db/migrate/20171010054721_set_default_publication_date.rb";
  const STRATEGIES = "db/migrate/20150506005730_create_strategies.rb";
  const SLUG = "db/migrate/20171008000000_add_slug_to_strategies.rb";
  const files: Record<string, string> = {
    ...optInRules("dml-without-where"),
    [STRATEGIES]: rails("CreateStrategies", "create_table :strategies do |t|\n      t.string :name\n      t.datetime :shared_at\n      t.timestamps\n    end"),
    [PUBLISHED]: rails("AddPublishedAtFieldToStrategies", "add_column :strategies, :published_at, :datetime"),
    // a migration between the add and its backfill: the fill is not the one just after the add (lint's first-fill
    // boundary, support/first-fill-of-added-columns.ts), so only the merge says the two ship together
    [SLUG]: rails("AddSlugToStrategies", "add_column :strategies, :slug, :string"),
    [BACKFILL]: rails("SetDefaultPublicationDate", 'Strategy.update_all("published_at=updated_at")'),
    "db/migrate/20171011000000_copy_shared_at.rb": rails("CopySharedAt", 'Strategy.update_all("shared_at=updated_at")'),
  };
  /** strategies on main (dml-without-where, opt-in, switched on); a pull request adds published_at and, four days later, its backfill (and an update of a column main had) */
  function repo(): string {
    const root = mkdtempSync(join(tmpdir(), "migguard-same-merge-column-"));
    const put = (paths: string[]) => {
      for (const path of paths) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), files[path]);
      }
      git(root, "add", ".");
    };
    git(root, "init", "-q", "-b", "main");
    put([".github/migguard.yml", STRATEGIES]);
    git(root, "commit", "-q", "-m", "strategies");
    git(root, "checkout", "-q", "-b", "drafts");
    put([PUBLISHED, SLUG]);
    git(root, "commit", "-q", "-m", "published_at");
    put([BACKFILL, "db/migrate/20171011000000_copy_shared_at.rb"]);
    git(root, "commit", "-q", "-m", "backfill");
    git(root, "checkout", "-q", "main");
    git(root, "merge", "-q", "--no-ff", "-m", "Merge pull request #704", "drafts");
    return root;
  }

  it("makes the UPDATE without WHERE a note: it overwrites only the NULLs the merge's ADD COLUMN put there; a column main had keeps its warning", async () => {
    const root = repo();
    const result = await run(["lint", "--format", "json", "db/migrate"], { cwd: root });
    const findings = (JSON.parse(result.output) as { findings: Array<{ rule: string; path: string; severity: string; message: string }> }).findings.filter((f) => f.rule === "dml-without-where");
    expect(findings.map((f) => [f.path, f.severity])).toEqual([
      [BACKFILL, "info"],
      ["db/migrate/20171011000000_copy_shared_at.rb", "warning"],
    ]);
    expect(findings[0].message).toContain("published_at was added by 20171006164223_add_published_at_field_to_strategies.rb, which reached this branch in the same commit");
  });
});

describe("migguard lint: git runs only when it can answer", () => {
  /** runs the CLI's `lint paths` with a `git` first on PATH that logs each call before running the real one; returns the calls */
  function gitCalls(root: string, paths: string[]): string {
    const bin = mkdtempSync(join(tmpdir(), "migguard-git-log-"));
    const log = join(bin, "calls.log");
    writeFileSync(log, "");
    const real = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
    writeFileSync(join(bin, "git"), `#!/bin/sh\necho "$@" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
    const project = join(import.meta.dirname, "..", "..");
    const tsx = pathToFileURL(createRequire(join(project, "package.json")).resolve("tsx")).href;
    const cli = spawnSync(process.execPath, ["--no-warnings", "--import", tsx, join(project, "src", "cli", "main.ts"), "lint", "--format", "json", ...paths], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    expect(JSON.parse(cli.stdout).findings.some((f: { rule: string }) => f.rule === "index-without-concurrently")).toBe(true);
    return readFileSync(log, "utf8");
  }

  /** two undated SQL migrations, each with a finding, in a git work tree (or a folder outside any repository) */
  function sqlRepository(inGit = true): string {
    const root = mkdtempSync(join(tmpdir(), "migguard-lone-"));
    mkdirSync(join(root, "migrations"));
    writeFileSync(join(root, "migrations", "000001_users.up.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE INDEX users_email_idx ON users (email);\n");
    writeFileSync(join(root, "migrations", "000002_index.up.sql"), "CREATE INDEX users_id_email_idx ON users (id, email);\n");
    if (!inGit) return root;
    git(root, "init", "-q", "-b", "main");
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "migrations");
    return root;
  }

  it("runs no git for one migration linted alone: no other migration can have come in its commit", () => {
    const root = sqlRepository();
    expect(gitCalls(root, ["migrations/000002_index.up.sql"])).toBe("");
    // two migrations: git says which commit added each
    expect(gitCalls(root, ["migrations"])).toContain("rev-parse");
  });

  it("runs no git outside a repository: no .git above the migrations, so git cannot say which commit added them", () => {
    expect(gitCalls(sqlRepository(false), ["migrations"])).toBe("");
  });
});
