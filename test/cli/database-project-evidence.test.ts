/**
 * Which database and which runner, from what a project installs, documents and runs (README "Databases" and
 * "Frameworks and layouts"), through `migguard lint` on small repositories: an Alembic project whose requirements
 * install a MySQL driver (OpenStack Octavia's `oslo.db[mysql]`), whose install guide gives `mysql+pymysql://`, whose
 * revisions send MySQL-only SQL, and whose upgrade guide stops the services before its own db-manage CLI migrates; an
 * engine gem's Rails folder read with the root Gemfile; a CircleCI matrix; sqlx's migrator (docs.rs).
 */
import { execFileSync } from "node:child_process";
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-evidence-");
/** a git work tree: the CLI walks a clone's docs for a documented upgrade (outside git, one folder deep only) */
const gitRepo = (files: Record<string, string>): string => {
  const root = repo(files);
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: root, stdio: "pipe" });
  return root;
};

const VERSIONS = "lbaas/db/migration/alembic_migrations/versions";
const ALEMBIC = {
  "lbaas/db/migration/alembic.ini": "[alembic]\nscript_location = %(here)s/alembic_migrations\nsqlalchemy.url =\n",
  "lbaas/db/migration/alembic_migrations/env.py": "from alembic import context\n\n\ndef run_migrations_online():\n    pass\n",
  "lbaas/db/migration/alembic_migrations/script.py.mako": "",
  [`${VERSIONS}/0001_initial.py`]:
    'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "0001"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("listener", sa.Column("id", sa.Integer, primary_key=True), sa.Column("weight", sa.Integer))\n',
};
/** a revision that sends MySQL's own ALTER ... MODIFY (Octavia's fac584114642) */
const MODIFY = {
  [`${VERSIONS}/0002_weight_not_null.py`]:
    'from alembic import op\n\nrevision = "0002"\ndown_revision = "0001"\n\n\ndef upgrade():\n    op.execute("ALTER TABLE listener MODIFY weight INTEGER NOT NULL")\n',
};
/** a foreign key added to a table with rows: a PostgreSQL lock finding (NOT VALID) or MySQL's table copy */
const FOREIGN_KEY = {
  [`${VERSIONS}/0003_listener_pool.py`]:
    'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "0003"\ndown_revision = "0002"\n\n\ndef upgrade():\n    op.create_table("pool", sa.Column("id", sa.Integer, primary_key=True))\n    op.add_column("listener", sa.Column("pool_id", sa.Integer))\n    op.create_foreign_key("fk_listener_pool", "listener", "pool", ["pool_id"], ["id"])\n',
};

type Finding = { rule: string; line: number; path: string; message: string; fix: string; severity: string };
const lint = async (root: string, path: string) => JSON.parse((await run(["lint", "--format", "json", path], { cwd: root })).output) as { findings: Finding[] };
const verbose = async (root: string, path: string) => (await run(["lint", "--verbose", path], { cwd: root })).output;

describe("the database a Python project installs and documents", () => {
  it("requirements.txt's oslo.db[mysql] names MySQL: MySQL's grammar reads its MODIFY, MySQL's rules judge its foreign key", async () => {
    const root = repo({ ...ALEMBIC, ...MODIFY, ...FOREIGN_KEY, "requirements.txt": "alembic>=0.9\noslo.db[mysql]>=8.4.0 # Apache-2.0\n", "test-requirements.txt": "psycopg2-binary\n" });
    expect(await verbose(root, VERSIONS)).toContain(`database: ${VERSIONS}: MySQL (requirements.txt (installs oslo-db[mysql] (MySQL driver)))`);
    const { findings } = await lint(root, VERSIONS);
    expect(findings.map((f) => f.rule)).not.toContain("syntax-error");
    expect(findings.map((f) => f.rule)).not.toContain("constraint-without-not-valid");
    expect(findings.map((f) => f.rule)).toContain("mysql-table-copy");
  });

  it("an install guide's mysql+pymysql:// URL names MySQL when nothing else does", async () => {
    const root = repo({ ...ALEMBIC, ...FOREIGN_KEY, "doc/source/install/install-ubuntu.rst": "Edit octavia.conf::\n\n   [database]\n   connection = mysql+pymysql://octavia:PASS@controller/octavia\n" });
    expect(await verbose(root, VERSIONS)).toContain(`MySQL (doc/source/install/install-ubuntu.rst (gives the database URL mysql+pymysql://...))`);
  });

  it("a driver and a guide that disagree choose neither: PostgreSQL is assumed, and the reason names both", async () => {
    const root = repo({ ...ALEMBIC, ...FOREIGN_KEY, "requirements.txt": "PyMySQL\n", "docs/install.md": "DATABASE_URL=postgresql://app@db/app\n" });
    expect(await verbose(root, VERSIONS)).toMatch(/PostgreSQL \(assumed PostgreSQL: .*name MySQL and PostgreSQL between them/);
  });

  it("nothing names the database: a revision whose every refused statement MySQL's grammar reads makes the folder MySQL's", async () => {
    const root = repo({ ...ALEMBIC, ...MODIFY });
    expect(await verbose(root, VERSIONS)).toContain(`MySQL (${VERSIONS}/0002_weight_not_null.py: MySQL's grammar reads the SQL PostgreSQL's refuses (line 8))`);
    expect((await lint(root, VERSIONS)).findings.map((f) => f.rule)).not.toContain("syntax-error");
  });

  it("a project that installs psycopg2 keeps the syntax error, which says the statement is valid MySQL", async () => {
    const root = repo({ ...ALEMBIC, ...MODIFY, "requirements.txt": "psycopg2>=2.9\n" });
    const syntax = (await lint(root, VERSIONS)).findings.filter((f) => f.rule === "syntax-error");
    expect(syntax).toHaveLength(1);
    expect(syntax[0].message).toContain("This statement is valid MySQL");
    expect(syntax[0].fix).toContain("set `database: mysql`");
  });

  it("an upgrade guide that stops every process, runs the project's Alembic-wrapping db-manage CLI, then starts them: an offline deploy", async () => {
    const root = gitRepo({
      ...ALEMBIC,
      ...FOREIGN_KEY,
      "requirements.txt": "oslo.db[mysql]\n",
      "pyproject.toml": '[project]\nname = "lbaas"\n\n[project.scripts]\nlbaas-db-manage = "lbaas.db.migration.cli:main"\n',
      "lbaas/db/migration/cli.py":
        "from alembic import command as alembic_cmd\n\n\ndef do_alembic_command(config, cmd, *args):\n    getattr(alembic_cmd, cmd)(config, *args)\n\n\ndef main():\n    pass\n",
      "doc/source/admin/guides/upgrade.rst":
        "Upgrade Guide\n=============\n\nCold upgrade\n------------\n\n#. Gracefully stop all lbaas processes.\n\n#. Run ``lbaas-db-manage upgrade head`` to upgrade the database.\n\n#. Start all lbaas processes.\n",
    });
    const output = await verbose(root, VERSIONS);
    expect(output).toContain('deploy: read as offline: doc/source/admin/guides/upgrade.rst:9: the documented upgrade procedure ("Cold upgrade") stops the application (line 7), runs the migrations, then starts it again (line 11)');
    const copy = (await lint(root, VERSIONS)).findings.find((f) => f.rule === "mysql-table-copy");
    expect(copy?.severity).toBe("info");
  });
});

describe("Rails engines and CI matrices", () => {
  const TAXONS = {
    "core/db/migrate/20230101000000_create_spree_taxons.rb": "class CreateSpreeTaxons < ActiveRecord::Migration[7.0]\n  def change\n    create_table :spree_taxons do |t|\n      t.integer :position, default: 0\n    end\n  end\nend\n",
    "core/db/migrate/20230425103509_remove_taxon_position.rb": "class RemoveTaxonPosition < ActiveRecord::Migration[7.0]\n  def change\n    remove_column :spree_taxons, :position, :integer, default: 0\n  end\nend\n",
  };

  it("an engine gem's folder has no Gemfile beside it: the root Gemfile's adapters (solidus) make the restore portable", async () => {
    const root = repo({
      ...TAXONS,
      Gemfile: 'dbs = ENV.fetch("DB", "sqlite")\ngem "mysql2", require: false if dbs.match?(/mysql/)\ngem "pg", require: false if dbs.match?(/postgres/)\ngem "sqlite3", require: false if dbs.match?(/sqlite/)\n',
    });
    expect(await verbose(root, "core/db/migrate")).toContain("the project also runs on MySQL and SQLite: Gemfile (its production gems: MySQL, PostgreSQL, SQLite adapters)");
    const [finding] = (await lint(root, "core/db/migrate")).findings.filter((f) => f.rule === "remove-column-in-change");
    expect(finding.fix).toContain('execute "CREATE TABLE spree_taxons_position_backup_20230425103509 AS SELECT id, position FROM spree_taxons"');
    expect(finding.fix).toContain(
      'execute "UPDATE spree_taxons SET position = (SELECT b.position FROM spree_taxons_position_backup_20230425103509 b WHERE spree_taxons.id = b.id) WHERE EXISTS (SELECT 1 FROM spree_taxons_position_backup_20230425103509 b WHERE spree_taxons.id = b.id)"',
    );
    // neither PostgreSQL's UPDATE ... FROM nor a double-quoted name, which MySQL reads as a string
    expect(finding.fix).not.toContain("= b.position FROM");
    expect(finding.fix).not.toContain('\\"position\\"');
  });

  it("a CircleCI workflow whose job matrix runs the tests on mysql and postgres says the project runs on both", async () => {
    const root = repo({
      ...TAXONS,
      ".circleci/config.yml": "version: 2.1\nworkflows:\n  build:\n    jobs:\n      - tests:\n          matrix:\n            parameters:\n              database: [mysql, postgres, sqlite]\n",
    });
    expect(await verbose(root, "core/db/migrate")).toContain("the project also runs on MySQL and SQLite: .circleci/config.yml (database: [mysql, postgres, sqlite])");
  });
});

describe("sqlx's migrator (docs.rs)", () => {
  const CRATE = "crates/db";
  const files = {
    [`${CRATE}/Cargo.toml`]: '[package]\nname = "db"\n\n[dependencies]\nsqlx = { workspace = true }\n',
    [`${CRATE}/src/migrations.rs`]: "pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();\n",
    [`${CRATE}/migrations/20240101000000_initial.up.sql`]: "CREATE TABLE builds (id SERIAL PRIMARY KEY, status TEXT);\n",
    [`${CRATE}/migrations/20240101000000_initial.down.sql`]: "DROP TABLE builds;\n",
    [`${CRATE}/migrations/20260211013415_builds-error-kind.up.sql`]: "ALTER TABLE builds ADD COLUMN error_kind TEXT;\nCREATE INDEX builds_error_kind_idx ON builds (error_kind);\n",
    [`${CRATE}/migrations/20260211013415_builds-error-kind.down.sql`]: "DROP INDEX builds_error_kind_idx;\nALTER TABLE builds DROP COLUMN error_kind;\n",
  };

  it("each file runs in sqlx's transaction: CONCURRENTLY goes alone to a new file that starts with -- no-transaction; SET LOCAL names sqlx", async () => {
    const { findings } = await lint(repo(files), `${CRATE}/migrations`);
    const index = findings.find((f) => f.rule === "index-without-concurrently");
    expect(index?.fix).toContain(`-- sqlx runs this migration in a transaction, which CONCURRENTLY refuses: move the statement, alone, to a new migration\n-- ${CRATE}/migrations/20260211013416_builds-error-kind_concurrently.up.sql whose first line is -- no-transaction`);
    expect(index?.fix).toMatch(/-- the new file:\n-- no-transaction\nCREATE INDEX CONCURRENTLY builds_error_kind_idx ON builds/);
    expect(index?.fix).not.toContain("golang-migrate");
    const timeout = findings.find((f) => f.rule === "require-lock-timeout");
    expect(timeout?.fix).toContain("sqlx runs the migration in a transaction");
  });

  it("a file that starts with -- no-transaction runs outside sqlx's transaction: CONCURRENTLY alone there is not reported", async () => {
    const { findings } = await lint(
      repo({ ...files, [`${CRATE}/migrations/20260211013415_builds-error-kind.up.sql`]: "-- no-transaction\nCREATE INDEX CONCURRENTLY builds_error_kind_idx ON builds (error_kind);\n" }),
      `${CRATE}/migrations`,
    );
    expect(findings.filter((f) => f.path.includes("error-kind.up") && f.rule === "index-without-concurrently")).toEqual([]);
    expect(findings.map((f) => f.rule)).not.toContain("concurrently-in-transaction");
  });
});
