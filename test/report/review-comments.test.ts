import { describe, expect, it } from "@jest/globals";
import type { ReportedFinding } from "../../src/engine/model.js";
import { fingerprintFindings, oneLineReplacement, parseCommentMarkers, resolvedCommentBody, reviewCommentBody, reviewCommentDrafts } from "../../src/report/review-comments.js";

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
    expect(parseCommentMarkers(body)).toEqual({ fingerprint: "abc123", resolvedIn: undefined });
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
    expect(parseCommentMarkers(body).fingerprint).toBe("feedbeef");
  });

  it("say which commit resolved them and disarm the old suggestion", () => {
    const body = reviewCommentBody(index(), "abc123", { sourceLine: "CREATE INDEX idx ON users (email);" });
    const resolved = resolvedCommentBody(body, "abc123", "feedfacefeedfacefeedfacefeedfacefeedface");
    expect(resolved).toMatch(/^✅ \*\*Resolved\*\* in feedfac: /);
    expect(resolved).not.toContain("```suggestion");
    expect(resolved).toContain("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON users (email);");
    expect(parseCommentMarkers(resolved)).toEqual({ fingerprint: "abc123", resolvedIn: "feedfacefeedfacefeedfacefeedfacefeedface" });
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
    const drafts = reviewCommentDrafts([index({ line: 2, endLine: 3, statement: "a" }), index({ line: 3, endLine: 10, statement: "b" })], positions);
    expect(drafts.map((d) => [d.startLine, d.line])).toEqual([
      [2, 3],
      [undefined, 3],
    ]);
  });
});
