/**
 * The repositories the `migguard review` tests rebuild (a base branch, then the pull request's branch) and the
 * findings the CLI gives for them as JSON.
 */
import { run } from "../../../src/cli/main.js";
import { Repo } from "./git-repo.js";

export interface Finding {
  path: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
  fix: string;
}

/** `migguard review --base main --format json` in the repository, as the CLI prints it. */
export async function reviewJson(repo: Repo) {
  const result = await run(["review", "--base", "main", "--format", "json"], { cwd: repo.root });
  return { exitCode: result.exitCode, findings: (JSON.parse(result.output) as { findings: Finding[] }).findings };
}

/** A repository whose main branch holds `files`, checked out on a new branch `feature` (the pull request's). */
export function featureBranchOn(files: Record<string, string>): Repo {
  const repo = new Repo().write(files).commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  return repo;
}

/** The files of a Django app in `dir` (its package and its migrations package) with `files` beside them. */
export const djangoApp = (dir: string, files: Record<string, string>): Record<string, string> => ({
  [`${dir}/__init__.py`]: "",
  [`${dir}/migrations/__init__.py`]: "",
  ...files,
});
