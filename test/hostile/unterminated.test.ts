/**
 * An unterminated quote, dollar quote, quoted identifier or comment: the complete statements before it keep their
 * findings (the file is split with PostgreSQL's scanner up to where it stopped), the syntax error is on the line
 * where the unterminated token starts, and its message does not repeat the rest of the file.
 */
import { expectIsolated } from "./support/isolation.js";

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
