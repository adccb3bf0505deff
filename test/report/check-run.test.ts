import { describe, expect, it } from "@jest/globals";
import type { ReportedFinding } from "../../src/engine/model.js";
import { annotationBatches, CHECK_TEXT_LIMIT, checkRunOutput, checkRunTitle, conclusionFor, failedCheckRunOutput, truncateBytes } from "../../src/report/check-run.js";

const finding = (over: Partial<ReportedFinding> = {}): ReportedFinding => ({
  path: "db/migrations/1_a.up.sql",
  line: 3,
  endLine: 3,
  rule: "drop-column",
  category: "data-loss",
  severity: "error",
  message: "Dropping column users.phone deletes its data.",
  fix: "ALTER TABLE users DROP COLUMN phone;",
  statement: "ALTER TABLE users DROP COLUMN phone",
  details: [],
  ...over,
});
const report = (findings: ReportedFinding[], over: Partial<Parameters<typeof checkRunOutput>[0]> = {}) => ({
  findings,
  errors: [],
  reviewedPaths: ["db/migrations/1_a.up.sql"],
  headSha: "0123456789abcdef",
  conclusionOnError: "failure" as const,
  conclusionOnUnanalysed: "failure" as const,
  ...over,
});

describe("check run output", () => {
  it("fails on errors, or is neutral when the config says so", () => {
    expect(conclusionFor(report([finding()]))).toBe("failure");
    expect(conclusionFor(report([finding()], { conclusionOnError: "neutral" }))).toBe("neutral");
    expect(conclusionFor(report([finding({ severity: "warning" })]))).toBe("success");
    expect(conclusionFor(report([]))).toBe("success");
  });

  it("fails when a migration could not be analysed, or is neutral when the config says so; failure wins", () => {
    const binary = { errors: [{ path: "x.sql", message: "binary file" }] };
    expect(conclusionFor(report([], binary))).toBe("failure");
    expect(conclusionFor(report([], { ...binary, conclusionOnUnanalysed: "neutral" }))).toBe("neutral");
    expect(conclusionFor(report([finding()], { ...binary, conclusionOnError: "neutral" }))).toBe("failure");
    expect(conclusionFor(report([finding()], { ...binary, conclusionOnUnanalysed: "neutral" }))).toBe("failure");
    expect(conclusionFor(report([finding()], { ...binary, conclusionOnError: "neutral", conclusionOnUnanalysed: "neutral" }))).toBe("neutral");
  });

  it("counts in the title", () => {
    expect(checkRunTitle(report([finding(), finding({ severity: "warning" }), finding({ severity: "warning" }), finding({ severity: "info" })]))).toBe("1 error, 2 warnings, 1 note in 1 migration");
    expect(checkRunTitle(report([], { reviewedPaths: ["a", "b"] }))).toBe("No problems in 2 migrations");
    expect(checkRunTitle(report([], { reviewedPaths: [] }))).toBe("No migrations changed");
    expect(checkRunTitle(report([], { errors: [{ path: "x", message: "binary" }] }))).toBe("No problems in 1 migration; 1 file skipped");
  });

  it("annotates the exact lines with a level per severity", () => {
    const out = checkRunOutput(report([finding({ line: 4, endLine: 6 }), finding({ severity: "warning", rule: "require-lock-timeout" }), finding({ severity: "info" })]));
    expect(out.annotations.map((a) => [a.start_line, a.end_line, a.annotation_level])).toEqual([
      [4, 6, "failure"],
      [3, 3, "warning"],
      [3, 3, "notice"],
    ]);
    expect(out.annotations[0].title).toBe("drop-column: Dropping a column destroys its data");
    expect(out.annotations[0].raw_details).toBe("Safe alternative:\nALTER TABLE users DROP COLUMN phone;");
  });

  it("keeps the summary under GitHub's 65,535 characters and says what it left out", () => {
    const many = Array.from({ length: 2000 }, (_, i) => finding({ line: i + 1, endLine: i + 1, message: `Problem ${i}: ${"é".repeat(40)}`, fix: "x".repeat(200) }));
    const out = checkRunOutput(report(many));
    expect(Buffer.byteLength(out.summary)).toBeLessThanOrEqual(CHECK_TEXT_LIMIT);
    expect(out.summary).toMatch(/\*\*Note:\*\* \d+ findings and all fixes are not shown here/);
    expect(out.annotations).toHaveLength(2000);
  });

  it("drops fixes before table rows", () => {
    const some = Array.from({ length: 60 }, (_, i) => finding({ line: i + 1, endLine: i + 1, fix: "y".repeat(1500) }));
    const out = checkRunOutput(report(some));
    expect(out.summary.split("\n").filter((l) => l.startsWith("| 🔴"))).toHaveLength(60);
    expect(out.summary).toMatch(/the fixes of \d+ findings are not shown here/);
    expect(Buffer.byteLength(out.summary)).toBeLessThanOrEqual(CHECK_TEXT_LIMIT);
  });

  it("shows the migrations run, with the lock table, after the findings table, and keeps it when findings are cut", () => {
    const execution = "### Migrations run in PGlite (PostgreSQL 18.6)\n\n| Line | Lock |\n| --- | --- |\n| 1 | SHARE |\n";
    const small = checkRunOutput(report([finding()], { execution })).summary;
    expect(small.indexOf("| Severity |")).toBeLessThan(small.indexOf("### Migrations run in"));
    expect(small.indexOf("### Migrations run in")).toBeLessThan(small.indexOf("### How to fix"));
    expect(checkRunOutput(report([], { execution })).summary).toContain("| 1 | SHARE |");
    const many = Array.from({ length: 3000 }, (_, i) => finding({ line: i + 1, message: `${"long message ".repeat(10)}${i}` }));
    const cut = checkRunOutput(report(many, { execution })).summary;
    expect(cut.length).toBeLessThanOrEqual(CHECK_TEXT_LIMIT);
    expect(cut).toContain("| 1 | SHARE |");
    expect(cut).toContain("not shown here");
  });

  it("escapes table cells and fences code that contains backticks", () => {
    const out = checkRunOutput(report([finding({ message: "a | b\nc", fix: "```\nnested\n```" })]));
    expect(out.summary).toContain("| a \\| b c |");
    expect(out.summary).toContain("````sql\n```\nnested\n```\n````");
  });

  it("explains a failed review", () => {
    const out = failedCheckRunOutput("the GitHub API answered 502 to GET /x", "failure", "abcdef1234");
    expect(out).toMatchObject({ conclusion: "failure", title: "Review failed: migrations not checked", annotations: [] });
    expect(out.summary).toContain("**Reason:** the GitHub API answered 502 to GET /x");
  });

  it("batches annotations by 50 and truncates on character boundaries", () => {
    const annotations = checkRunOutput(report(Array.from({ length: 121 }, (_, i) => finding({ line: i + 1, endLine: i + 1 })))).annotations;
    expect(annotationBatches(annotations).map((b) => b.length)).toEqual([50, 50, 21]);
    const cut = truncateBytes("ééééé", 7, "…");
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(7);
    expect(cut).toBe("éé…");
  });
});
