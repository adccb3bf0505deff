import { analyze } from "../analyze.js";
import { resolveConfig } from "../config.js";
import type { SourceFile } from "../model.js";
import { databaseNote } from "./notes.js";

const RAILS_MIGRATION = {
  path: "db/migrate/20240101000000_index_users.rb",
  content: `class IndexUsers < ActiveRecord::Migration[7.1]
  def change
    add_index :users, :email
  end
end
`,
};

async function run(files: SourceFile[], projectFiles: SourceFile[] = [], config: Record<string, unknown> = {}) {
  const resolved = resolveConfig(config);
  expect(resolved.problems).toEqual([]);
  return analyze({ files, projectFiles, config: resolved.config });
}

const yml = (text: string, path = "config/database.yml") => ({ path, content: text });

describe("which database a migrations folder runs on", () => {
  test("Alembic with one versions folder per dialect (script_location named freely): each folder's name decides it", async () => {
    const revision = (dialect: string) => ({
      path: `src/app/server/_migrations/versions/${dialect}/2024_01_01_000000_a1_index.py`,
      content: 'from alembic import op\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_index("ix_flow_name", "flow", ["name"])\n\n\ndef downgrade():\n    op.drop_index("ix_flow_name")\n',
    });
    const result = await run([revision("postgresql"), revision("sqlite")]);
    expect(result.databases).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ folder: "src/app/server/_migrations/versions/postgresql", database: "postgresql", assumed: false }),
        expect.objectContaining({ folder: "src/app/server/_migrations/versions/sqlite", database: "sqlite", assumed: false }),
      ]),
    );
    const rules = (dialect: string) => result.findings.filter((f) => f.path.includes(`/${dialect}/`)).map((f) => f.rule);
    // CONCURRENTLY exists on PostgreSQL only: the same revision is a finding in one folder and not in the other
    expect(rules("postgresql")).toContain("index-without-concurrently");
    expect(rules("sqlite")).not.toContain("index-without-concurrently");
  });

  test("Rails: the production adapter of config/database.yml", async () => {
    const result = await run([RAILS_MIGRATION], [yml("default: &default\n  adapter: postgresql\nproduction:\n  <<: *default\n  adapter: mysql2\n")]);
    expect(result.databases).toEqual([expect.objectContaining({ folder: "db/migrate", database: "mysql", assumed: false })]);
    expect(result.databases[0].reason).toContain("config/database.yml (production adapter mysql2)");
    expect(result.migrations[0].database).toBe("mysql");
  });

  test("Rails: the default entry when there is no production one; trilogy is MySQL", async () => {
    const result = await run([RAILS_MIGRATION], [yml("default:\n  adapter: trilogy\ndevelopment:\n  database: dev\n")]);
    expect(result.databases[0]).toMatchObject({ database: "mysql", assumed: false });
    // the test: entry is what the test suite runs on, never read
    const withTests = await run([RAILS_MIGRATION], [yml("production:\n  adapter: postgresql\ntest:\n  adapter: sqlite3\n")]);
    expect(withTests.databases[0]).toMatchObject({ database: "postgresql", assumed: false, reason: "config/database.yml (production adapter postgresql)" });
    const testsOnly = await run([RAILS_MIGRATION], [yml("test:\n  adapter: sqlite3\n")]);
    expect(testsOnly.databases[0]).toMatchObject({ database: "postgresql", assumed: true });
  });

  test("Rails: ERB's literal fallback is read with Ruby's parser; an adapter ERB hides falls back to PostgreSQL, assumed", async () => {
    const erbDefault = await run([RAILS_MIGRATION], [yml("default: &default\n  adapter: <%= ENV.fetch('DATABASE_ADAPTER', 'mysql2') %>\nproduction:\n  <<: *default\n")]);
    expect(erbDefault.databases[0]).toMatchObject({ database: "mysql", assumed: false });
    expect(erbDefault.databases[0].reason).toContain('ERB whose default is "mysql2"');
    const hidden = await run([RAILS_MIGRATION], [yml("production:\n  adapter: <%= ENV['DATABASE_ADAPTER'] %>\n")]);
    expect(hidden.databases[0]).toMatchObject({ database: "postgresql", assumed: true });
    expect(hidden.databases[0].reason).toContain("ERB hides its production adapter");
    expect(hidden.databases[0].reason).toContain("set `database:`");
  });

  test("Rails: multi-database production uses primary; a sample counts when database.yml is not committed", async () => {
    const multi = await run([RAILS_MIGRATION], [yml("production:\n  primary:\n    adapter: sqlite3\n  cache:\n    adapter: postgresql\n")]);
    expect(multi.databases[0]).toMatchObject({ database: "sqlite" });
    const sample = await run([RAILS_MIGRATION], [yml("production:\n  adapter: mysql2\n", "config/database.yml.example")]);
    expect(sample.databases[0]).toMatchObject({ database: "mysql", assumed: false });
  });

  test("Rails engines: the database.yml of the migration's own application", async () => {
    const engine = { ...RAILS_MIGRATION, path: "engines/shop/db/migrate/20240101000000_index_users.rb" };
    const result = await run([engine], [yml("production:\n  adapter: mysql2\n", "config/database.yml"), yml("production:\n  adapter: postgresql\n", "engines/shop/config/database.yml")]);
    expect(result.databases[0]).toMatchObject({ folder: "engines/shop/db/migrate", database: "postgresql", assumed: false });
  });

  test("Django: DATABASES default ENGINE in the settings module, production first; a URL helper's default", async () => {
    const migration = { path: "shop/orders/migrations/0002_x.py", content: "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = []\n" };
    const settings = { path: "shop/config/settings/production.py", content: 'DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "NAME": "shop"}}\n' };
    const local = { path: "shop/config/settings/local.py", content: 'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3"}}\n' };
    const result = await run([migration], [settings, local]);
    expect(result.databases[0]).toMatchObject({ folder: "shop/orders/migrations", database: "mysql", assumed: false });
    const url = { path: "shop/settings.py", content: 'import dj_database_url\nDATABASES = {"default": dj_database_url.config(default="mysql://u:p@db/shop")}\n' };
    expect((await run([migration], [url])).databases[0]).toMatchObject({ database: "mysql" });
    const env = { path: "shop/settings.py", content: 'import os\nDATABASES = {"default": {"ENGINE": os.environ["DB_ENGINE"]}}\n' };
    const hidden = (await run([migration], [env])).databases[0];
    expect(hidden).toMatchObject({ database: "postgresql", assumed: true });
    expect(hidden.reason).toContain("computed at run time");
    // SQLite unless an environment variable picks PostgreSQL (healthchecks): the unconditional default is one choice of several
    const branches = {
      path: "hc/settings.py",
      content:
        'import os\ndb = os.getenv("DB", "sqlite")\nDATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "hc.sqlite"}}\n' +
        'if db == "postgres":\n    DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "hc"}}\n' +
        'if db == "mysql":\n    DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "NAME": "hc"}}\n',
    };
    const chosen = (await run([migration], [branches])).databases[0];
    expect(chosen).toMatchObject({ database: "postgresql", assumed: true });
    expect(chosen.reason).toContain("chosen at run time");
    // a condition that sets the same engine again changes nothing
    const same = { path: "shop/settings.py", content: 'DATABASES = {"default": {"ENGINE": "django.db.backends.mysql"}}\nif True:\n    DATABASES["default"]["ENGINE"] = "django.db.backends.mysql"\n' };
    expect((await run([migration], [same])).databases[0]).toMatchObject({ database: "mysql", assumed: false });
  });

  test("Django: a settings module for tests (unittests.py, settings/test.py, tests/settings.py) decides only when nothing else speaks for the database", async () => {
    const migration = { path: "dojo/migrations/0002_x.py", content: "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = []\n" };
    const sqlite = (path: string) => ({ path, content: 'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "unittest.sqlite"}}\n' });
    const production = { path: "dojo/settings/settings.dist.py", content: 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "dojo"}}\n' };
    for (const tests of ["dojo/settings/unittests.py", "dojo/settings/test.py", "dojo/settings/settings_ci.py", "dojo/settings/test_settings.py"]) {
      const decided = (await run([migration], [production, sqlite(tests)])).databases[0];
      expect(decided).toMatchObject({ database: "postgresql", assumed: false });
      expect(decided.reason).toBe(`dojo/settings/settings.dist.py (DATABASES["default"]["ENGINE"] is django.db.backends.postgresql); ${tests} (DATABASES["default"]["ENGINE"] is django.db.backends.sqlite3) is a settings module for tests, not production`);
    }
    // the production module reads the engine from the environment (DefectDojo's DD_DATABASE_ENGINE): still not the tests' SQLite
    const fromEnv = { path: "dojo/settings/settings.dist.py", content: 'import os\nDATABASES = {"default": {"ENGINE": os.environ["DD_DATABASE_ENGINE"]}}\n' };
    const unknown = (await run([migration], [fromEnv, sqlite("dojo/settings/unittests.py")])).databases[0];
    expect(unknown).toMatchObject({ database: "postgresql", assumed: true });
    expect(unknown.reason).toContain("dojo/settings/settings.dist.py its DATABASES default engine is computed at run time");
    expect(unknown.reason).toContain("dojo/settings/unittests.py (DATABASES[\"default\"][\"ENGINE\"] is django.db.backends.sqlite3) is a settings module for tests, not production");
    // DATABASES assigned under if/else, a URL or an engine from the environment (DefectDojo's settings.dist.py)
    const branches = {
      path: "dojo/settings/settings.dist.py",
      content: 'import os\nif os.getenv("DD_DATABASE_URL") is not None:\n    DATABASES = {"default": env.db("DD_DATABASE_URL")}\nelse:\n    DATABASES = {"default": {"ENGINE": env("DD_DATABASE_ENGINE"), "NAME": "dojo"}}\n',
    };
    const chosen = (await run([migration], [branches, sqlite("dojo/settings/unittests.py")])).databases[0];
    expect(chosen).toMatchObject({ database: "postgresql", assumed: true });
    expect(chosen.reason).toContain("dojo/settings/settings.dist.py its DATABASES is assigned under a condition, its engine computed at run time");
    // the unit tests' SQLite is no installation the project supports either
    expect(unknown.alsoRunsOn).toBeUndefined();
    // a reusable app whose only settings are its tests': they still decide
    const alone = (await run([{ ...migration, path: "shop/migrations/0002_x.py" }], [sqlite("tests/settings.py")])).databases[0];
    expect(alone).toMatchObject({ database: "sqlite" });
  });

  test("Alembic: sqlalchemy.url in alembic.ini, or a literal URL in env.py", async () => {
    const migration = { path: "alembic/versions/abc_x.py", content: 'revision = "abc"\ndown_revision = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n' };
    const ini = { path: "alembic.ini", content: "[alembic]\nscript_location = alembic\nsqlalchemy.url = mysql+pymysql://u:p@localhost/app\n" };
    expect((await run([migration], [ini])).databases[0]).toMatchObject({ folder: "alembic/versions", database: "mysql" });
    const env = { path: "alembic/env.py", content: 'from alembic import context\nconfig = context.config\nconfig.set_main_option("sqlalchemy.url", "mariadb+mariadbconnector://u@db/app")\n' };
    expect((await run([migration], [env])).databases[0]).toMatchObject({ database: "mariadb" });
  });

  test("Alembic: env.py that sets sqlalchemy.url from the application when migrations run makes alembic.ini's URL a placeholder (Quay)", async () => {
    const migration = { path: "data/migrations/versions/abc_x.py", content: 'revision = "abc"\ndown_revision = None\n\ndef upgrade(op, tables, tester):\n    pass\n\ndef downgrade(op, tables, tester):\n    pass\n' };
    const ini = { path: "alembic.ini", content: "[alembic]\nscript_location = data/migrations\nsqlalchemy.url = sqlite:///will/be/overridden\n" };
    const env = { path: "data/migrations/env.py", content: 'from alembic import context\nfrom app import app\n\nconfig = context.config\n\n\ndef get_db_url():\n    return app.config.get("DB_URI", "sqlite:///test/data/test.db")\n\n\nconfig.set_main_option("sqlalchemy.url", get_db_url())\n' };
    expect((await run([migration], [ini])).databases[0]).toMatchObject({ database: "sqlite", assumed: false });
    const overridden = (await run([migration], [ini, env])).databases[0];
    expect(overridden).toMatchObject({ database: "postgresql", assumed: true });
    expect(overridden.reason).toContain("data/migrations/env.py sets the database URL when the migrations run (line 11)");
    // Alembic's own template passes the ini's URL on: the ini still decides
    const template = { ...env, content: 'from alembic import context\n\nconfig = context.config\nurl = config.get_main_option("sqlalchemy.url")\ncontext.configure(url=url)\nconfig.set_main_option("sqlalchemy.url", config.get_main_option("sqlalchemy.url"))\n' };
    expect((await run([migration], [ini, template])).databases[0]).toMatchObject({ database: "sqlite", assumed: false });
  });

  test("SQL: MySQL-only syntax in the folder's migrations; a PostgreSQL column named engine is not MySQL", async () => {
    const up = { path: "migrations/000002_orders.up.sql", content: "CREATE TABLE `orders` (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n" };
    const down = { path: "migrations/000002_orders.down.sql", content: "DROP TABLE `orders`;\n" };
    const mysql = await run([up, down]);
    expect(mysql.databases[0]).toMatchObject({ folder: "migrations", database: "mysql", assumed: false });
    expect(mysql.databases[0].reason).toContain("MySQL-only syntax on line 1");
    const pg = await run([{ path: "migrations/000003_engine.up.sql", content: "UPDATE cars SET engine = 'v8' WHERE id = 1;\nALTER TABLE cars ADD COLUMN algorithm text;\n" }]);
    expect(pg.databases[0]).toMatchObject({ database: "postgresql", assumed: true });
  });

  test("the config always wins, with its version; disagreeing signals are named", async () => {
    const configured = await run([RAILS_MIGRATION], [yml("production:\n  adapter: postgresql\n")], { database: "mariadb", database_version: "10.11" });
    expect(configured.databases[0]).toMatchObject({ database: "mariadb", version: "10.11", assumed: false });
    expect(configured.migrations[0]).toMatchObject({ database: "mariadb", databaseVersion: "10.11" });
    const django = { path: "app/orders/migrations/0002_x.py", content: "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = []\n" };
    const disagree = await run([django], [
      { path: "app/settings/production.py", content: 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}\n' },
      { path: "app/settings/base.py", content: 'DATABASES = {"default": {"ENGINE": "django.db.backends.mysql"}}\n' },
    ]);
    expect(disagree.databases[0]).toMatchObject({ database: "postgresql", assumed: true });
    expect(disagree.databases[0].reason).toMatch(/app\/settings\/base\.py .* says otherwise/);
    expect(databaseNote(disagree.databases)).toContain("`app/orders/migrations`");
  });

  test("no PostgreSQL-only rule fires on a MySQL migration; the shared rules still do", async () => {
    const rails = {
      path: "db/migrate/20240101000000_mixed.rb",
      content: `class Mixed < ActiveRecord::Migration[7.1]
  def change
    add_index :users, :email
    change_column_null :users, :email, false
    remove_column :users, :phone
  end
end
`,
    };
    const result = await run([rails], [yml("production:\n  adapter: mysql2\n")]);
    const rules = new Set(result.findings.map((f) => f.rule));
    for (const pgOnly of ["index-without-concurrently", "set-not-null", "require-lock-timeout"]) expect(rules).not.toContain(pgOnly);
    expect(rules).toContain("drop-column");
    expect(result.findings.map((f) => `${f.message} ${f.fix}`).join("\n")).not.toMatch(/concurrently|NOT VALID|lock_timeout/i);
  });
});
