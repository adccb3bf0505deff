/**
 * An unterminated quote, dollar quote, quoted identifier or comment: the complete statements before it keep their
 * findings (the file is split with PostgreSQL's scanner up to where it stopped), the syntax error is on the line
 * where the unterminated token starts, and its message does not repeat the rest of the file.
 */
import { expectIsolated } from "./support/isolation.js";
import { lintJson, repo } from "./support/repo.js";

const path = "db/migrations/001_unterminated.sql";
const REST = "DROP TABLE b;\n".repeat(200);

describe.each([
  ["a quoted string", "SELECT 'abc;\n", 'unterminated quoted string at or near "\'abc;..."'],
  ["a dollar-quoted string", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n", 'unterminated dollar-quoted string at or near "$$ SELECT 1;..."'],
  ["a quoted identifier", 'SELECT "abc;\n', 'unterminated quoted identifier at or near ""abc;..."'],
  ["a block comment", "/* to be continued\n", 'unterminated /* comment at or near "/* to be continued..."'],
])("%s", (_what, opening, message) => {
  it("keeps the statements before it, reports it on its line, and quotes one line at most", async () => {
    const result = await expectIsolated([{ path, content: `DROP TABLE a;\nALTER TABLE users DROP COLUMN email;\n${opening}${REST}` }]);
    const findings = result.findings.filter((f) => f.path === path && f.rule !== "require-lock-timeout");
    expect(findings.map((f) => [f.line, f.rule])).toEqual([
      [1, "drop-table"],
      [2, "drop-column"],
      [3, "syntax-error"],
    ]);
    expect(findings[2].message).toBe(`Syntax error: ${message}`);
  });
});

it("an unterminated string on the first line is the file's only finding", async () => {
  const result = await expectIsolated([{ path, content: `'abc;\n${REST}` }]);
  expect(result.findings.filter((f) => f.path === path).map((f) => [f.line, f.rule])).toEqual([[1, "syntax-error"]]);
});

it("waivers and dbmate markers before an unterminated comment are still read", async () => {
  const dbmate = "db/migrations/20240101000000_marked.sql";
  const content = "-- migrate:up\n-- migguard:ignore drop-table the table is empty, checked in staging\nDROP TABLE a;\nDROP TABLE c;\n-- migrate:down\nCREATE TABLE c (id int);\n/* never closed\n";
  const result = await expectIsolated([{ path: dbmate, content }]);
  expect(result.findings.filter((f) => f.path === dbmate && (f.rule === "drop-table" || f.rule === "syntax-error")).map((f) => [f.line, f.rule])).toEqual([
    [4, "drop-table"],
    [7, "syntax-error"],
  ]);
});

describe("an unterminated triple-quoted string in Python", () => {
  const django = {
    path: "shop/migrations/0002_unterminated.py",
    content:
      'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("shop", "0001_initial")]\n    operations = [\n' +
      '        migrations.RemoveField(model_name="order", name="legacy"),\n        migrations.DeleteModel(name="Invoice"),\n        migrations.RunSQL("""DROP TABLE x\n    ]\n',
  };
  const alembic = {
    path: "alembic/versions/ab12_unterminated.py",
    content: 'revision = "ab12"\ndown_revision = None\n\nfrom alembic import op\n\n\ndef upgrade():\n    op.drop_table("ledger"); op.drop_column("users", "fax"); op.execute("""UPDATE users SET x = 1\n',
  };

  it.each([
    ["Django", django, [[7, "drop-column"], [8, "drop-table"], [9, "syntax-error"]]],
    ["Alembic", alembic, [[8, "drop-column"], [8, "drop-table"], [8, "syntax-error"]]],
  ])("%s: the operations before it keep their findings, and the string is an error on its line", async (_framework, file, expected) => {
    const result = await expectIsolated([file]);
    const findings = result.findings.filter((f) => f.path === file.path && ["drop-column", "drop-table", "syntax-error"].includes(f.rule));
    expect(findings.map((f) => [f.line, f.rule])).toEqual(expected);
    expect(findings.find((f) => f.rule === "syntax-error")).toMatchObject({ severity: "error", message: expect.stringContaining('the string opened with `"""` is never closed') });
  });

  it("fails the gate: lint exits 1", async () => {
    const report = await lintJson(repo({ [django.path]: django.content, [alembic.path]: alembic.content }));
    expect(report.exitCode).toBe(1);
    expect(new Set(report.findings.filter((f) => f.rule === "syntax-error").map((f) => f.path))).toEqual(new Set([alembic.path, django.path]));
  });
});

it("Ruby: an unterminated heredoc is one syntax error, after the operations before it", async () => {
  const path = "db/migrate/20240101000000_open_heredoc.rb";
  const content = "class OpenHeredoc < ActiveRecord::Migration[7.1]\n  def change\n    drop_table :accounts\n    execute <<~SQL\n      SELECT 1\n  end\nend\n";
  const result = await expectIsolated([{ path, content }]);
  const findings = result.findings.filter((f) => f.path === path && (f.rule === "drop-table" || f.rule === "syntax-error"));
  expect(findings.map((f) => [f.line, f.rule, f.severity])).toEqual([
    [3, "drop-table", "error"],
    [4, "syntax-error", "error"],
  ]);
  expect(findings[1].message).toMatch(/^Syntax error: unterminated heredoc; .*; 3 more syntax errors in this file \(lines 1, 2, 7\) likely follow from it$/);
});
