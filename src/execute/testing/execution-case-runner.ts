/**
 * Runs an execution rule's table of cases the way `migguard lint --execute` runs a migration: the engine
 * analyses the files first (static findings, which the measurements confirm, overrule or complete), then
 * `verifyMigrations` runs the target after the earlier migrations of its folder. Shared by the tests and
 * the docs generator, so the docs' examples are the tests.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze } from "../../engine/analyze.js";
import { resolveConfig } from "../../engine/config.js";
import { detectFile } from "../../engine/detect.js";
import type { Framework, ReportedFinding } from "../../engine/model.js";
import type { RuleMeta } from "../../engine/rules/support/rule.js";
import type { ExecutionCase, ExecutionCases } from "../cases/execution-case.js";
import type { Executor } from "../executor.js";
import { verifyMigrations } from "../verify.js";

const isDown = (path: string) => /\.down\.sql$/.test(path);

/** The migration a case runs: its `target`, else the last file listed that is not a down. */
export function caseTarget(c: ExecutionCase): string {
  const target = c.target ?? Object.keys(c.files).filter((path) => !isDown(path)).at(-1);
  if (target === undefined || !(target in c.files)) throw new Error(`case "${c.name}": no migration to run (target ${target ?? "missing"} is not among its files)`);
  return target;
}

/** The framework of the migration a case runs (for the docs' grouping). */
export function caseFramework(c: ExecutionCase): Framework {
  const target = caseTarget(c);
  const detected = detectFile(target, c.files[target]);
  if (!detected) throw new Error(`case "${c.name}": ${target} is not recognised as a migration`);
  return detected.framework;
}

/** Findings of the execution rule `meta` for one case, run on `executor` (the rule switched on). */
export async function runExecutionCase(meta: RuleMeta, c: ExecutionCase, executor: Executor): Promise<ReportedFinding[]> {
  const { config, problems } = resolveConfig({ rules: { [meta.id]: meta.severity } });
  if (problems.length) throw new Error(`case "${c.name}": ${problems.map((p) => `${p.key}: ${p.message}`).join("; ")}`);
  const files = Object.entries(c.files).map(([path, content]) => ({ path, content }));
  const target = caseTarget(c);
  const analysis = await analyze({ files, config });
  if (analysis.errors.length) throw new Error(`case "${c.name}": ${analysis.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  const result = await verifyMigrations({ files, targets: [target], config, executor, findings: analysis.findings });
  return result.findings.filter((f) => f.rule === meta.id);
}

export const EXECUTION_CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "cases");

/** Rule ids that have a case table (`<rule-id>.cases.ts` in src/execute/cases). */
export function executionCaseTables(dir = EXECUTION_CASES_DIR): string[] {
  return readdirSync(dir)
    .map((file) => /^(.+)\.cases\.(?:ts|js)$/.exec(file)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort();
}

/** An execution rule's table; empty when it has none. */
export async function loadExecutionCases(ruleId: string, dir = EXECUTION_CASES_DIR): Promise<ExecutionCases> {
  const file = readdirSync(dir).find((f) => f === `${ruleId}.cases.ts` || f === `${ruleId}.cases.js`);
  if (!file) return { valid: [], invalid: [] };
  return ((await import(join(dir, file))) as { default: ExecutionCases }).default;
}
