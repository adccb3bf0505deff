import { analyze } from "../../../analyze.js";
import { resolveConfig } from "../../../config.js";
import type { Migration, SourceFile } from "../../../model.js";

const config = resolveConfig({ database: "mysql" }).config;

async function migrationOf(files: SourceFile[], extra: Partial<Parameters<typeof analyze>[0]> = {}): Promise<Migration> {
  const result = await analyze({ files, config, explicitPaths: new Set(files.map((f) => f.path)), ...extra });
  expect(result.errors).toEqual([]);
  return result.migrations[0];
}

const brief = (m: Migration) =>
  m.up.map((op) => {
    const { loc, kind } = op;
    const o = op as Record<string, unknown>;
    return [loc.line, kind, o.table ?? o.tables ?? o.name ?? "", o.column && typeof o.column === "object" ? (o.column as { name: string }).name : (o.column ?? ""), op.algorithm ?? "", op.lock ?? ""].join(" ").trim();
  });

describe("MySQL SQL -> the shared model", () => {
  test("popx skips a file of comments only: ory/hydra's `--DROP INDEX ...` (no space after --) in one is no MySQL syntax error", async () => {
    const files = [
      { path: "persistence/sql/migrations/20230512112801000001_refresh_requested_at_index.mysql.up.sql", content: "CREATE INDEX i ON t (a);\n" },
      { path: "persistence/sql/migrations/20230512112801000001_refresh_requested_at_index.mysql.down.sql", content: "-- cannot drop because it is used by a foreign key constraint\n--DROP INDEX i ON t;\n" },
    ];
    const m = await migrationOf(files);
    expect(m.syntaxErrors).toEqual([]);
    // the same line in a file with a statement is sent to MySQL, which refuses it
    const sent = await migrationOf([files[0], { ...files[1], content: "--DROP INDEX i ON t;\nDROP INDEX i ON t;\n" }]);
    expect(sent.syntaxErrors.length).toBe(1);
    // hydra's own shape: the up is the shared x.up.sql, so the MySQL down is read alone (an orphan down)
    const orphan = await analyze({ files: [{ ...files[0], path: files[0].path.replace(".mysql.", ".") }, files[1]], config, explicitPaths: new Set() });
    expect(orphan.findings.filter((f) => f.rule === "syntax-error")).toEqual([]);
  });

  test("MySQL 8.0.19's DROP CONSTRAINT / DROP CHECK and a charset introducer (ory/hydra) are no syntax errors", async () => {
    const sql = [
      "ALTER TABLE hydra_oauth2_flow DROP CONSTRAINT hydra_oauth2_flow_chk;",
      "ALTER TABLE hydra_oauth2_flow",
      "  DROP CHECK hydra_oauth2_flow_chk,",
      "  MODIFY COLUMN oidc_context JSON NOT NULL DEFAULT (_utf8mb4'{}');",
    ].join("\n");
    const m = await migrationOf([{ path: "db/migrations/000001_x.up.sql", content: sql }]);
    expect(m.syntaxErrors).toEqual([]);
    expect(brief(m)).toEqual(["1 drop_constraint hydra_oauth2_flow", "2 drop_constraint hydra_oauth2_flow", "2 redefine_column hydra_oauth2_flow oidc_context"]);
    const named = m.up.filter((op) => op.kind === "drop_constraint").map((op) => (op as { name?: string }).name);
    expect(named).toEqual(["hydra_oauth2_flow_chk", "hydra_oauth2_flow_chk"]);
    const modified = m.up.find((op) => op.kind === "redefine_column") as { column: { default?: { expr: string } } };
    expect(modified.column.default?.expr).toBe("(_utf8mb4'{}')");
  });

  test("every DDL form of MySQL's online DDL tables, with ALGORITHM= and LOCK=", async () => {
    const sql = [
      "ALTER TABLE `users` ADD COLUMN `email` varchar(255) NOT NULL DEFAULT '' AFTER `name`, ALGORITHM=INSTANT;",
      "ALTER TABLE users MODIFY COLUMN email varchar(300) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;",
      "ALTER TABLE users CHANGE email mail varchar(300);",
      "ALTER TABLE users RENAME COLUMN mail TO email, RENAME INDEX a TO b;",
      "ALTER TABLE users ADD INDEX idx_email (email), ADD UNIQUE KEY uk (login), ADD FULLTEXT INDEX ft (bio);",
      "ALTER TABLE users DROP INDEX idx_email, DROP COLUMN bio, DROP FOREIGN KEY fk_a, DROP PRIMARY KEY, ADD PRIMARY KEY (id, tenant);",
      "ALTER TABLE users ADD CONSTRAINT fk_org FOREIGN KEY (org_id) REFERENCES orgs (id);",
      "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;",
      "ALTER TABLE users ALTER COLUMN email SET DEFAULT 'x', ENGINE=InnoDB;",
      "CREATE FULLTEXT INDEX ft_title ON posts (title) ALGORITHM=INPLACE LOCK=SHARED;",
      "DROP INDEX ft_title ON posts;",
      "RENAME TABLE a TO b, c TO d;",
      "# a MySQL comment",
      "SET SESSION lock_wait_timeout = 5;",
      "UPDATE votes, comments SET votes.updated_at = comments.created_at WHERE comments.id = votes.comment_id;",
      "DELETE FROM sessions;",
      "TRUNCATE TABLE logs;",
      "LOCK TABLES t WRITE;",
      "CREATE TABLE IF NOT EXISTS `t` (`id` bigint NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;",
      "DROP TABLE IF EXISTS a, b;",
    ].join("\n");
    const m = await migrationOf([{ path: "db/migrations/000001_x.up.sql", content: sql }]);
    expect(m.database).toBe("mysql");
    expect(m.syntaxErrors).toEqual([]);
    expect(brief(m)).toEqual([
      "1 add_column users email instant",
      "2 redefine_column users email inplace none",
      "3 rename_column users email",
      "3 redefine_column users mail",
      "4 rename_column users mail",
      "4 rename_object users",
      "5 add_index users",
      "5 add_index users",
      "5 add_index users",
      "6 drop_index users",
      "6 drop_column users bio",
      "6 drop_constraint users",
      "6 drop_constraint users",
      "6 add_constraint users",
      "7 add_constraint users",
      "8 raw users",
      "9 set_default users email",
      "9 raw users",
      "10 add_index posts  inplace shared",
      "11 drop_index posts",
      "12 rename_table a",
      "12 rename_table c",
      "14 set_setting lock_wait_timeout",
      "15 dml votes",
      "16 dml sessions",
      "17 truncate logs",
      "18 lock_table t",
      "19 create_table t",
      "20 drop_table a,b",
    ]);
    const fulltext = m.up.filter((op) => op.kind === "add_index" && op.method === "fulltext");
    expect(fulltext.map((op) => op.loc.line)).toEqual([5, 10]);
    const convert = m.up.find((op) => op.kind === "raw" && op.loc.line === 8);
    expect(convert).toMatchObject({ statement: "ALTER TABLE CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", rewritesTable: true });
    expect(m.up.find((op) => op.kind === "add_column")).toMatchObject({ column: { type: { name: "varchar", mods: [255] }, notNull: true } });
    expect(m.up.filter((op) => op.kind === "add_constraint").map((op) => op.kind === "add_constraint" && op.constraint)).toEqual(["primary_key", "foreign_key"]);
  });

  test("UPDATE writes only its SET targets; the columns a value reads (a subquery's too) are read, not written", async () => {
    const sql = "UPDATE agents SET last_event_at = (SELECT created_at FROM events WHERE events.agent_id = agents.id ORDER BY id DESC LIMIT 1), events_count = events_count + 1;";
    const m = await migrationOf([{ path: "db/migrations/000001_x.up.sql", content: sql }]);
    expect(m.up[0]).toMatchObject({ kind: "dml", verb: "update", table: "agents", columns: ["last_event_at", "events_count"] });
    expect(m.up[0]).toMatchObject({ sourceColumns: expect.arrayContaining(["created_at", "agent_id", "id", "events_count"]) });
    expect((m.up[0] as { sourceColumns: string[] }).sourceColumns).not.toContain("last_event_at");
  });

  test("DELIMITER and stored programs are one statement each; a syntax error does not hide the next statement", async () => {
    const sql = ["DELIMITER $$", "CREATE PROCEDURE p() BEGIN", "  SELECT 1;", "END$$", "DELIMITER ;", "ALTER TABLE t ADD COLUMN c varchar(;", "ALTER TABLE t DROP COLUMN c;", "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END;"].join("\n");
    const m = await migrationOf([{ path: "db/migrations/000001_x.up.sql", content: sql }]);
    expect(m.syntaxErrors.map((e) => e.line)).toEqual([6]);
    expect(brief(m)).toEqual(["2 create_object p", "7 drop_column t c", "8 create_object tr"]);
  });

  test("Rails execute and Django RunSQL are read with MySQL's grammar; the branch for another database is skipped", async () => {
    const rails = {
      path: "db/migrate/20240101000000_x.rb",
      content: `class X < ActiveRecord::Migration[7.1]
  def up
    case ActiveRecord::Base.connection.adapter_name
    when 'Mysql2'
      execute('UPDATE orders SET orders.state = -100 WHERE orders.state = 0')
    when 'PostgreSQL'
      execute('UPDATE "orders" SET "state" = -100 WHERE "orders"."state" = 0')
    end
    execute "ALTER TABLE \`orders\` MODIFY \`total\` decimal(12,2) NOT NULL"
  end

  def down; end
end
`,
    };
    const m = await migrationOf([rails]);
    expect(m.syntaxErrors).toEqual([]);
    expect(brief(m)).toEqual(["5 dml orders", "9 redefine_column orders total"]);
    const django = {
      path: "shop/migrations/0002_x.py",
      content: 'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL("ALTER TABLE `shop_order` ADD FULLTEXT INDEX ft (note)", reverse_sql="ALTER TABLE `shop_order` DROP INDEX ft"),\n    ]\n',
    };
    const d = await migrationOf([django]);
    expect(d.syntaxErrors).toEqual([]);
    expect(d.up.map((op) => [op.loc.line, op.kind, op.kind === "add_index" && op.method])).toEqual([[5, "add_index", "fulltext"]]);
  });

  test("a waiver in a # comment applies", async () => {
    const m = await migrationOf([{ path: "db/migrations/000001_x.up.sql", content: "# migguard:ignore drop-column copied to archive in #12\nALTER TABLE t DROP COLUMN c;\n" }]);
    expect(m.waivers).toEqual([expect.objectContaining({ line: 1, rules: ["drop-column"], reason: "copied to archive in #12" })]);
  });

  test("ory/pop keeps a file per database: x.postgres.up.sql beside x.mysql.up.sql", async () => {
    const result = await analyze({
      files: [
        { path: "migrations/20200101000000_x.mysql.up.sql", content: "ALTER TABLE t MODIFY c varchar(10);\n" },
        { path: "migrations/20200101000000_x.postgres.up.sql", content: "ALTER TABLE t ALTER COLUMN c TYPE varchar(10);\n" },
      ],
      config: resolveConfig({}).config,
    });
    expect(result.migrations.map((m) => [m.path, m.database, m.syntaxErrors.length])).toEqual([
      ["migrations/20200101000000_x.mysql.up.sql", "mysql", 0],
      ["migrations/20200101000000_x.postgres.up.sql", "postgresql", 0],
    ]);
  });
});
