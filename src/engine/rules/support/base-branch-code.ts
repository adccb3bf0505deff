/**
 * Review: the application's code as the base branch has it, which the servers run until the deploy (and so while the
 * migrations run): the head's code without the files the change adds or edits, with the base versions of those it
 * edits or removes (baseCodeFiles). Undefined outside a review, when the head's code was not read whole, or when a
 * Python or Ruby file the change edits was not read as the base branch has it.
 */
import type { SourceFile } from "../../model.js";
import type { RepositoryView } from "../../repository/repository-view.js";
import type { ChangePlan } from "./change-plan.js";
import type { RuleContext } from "./rule.js";
import { isTestPath } from "../../code/test-paths.js";

/** Application code whose base version the review reads when the change edits it (plan.ts: editedCode). */
const APPLICATION_CODE = /\.(?:py|rb|rake)$/;

const read = new WeakMap<readonly SourceFile[], WeakMap<readonly SourceFile[], SourceFile[]>>();

export function baseBranchCodeOf(change: Pick<ChangePlan, "files" | "baseCodeFiles">, repository: Pick<RepositoryView, "applicationCode" | "applicationCodeComplete">): readonly SourceFile[] | undefined {
  const { files, baseCodeFiles } = change;
  if (!files) return undefined;
  const head = repository.applicationCode();
  if (head.length === 0 || !repository.applicationCodeComplete()) return undefined;
  // a Python or Ruby file the change edits or removes whose base version was not read: what the base branch runs is unknown
  const known = new Set(baseCodeFiles.map((f) => f.path));
  if ([...files.edited].some((path) => APPLICATION_CODE.test(path) && !isTestPath(path) && !/(?:^|\/)(?:migrations|db)\//.test(path) && !known.has(path))) return undefined;
  // one array per change and head code, so readers may key their caches on it
  let byHead = read.get(baseCodeFiles);
  if (!byHead) read.set(baseCodeFiles, (byHead = new WeakMap()));
  let code = byHead.get(head);
  if (!code) byHead.set(head, (code = [...head.filter((f) => !files.added.has(f.path) && !files.edited.has(f.path)), ...baseCodeFiles]));
  return code;
}

/** The base branch's code of the review a rule runs in (baseBranchCodeOf). */
export const baseBranchCode = (ctx: RuleContext): readonly SourceFile[] | undefined => baseBranchCodeOf(ctx.facts.change, ctx.repository);
