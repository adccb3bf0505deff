/** Counts the GitHub API requests an Octokit instance sends, for the per-review log line and the bench. */
import type { GitHub } from "./target.js";

const counters = new WeakMap<GitHub, { count: number }>();

export function apiCallCounter(octokit: GitHub): { readonly count: number } {
  let counter = counters.get(octokit);
  if (!counter) {
    const created = { count: 0 };
    octokit.hook.before("request", () => {
      created.count++;
    });
    counters.set(octokit, created);
    counter = created;
  }
  return counter;
}
