/**
 * The done-when cases, run against any executor: the PGlite and the real-server test files both call
 * `defineVerifyCases`, so the two back ends are held to the same findings and the same lock table.
 */
import { analyze } from "../../engine/analyze.js";
import type { ReportedFinding, SourceFile } from "../../engine/model.js";
import type { Executor } from "../executor.js";
import { verifyMigrations, type VerifyResult } from "../verify.js";

const DIR = "db/migrations";

/** A golang-migrate folder: `{ "001_users": [up, down] }`. */
export function golangMigrate(migrations: Record<string, [string, string?]>): SourceFile[] {
  return Object.entries(migrations).flatMap(([name, [up, down]]) => [
    { path: `${DIR}/${name}.up.sql`, content: up },
    ...(down === undefined ? [] : [{ path: `${DIR}/${name}.down.sql`, content: down }]),
  ]);
}

export const USERS = `CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text,
  name varchar(50)
);
`;

export async function run(executor: Executor, files: SourceFile[], targets: string[], withStatic = false): Promise<VerifyResult> {
  const findings = withStatic ? (await analyze({ files })).findings : [];
  return verifyMigrations({ files, targets, executor, findings });
}

const rules = (findings: readonly ReportedFinding[]) => findings.map((f) => `${f.rule}@${f.path.slice(f.path.lastIndexOf("/") + 1)}:${f.line}`);

export function defineVerifyCases(executor: () => Executor): void {
  it("names the object a down forgets, and says the up cannot run again", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_notes": [
        "CREATE TYPE mood AS ENUM ('happy', 'sad');\nCREATE TABLE notes (\n  id serial PRIMARY KEY,\n  user_id bigint REFERENCES users (id),\n  mood mood\n);\nCREATE INDEX users_email_idx ON users (email);\n",
        "DROP TABLE notes;\nDROP TYPE mood;\n",
      ],
    });
    const result = await run(executor(), files, [`${DIR}/002_notes.up.sql`]);
    const restore = result.executionFindings.find((f) => f.rule === "down-does-not-restore-schema");
    expect(restore).toMatchObject({ path: `${DIR}/002_notes.down.sql`, line: 1, severity: "error" });
    expect(restore?.message).toContain("index users_email_idx is still there");
    expect(restore?.details).toEqual(["index users_email_idx is still there (the down does not remove it)"]);
    expect(restore?.fix).toContain("DROP INDEX users_email_idx;");
    expect(result.executionFindings.find((f) => f.rule === "up-not-rerunnable")).toMatchObject({ path: `${DIR}/002_notes.up.sql`, line: 7 });
    expect(result.executionFindings.find((f) => f.rule === "up-not-rerunnable")?.message).toContain('relation "users_email_idx" already exists');
  });

  it("names a left-over enum, function and trigger, but not the columns of a table it names", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_audit": [
        [
          "CREATE TYPE level AS ENUM ('low', 'high');",
          "CREATE TABLE audit (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), level level);",
          "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := lower(NEW.name); RETURN NEW; END $$;",
          "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();",
          "",
        ].join("\n"),
        "DROP FUNCTION touch() CASCADE;\n",
      ],
    });
    const result = await run(executor(), files, [`${DIR}/002_audit.up.sql`]);
    const restore = result.executionFindings.find((f) => f.rule === "down-does-not-restore-schema");
    expect(restore?.details).toEqual([
      "enum level is still there (the down does not remove it)",
      "table audit is still there (the down does not remove it)",
    ]);
    expect(restore?.fix).toBe("-- add to the down migration:\nDROP TABLE audit;\nDROP TYPE level;");
  });

  it("reports nothing for a pair whose down undoes every kind of object the up creates", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_everything": [
        [
          "CREATE SCHEMA reporting;",
          "CREATE TYPE status AS ENUM ('new', 'done');",
          "CREATE DOMAIN positive AS integer CHECK (VALUE > 0);",
          "CREATE SEQUENCE invoice_numbers START 1000;",
          "CREATE TABLE orders (",
          "  id serial PRIMARY KEY,",
          "  user_id bigint NOT NULL REFERENCES users (id),",
          "  status status NOT NULL DEFAULT 'new',",
          "  amount positive,",
          "  number integer DEFAULT nextval('invoice_numbers')",
          ");",
          "ALTER TABLE orders ADD CONSTRAINT amount_small CHECK (amount < 1000000) NOT VALID;",
          "CREATE UNIQUE INDEX orders_number_idx ON orders (number);",
          "ALTER TABLE users ADD COLUMN nickname text DEFAULT 'anon';",
          "ALTER TABLE users ALTER COLUMN name TYPE varchar(100);",
          "CREATE VIEW reporting.open_orders AS SELECT id, user_id FROM orders WHERE status = 'new';",
          "CREATE FUNCTION order_total(u bigint) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM orders WHERE user_id = u $$;",
          "CREATE FUNCTION orders_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;",
          "CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION orders_touch();",
          "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;",
          "CREATE POLICY orders_own ON orders USING (user_id > 0);",
          "",
        ].join("\n"),
        [
          "DROP POLICY orders_own ON orders;",
          "DROP TRIGGER orders_touch ON orders;",
          "DROP FUNCTION orders_touch();",
          "DROP FUNCTION order_total(bigint);",
          "DROP VIEW reporting.open_orders;",
          "ALTER TABLE users ALTER COLUMN name TYPE varchar(50);",
          "ALTER TABLE users DROP COLUMN nickname;",
          "DROP TABLE orders;",
          "DROP SEQUENCE invoice_numbers;",
          "DROP DOMAIN positive;",
          "DROP TYPE status;",
          "DROP SCHEMA reporting;",
          "",
        ].join("\n"),
      ],
    });
    const result = await run(executor(), files, [`${DIR}/002_everything.up.sql`]);
    expect(result.executionFindings).toEqual([]);
    expect(result.runs.map((r) => r.outcome)).toEqual(["verified"]);
  });

  it("accepts a down that restores a function in another layout and a view frozen at another instant", async () => {
    const view = "CREATE VIEW recent_users AS SELECT id FROM users WHERE now() > timestamp 'now' - interval '1 day';\n";
    const files = golangMigrate({
      "001_users": [`${USERS}CREATE FUNCTION greeting() RETURNS text LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 'hi'; -- short\nEND\n$$;\n${view}`, "DROP VIEW recent_users;\nDROP FUNCTION greeting();\nDROP TABLE users;\n"],
      "002_greeting": [
        "CREATE OR REPLACE FUNCTION greeting() RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN 'hello'; END $$;\nDROP VIEW recent_users;\n",
        `CREATE OR REPLACE FUNCTION greeting() RETURNS text LANGUAGE plpgsql AS $$\n    BEGIN\n        -- as it was\n        RETURN 'hi';\n    END\n$$;\n${view}`,
      ],
    });
    const result = await run(executor(), files, [`${DIR}/002_greeting.up.sql`]);
    expect(result.executionFindings).toEqual([]);
  });

  it("puts PostgreSQL's error on the line its cursor points at", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_backfill": ["ALTER TABLE users ADD COLUMN age integer;\n\nUPDATE users\n   SET age = 1\n WHERE emial IS NOT NULL;\n", "ALTER TABLE users DROP COLUMN age;\n"],
    });
    const result = await run(executor(), files, [`${DIR}/002_backfill.up.sql`]);
    expect(rules(result.executionFindings)).toEqual(["execute-up-fails@002_backfill.up.sql:5"]);
    expect(result.executionFindings[0].message).toContain('column "emial" does not exist');
    expect(result.executionFindings[0].message).toContain("42703");
  });

  it("says a table made outside the folder is a note, and a misspelt one of the folder an error with a hint", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_platform": ["GRANT SELECT ON auth.sessions TO PUBLIC;\n", "SELECT 1;\n"],
      "003_typo": ["ALTER TABLE uesrs ADD COLUMN age integer;\n", "ALTER TABLE users DROP COLUMN age;\n"],
    });
    const platform = await run(executor(), files, [`${DIR}/002_platform.up.sql`]);
    expect(platform.executionFindings.map((f) => [f.rule, f.severity])).toEqual([["execute-skipped", "info"]]);
    expect(platform.executionFindings[0].message).toContain("no migration of its folder creates");
    const typo = await run(executor(), files.filter((f) => !f.path.includes("002")), [`${DIR}/003_typo.up.sql`]);
    expect(rules(typo.executionFindings)).toEqual(["execute-up-fails@003_typo.up.sql:1"]);
    expect(typo.executionFindings[0].message).toContain('relation "uesrs" does not exist (SQLSTATE 42P01) (did you mean users?)');
  });

  it("fails CREATE INDEX CONCURRENTLY inside golang-migrate's implicit transaction, as in production", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_index": ["CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n", "DROP INDEX CONCURRENTLY users_name_idx;\n"],
      "003_index": ["SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n", "DROP INDEX users_email_idx;\n"],
    });
    const result = await run(executor(), files, [`${DIR}/002_index.up.sql`, `${DIR}/003_index.up.sql`]);
    expect(rules(result.executionFindings)).toEqual(["execute-up-fails@003_index.up.sql:2"]);
    expect(result.executionFindings[0].message).toContain("cannot run inside a transaction block");
    // alone in its file it runs outside a transaction: the lock comes from the documentation, not pg_locks
    expect(result.markdown).toContain("| 1 | `CREATE INDEX CONCURRENTLY users_name_idx ON users (name)` | SHARE UPDATE EXCLUSIVE (documented) | users | no | no | no | end of statement |");
  });

  it("shows the lock table for CREATE INDEX and ALTER TABLE ... SET NOT NULL", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_email": [
        "CREATE INDEX users_email_idx ON users (email);\nALTER TABLE users\n  ALTER COLUMN email SET NOT NULL;\nCREATE TABLE audit (id int);\n",
        "DROP TABLE audit;\nALTER TABLE users ALTER COLUMN email DROP NOT NULL;\nDROP INDEX users_email_idx;\n",
      ],
    });
    const result = await run(executor(), files, [`${DIR}/002_email.up.sql`], true);
    const lines = result.markdown.split("\n");
    // golang-migrate sends the file as one implicit transaction: both locks last until its end
    expect(lines).toContain("| 1 | `CREATE INDEX users_email_idx ON users (email)` | SHARE | users | no | yes | no | end of migration (line 4) |");
    expect(lines).toContain("| 2 | `ALTER TABLE users ALTER COLUMN email SET NOT NULL` | ACCESS EXCLUSIVE | users | yes | yes | no | end of migration (line 4) |");
    // CREATE TABLE audit locks nothing that existed before
    expect(result.markdown).not.toContain("audit");
    expect(result.text).toMatch(/locks taken by db\/migrations\/002_email\.up\.sql:\n {2}Line +Statement/);
    // the static lock findings stay, confirmed by the measurement
    expect(result.findings.find((f) => f.rule === "index-without-concurrently")?.details).toContain("measured: SHARE on users");
    expect(result.findings.find((f) => f.rule === "set-not-null")?.details).toContain("measured: ACCESS EXCLUSIVE on users");
    expect(result.executionFindings).toEqual([]);
  });

  it("lets the measurement overrule a guessed rewrite and add a lock no rule saw", async () => {
    const files = golangMigrate({
      "001_users": [USERS + "CREATE FUNCTION default_status() RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT 'new' $$;\n", "DROP FUNCTION default_status();\nDROP TABLE users;\n"],
      "002_status": [
        "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN status text DEFAULT default_status();\nALTER SEQUENCE users_id_seq AS integer;\n",
        "ALTER SEQUENCE users_id_seq AS bigint;\nALTER TABLE users DROP COLUMN status;\n",
      ],
      // the statement is built when the block runs (a constant EXECUTE string is read as SQL by the static rules)
      "003_rewrite": ["DO $$ BEGIN EXECUTE format('ALTER TABLE %I ALTER COLUMN id TYPE numeric', 'users'); END $$;\n", "ALTER TABLE users ALTER COLUMN id TYPE bigint;\n"],
    });
    const result = await run(executor(), files, [`${DIR}/002_status.up.sql`, `${DIR}/003_rewrite.up.sql`], true);
    // default_status() is unknown to the static rule, so it guessed "volatile": running it shows no rewrite
    expect(result.overruled.map((f) => f.rule)).toContain("volatile-default");
    expect(result.findings.some((f) => f.rule === "volatile-default")).toBe(false);
    // SQL a DO block builds at run time is opaque to the static rules: the rewrite was measured
    // a sequence gets a new storage file from ALTER SEQUENCE ... AS: that copies no rows
    expect(result.findings.filter((f) => f.rule === "measured-table-rewrite").map((f) => f.path)).toEqual([`${DIR}/003_rewrite.up.sql`]);
    const rewrite = result.findings.find((f) => f.rule === "measured-table-rewrite");
    expect(rewrite).toMatchObject({ path: `${DIR}/003_rewrite.up.sql`, line: 1, severity: "error" });
    expect(rewrite?.message).toContain("rewrote users");
  });

  it("measures no rewrite for varchar -> citext, as the static note says (the citext extension's casts are WITHOUT FUNCTION)", async () => {
    const files = golangMigrate({
      "001_users": [`CREATE EXTENSION IF NOT EXISTS citext;\n${USERS}CREATE UNIQUE INDEX users_name_idx ON users (name);\nINSERT INTO users (email, name) VALUES ('a@example.com', 'Ann');\n`, "DROP TABLE users;\n"],
      "002_citext": ["SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN name TYPE citext;\n", "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN name TYPE varchar(50);\n"],
    });
    const result = await run(executor(), files, [`${DIR}/002_citext.up.sql`], true);
    expect(result.runs.map((r) => r.outcome)).not.toContain("skipped");
    expect(result.findings.filter((f) => f.rule === "measured-table-rewrite")).toEqual([]);
    // the static note (no rewrite, the index rebuilt) is what running it shows: the measurement takes its place
    const note = result.overruled.find((f) => f.rule === "column-type-change");
    expect(note).toMatchObject({ path: `${DIR}/002_citext.up.sql`, line: 2, severity: "info" });
    expect(note?.message).toContain("its index users_name_idx on users.name is rebuilt");
  });

  it("says so, without a finding, when an earlier migration needs what the test database lacks", async () => {
    const files = golangMigrate({
      "001_geo": ["CREATE EXTENSION postgis;\nCREATE TABLE places (id int, at geometry);\n", "DROP TABLE places;\n"],
      "002_index": ["CREATE INDEX places_id_idx ON places (id);\n", "DROP INDEX places_id_idx;\n"],
    });
    const result = await run(executor(), files, [`${DIR}/002_index.up.sql`]);
    expect(result.executionFindings.map((f) => [f.rule, f.severity])).toEqual([["execute-skipped", "info"]]);
    expect(result.executionFindings[0].message).toContain("001_geo.up.sql:1");
    expect(result.executionFindings[0].message).toContain("postgis");
    expect(result.runs.map((r) => r.outcome)).toEqual(["skipped"]);
  });

  it("refuses server file access before running anything", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_load": ["DO $$ BEGIN EXECUTE 'COPY users TO PROGRAM ''curl example.com'''; END $$;\n", "SELECT 1;\n"],
    });
    const result = await run(executor(), files, [`${DIR}/002_load.up.sql`]);
    expect(result.executionFindings.map((f) => f.rule)).toEqual(["execute-skipped"]);
    expect(result.executionFindings[0].message).toContain("COPY ... PROGRAM");
  });

  it("runs a dbmate migration's sections in their transactions and verifies several migrations in order", async () => {
    const files: SourceFile[] = [
      { path: "db/migrations/20240101000000_users.sql", content: `-- migrate:up\n${USERS}\n-- migrate:down\nDROP TABLE users;\n` },
      { path: "db/migrations/20240102000000_phone.sql", content: "-- migrate:up\nALTER TABLE users ADD COLUMN phone text;\n\n-- migrate:down\nALTER TABLE users DROP COLUMN phone;\n" },
      { path: "db/migrations/20240103000000_index.sql", content: "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY users_phone_idx ON users (phone);\n\n-- migrate:down\nDROP INDEX users_phone_idx;\n" },
    ];
    const result = await run(executor(), files, files.map((f) => f.path));
    expect(result.executionFindings).toEqual([]);
    expect(result.runs.map((r) => r.outcome)).toEqual(["verified", "verified", "verified"]);
    expect(result.markdown).toContain("| 2 | `ALTER TABLE users ADD COLUMN phone text` | ACCESS EXCLUSIVE | users | yes | yes | no | end of migration (line 2) |");
  });

  it("runs Rails and Django migrations written entirely in SQL, on the lines of the host file", async () => {
    const files: SourceFile[] = [
      { path: "db/migrate/20240101000000_create_users.rb", content: 'class CreateUsers < ActiveRecord::Migration[7.1]\n  def up\n    execute "CREATE TABLE users (id bigserial PRIMARY KEY, email text)"\n  end\n\n  def down\n    execute "DROP TABLE users"\n  end\nend\n' },
      {
        path: "db/migrate/20240102000000_add_index.rb",
        content: 'class AddIndex < ActiveRecord::Migration[7.1]\n  def up\n    execute "CREATE INDEX users_email_idx ON users (email)"\n    execute <<~SQL\n      ALTER TABLE users\n        ALTER COLUMN email SET NOT NULL\n    SQL\n  end\n\n  def down\n    execute "ALTER TABLE users ALTER COLUMN email DROP NOT NULL"\n  end\nend\n',
      },
      { path: "db/migrate/20240103000000_add_name.rb", content: "class AddName < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :name, :string\n  end\nend\n" },
      { path: "app/migrations/0001_initial.py", content: 'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL("CREATE TABLE things (id serial PRIMARY KEY, name text)", reverse_sql="DROP TABLE things"),\n    ]\n' },
      {
        path: "app/migrations/0002_idx.py",
        content: 'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0001_initial")]\n    operations = [\n        migrations.RunSQL("CREATE INDEX things_name_idx ON things (name)", reverse_sql="DROP INDEX things_name_idx"),\n    ]\n',
      },
    ];
    const result = await run(executor(), files, files.map((f) => f.path));
    expect(rules(result.executionFindings)).toEqual(["up-not-rerunnable@20240102000000_add_index.rb:3", "down-does-not-restore-schema@20240102000000_add_index.rb:11"]);
    // Ruby never runs: the add_column migration is not a target at all
    expect(result.runs.map((r) => [r.path, r.outcome])).toEqual([
      ["app/migrations/0001_initial.py", "verified"],
      ["app/migrations/0002_idx.py", "verified"],
      ["db/migrate/20240101000000_create_users.rb", "verified"],
      ["db/migrate/20240102000000_add_index.rb", "failed"],
    ]);
    expect(result.markdown).toContain("| 5 | `ALTER TABLE users ALTER COLUMN email SET NOT NULL` | ACCESS EXCLUSIVE | users | yes | yes | no |");
  });

  it("applies config severities and waivers to what running finds", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_index": ["-- migguard:ignore up-not-rerunnable the down is fixed in 003\nCREATE INDEX users_email_idx ON users (email);\n", "SELECT 1;\n"],
    });
    const result = await verifyMigrations({
      files,
      targets: [`${DIR}/002_index.up.sql`],
      executor: executor(),
      config: (await import("../../engine/config.js")).loadConfig("rules:\n  down-does-not-restore-schema: warning\n").config,
    });
    expect(result.executionFindings.map((f) => [f.rule, f.severity])).toEqual([["down-does-not-restore-schema", "warning"]]);
  });
}
