/**
 * Rule documentation for `npm run docs` and `migguard explain`: each rule's case tables are run through
 * the engine (model rules), the review engine (history/drift rules) or PGlite (execution rules), and the
 * page shows the cases with the messages and fixes migguard actually prints for them.
 */
import { CATALOGUE, type CatalogueEntry } from "../engine/catalogue.js";
import { REVIEW_RULES } from "../engine/review/rules/index.js";
import { loadReviewCases, runReviewCase } from "../engine/review/testing/review-case-runner.js";
import { casePath, loadCases, runCase } from "../engine/testing/case-runner.js";
import type { Rule } from "../engine/rules/support/rule.js";
import type { Executor } from "../execute/executor.js";
import { PgliteExecutor } from "../execute/pglite/pglite-executor.js";
import { caseFramework, caseTarget, loadExecutionCases, runExecutionCase } from "../execute/testing/execution-case-runner.js";
import { describeSnapshot } from "../report/production-tables.js";
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
    config: c.config,
    production: c.snapshot ? describeSnapshot(c.snapshot) : undefined,
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

/** Execution cases run in PGlite whatever DATABASE_URL says, so the pages do not depend on the machine. */
async function executionExamples(entry: CatalogueEntry, executor: Executor): Promise<RuleExamples> {
  const cases = await loadExecutionCases(entry.meta.id);
  const example = (c: (typeof cases.valid)[number], findings: RuleExample["findings"]): RuleExample => ({
    framework: caseFramework(c),
    name: c.name,
    files: c.files,
    run: caseTarget(c),
    fixLanguage: "sql",
    findings,
  });
  // one at a time: cases share the database
  const invalid: RuleExample[] = [];
  for (const c of cases.invalid) invalid.push(example(c, await runExecutionCase(entry.meta, c, executor)));
  return { invalid, valid: cases.valid.map((c) => example(c, [])) };
}

/**
 * One rule's page. Execution rules' examples run in `executor`; without one, a PGlite is started for this
 * page and stopped after it.
 */
export async function rulePage(entry: CatalogueEntry, executor?: Executor): Promise<string> {
  if (entry.kind === "execution" && !executor) return withPglite((own) => rulePage(entry, own));
  const examples =
    entry.kind === "review" ? await reviewExamples(entry) : entry.kind === "execution" ? await executionExamples(entry, executor!) : await modelExamples(entry);
  return renderRulePage(entry, examples);
}

/** Every page, keyed by file name under docs/rules/; one PGlite (started on the first execution page) for all. */
export async function allRulePages(): Promise<Map<string, string>> {
  return withPglite(async (executor) => {
    const pages = new Map<string, string>([["README.md", renderRuleIndex(CATALOGUE)]]);
    for (const entry of CATALOGUE) pages.set(`${entry.meta.id}.md`, await rulePage(entry, executor));
    return pages;
  });
}

/** A PGlite for `work`, closed afterwards (it starts only when a case opens a session). */
async function withPglite<T>(work: (executor: Executor) => Promise<T>): Promise<T> {
  const executor = new PgliteExecutor();
  try {
    return await work(executor);
  } finally {
    await executor.close();
  }
}
