/**
 * The engine's own findings (syntax errors, waivers without a reason) against their case tables, as
 * rules/rules.test.ts holds every rule to its own: these cases are the examples of their docs pages.
 * invalid-config has no table: it is about .github/migguard.yml, not a migration (see the config tests).
 */
import { ENGINE_RULES } from "./engine-rules.js";
import type { Rule } from "./rules/support/rule.js";
import { casePath, loadCases, runCase } from "./testing/case-runner.js";
import { checkFixSyntax, fixLanguageOf, loadFixParsers } from "./testing/fix-syntax.js";

await loadFixParsers();

const tables = await Promise.all(ENGINE_RULES.map(async (meta) => ({ rule: { meta, check: () => undefined } as Rule, cases: await loadCases(meta.id) })));
const withCases = tables.filter((t) => t.rule.meta.id !== "invalid-config");

it("has a case table for every engine finding about a migration", () => {
  expect(withCases.map((t) => [t.rule.meta.id, t.cases.invalid.length > 0 && t.cases.valid.length > 0])).toEqual(withCases.map((t) => [t.rule.meta.id, true]));
});

describe.each(withCases.map((t) => [t.rule.meta.id, t] as const))("%s", (_id, { rule, cases }) => {
  it.each(cases.invalid.map((c) => [`${c.framework}: ${c.name}`, c] as const))("reports %s", async (_name, c) => {
    const findings = await runCase(rule, c);
    expect(findings.map((f) => f.line)).toEqual(c.lines);
    for (const f of findings) {
      expect(f.path).toBe(casePath(c));
      // the fix is code in the language of the file it is shown for (a comment at least), and parses
      const language = fixLanguageOf(f.path);
      if (language) expect({ fix: f.fix, ...checkFixSyntax(language, f.fix) }).toEqual({ fix: f.fix, ok: true });
    }
  });

  it.each(cases.valid.map((c) => [`${c.framework}: ${c.name}`, c] as const))("accepts %s", async (_name, c) => {
    expect(await runCase(rule, c)).toEqual([]);
  });
});
