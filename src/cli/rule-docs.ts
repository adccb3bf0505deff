/**
 * Rule documentation for `npm run docs` and `migguard explain`: each rule's case tables are run through
 * the engine (model rules) or the review engine (history/drift rules), and the page shows the cases with
 * the messages and fixes migguard actually prints for them.
 */
import { CATALOGUE, type CatalogueEntry } from "../engine/catalogue.js";
import { REVIEW_RULES } from "../engine/review/rules/index.js";
import { loadReviewCases, runReviewCase } from "../engine/review/testing/review-case-runner.js";
import { casePath, loadCases, runCase } from "../engine/testing/case-runner.js";
import type { Rule } from "../engine/rules/rule.js";
import { renderRuleIndex, renderRulePage, type RuleExample, type RuleExamples } from "../report/rule-page.js";

async function modelExamples(entry: CatalogueEntry): Promise<RuleExamples> {
  const cases = await loadCases(entry.meta.id);
  const rule: Rule = { meta: entry.meta, check: () => undefined };
  const run = async (c: (typeof cases.valid)[number], reported: boolean): Promise<RuleExample> => ({
    framework: c.framework,
    name: c.name,
    path: casePath(c),
    code: c.code,
    files: c.files ?? {},
    findings: reported ? await runCase(rule, c) : [],
  });
  return {
    invalid: await Promise.all(cases.invalid.map((c) => run(c, true))),
    valid: await Promise.all(cases.valid.map((c) => run(c, false))),
  };
}

async function reviewExamples(entry: CatalogueEntry): Promise<RuleExamples> {
  const rule = REVIEW_RULES.find((r) => r.meta.id === entry.meta.id)!;
  const cases = await loadReviewCases(entry.meta.id);
  const run = async (c: (typeof cases.valid)[number], reported: boolean): Promise<RuleExample> => {
    const change: Record<string, string | null> = { ...c.head };
    for (const [to, from] of Object.entries(c.renames ?? {})) if (!(to in change)) change[to] = `(renamed from ${from})`;
    return { name: c.name, files: c.base, change, findings: reported ? await runReviewCase(rule, c) : [] };
  };
  return {
    invalid: await Promise.all(cases.invalid.map((c) => run(c, true))),
    valid: await Promise.all(cases.valid.map((c) => run(c, false))),
  };
}

export async function rulePage(entry: CatalogueEntry): Promise<string> {
  const examples = entry.kind === "review" ? await reviewExamples(entry) : entry.kind === "execution" ? { invalid: [], valid: [] } : await modelExamples(entry);
  return renderRulePage(entry, examples);
}

/** Every page, keyed by file name under docs/rules/. */
export async function allRulePages(): Promise<Map<string, string>> {
  const pages = new Map<string, string>([["README.md", renderRuleIndex(CATALOGUE)]]);
  for (const entry of CATALOGUE) pages.set(`${entry.meta.id}.md`, await rulePage(entry));
  return pages;
}
