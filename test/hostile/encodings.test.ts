/**
 * Hostile bytes: byte-order marks (kept or dropped as each runner does), UTF-16, NUL bytes, invalid UTF-8 and CRLF
 * line ends. None of them hides a migration, and none changes the report of another file.
 */
import { analyze } from "../../src/engine/analyze.js";
import { expectIsolated, rulesOf } from "./support/isolation.js";
import { lintJson, repo } from "./support/repo.js";

const BOM = "\uFEFF";
const findingsOf = (result: Awaited<ReturnType<typeof analyze>>, path: string) => result.findings.filter((f) => f.path === path).map((f) => [f.line, f.rule]);

describe("a UTF-8 byte-order mark", () => {
  it("Flyway drops it: the first statement is checked, nothing is reported about the BOM", async () => {
    const path = "db/migration/V1__index.sql";
    const result = await expectIsolated([{ path, content: `${BOM}CREATE INDEX users_email ON users (email);\nDROP TABLE sessions;\n` }]);
    expect(findingsOf(result, path)).toEqual(expect.arrayContaining([[1, "index-without-concurrently"], [2, "drop-table"]]));
    expect(rulesOf(result, path)).not.toContain("syntax-error");
  });

  it("Liquibase drops it too", async () => {
    const path = "db/changelog/001.sql";
    const result = await expectIsolated([{ path, content: `${BOM}--liquibase formatted sql\n--changeset ana:1\nDROP TABLE users;\n--rollback SELECT 1;\n` }]);
    expect(findingsOf(result, path)).toEqual(expect.arrayContaining([[3, "drop-table"]]));
    expect(rulesOf(result, path)).not.toContain("syntax-error");
  });

  it("golang-migrate sends it to PostgreSQL: a syntax error saying so on line 1, and the statements are still checked", async () => {
    const up = "db/migrations/000001_index.up.sql";
    const result = await expectIsolated([
      { path: up, content: `${BOM}CREATE INDEX users_email ON users (email);\n` },
      { path: "db/migrations/000001_index.down.sql", content: `${BOM}DROP INDEX users_email;\n` },
    ]);
    const syntax = result.findings.filter((f) => f.rule === "syntax-error");
    expect(syntax.map((f) => [f.path, f.line])).toEqual([
      ["db/migrations/000001_index.down.sql", 1],
      [up, 1],
    ]);
    expect(syntax[0].message).toContain("byte-order mark, which golang-migrate sends to PostgreSQL");
    expect(rulesOf(result, up)).toContain("index-without-concurrently");
  });

  it("Ruby and Python read it as the languages do: the migration is checked", async () => {
    const rails = { path: "db/migrate/20240101000000_bom.rb", content: `${BOM}class Bom < ActiveRecord::Migration[7.1]\n  def change\n    drop_table :users\n  end\nend\n` };
    const django = { path: "shop/migrations/0001_bom.py", content: `${BOM}from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [migrations.RunSQL("DROP TABLE shop_items")]\n` };
    const result = await expectIsolated([rails, django]);
    expect(findingsOf(result, rails.path)).toContainEqual([3, "drop-table"]);
    expect(findingsOf(result, django.path)).toContainEqual([5, "drop-table"]);
  });
});

describe("bytes that are not UTF-8 text", () => {
  it("a UTF-16 migration is reported as not readable, never passed as clean", async () => {
    const root = repo({ "db/migrations/001_utf16.sql": Buffer.from(`\uFEFFDROP TABLE users;\n`, "utf16le"), "db/migrations/002_drop.sql": "DROP TABLE accounts;\n" });
    const report = await lintJson(root);
    expect(report.errors).toEqual([{ path: "db/migrations/001_utf16.sql", message: expect.stringContaining("UTF-16") }]);
    expect(report.findings.some((f) => f.path === "db/migrations/002_drop.sql" && f.rule === "drop-table")).toBe(true);
  });

  it("a NUL byte in a migration is reported, the other files are checked", async () => {
    const path = "db/migrations/001_nul.sql";
    const result = await expectIsolated([{ path, content: "DROP TABLE users;\u0000\n" }]);
    expect(result.errors).toEqual([{ path, message: expect.stringContaining("NUL") }]);
  });

  it("invalid UTF-8 (decoded as U+FFFD) does not stop the statements around it", async () => {
    const root = repo({ ".github/migguard.yml": "rules:\n  dml-without-where: true\n", "db/migrations/001_latin1.sql": Buffer.concat([Buffer.from("UPDATE users SET name = '"), Buffer.from([0xe9, 0xff]), Buffer.from("';\nDROP TABLE sessions;\n")]) });
    const report = await lintJson(root);
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => [f.line, f.rule])).toEqual(expect.arrayContaining([[1, "dml-without-where"], [2, "drop-table"]]));
  });
});

describe("CRLF line ends", () => {
  it.each([
    ["SQL", "db/migrations/001_crlf.sql", "SET lock_timeout = '1s';\r\n\r\nALTER TABLE users DROP COLUMN email;\r\n", 3],
    ["Rails", "db/migrate/20240101000000_crlf.rb", "class Crlf < ActiveRecord::Migration[7.1]\r\n  def change\r\n\r\n    remove_column :users, :email\r\n  end\r\nend\r\n", 4],
    ["Django", "shop/migrations/0001_crlf.py", 'from django.db import migrations\r\n\r\n\r\nclass Migration(migrations.Migration):\r\n    operations = [\r\n        migrations.RemoveField("user", "email"),\r\n    ]\r\n', 6],
  ])("%s: findings on the right lines", async (_name, path, content, line) => {
    const result = await expectIsolated([{ path, content }]);
    expect(result.findings.filter((f) => f.path === path && f.rule === "drop-column").map((f) => f.line)).toEqual([line]);
  });
});
