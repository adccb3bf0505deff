/**
 * The patterns of the seventh replay (alphagov/publishing-api, README: Precision on real repositories), through the
 * CLI: `migguard review` on a small git repository and `migguard lint` on a folder.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

type Finding = { path: string; rule: string; severity: string; message: string; fix: string };

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-seventh-replay-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
const lint = async (cwd: string, ...args: string[]) => (JSON.parse((await run(["lint", "--format", "json", ...args, "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const indexes = (how: string, outside: boolean) => `class AddGraphqlOptimisationIndexToEditions < ActiveRecord::Migration[8.0]
${outside ? "  disable_ddl_transaction!\n\n" : ""}  def change
    add_index :editions, %i[document_id document_type], where: "content_store = 'live'", name: :index_editions_live${how}
    add_index :links, %i[link_set_id link_type]${how}
  end
end
`;
const path = "db/migrate/20250127105807_add_graphql_optimisation_index_to_editions.rb";

describe("seventh replay patterns", () => {
  it("review: an edit that only builds the merged indexes concurrently is a note, and the check passes", async () => {
    const repo = featureBranchOn({ [path]: indexes("", false) });
    repo.write({ [path]: indexes(", algorithm: :concurrently", true) }).commit("make the indexes concurrent");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.severity)).toEqual(["info"]);
    expect(exitCode).toBe(0);
  });

  it("review: a Rails 8.0 re-dump that writes pg_catalog.plpgsql and the Schema[8.0] header is a note", async () => {
    const dump = (rails: string, plpgsql: string) =>
      `ActiveRecord::Schema[${rails}].define(version: 2024_01_01_000000) do\n  enable_extension "${plpgsql}"\n\n  create_table "editions", force: :cascade do |t|\n    t.string "title"\n  end\nend\n`;
    const repo = featureBranchOn({ "db/schema.rb": dump("7.2", "plpgsql") });
    repo.write({ "db/schema.rb": dump("8.0", "pg_catalog.plpgsql") }).commit("rails 8 dump");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "schema-dump-without-migration").map((f) => f.severity)).toEqual(["info"]);
  });

  it("lint: the concurrent index fix is the user's own add_index with algorithm: :concurrently, its where: kept", async () => {
    const findings = await lint(folder({ [path]: indexes("", false) }));
    const partial = findings.find((f) => f.rule === "index-without-concurrently" && f.message.includes("index_editions_live"))!;
    expect(partial.fix).toContain(`add_index :editions, %i[document_id document_type], where: "content_store = 'live'", name: :index_editions_live, algorithm: :concurrently`);
    expect(partial.fix).not.toContain('where: "..."');
  });

  it("lint: find_each(&:substitute) in an up without down is data code: one-way, its rollback runs nothing, a note", async () => {
    const migration = 'class RemoveWorldwideOffices < ActiveRecord::Migration[7.1]\n  def up\n    Edition.where(document_type: "worldwide_office", state: "published").find_each(&:substitute)\n  end\nend\n';
    const findings = await lint(folder({ "db/migrate/20240220153403_remove_worldwide_offices.rb": migration }));
    const irreversible = findings.find((f) => f.rule === "irreversible-migration")!;
    expect(irreversible.severity).toBe("info");
    expect(irreversible.message).toContain("only changes data and is one-way");
  });
});

describe("seed 11 pattern: MySQL MODIFY that only adds NOT NULL", () => {
  it("lint: the type comes from the ADD COLUMN before it, so no table-copy finding", async () => {
    const root = folder({
      "migrations/20190100000014000000_client.mysql.up.sql": "ALTER TABLE hydra_client ADD metadata TEXT NULL;\n\nUPDATE hydra_client SET metadata='{}';\n\nALTER TABLE hydra_client MODIFY metadata TEXT NOT NULL;\n",
    });
    const { output } = await run(["lint", "--format", "json", "migrations"], { cwd: root });
    const findings = (JSON.parse(output) as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.rule === "mysql-table-copy")).toEqual([]);
  });
});

describe("seed 11 pattern: psycopg2 parameters in Alembic SQL", () => {
  const revision = (call: string) =>
    `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    conn = op.get_bind()\n    ${call}\n\n\ndef downgrade():\n    pass\n`;
  const syntaxErrors = async (call: string) => {
    const root = folder({ "alembic/versions/b2_track_principal.py": revision(call) });
    const { output } = await run(["lint", "--format", "json", "alembic/versions"], { cwd: root });
    return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "syntax-error");
  };

  it("lint: %s and %(name)s with parameters are filled as the driver fills them; without parameters they are SQL as written", async () => {
    expect(await syntaxErrors(`conn.execute("UPDATE tracks SET principal_id = %s WHERE id = %(id)s", {"id": 1})`)).toEqual([]);
    expect((await syntaxErrors(`conn.execute("UPDATE tracks SET principal_id = %s WHERE id = %s")`)).length).toBe(1);
  });
});
