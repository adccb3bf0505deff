/**
 * False alarms seen when real pull requests of mature projects (Mastodon, Saleor) were replayed through
 * `migguard review --base C^` (issue #19), each rebuilt in a small git repository and reviewed through the CLI.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

interface Finding {
  path: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
  fix: string;
}

async function reviewJson(repo: Repo) {
  const result = await run(["review", "--base", "main", "--format", "json"], { cwd: repo.root });
  return { exitCode: result.exitCode, findings: (JSON.parse(result.output) as { findings: Finding[] }).findings };
}

const railsMigration = (klass: string, body: string, preamble = "") =>
  `class ${klass} < ActiveRecord::Migration[7.1]\n${preamble}  def change\n    ${body}\n  end\nend\n`;
const schemaRb = (version: string, columns: string[] = ["email"]) =>
  `ActiveRecord::Schema[7.1].define(version: ${version}) do\n  create_table "users" do |t|\n${columns.map((c) => `    t.string "${c}"\n`).join("")}  end\nend\n`;

describe("db/post_migrate is a migration folder of the same database (Mastodon, GitLab)", () => {
  function mastodon(): Repo {
    const repo = new Repo()
      .write({
        "db/migrate/20240101000000_create_users.rb": railsMigration("CreateUsers", "create_table :users do |t|\n      t.string :email\n    end"),
        "db/post_migrate/20240102000000_backfill_users.rb": railsMigration("BackfillUsers", "add_index :users, :email, algorithm: :concurrently", "  disable_ddl_transaction!\n\n"),
        "db/schema.rb": schemaRb("2024_01_02_000000"),
      })
      .commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    return repo;
  }

  it("a schema.rb dumped at a post-deployment migration's version is up to date", async () => {
    const repo = mastodon();
    repo
      .write({
        "db/migrate/20240201000000_add_locale.rb": railsMigration("AddLocale", "add_column :users, :locale, :string"),
        "db/post_migrate/20240202000000_remove_email_index.rb": railsMigration("RemoveEmailIndex", "remove_index :users, :email, algorithm: :concurrently", "  disable_ddl_transaction!\n\n"),
        "db/schema.rb": schemaRb("2024_02_02_000000", ["email", "locale"]),
      })
      .commit("pr");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule.startsWith("schema-dump"))).toEqual([]);
  });

  it("schema.rb changing for a post-deployment migration alone is not a dump without migration", async () => {
    const repo = mastodon();
    repo
      .write({
        "db/post_migrate/20240202000000_add_locale.rb": railsMigration("AddLocale", "add_column :users, :locale, :string"),
        "db/schema.rb": schemaRb("2024_02_02_000000", ["email", "locale"]),
      })
      .commit("pr");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule.startsWith("schema-dump"))).toEqual([]);
  });

  it("a post-deployment migration without the dump is drift, and its version is ordered with db/migrate's", async () => {
    const repo = mastodon();
    repo.write({ "db/migrate/20240101120000_add_locale.rb": railsMigration("AddLocale", "add_column :users, :locale, :string") }).commit("pr");
    const { findings } = await reviewJson(repo);
    expect(findings.map((f) => f.rule).filter((r) => r.startsWith("schema-dump") || r === "migration-version-order").sort()).toEqual([
      "migration-version-order",
      "schema-dump-not-updated",
    ]);
    expect(findings.find((f) => f.rule === "migration-version-order")!.message).toContain("db/post_migrate/20240102000000_backfill_users.rb");
  });

  it("a migration whose version the base branch's structure.sql already records needs no dump update", async () => {
    const structure = (...versions: string[]) =>
      `CREATE TABLE public.users (id bigint, email text, locale text);\n\nINSERT INTO "schema_migrations" (version) VALUES\n${versions.map((v) => `('${v}')`).join(",\n")};\n\n`;
    const repo = new Repo()
      .write({
        "db/migrate/20240101000000_create_users.rb": railsMigration("CreateUsers", "create_table :users do |t|\n      t.string :email\n    end"),
        "db/structure.sql": structure("20240101000000", "20240201000000"),
      })
      .commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "db/post_migrate/20240201000000_add_locale.rb": railsMigration("AddLocale", "add_column :users, :locale, :string") }).commit("pr");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule.startsWith("schema-dump"))).toEqual([]);
  });
});
