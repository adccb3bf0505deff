/**
 * Runs a review rule's table of cases the way the App and `migguard review` run a change: the case's base
 * and head become a change list, `planReview` decides which files to read, and only those go to `review`
 * (with the whole head tree as application code). Shared by the tests and the docs generator.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveConfig } from "../../config.js";
import type { ReportedFinding } from "../../model.js";
import type { ChangedFile } from "../changes.js";
import { planReview } from "../plan.js";
import { review, type ReviewInput, type ReviewResult } from "../review.js";
import type { ReviewCase, ReviewCases, ReviewRule } from "../review-rule.js";
import { gitBlobId } from "../history/restored-migrations.js";

export interface CaseChange {
  changes: ChangedFile[];
  /** every file at head */
  headTree: Map<string, string>;
}

/** The change a case describes, as GitHub would list it. */
export function caseChange(c: ReviewCase): CaseChange {
  const headTree = new Map(Object.entries(c.base));
  const changes: ChangedFile[] = [];
  for (const [to, from] of Object.entries(c.renames ?? {})) {
    const content = headTree.get(from);
    if (content === undefined) throw new Error(`case "${c.name}": renames ${from}, which is not in base`);
    headTree.delete(from);
    headTree.set(to, content);
    changes.push({ path: to, status: "renamed", previousPath: from });
  }
  for (const [path, content] of Object.entries(c.head)) {
    const renamed = changes.some((ch) => ch.path === path);
    if (content === null) {
      if (!headTree.delete(path)) throw new Error(`case "${c.name}": deletes ${path}, which is not in base`);
      changes.push({ path, status: "removed" });
      continue;
    }
    if (!renamed) changes.push({ path, status: path in c.base ? "modified" : "added" });
    headTree.set(path, content);
  }
  return { changes, headTree };
}

/** Review a case end to end (plan, fetch from the case's trees, review, code search when asked). */
export async function reviewCase(c: ReviewCase): Promise<ReviewResult> {
  const { config, problems } = resolveConfig(c.config ?? {});
  if (problems.length) throw new Error(`case "${c.name}" has an invalid config: ${problems.map((p) => `${p.key}: ${p.message}`).join("; ")}`);
  const { changes, headTree } = caseChange(c);
  const basePaths = Object.keys(c.base).sort();
  const plan = planReview(changes, config, basePaths);
  const read = (tree: ReadonlyMap<string, string>, paths: readonly string[]) =>
    paths.flatMap((path) => (tree.has(path) ? [{ path, content: tree.get(path)! }] : []));
  let input: ReviewInput = {
    changes,
    head: read(headTree, plan.head),
    base: read(new Map(Object.entries(c.base)), plan.base),
    basePaths: plan.baseTree ? basePaths : undefined,
    config,
    contextMigrations: read(headTree, plan.context),
    // as the App does: the manifests (Gemfile, go.mod) the plan names, at head
    repositoryFiles: read(headTree, plan.facts),
    dates: c.dates,
    releases: c.releases,
    // as the edge reads a deletion from history: the blob id of the text before it
    removedOnBase: c.removedOnBase && Object.fromEntries(Object.entries(c.removedOnBase).map(([path, { content, ...deletion }]) => [path, { ...deletion, blob: gitBlobId(content) }])),
  };
  let first = await review(input);
  // as the App does: the project modules the migrations import (a field class, a helper), fetched at head, then again
  if (first.missingProjectModules?.some((path) => headTree.has(path))) {
    input = { ...input, readProjectFile: (path: string) => headTree.get(path) };
    first = await review(input);
  }
  if (!first.codeSearch.needed) return first;
  return review({ ...input, codeFiles: [...headTree].map(([path, content]) => ({ path, content })) });
}

/** Findings of one rule for a case (the rule switched on even when it is opt-in). */
export async function runReviewCase(rule: ReviewRule, c: ReviewCase): Promise<ReportedFinding[]> {
  const rules = { ...((c.config?.rules as Record<string, unknown>) ?? {}) };
  // `true` switches an opt-in rule on and keeps its per-report severities (a note, a warning variant)
  if (!(rule.meta.id in rules)) rules[rule.meta.id] = true;
  const result = await reviewCase({ ...c, config: { ...(c.config ?? {}), rules } });
  const failures = result.errors.filter((e) => e.path === "(review)");
  if (failures.length) throw new Error(`case "${c.name}": ${failures.map((e) => e.message).join("; ")}`);
  return result.findings.filter((f) => f.rule === rule.meta.id);
}

const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "rules");

/** `<rule-id>/<rule-id>.cases.ts`, in the review rule's own folder. */
export async function loadReviewCases(ruleId: string, dir = RULES_DIR): Promise<ReviewCases> {
  const folder = join(dir, ruleId);
  if (!existsSync(folder)) return { valid: [], invalid: [] };
  const file = readdirSync(folder).find((f) => f === `${ruleId}.cases.ts` || f === `${ruleId}.cases.js`);
  if (!file) return { valid: [], invalid: [] };
  return ((await import(join(folder, file))) as { default: ReviewCases }).default;
}
