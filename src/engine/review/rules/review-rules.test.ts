/**
 * Every review rule against its table of cases: a base branch, a change, and exactly where the rule must
 * report (valid cases: nowhere). The tables are also the rule docs' examples.
 */
import { loadReviewCases, runReviewCase } from "../testing/review-case-runner.js";
import { REVIEW_RULES } from "./index.js";
import { placeholderArgument } from "../../testing/placeholder-arguments.js";

const tables = await Promise.all(REVIEW_RULES.map(async (rule) => ({ rule, cases: await loadReviewCases(rule.meta.id) })));

describe.each(tables.map((t) => [t.rule.meta.id, t] as const))("%s", (_id, { rule, cases }) => {
  it("has at least one invalid and one valid case", () => {
    expect(cases.invalid.length).toBeGreaterThan(0);
    expect(cases.valid.length).toBeGreaterThan(0);
  });

  it("has meta that explains the hazard", () => {
    expect(rule.meta.id).toMatch(/^[a-z][a-z0-9-]+$/);
    expect(rule.meta.why.length).toBeGreaterThan(40);
  });

  if (cases.invalid.length)
    it.each(cases.invalid.map((c) => [c.name, c] as const))("reports %s", async (_name, c) => {
      const findings = await runReviewCase(rule, c);
      expect(findings.map((f) => ({ path: f.path, line: f.line, ...(c.findings.some((e) => e.severity) ? { severity: f.severity } : {}) }))).toEqual(
        c.findings.map((e) => ({ path: e.path, line: e.line, ...(c.findings.some((x) => x.severity) ? { severity: e.severity ?? rule.meta.severity } : {}) })),
      );
      c.findings.forEach((e, i) => {
        if (e.message) expect(findings[i].message).toContain(e.message);
      });
      for (const f of findings) {
        expect(f.message.length).toBeGreaterThan(20);
        expect(f.fix.trim().length).toBeGreaterThan(5);
        // the migration's own arguments, never `(...)` standing for them
        expect({ fix: f.fix, placeholder: placeholderArgument(f.fix) }).toEqual({ fix: f.fix, placeholder: undefined });
      }
    });

  if (cases.valid.length)
    it.each(cases.valid.map((c) => [c.name, c] as const))("accepts %s", async (_name, c) => {
      // notes (severity info, e.g. "safe to drop now") are allowed; errors and warnings are not
      expect((await runReviewCase(rule, c)).filter((f) => f.severity !== "info")).toEqual([]);
    });
});
