/**
 * Lint's git fact for engine/production/pre-release.ts: the migrations that reached the branch before anything
 * was released, i.e. within PRE_RELEASE_DAYS of the repository's first commit (the root of its first-parent
 * history), with no version tag in the history before the commit that added them. A schema that young and untagged has no
 * deployed code that uses its names and no production rows or traffic yet: the week's renames and drops of tables
 * it created are the schema being written, not changed under a running release.
 * Only migrations git says a first-parent commit added count (shipped-with.ts: not a root commit's, which is an
 * import of a history kept elsewhere, nor a move's), and not a batch (a commit that added more than BATCH_MIGRATIONS:
 * a port of an application that may have run elsewhere). A version tag (`v0.1.0`, `release-1.2`: review/releases.ts's
 * isVersionTag, what users install and production runs) ends the window; a build's number (`release_2`, which
 * GOV.UK's pipeline puts on every merge from the first day, link-checker-api's included) says no version was released.
 * A project that tagged its first version within EARLY_TAG_DAYS of its first commit (engine/production/pre-release.ts
 * says why that many) keeps the window open until that tag: its first weeks' schema was still being written.
 * Nothing when git cannot say; never fails lint.
 */
import { gitOutput } from "./git-output.js";
import { BATCH_MIGRATIONS } from "../engine/production/dated-batch.js";
import { EARLY_TAG_DAYS, PRE_RELEASE_DAYS } from "../engine/production/pre-release.js";
import type { PreRelease } from "../engine/production/shipped-together.js";
import { isVersionTag } from "../engine/repository/version-tag.js";
import type { MigrationCommits } from "./shipped-with.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** first-parent commits asked about their tags at most (one `git for-each-ref` each) */
const MAX_TAG_QUESTIONS = 50;

/** The migrations (paths as lint shows them) added before the first release, within the repository's first weeks. */
export function preReleaseMigrations(commits: MigrationCommits): Map<string, PreRelease> {
  try {
    return fromGit(commits);
  } catch {
    return new Map(); // a fact lint can do without
  }
}

function fromGit({ shippedWith, addedAt, top }: MigrationCommits): Map<string, PreRelease> {
  const out = new Map<string, PreRelease>();
  if (!top || addedAt.size === 0) return out;
  // the oldest known addition bounds the root's date from above: nothing within the window of it, no root to ask
  const oldest = Math.min(...addedAt.values());
  if (![...addedAt.values()].some((at) => at - oldest <= PRE_RELEASE_DAYS * DAY_MS)) return out;
  const rootLine = gitOutput(top, ["log", "--first-parent", "--max-parents=0", "--format=%H %ct", "HEAD"])?.trim().split("\n").pop();
  const [rootCommit, rootTime] = rootLine?.split(" ") ?? [];
  const rootAt = Number(rootTime) * 1000;
  if (!rootCommit || !Number.isFinite(rootAt)) return out;
  const count = new Map<string, number>();
  for (const commit of shippedWith.values()) count.set(commit, (count.get(commit) ?? 0) + 1);
  const late = [...addedAt.values()].some((at) => at - rootAt > PRE_RELEASE_DAYS * DAY_MS && at - rootAt <= EARLY_TAG_DAYS * DAY_MS);
  const firstTag = late ? earlyVersionTag(top, rootAt) : undefined;
  const days = firstTag ? EARLY_TAG_DAYS : PRE_RELEASE_DAYS;
  // the window's commits, oldest first: once a tag precedes one, it precedes every later one of the first-parent line
  const window = [...new Set([...shippedWith].filter(([path]) => (addedAt.get(path) ?? Infinity) - rootAt <= days * DAY_MS).map(([, commit]) => commit))]
    .filter((commit) => (count.get(commit) ?? 0) <= BATCH_MIGRATIONS)
    .map((commit) => ({ commit, at: Math.min(...[...shippedWith].filter(([, c]) => c === commit).map(([path]) => addedAt.get(path)!)) }))
    .sort((a, b) => a.at - b.at)
    .slice(0, MAX_TAG_QUESTIONS);
  const untagged = new Set<string>();
  for (const { commit } of window) {
    // a version tag in the history the commit was added to (its first parent's): something was released before it
    const tags = gitOutput(top, ["for-each-ref", "--format=%(refname:short)", `--merged=${commit}^1`, "refs/tags"]);
    if (tags === undefined || tags.split("\n").some(isVersionTag)) break;
    untagged.add(commit);
  }
  for (const [path, commit] of shippedWith) {
    if (!untagged.has(commit)) continue;
    const at = addedAt.get(path)!;
    out.set(path, { rootCommit, rootAt, addedAt: at, ...(firstTag && at - rootAt > PRE_RELEASE_DAYS * DAY_MS ? { firstTag } : {}) });
  }
  return out;
}

/**
 * The first version tag, when one is in the history of the first-parent line's last commit within EARLY_TAG_DAYS of
 * the root (two git calls); undefined when the project tagged later, or not at all.
 */
function earlyVersionTag(top: string, rootAt: number): { name: string; at: number } | undefined {
  const until = Math.floor((rootAt + EARLY_TAG_DAYS * DAY_MS) / 1000);
  const last = gitOutput(top, ["rev-list", "--first-parent", "-1", `--before=${until}`, "HEAD"])?.trim();
  if (!last) return undefined;
  const tags = gitOutput(top, ["for-each-ref", "--sort=creatordate", "--format=%(creatordate:unix) %(refname:short)", `--merged=${last}`, "refs/tags"]);
  for (const line of tags?.split("\n") ?? []) {
    const space = line.indexOf(" ");
    const name = line.slice(space + 1);
    if (space > 0 && isVersionTag(name)) return { name, at: Number(line.slice(0, space)) * 1000 };
  }
  return undefined;
}
