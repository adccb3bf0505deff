/**
 * `migguard lint` on migrations that prove their own tables empty or only lock tables they create: a NOT NULL
 * column without a default (which PostgreSQL refuses on a table with rows) makes the migration's other lock
 * findings on that table moot, before it in the same transaction too; schema changes only on new tables hold no
 * lock anyone waits on.
 */
import { run } from "../../src/cli/main.js";
import { optInRules } from "./support/opt-in-rules.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-proven-empty-");

const lint = async (root: string) => {
  const result = await run(["lint", "--format", "json", "."], { cwd: root });
  return (JSON.parse(result.output) as { findings: Array<{ path: string; line: number; rule: string; message: string }> }).findings;
};

describe("a table proven empty by the migration itself", () => {
  it("golang-migrate: the index and SET NOT NULL before and after the NOT NULL column go, and its finding says why", async () => {
    const root = repo({
      "db/migrations/000001_users_tenant.up.sql":
        "CREATE INDEX users_name_idx ON users (name);\nALTER TABLE users ALTER COLUMN name SET NOT NULL;\nALTER TABLE users ADD COLUMN tenant_id integer NOT NULL;\nCREATE INDEX users_tenant_idx ON users (tenant_id);\n",
      "db/migrations/000001_users_tenant.down.sql": "DROP INDEX users_tenant_idx;\nALTER TABLE users DROP COLUMN tenant_id;\nALTER TABLE users ALTER COLUMN name DROP NOT NULL;\nDROP INDEX users_name_idx;\n",
    });
    const findings = await lint(root);
    expect(findings.filter((f) => ["index-without-concurrently", "set-not-null"].includes(f.rule))).toEqual([]);
    const required = findings.find((f) => f.rule === "required-column-without-default");
    expect(required?.line).toBe(3);
    expect(required?.message).toContain("The rest of this migration's locks on users (lines 1, 2 and 4) are only brief: users must be empty for this statement to run.");
  });

  it("Alembic: a column dropped, a table's rows updated and another table dropped in the upgrade that proves them empty lose no data; the finding names them", async () => {
    const root = repo({
      // dml-without-where is opt-in: switched on, to show the proof covers it too
      ...optInRules("dml-without-where"),
      "alembic.ini": "[alembic]\nscript_location = migrations\n",
      "migrations/versions/acee47666167_refine_field_name.py":
        'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "acee47666167"\ndown_revision = None\n\n\ndef upgrade():\n' +
        '    op.add_column("projects", sa.Column("created_at", sa.DateTime(), nullable=False))\n    op.execute("UPDATE projects SET status = \'draft\'")\n    op.drop_column("projects", "created")\n\n\n' +
        'def downgrade():\n    op.add_column("projects", sa.Column("created", sa.DateTime(), nullable=True))\n    op.drop_column("projects", "created_at")\n',
    });
    const findings = await lint(root);
    expect(findings.filter((f) => ["drop-column", "dml-without-where"].includes(f.rule))).toEqual([]);
    const required = findings.find((f) => f.rule === "required-column-without-default");
    expect(required?.line).toBe(9);
    expect(required?.message).toContain("The UPDATE without WHERE (line 10) and dropping column created (line 11) lose no data: projects must be empty for this statement to run.");
  });

  it("goose NO TRANSACTION: the index before the NOT NULL column committed on its own and keeps its finding", async () => {
    const root = repo({
      "db/migrations/00001_users_tenant.sql":
        "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX users_name_idx ON users (name);\nALTER TABLE users ADD COLUMN tenant_id integer NOT NULL;\nCREATE INDEX users_tenant_idx ON users (tenant_id);\n-- +goose Down\nDROP INDEX users_tenant_idx;\nALTER TABLE users DROP COLUMN tenant_id;\nDROP INDEX users_name_idx;\n",
    });
    const indexes = (await lint(root)).filter((f) => f.rule === "index-without-concurrently");
    expect(indexes.map((f) => f.line)).toEqual([3]);
  });

  it("Rails: add_index before add_column null: false in the migration's transaction gives no index finding", async () => {
    const root = repo({
      "db/migrate/20240101000000_add_scope_to_followers.rb":
        "class AddScopeToFollowers < ActiveRecord::Migration[7.1]\n  def change\n    add_index :followers, :user_id\n    add_column :followers, :scope, :string, null: false\n  end\nend\n",
    });
    const findings = await lint(root);
    expect(findings.filter((f) => f.rule === "index-without-concurrently")).toEqual([]);
    expect(findings.find((f) => f.rule === "required-column-without-default")?.message).toContain("(line 3) are only brief");
  });
});

describe("schema changes only on tables the migration creates", () => {
  it("no mixed-ddl-dml for a new table filled from a few rows of others; kept when a schema change touches an existing table", async () => {
    const newOnly = "CREATE TABLE archived_users (id bigint PRIMARY KEY, name text);\nINSERT INTO archived_users SELECT id, name FROM users WHERE archived;\nCREATE INDEX archived_users_name_idx ON archived_users (name);\nDELETE FROM users WHERE archived;\n";
    const root = repo({
      "db/migrations/000001_archive.up.sql": newOnly,
      "db/migrations/000001_archive.down.sql": "DROP TABLE archived_users;\n",
      "db/migrations/000002_archive_more.up.sql": newOnly.replaceAll("archived_users", "archived_users_2").replace("CREATE INDEX", "ALTER TABLE users ADD COLUMN archived_at timestamptz;\nCREATE INDEX"),
      "db/migrations/000002_archive_more.down.sql": "DROP TABLE archived_users_2;\n",
    });
    const mixed = (await lint(root)).filter((f) => f.rule === "mixed-ddl-dml");
    expect(mixed.map((f) => f.path)).toEqual(["db/migrations/000002_archive_more.up.sql"]);
  });
});
