/**
 * The PostgreSQL adapter: layouts split into up/down with the file's own line numbers, per-statement
 * transaction mode, syntax errors on their line without hiding the other statements, complete model output.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { detectFile } from "../../../detect.js";
import { Migration, type Operation } from "../../../model.js";
import { loadPgParser, parseEmbeddedSql, sqlMigration } from "../index.js";

beforeAll(() => loadPgParser());

function migrate(path: string, content: string, down?: { path: string; content: string }): Migration {
  const file = detectFile(path, content, undefined, { explicit: true });
  if (!file) throw new Error(`not detected: ${path}`);
  return sqlMigration({ file, content, downFile: down });
}

const kinds = (ops: Operation[]) => ops.map((op) => `${op.kind}@${op.loc.line}`);

describe("line numbers", () => {
  it("counts UTF-8 bytes, so multi-byte text before a statement does not shift it", () => {
    const m = migrate("db/migrations/001_x.sql", "/* café ✓ 😀 */ SELECT 1;\n-- ünïcödé\n\nALTER TABLE users DROP COLUMN phone;\n");
    expect(kinds(m.up)).toEqual(["raw@1", "drop_column@4"]);
  });

  it("gives a multi-line statement its first and last line", () => {
    const m = migrate("db/migrations/001_x.sql", "\n\nCREATE INDEX i\n  ON t (a)\n  WHERE a > 0;\n\n");
    expect(m.up[0].loc).toEqual({ line: 3, endLine: 5 });
  });
});

describe("syntax errors", () => {
  it("reports the failing statement's line and keeps the others", () => {
    const m = migrate("db/migrations/001_x.sql", "ALTER TABLE a ADD COLUMN b int;\nALTER TABLE a ADD COLUM c int;\nDROP TABLE old_stuff;\n");
    expect(m.syntaxErrors).toEqual([{ line: 2, message: 'syntax error at or near "int"' }]); // PostgreSQL reads COLUM as the column name
    expect(kinds(m.up)).toEqual(["add_column@1", "drop_table@3"]);
  });

  it("accepts PostgreSQL 18 syntax a linter must not call an error", () => {
    const sql = [
      "ALTER TABLE local_image ADD CONSTRAINT image_user_nn NOT NULL local_user_id;",
      "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES b (id) NOT VALID;",
      "ALTER TABLE t VALIDATE CONSTRAINT fk;",
      "CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();",
      "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'ok';",
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.a := 1; RETURN NEW; END $$;",
    ].join("\n");
    const m = migrate("db/migrations/001_x.sql", sql);
    expect(m.syntaxErrors).toEqual([]);
    expect(kinds(m.up)).toEqual(["add_constraint@1", "add_constraint@2", "validate_constraint@3", "create_object@4", "alter_enum@5", "create_object@6"]);
  });
});

describe("layouts", () => {
  it("dbmate: up and down sections, transaction:false", () => {
    const m = migrate("db/migrations/20240101_x.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n\n-- migrate:down\nDROP INDEX i;\n");
    expect(kinds(m.up)).toEqual(["add_index@2"]);
    expect(m.up[0].inTransaction).toBe(false);
    expect(m.down.status === "present" && kinds(m.down.ops)).toEqual(["drop_index@5"]);
  });

  it("dbmate: markers inside strings are not markers", () => {
    const m = migrate("db/migrations/20240101_x.sql", "-- migrate:up\nINSERT INTO notes (body) VALUES ('-- migrate:down');\n-- migrate:down\nDELETE FROM notes;\n");
    expect(kinds(m.up)).toEqual(["dml@2"]);
  });

  it("goose: NO TRANSACTION and StatementBegin/End", () => {
    const m = migrate(
      "db/migrations/00001_x.sql",
      "-- +goose NO TRANSACTION\n-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n-- +goose StatementEnd\n-- +goose Down\nDROP FUNCTION f();\n",
    );
    expect(kinds(m.up)).toEqual(["create_object@4"]);
    expect(m.up[0].inTransaction).toBe(false);
    expect(m.down.status).toBe("present");
  });

  it("sql-migrate: the Down section is the down, each direction in a transaction unless its marker says notransaction", () => {
    // goalert's 20170503144821-remove-email-verified.sql: the Down's ADD COLUMN was read as part of the up
    const wrapped = migrate("migrate/migrations/20170503144821-remove-email-verified.sql", "\n-- +migrate Up\n\nALTER TABLE users DROP COLUMN email_verified;\n\n-- +migrate Down\n\nALTER TABLE users ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT false;\n");
    expect(wrapped.layout).toBe("sql-migrate");
    expect(kinds(wrapped.up)).toEqual(["drop_column@4"]);
    expect(wrapped.up[0].inTransaction).toBe(true);
    expect(wrapped.down.status === "present" && kinds(wrapped.down.ops)).toEqual(["add_column@8"]);
    const outside = migrate(
      "migrate/migrations/20180831132927-alert-logs-index.sql",
      "-- +migrate Up notransaction\n-- +migrate StatementBegin\nDO $$ BEGIN PERFORM 1; END $$;\n-- +migrate StatementEnd\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- +migrate Down\nDROP INDEX i;\n",
    );
    expect(kinds(outside.up)).toEqual(["raw@3", "add_index@5"]);
    expect(outside.up.map((op) => op.inTransaction)).toEqual([false, false]);
    expect(outside.down.status === "present" && outside.down.ops.map((op) => op.inTransaction)).toEqual([true]);
  });

  it("tern: the down is what follows `---- create above / drop below ----`, each direction in a transaction unless it holds `---- tern: disable-tx ----`", () => {
    const wrapped = migrate("db/migrations/002_drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n\n---- create above / drop below ----\n\nALTER TABLE users ADD COLUMN email text;\n");
    expect(wrapped.layout).toBe("tern");
    expect(kinds(wrapped.up)).toEqual(["drop_column@1"]);
    expect(wrapped.up[0].inTransaction).toBe(true);
    expect(wrapped.down.status === "present" && kinds(wrapped.down.ops)).toEqual(["add_column@5"]);
    // the disable-tx line of the up takes the up out of the transaction, not the down
    const outside = migrate("db/migrations/003_idx.sql", "---- tern: disable-tx ----\nCREATE INDEX CONCURRENTLY i ON t (a);\n---- create above / drop below ----\nDROP INDEX i;\n");
    expect(outside.up.map((op) => op.inTransaction)).toEqual([false]);
    expect(outside.down.status === "present" && outside.down.ops.map((op) => op.inTransaction)).toEqual([true]);
    // tern's patterns hold the whole line: words after a statement are a comment
    const trailing = migrate("db/migrations/004_idx.sql", "CREATE INDEX CONCURRENTLY i ON t (a); ---- tern: disable-tx ----\n---- create above / drop below ----\n");
    expect(trailing.up.map((op) => op.inTransaction)).toEqual([true]);
    expect(trailing.down.status).toBe("empty");
  });

  it("Atlas: a transaction per file unless the header says `-- atlas:txmode none`; a comment above a statement is no header; no down files", () => {
    const none = migrate("migrations/20240103000000_idx.sql", "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
    expect(none.layout).toBe("atlas");
    expect(none.up.map((op) => op.inTransaction)).toEqual([false]);
    expect(none.down.status).toBe("unsupported");
    const file = migrate("migrations/20240103000000_idx.sql", "-- atlas:txmode file\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
    expect(file.up.map((op) => op.inTransaction)).toEqual([true]);
    // without the empty line, the comment belongs to the statement: no directive, Atlas's transaction
    const statementComment = migrate("migrations/20240103000000_idx.sql", "-- atlas:txmode none\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
    expect(statementComment.up.map((op) => op.inTransaction)).toEqual([true]);
  });

  it("sql-migrate: an empty Down section is an empty down, and a file with no Down has none", () => {
    const empty = migrate("db/migrations/1-x.sql", "-- +migrate Up\nDROP TABLE t;\n-- +migrate Down\n");
    expect(empty.down.status).toBe("empty");
    const none = migrate("db/migrations/1-x.sql", "-- +migrate Up\nDROP TABLE t;\n");
    expect(none.down).toEqual({ status: "missing", reason: "no `-- +migrate Down` section" });
  });

  it("golang-migrate: one statement runs alone, two run as one implicit transaction", () => {
    const one = migrate("migrations/000001_x.up.sql", "CREATE INDEX CONCURRENTLY i ON t (a);");
    const two = migrate("migrations/000001_x.up.sql", "SET lock_timeout = '1s';\nCREATE INDEX CONCURRENTLY i ON t (a);");
    expect(one.up[0].inTransaction).toBe(false);
    expect(two.up[1].inTransaction).toBe(true);
    expect(one.down).toEqual({ status: "missing", reason: "no 000001_x.down.sql beside the up migration" });
  });

  it("pop/popx: a dialect file runs in popx's transaction, an .autocommit file outside any", () => {
    // ory/hydra: 20241609000001000001_device_flow.postgres.autocommit.up.sql holds CREATE INDEX CONCURRENTLY
    const wrapped = migrate("persistence/sql/migrations/20240101000000000000_x.postgres.up.sql", "CREATE INDEX CONCURRENTLY i ON t (a);");
    const auto = migrate("persistence/sql/migrations/20240101000000000000_x.postgres.autocommit.up.sql", "SET lock_timeout = '1s';\nCREATE INDEX CONCURRENTLY i ON t (a);");
    const generic = migrate("persistence/sql/migrations/20240101000000000000_x.autocommit.up.sql", "CREATE INDEX CONCURRENTLY i ON t (a);");
    expect(wrapped.up[0].inTransaction).toBe(true);
    expect(auto.up.map((op) => op.inTransaction)).toEqual([false, false]);
    expect(generic.up[0].inTransaction).toBe(false);
    expect(auto.syntaxErrors).toEqual([]);
    // pop falls back to the shared down of the version: the missing down names both files it looked for
    expect(auto.down).toEqual({ status: "missing", reason: "no 20240101000000000000_x.postgres.down.sql nor 20240101000000000000_x.down.sql beside the up migration" });
    expect(generic.down).toEqual({ status: "missing", reason: "no 20240101000000000000_x.down.sql beside the up migration" });
  });

  it("golang-migrate: pairs the .down.sql and reports its syntax errors on the down file", () => {
    const m = migrate("migrations/000002_x.up.sql", "ALTER TABLE t ADD COLUMN a int;", { path: "migrations/000002_x.down.sql", content: "ALTER TABLE t DROP COLUM a;" });
    expect(m.syntaxErrors).toEqual([{ line: 1, message: 'syntax error at or near "a"', path: "migrations/000002_x.down.sql" }]);
  });

  it("Flyway: outside a transaction only when every statement needs it", () => {
    const only = migrate("db/migration/V2__idx.sql", "CREATE INDEX CONCURRENTLY i ON t (a);\nDROP INDEX CONCURRENTLY j;");
    const mixed = migrate("db/migration/V3__idx.sql", "ALTER TABLE t ADD COLUMN a int;\nCREATE INDEX CONCURRENTLY i ON t (a);");
    expect(only.up.map((o) => o.inTransaction)).toEqual([false, false]);
    expect(mixed.up.map((o) => o.inTransaction)).toEqual([true, true]);
    expect(only.down.status).toBe("unsupported");
  });

  it("sqitch: explicit BEGIN/COMMIT decide the transaction", () => {
    const m = migrate("deploy/x.sql", "CREATE INDEX CONCURRENTLY i ON t (a);\nBEGIN;\nALTER TABLE t ADD COLUMN b int;\nCOMMIT;\nDROP INDEX CONCURRENTLY k;");
    expect(m.up.map((o) => `${o.kind}:${o.inTransaction}`)).toEqual([
      "add_index:false",
      "transaction_control:false",
      "add_column:true",
      "transaction_control:true",
      "drop_index:false",
    ]);
    expect(m.down.status).toBe("missing");
  });

  it("Liquibase: changesets, runInTransaction and --rollback lines", () => {
    const m = migrate(
      "db/changelog/changes.sql",
      "--liquibase formatted sql\n\n--changeset alice:1 runInTransaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n--rollback DROP INDEX CONCURRENTLY i;\n\n--changeset alice:2\nALTER TABLE t ADD COLUMN b int;\n--rollback ALTER TABLE t\n--rollback   DROP COLUMN b;\n",
    );
    expect(kinds(m.up)).toEqual(["add_index@4", "add_column@8"]);
    expect(m.up.map((o) => o.inTransaction)).toEqual([false, true]);
    expect(m.down.status === "present" && kinds(m.down.ops)).toEqual(["drop_index@5", "drop_column@9"]);
  });

  it("Prisma: no down migrations", () => {
    const m = migrate("prisma/migrations/20240101000000_init/migration.sql", 'CREATE TABLE "User" ("id" SERIAL PRIMARY KEY);');
    expect(m.down.status).toBe("unsupported");
    expect(m.layout).toBe("prisma");
  });
});

describe("runner templating is not a syntax error", () => {
  it("Flyway and Liquibase ${placeholders}", () => {
    const flyway = migrate("db/migration/V5__x.sql", "ALTER TABLE ${flyway:defaultSchema}.users ADD COLUMN a int;\nGRANT SELECT ON users TO ${reader};");
    expect(flyway.syntaxErrors).toEqual([]);
    expect(kinds(flyway.up)).toEqual(["add_column@1", "raw@2"]);
    const liquibase = migrate("db/changelog/x.sql", "--liquibase formatted sql\n--changeset a:1\nCREATE INDEX i ON ${schema}.t (a);\n--rollback DROP INDEX ${schema}.i;\n");
    expect(liquibase.syntaxErrors).toEqual([]);
    expect(kinds(liquibase.up)).toEqual(["add_index@3"]);
  });

  it("goose ENVSUB", () => {
    const m = migrate("db/migrations/00001_x.sql", "-- +goose ENVSUB ON\n-- +goose Up\nCREATE ROLE ${APP_ROLE};\n-- +goose Down\nDROP ROLE ${APP_ROLE};\n");
    expect(m.syntaxErrors).toEqual([]);
  });

  it("psql meta-commands and variables in sqitch scripts", () => {
    const m = migrate("deploy/x.sql", "\\set ON_ERROR_STOP on\nBEGIN;\nCREATE SCHEMA :\"schema\";\nALTER TABLE t ADD COLUMN a int DEFAULT :'default_a';\nSELECT a::text FROM t;\nCOMMIT;\n");
    expect(m.syntaxErrors).toEqual([]);
    expect(kinds(m.up)).toEqual(["transaction_control@2", "create_object@3", "add_column@4", "raw@5", "transaction_control@6"]);
  });
});

describe("embedded SQL", () => {
  it("shifts lines to the host file", () => {
    const { ops, errors } = parseEmbeddedSql("\n  UPDATE users SET a = 1;\n  DELETE FROM t;", { line: 10, inTransaction: true });
    expect(errors).toEqual([]);
    expect(kinds(ops)).toEqual(["dml@11", "dml@12"]);
    expect(ops.every((o) => o.embeddedSql && o.inTransaction)).toBe(true);
  });
});

describe("model output", () => {
  // migrations written for this test, one folder per layout (a layout's own folder names inside)
  const root = join(import.meta.dirname, "fixtures");
  const fixtures = (): Array<{ layout: string; path: string; content: string }> => {
    const out: Array<{ layout: string; path: string; content: string }> = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith(".sql")) {
          const [layout, ...rest] = join(dir, e.name).slice(root.length + 1).split("/");
          out.push({ layout, path: rest.join("/"), content: readFileSync(join(dir, e.name), "utf8") });
        }
      }
    };
    walk(root);
    return out.sort((a, b) => a.path.localeCompare(b.path));
  };

  it("is complete: the full schema parses every fixture migration to itself, downs paired", () => {
    const all = fixtures();
    const byPath = new Map(all.map((f) => [f.path, f]));
    const layouts = new Set<string>();
    let checked = 0;
    for (const { layout, path, content } of all) {
      const file = detectFile(path, content, undefined, { explicit: true });
      if (!file || file.role === "down" || file.role === "verify") continue;
      // diesel's folder per migration (<date>_<name>/up.sql) is a layout of its own: its runner wraps a transaction
      expect([file.layout, path]).toEqual([layout === "plain" ? "plain-sql" : layout, path]);
      layouts.add(file.layout);
      const downPath = path.endsWith(".up.sql") ? path.replace(/\.up\.sql$/, ".down.sql") : path.endsWith("/up.sql") ? path.replace(/up\.sql$/, "down.sql") : undefined;
      const down = downPath ? byPath.get(downPath) : undefined;
      const m = migrate(path, content, down ? { path: down.path, content: down.content } : undefined);
      expect({ path, errors: m.syntaxErrors }).toEqual({ path, errors: [] });
      expect(m.up.length).toBeGreaterThan(0);
      expect(Migration.parse(m)).toEqual(m);
      checked++;
    }
    expect([...layouts].sort()).toEqual(["dbmate", "diesel", "flyway", "golang-migrate", "goose", "liquibase", "plain-sql", "prisma", "sqitch"]);
    expect(checked).toBeGreaterThanOrEqual(15);
  });
});

describe("empty files", () => {
  it("a 0-byte down is an empty down, not a syntax error; a 0-byte up parses to nothing", () => {
    const m = migrate("migrations/000003_x.up.sql", "CREATE TABLE t (id int);\n", { path: "migrations/000003_x.down.sql", content: "" });
    expect(m.syntaxErrors).toEqual([]);
    expect(m.down).toEqual({ status: "empty", path: "migrations/000003_x.down.sql" });
    const empty = migrate("migrations/000004_y.up.sql", "", { path: "migrations/000004_y.down.sql", content: "SELECT 1;\n" });
    expect(empty.syntaxErrors).toEqual([]);
    expect(empty.up).toEqual([]);
  });
});
