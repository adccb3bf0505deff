/** The repository facts fixes read: manifests, schema dumps, models and the earlier migrations of a folder. */
import { analyzeLoaded, loadEngine } from "../analyze.js";
import { dumpedColumns } from "./dumped-columns.js";
import { isWithin, projectRootOf, repositoryFactPaths } from "./fact-paths.js";
import { gemfileGems } from "./gemfile.js";
import { lockfileGems } from "./lockfile.js";
import { RepositoryFacts } from "./repository-facts.js";
import { SchemaHistory } from "./schema-history.js";

beforeAll(() => loadEngine());

describe("manifests", () => {
  it("reads gem calls from a Gemfile, groups included, comments not", () => {
    const gems = gemfileGems('source "https://rubygems.org"\ngem "rails", "~> 7.1"\n# gem "lol_dba"\ngroup :development do\n  gem "strong_migrations"\nend\n');
    expect([...gems].sort()).toEqual(["rails", "strong_migrations"]);
  });

  it("reads specs and dependencies from a Gemfile.lock, not the dependencies of a spec", () => {
    const lock = "GEM\n  remote: https://rubygems.org/\n  specs:\n    strong_migrations (2.8.0)\n      activerecord (>= 7.1)\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  pg\n\nBUNDLED WITH\n   2.5.3\n";
    expect([...lockfileGems(lock)].sort()).toEqual(["pg", "strong_migrations"]);
  });

  it("asks the nearest manifest above the migration", () => {
    const facts = new RepositoryFacts(
      [
        { path: "Gemfile", content: 'gem "rails"\n' },
        { path: "engine/Gemfile.lock", content: "GEM\n  specs:\n    strong_migrations (2.0.0)\n" },
      ],
    );
    expect(facts.bundles("db/migrate/20240101000000_a.rb", "strong_migrations")).toBe(false);
    expect(facts.bundles("engine/db/migrate/20240101000000_a.rb", "strong_migrations")).toBe(true);
    expect(RepositoryFacts.none().bundles("db/migrate/1_a.rb", "strong_migrations")).toBe(false);
  });
});

describe("schema dumps", () => {
  it("reads column types from schema.rb through the Rails adapter", () => {
    const columns = dumpedColumns(
      "db/schema.rb",
      'ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do\n  enable_extension "plpgsql"\n\n  create_table "users", force: :cascade do |t|\n    t.string "email", limit: 120, null: false\n    t.decimal "balance", precision: 10, scale: 2\n    t.references "team"\n  end\nend\n',
    );
    expect(columns.get("users", "email")?.text).toBe("varchar(120)");
    expect(columns.get("users", "balance")?.text).toBe("numeric(10,2)");
    expect(columns.get("users", "team_id")?.name).toBe("bigint");
    expect(columns.get("users", "missing")).toBeUndefined();
  });

  it("reads column types from structure.sql through the SQL adapter, later ALTERs applied", () => {
    const columns = dumpedColumns(
      "db/structure.sql",
      "SET statement_timeout = 0;\nCREATE TABLE public.notes (\n    id bigint NOT NULL,\n    body character varying(200)\n);\nALTER TABLE ONLY public.notes ADD COLUMN tags text[];\n",
    );
    expect(columns.get("notes", "body")?.text).toBe("varchar(200)");
    expect(columns.get("public.notes", "tags")?.array).toBe(true);
  });

  it("gives a migration the dump of its own project only", () => {
    const facts = new RepositoryFacts(
      [{ path: "api/db/structure.sql", content: "CREATE TABLE t (n integer);\n" }],
    );
    expect(facts.dumpedType("api/db/migrate/20240101000000_a.rb", "t", "n")?.name).toBe("integer");
    expect(facts.dumpedType("web/db/migrate/20240101000000_a.rb", "t", "n")).toBeUndefined();
  });
});

describe("models", () => {
  it("finds the class of a namespaced table in the project's models", () => {
    const facts = new RepositoryFacts(
      [
        { path: "core/app/models/spree/taxon.rb", content: "module Spree\n  class Taxon < Spree::Base\n  end\nend\n" },
        { path: "app/models/event/attachment.rb", content: "class Event::Attachment < ApplicationRecord\n  self.table_name = \"event_attachments\"\nend\n" },
      ],
    );
    expect(facts.model("core/db/migrate/20240101000000_a.rb", "spree_taxons")?.className).toBe("Spree::Taxon");
    expect(facts.model("db/migrate/20240101000000_a.rb", "event_attachments")?.className).toBe("Event::Attachment");
    expect(facts.model("db/migrate/20240101000000_a.rb", "people")).toBeUndefined();
    // the class as its file opens it: a fix reopening it keeps the nesting and the superclass
    expect(facts.model("core/db/migrate/20240101000000_a.rb", "spree_taxons")?.opening).toEqual(["module Spree", "class Taxon < Spree::Base"]);
    expect(facts.model("db/migrate/20240101000000_a.rb", "event_attachments")?.opening).toEqual(["class Event::Attachment < ApplicationRecord"]);
  });
});

describe("fact paths", () => {
  it("locates projects by their db/ or app/models/ folder", () => {
    expect(projectRootOf("db/migrate/1_a.rb")).toBe("");
    expect(projectRootOf("core/db/migrate/1_a.rb")).toBe("core");
    expect(projectRootOf("core/app/models/spree/taxon.rb")).toBe("core");
    expect(projectRootOf("shop/migrations/0001_initial.py")).toBeUndefined();
    expect(isWithin("..", "db/migrate/1_a.rb")).toBe(true);
    expect(isWithin("", "../other/db/migrate/1_a.rb")).toBe(false);
  });

  it("lists the manifests above and the dumps of the projects whose migrations change; models only when asked", () => {
    const listing = ["Gemfile", "Gemfile.lock", "README.md", "db/schema.rb", "app/models/user.rb", "other/db/schema.rb", "other/Gemfile"];
    // the root README with them: the deploy reads the upgrade procedure it may document (documented-upgrade.ts)
    expect(repositoryFactPaths(listing, ["db/migrate/20240101000000_a.rb"], { models: false })).toEqual(["Gemfile", "Gemfile.lock", "db/schema.rb", "README.md"]);
    expect(repositoryFactPaths(listing, ["db/migrate/20240101000000_a.rb"])).toContain("app/models/user.rb");
  });

  it("lists an Alembic project's head file beside the versions/ folder of a changed revision (the App fetches it), not another project's", () => {
    const listing = ["migrations/.current-alembic-head", "migrations/versions/0450_a.py", "other/migrations/.current-alembic-head", "migrations/README.md"];
    expect(repositoryFactPaths(listing, ["migrations/versions/0450_a.py"], { models: false })).toEqual(["migrations/.current-alembic-head"]);
    expect(repositoryFactPaths(listing, ["db/migrate/20240101000000_a.rb"], { models: false })).toEqual([]);
  });
});

describe("schema history", () => {
  it("knows the type a column has when each migration starts, across renames and drops", () => {
    const files = {
      "db/migrations/000001_a.up.sql": "CREATE TABLE t (a integer, b text);",
      "db/migrations/000002_b.up.sql": "ALTER TABLE t ALTER COLUMN a TYPE bigint;\nALTER TABLE t RENAME COLUMN b TO c;",
      "db/migrations/000003_c.up.sql": "ALTER TABLE t DROP COLUMN a;",
      "db/migrations/000004_d.up.sql": "SELECT 1;",
    };
    const result = analyzeLoaded({ files: Object.entries(files).map(([path, content]) => ({ path, content })) });
    const history = new SchemaHistory(result.migrations.map((migration) => ({ file: { path: migration.path, framework: "sql", layout: "golang-migrate", role: "up", key: migration.path, version: migration.version }, migration })));
    expect(history.typeBefore("db/migrations/000002_b.up.sql", "t", "a")?.name).toBe("integer");
    expect(history.typeBefore("db/migrations/000003_c.up.sql", "t", "a")?.name).toBe("bigint");
    expect(history.typeBefore("db/migrations/000003_c.up.sql", "t", "c")?.name).toBe("text");
    expect(history.typeBefore("db/migrations/000003_c.up.sql", "t", "b")).toBeUndefined();
    expect(history.typeBefore("db/migrations/000004_d.up.sql", "t", "a")).toBeUndefined();
    expect(history.typeBefore("db/migrations/000001_a.up.sql", "t", "a")).toBeUndefined();
  });

  it("gives a table's constraints as the earlier migrations leave them, in the order their names first appeared", () => {
    const files = {
      "db/migrations/000001_a.up.sql": "CREATE TABLE s (id int PRIMARY KEY, CONSTRAINT s_one CHECK (id = 1));\nCREATE TABLE o (id int PRIMARY KEY, s_id int REFERENCES s);",
      // s_later's name appears here, dropped before any migration defines it
      "db/migrations/000002_b.up.sql": "ALTER TABLE s DROP CONSTRAINT s_one;\nALTER TABLE s DROP CONSTRAINT IF EXISTS s_later;\nALTER TABLE o DROP CONSTRAINT IF EXISTS o_ref_b;",
      "db/migrations/000003_c.up.sql":
        "ALTER TABLE s ADD CONSTRAINT s_other CHECK (id > 0);\nALTER TABLE s ADD CONSTRAINT s_later CHECK (id < 9);\nALTER TABLE o ADD CONSTRAINT o_ref_a FOREIGN KEY (id) REFERENCES s;\nALTER TABLE o ADD CONSTRAINT o_ref_b FOREIGN KEY (id) REFERENCES s (id);",
      "db/migrations/000004_d.up.sql": "SELECT 1;",
    };
    const result = analyzeLoaded({ files: Object.entries(files).map(([path, content]) => ({ path, content })) });
    const history = new SchemaHistory(result.migrations.map((migration) => ({ file: { path: migration.path, framework: "sql", layout: "golang-migrate", role: "up", key: migration.path, version: migration.version }, migration })));
    const names = (path: string, table: string) => history.tableKeysBefore(`db/migrations/${path}`, table).map((k) => `${k.name}:${k.definition.kind}`);
    expect(names("000001_a.up.sql", "s")).toEqual([]);
    expect(names("000002_b.up.sql", "s")).toEqual(["s_pkey:primary_key", "s_one:check"]);
    expect(names("000003_c.up.sql", "s")).toEqual(["s_pkey:primary_key"]);
    expect(names("000004_d.up.sql", "s")).toEqual(["s_pkey:primary_key", "s_later:check", "s_other:check"]);
    expect(names("000004_d.up.sql", "public.S")).toEqual(["s_pkey:primary_key", "s_later:check", "s_other:check"]);
    expect(names("000004_d.up.sql", "o")).toEqual(["o_pkey:primary_key", "o_s_id_fkey:foreign_key", "o_ref_b:foreign_key", "o_ref_a:foreign_key"]);
    expect(names("000004_d.up.sql", "missing")).toEqual([]);
    // a column's keys: its table's that read it, and the FOREIGN KEYs that reference it (by name, or by the primary key)
    const columnKeys = (path: string, table: string, column: string) => {
      const keys = history.columnKeysBefore(`db/migrations/${path}`, table, column);
      return { own: keys.own.map((k) => k.name), referencing: keys.referencing.map((k) => k.name) };
    };
    expect(columnKeys("000003_c.up.sql", "s", "id")).toEqual({ own: ["s_pkey"], referencing: ["o_s_id_fkey"] });
    expect(columnKeys("000004_d.up.sql", "S", "id")).toEqual({ own: ["s_pkey"], referencing: ["o_s_id_fkey", "o_ref_b", "o_ref_a"] });
    expect(columnKeys("000004_d.up.sql", "o", "id")).toEqual({ own: ["o_pkey", "o_ref_b", "o_ref_a"], referencing: [] });
    expect(columnKeys("000004_d.up.sql", "o", "s_id")).toEqual({ own: ["o_s_id_fkey"], referencing: [] });
  });
});

describe("constraint history", () => {
  it("reads a migration's constraints only when a question reaches past it (a lone migration's never are), with the same answers", async () => {
    const { ConstraintHistory } = await import("./constraint-history.js");
    const files = { "db/migrations/000001_a.up.sql": "CREATE TABLE s (id int PRIMARY KEY, CONSTRAINT s_one CHECK (id = 1));", "db/migrations/000002_b.up.sql": "ALTER TABLE s DROP CONSTRAINT s_one;" };
    const [first, second] = analyzeLoaded({ files: Object.entries(files).map(([path, content]) => ({ path, content })) }).migrations;
    let reads = 0;
    const watched = (migration: typeof first) => ({ ...migration, get up() {
      reads++;
      return migration.up;
    } });
    const history = new ConstraintHistory();
    history.record("db/migrations", 0, watched(first));
    history.record("db/migrations", 1, watched(second));
    expect(history.onTable("db/migrations", 0, "s")).toEqual([]);
    expect(reads).toBe(0);
    expect(history.onTable("db/migrations", 1, "s").map((k) => k.name)).toEqual(["s_pkey", "s_one"]);
    expect(reads).toBe(1);
    expect(history.before("db/migrations", 2, "s_one", "s")).toBeUndefined();
    expect(history.onTable("db/migrations", 1, "s").map((k) => k.name)).toEqual(["s_pkey", "s_one"]);
    expect(reads).toBe(2);
  });

  it("writes a key again for a renamed table, column or constraint from the nodes it was written from, as a parse of its SQL gives", async () => {
    const { ConstraintHistory } = await import("./constraint-history.js");
    const files = {
      "db/migrations/000001_a.up.sql":
        "CREATE TABLE s (id int PRIMARY KEY);\nCREATE TABLE o (id int PRIMARY KEY, s_id int REFERENCES s (id) ON DELETE CASCADE, CONSTRAINT o_pos CHECK (id > 0));\nALTER TABLE o ADD CONSTRAINT o_self FOREIGN KEY (id) REFERENCES o (id) NOT VALID;",
      "db/migrations/000002_b.up.sql": "ALTER TABLE s RENAME TO t;\nALTER TABLE o RENAME COLUMN s_id TO t_id;\nALTER TABLE o RENAME CONSTRAINT o_self TO o_me;\nALTER TABLE o VALIDATE CONSTRAINT o_me;\nALTER TABLE o RENAME TO p;",
    };
    const migrations = analyzeLoaded({ files: Object.entries(files).map(([path, content]) => ({ path, content })) }).migrations;
    const history = new ConstraintHistory();
    migrations.forEach((migration, position) => history.record("db/migrations", position, migration));
    const keys = history.onTable("db/migrations", 2, "p").map(({ name, definition }) => [name, definition.sql, definition.notValid ?? false, definition.columns]);
    expect(keys).toEqual([
      ["o_pkey", "ALTER TABLE p ADD CONSTRAINT o_pkey PRIMARY KEY (id);", false, ["id"]],
      ["o_pos", "ALTER TABLE p ADD CONSTRAINT o_pos CHECK (id > 0);", false, []],
      ["o_s_id_fkey", "ALTER TABLE p ADD CONSTRAINT o_s_id_fkey FOREIGN KEY (t_id) REFERENCES t (id) ON DELETE CASCADE;", false, ["t_id"]],
      // validated since: valid, though its SQL still says NOT VALID
      ["o_me", "ALTER TABLE p ADD CONSTRAINT o_me FOREIGN KEY (id) REFERENCES p (id) NOT VALID;", false, ["id"]],
    ]);
    expect(history.onTable("db/migrations", 1, "o").find((k) => k.name === "o_self")?.definition).toMatchObject({ sql: "ALTER TABLE o ADD CONSTRAINT o_self FOREIGN KEY (id) REFERENCES o (id) NOT VALID;", notValid: true });
    expect(history.onColumn("db/migrations", 2, "t", "id").own.map((k) => k.definition.sql)).toEqual(["ALTER TABLE t ADD CONSTRAINT s_pkey PRIMARY KEY (id);"]);
  });
});

describe("views in the schema history", () => {
  it("gives the views on a table as the earlier migrations leave them, without one another view there reads", () => {
    const files = {
      "db/migrations/000001_a.up.sql": "CREATE TABLE t (a int, b int);\nCREATE TABLE u (c int);",
      "db/migrations/000002_b.up.sql": "CREATE VIEW v1 AS SELECT a FROM t;\nCREATE VIEW v2 AS SELECT b FROM t JOIN u ON true;\nCREATE VIEW v3 AS SELECT * FROM v2;\nCREATE VIEW v4 AS SELECT a FROM T;",
      "db/migrations/000003_c.up.sql": "DROP VIEW v3;\nDROP VIEW v4;",
      "db/migrations/000004_d.up.sql": "SELECT 1;",
    };
    const result = analyzeLoaded({ files: Object.entries(files).map(([path, content]) => ({ path, content })) });
    const history = new SchemaHistory(result.migrations.map((migration) => ({ file: { path: migration.path, framework: "sql", layout: "golang-migrate", role: "up", key: migration.path, version: migration.version }, migration })));
    const views = (path: string, table: string) => history.viewsOnTableBefore(`db/migrations/${path}`, table).map((v) => v.name);
    expect(views("000002_b.up.sql", "t")).toEqual([]);
    // v2 is read by v3: it cannot be dropped alone
    expect(views("000003_c.up.sql", "t")).toEqual(["v1", "v4"]);
    expect(views("000003_c.up.sql", "u")).toEqual([]);
    expect(views("000004_d.up.sql", "t")).toEqual(["v1", "v2"]);
    expect(views("000004_d.up.sql", "U")).toEqual(["v2"]);
    expect(views("000004_d.up.sql", "v2")).toEqual([]);
  });
});

describe("constraint definitions", () => {
  it("names an unnamed FOREIGN KEY as PostgreSQL does, shortened past 63 bytes as PostgreSQL shortens it", async () => {
    const { loadPgParser } = await import("../adapters/sql/pg-parser.js");
    const { definedConstraints } = await import("./constraint-history.js");
    await loadPgParser();
    expect(definedConstraints("CREATE TABLE app.orders (id int, user_id int REFERENCES users ON DELETE SET NULL)")).toEqual([
      { name: "orders_user_id_fkey", definition: { table: "app.orders", columns: ["user_id"], sql: "ALTER TABLE app.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users ON DELETE SET NULL;" } },
    ]);
    const long = `CREATE TABLE ${"t".repeat(40)} (${"c".repeat(30)} int REFERENCES users (id))`;
    // past 63 bytes PostgreSQL shortens the longer part (table 40 -> 29, column 30 -> 28 bytes), never the label
    expect(definedConstraints(long).map((c) => c.name)).toEqual([`${"t".repeat(29)}_${"c".repeat(28)}_fkey`]);
    // a UNIQUE or PRIMARY KEY constraint is an index's business (index-history.ts)
    expect(definedConstraints("ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE (number)")).toEqual([]);
  });
});
