/**
 * A key's type change through `migguard lint` (README: the key-and-referencing-columns plan): the earlier
 * migrations of the folder name the FOREIGN KEYs that reference the key, and the fix converts their columns with it
 * in one plan. pocket-id's file that changes the key and its referencing column together gets that plan once, on
 * its first line; a Rails key's referencing column (t.references ... foreign_key:) comes along under Rails' own name.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-key-type-");

type Finding = { path: string; rule: string; line: number; fix?: string };
const lint = async (cwd: string, folder: string) =>
  (JSON.parse((await run(["lint", "--format", "json", folder], { cwd })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === "column-type-change");

it("pocket-id: the key and its referencing column changed to text in one file get one plan on the first line, the other line points to it", async () => {
  const cwd = repo({
    "db/migrations/001_init.sql":
      "CREATE TABLE oidc_clients (id uuid PRIMARY KEY);\nCREATE TABLE oidc_authorization_codes (code text PRIMARY KEY, client_id uuid NOT NULL, CONSTRAINT oidc_authorization_codes_client_fk FOREIGN KEY (client_id) REFERENCES oidc_clients (id) ON DELETE CASCADE);\n",
    "db/migrations/002_client_id_type.sql":
      "ALTER TABLE oidc_authorization_codes DROP CONSTRAINT IF EXISTS oidc_authorization_codes_client_fk;\nALTER TABLE oidc_authorization_codes ALTER COLUMN client_id TYPE TEXT USING client_id::text;\nALTER TABLE oidc_clients ALTER COLUMN id TYPE TEXT USING id::text;\nALTER TABLE oidc_authorization_codes ADD CONSTRAINT oidc_authorization_codes_client_fk FOREIGN KEY (client_id) REFERENCES oidc_clients (id) ON DELETE CASCADE;\n",
  });
  const [plan, pointer] = (await lint(cwd, "db/migrations")).filter((f) => f.path.endsWith("002_client_id_type.sql"));
  expect([plan.line, pointer.line]).toEqual([2, 3]);
  expect(plan.fix).toContain("ALTER TABLE oidc_clients ADD COLUMN id_new text;");
  expect(plan.fix).toContain("ALTER TABLE oidc_authorization_codes ADD COLUMN client_id_new text;");
  expect(plan.fix).toContain("ALTER TABLE oidc_authorization_codes ADD CONSTRAINT oidc_authorization_codes_client_fk FOREIGN KEY (client_id) REFERENCES oidc_clients (id) ON DELETE CASCADE NOT VALID;");
  expect(plan.fix).toContain("ALTER TABLE oidc_authorization_codes VALIDATE CONSTRAINT oidc_authorization_codes_client_fk;");
  expect(pointer.fix).toBe("-- oidc_clients.id is converted with the columns that reference it (oidc_authorization_codes.client_id) in the fix of line 2");
});

it("Rails: a primary key to bigint converts the integer column t.references added, its foreign key under Rails' fk_rails_ name", async () => {
  const cwd = repo({
    "db/migrate/20150101000000_create_repos.rb":
      "class CreateRepos < ActiveRecord::Migration[4.2]\n  def change\n    create_table :repos do |t|\n      t.string :name\n    end\n    create_table :issues do |t|\n      t.references :repo, index: true, foreign_key: true\n    end\n  end\nend\n",
    "db/migrate/20260301000000_change_repos_id_to_bigint.rb":
      "class ChangeReposIdToBigint < ActiveRecord::Migration[7.0]\n  def up\n    change_column :repos, :id, :bigint\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration\n  end\nend\n",
  });
  const [finding] = await lint(cwd, "db/migrate");
  expect(finding.fix).toContain("add_column :issues, :repo_id_new, :bigint");
  expect(finding.fix).toContain("ALTER TABLE issues DROP CONSTRAINT fk_rails_b8fed2daa2;");
  expect(finding.fix).toContain("ALTER TABLE issues ADD CONSTRAINT fk_rails_b8fed2daa2 FOREIGN KEY (repo_id) REFERENCES repos (id) NOT VALID;");
});

it("one ALTER TABLE retypes a key, another column and one a later migration drops: the heading names only the key's referencing column as such, and not the dropped column, whose change stays as written", async () => {
  const cwd = repo({
    "db/migrations/001_init.sql": "CREATE TABLE p (id integer PRIMARY KEY, score integer, legacy integer);\nCREATE TABLE c (id bigint PRIMARY KEY, p_id integer REFERENCES p (id));\n",
    "db/migrations/002_wider_ids.sql": "ALTER TABLE p ALTER COLUMN id TYPE bigint, ALTER COLUMN score TYPE bigint, ALTER COLUMN legacy TYPE bigint;\n",
    "db/migrations/003_drop_legacy.sql": "ALTER TABLE p DROP COLUMN legacy;\n",
  });
  const plan = (await lint(cwd, "db/migrations")).find((f) => f.path.endsWith("002_wider_ids.sql") && f.fix?.includes("ADD COLUMN id_new"));
  expect(plan?.fix).toContain("ALTER TABLE p ALTER COLUMN legacy TYPE bigint;\n-- p.id and the columns that reference it (c.p_id), and p.score, which the same statement changes, converted together:");
});
