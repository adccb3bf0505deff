import { describe, expect, it } from "@jest/globals";
import type { ReportedFinding } from "../../src/engine/model.js";
import { fingerprintFindings, lineCommentBody, oneLineReplacement, parseCommentMarkers, resolvedCommentBody, reviewCommentBody, reviewCommentDrafts } from "../../src/report/review-comments.js";

const PATH = "db/migrations/1_idx.up.sql";
const index = (over: Partial<ReportedFinding> = {}): ReportedFinding => ({
  path: PATH,
  line: 2,
  endLine: 2,
  rule: "index-without-concurrently",
  category: "blocking-lock",
  severity: "error",
  message: "Creating index idx without CONCURRENTLY blocks writes to users while it builds.",
  fix: "-- outside a transaction:\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON users (email);",
  statement: "CREATE INDEX idx ON users (email)",
  details: [],
  ...over,
});

describe("fingerprints", () => {
  it("ignore whitespace, case, the terminator and the line", () => {
    const [a] = fingerprintFindings([index()]);
    const [b] = fingerprintFindings([index({ line: 40, endLine: 40, statement: "create   index idx\n ON users (email);" })]);
    expect(a).toBe(b);
  });

  it("differ by rule, path and statement, and number repeats", () => {
    const [a, b, c, d, e] = fingerprintFindings([
      index(),
      index({ rule: "require-lock-timeout" }),
      index({ path: "other.up.sql" }),
      index({ statement: "CREATE INDEX idx2 ON users (name)" }),
      index({ line: 9, endLine: 9 }),
    ]);
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect(e).toBe(`${a}-2`);
  });

  it("use the message when there is no statement", () => {
    const [a, b] = fingerprintFindings([index({ statement: "", message: "no down" }), index({ statement: "", message: "other" })]);
    expect(a).not.toBe(b);
  });
});

describe("suggestions", () => {
  it("offer a one-line rewrite of a statement alone on its line, keeping the indentation", () => {
    expect(oneLineReplacement(index(), "    CREATE INDEX idx ON users (email);")).toBe("    CREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON users (email);");
  });

  it("are not offered for something to add, several lines of code, shared lines or multi-line findings", () => {
    const lock = index({ rule: "require-lock-timeout", fix: "SET lock_timeout = '5s';  -- first statement" });
    expect(oneLineReplacement(lock, "CREATE INDEX idx ON users (email);")).toBeUndefined();
    expect(oneLineReplacement(index({ fix: "CREATE INDEX CONCURRENTLY idx ON users (email);\nANALYZE users;" }), "CREATE INDEX idx ON users (email);")).toBeUndefined();
    expect(oneLineReplacement(index(), "CREATE INDEX idx ON users (email); SELECT 1;")).toBeUndefined();
    expect(oneLineReplacement(index({ endLine: 3 }), "CREATE INDEX idx ON users (email);")).toBeUndefined();
    expect(oneLineReplacement(index(), undefined)).toBeUndefined();
  });

  it("work for Ruby calls", () => {
    const rails = index({ path: "db/migrate/1_add_index.rb", statement: "add_index :users, :email", fix: "# with disable_ddl_transaction!\nadd_index :users, :email, algorithm: :concurrently" });
    expect(oneLineReplacement(rails, "    add_index :users, :email")).toBe("    add_index :users, :email, algorithm: :concurrently");
  });
});

describe("comment bodies", () => {
  it("carry the explanation, the fix and a hidden fingerprint", () => {
    const body = reviewCommentBody(index(), "abc123", { sourceLine: "CREATE INDEX idx ON users (email);" });
    expect(body).toContain("**migguard · `index-without-concurrently`** (error)");
    expect(body).toContain("```suggestion\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON users (email);\n```");
    expect(body).toContain("```sql\n-- outside a transaction:\n```");
    expect(body).toContain("](https://github.com/migguard/migguard/blob/main/docs/rules/index-without-concurrently.md)");
    expect(body).toContain("`-- migguard:ignore index-without-concurrently <why this is safe here>`");
    expect(parseCommentMarkers(body)).toEqual({ fingerprints: ["abc123"], resolvedIn: undefined });
  });

  it("show the fix as code when there is no one-line rewrite", () => {
    const body = reviewCommentBody(index({ fix: "-- step 1\nA;\n-- step 2\nB;" }), "f1", { sourceLine: "CREATE INDEX idx ON users (email);" });
    expect(body).not.toContain("```suggestion");
    expect(body).toContain("**Safe alternative:**\n\n```sql\n-- step 1\nA;\n-- step 2\nB;\n```");
  });

  it("stay under GitHub's body limit and keep the fingerprint", () => {
    const body = reviewCommentBody(index({ message: "m".repeat(50_000), fix: `-- ${"x".repeat(100_000)}` }), "feedbeef");
    expect(Buffer.byteLength(body)).toBeLessThan(65_536);
    expect(body).toContain("…(truncated: the full fix is in the check run)\n```");
    expect(parseCommentMarkers(body).fingerprints).toEqual(["feedbeef"]);
  });

  it("say which commit resolved them and disarm the old suggestion", () => {
    const body = reviewCommentBody(index(), "abc123", { sourceLine: "CREATE INDEX idx ON users (email);" });
    const resolved = resolvedCommentBody(body, ["abc123"], "feedfacefeedfacefeedfacefeedfacefeedface");
    expect(resolved).toMatch(/^✅ \*\*Resolved\*\* in feedfac: /);
    expect(resolved).not.toContain("```suggestion");
    expect(resolved).toContain("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON users (email);");
    expect(parseCommentMarkers(resolved)).toEqual({ fingerprints: ["abc123"], resolvedIn: "feedfacefeedfacefeedfacefeedfacefeedface" });
    expect(resolved.match(/migguard:fp=/g)).toHaveLength(1);
  });
});

describe("drafts", () => {
  const positions = new Map([[PATH, new Map([[1, 0], [2, 0], [3, 0], [10, 1], [11, 1]])]]);
  it("only for findings on diff lines, of severity error or warning", () => {
    const drafts = reviewCommentDrafts(
      [index(), index({ line: 5, endLine: 5, statement: "x" }), index({ severity: "info", statement: "y" }), index({ path: "not-in-diff.sql" })],
      positions,
    );
    expect(drafts.map((d) => [d.path, d.line])).toEqual([[PATH, 2]]);
  });

  it("span the statement when it stays in one hunk, else anchor on its first line", () => {
    const drafts = reviewCommentDrafts([index({ line: 2, endLine: 3, statement: "a" }), index({ line: 10, endLine: 12, statement: "b" })], positions);
    expect(drafts.map((d) => [d.startLine, d.line])).toEqual([
      [2, 3],
      [undefined, 10],
    ]);
  });

  it("one comment per line: the findings GitHub shows on one line share a comment that lists each, with every fingerprint", () => {
    const findings = [
      index({ severity: "warning", rule: "require-lock-timeout", statement: "CREATE INDEX idx ON users (email)", fix: "SET lock_timeout = '1s';" }),
      index(),
      index({ rule: "drop-column", message: "Dropping a column", fix: "-- two steps\nALTER TABLE users DROP COLUMN x;\nSELECT 1;" }),
      index({ line: 2, endLine: 3, rule: "volatile-default", statement: "spans two lines" }),
      index({ line: 10, endLine: 10, statement: "elsewhere" }),
    ];
    const sources = new Map([[PATH, "-- head\nCREATE INDEX idx ON users (email);\nmore\n"]]);
    const drafts = reviewCommentDrafts(findings, positions, { sources });
    const fingerprints = fingerprintFindings(findings);
    expect(drafts.map((d) => [d.startLine, d.line, d.fingerprints])).toEqual([
      [undefined, 2, fingerprints.slice(0, 3)],
      [2, 3, [fingerprints[3]]],
      [undefined, 10, [fingerprints[4]]],
    ]);
    const [line2] = drafts;
    expect(line2.body).toMatch(/^\*\*migguard: 3 findings on this line\*\*/);
    // the most severe first, each with its fix; the one one-line rewrite stays a suggestion
    expect(line2.body.indexOf("`index-without-concurrently`")).toBeLessThan(line2.body.indexOf("`require-lock-timeout`"));
    expect(line2.body).toContain("```suggestion\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON users (email);\n```");
    expect(line2.body).toContain("```sql\nSET lock_timeout = '1s';\n```");
    expect(line2.body).toContain("```sql\n-- two steps\nALTER TABLE users DROP COLUMN x;\nSELECT 1;\n```");
    expect(parseCommentMarkers(line2.body).fingerprints).toEqual(fingerprints.slice(0, 3));
  });

  it("offers no suggestion when two findings of a line would rewrite it differently", () => {
    const other = index({ rule: "volatile-default", fix: "CREATE INDEX idx2 ON users (email);" });
    const body = lineCommentBody(
      [index(), other].map((finding, i) => ({ finding, fingerprint: `f${i}` })),
      { sourceLine: "CREATE INDEX idx ON users (email);" },
    );
    expect(body).not.toContain("```suggestion");
    expect(body).toContain("```sql\nCREATE INDEX idx2 ON users (email);\n```");
  });

  it("keep a line with very many long findings under GitHub's body limit, naming the ones not shown", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      finding: index({ rule: `rule-${i}`, message: "m".repeat(50_000), fix: `-- ${"x".repeat(100_000)}`, details: Array.from({ length: 30 }, () => "d".repeat(900)) }),
      fingerprint: `f${i}`,
    }));
    const body = lineCommentBody(many);
    expect(Buffer.byteLength(body)).toBeLessThan(65_536);
    expect(body).toContain("And 32 more (the **migguard** check lists each with its fix):");
    expect(parseCommentMarkers(body).fingerprints).toHaveLength(40);
  });
});
