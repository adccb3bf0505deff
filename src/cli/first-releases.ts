/**
 * Lint's git fact for engine/production/pre-release.ts's first releases: which version tag first shipped a migration
 * together with the one that created its table. A project that releases by version tags (review/releases.ts: users
 * install and production runs tagged code) had, before that tag, no release with the table at all: the migration
 * that changes it adds nothing to a released database's rows (caluma's 0026 dropped a column of the table 0025
 * created a week before; both first shipped in v3.0.0a1). Only after the project's first version tag: before it, the
 * tags say nothing of what ran (pre-release.ts).
 * A tag holds a migration as review's release tags read it (tag-shipping.ts, shared with release-tags.ts): it contains
 * the commit that added it, or, off the checked-out branch (a release branch, whichever branch it is on), its tree
 * holds a copy of the file (a cherry-pick: the file as added or as it is now), so a release branch's tag that holds
 * the table's migration without the later one is a release with the table. Read in a fixed number of git calls
 * whatever the number of migrations and tags: the tags in one for-each-ref, one walk of the history they reach, where
 * each commit learns from its parents which of the migrations' adding commits (shipped-with.ts) it contains, and one
 * cat-file for the copies; never one `git tag --contains` per migration. Only the
 * commits git says added a migration count: at its path (shipped-with.ts), or, for a file moved since (caluma moved
 * its apps' folders after v4), the oldest first-parent commit that added a file of its name anywhere (one more `git
 * log`, only when some were moved; a name two linted migrations share says nothing); a root commit's are unknown.
 * Nothing when the version tags name several products' releases (a monorepo's package tags), there are more of them
 * or of the adding commits than is bounded, or git cannot say; never fails lint.
 */
import { gitIn, gitOutput, type GitRun } from "./git-output.js";
import type { FirstReleases } from "../engine/production/shipped-together.js";
import { isVersionTag, oneReleaseLine } from "../engine/repository/version-tag.js";
import type { MigrationCommits } from "./shipped-with.js";
import { containedTargets, copiesInTags, listTags, type CopyOf, type TaggedCommit } from "./tag-shipping.js";

/** version tags read at most: more, and the question is not asked (a walk from each is one `git rev-list`) */
const MAX_VERSION_TAGS = 1000;
/** distinct adding commits asked about at most: each commit of the walk that joins sets holds a bit per one */
const MAX_ADDING_COMMITS = 4000;
/** git's questions here are facts lint can do without: one that takes longer is given up */
const GIT_TIMEOUT_MS = 20_000;

export const noFirstReleases: FirstReleases = { together: () => undefined };

/** The version tags and the migrations' adding commits they contain, as one question: which tag first shipped both. */
export function firstReleases(commits: MigrationCommits, paths: readonly string[]): FirstReleases {
  try {
    return fromGit(commits, paths) ?? noFirstReleases;
  } catch {
    return noFirstReleases; // a fact lint can do without
  }
}

const baseName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);
/** a name a glob pathspec matches as it is */
const PLAIN_NAME = /^[^*?[\]\\:]+$/;
/** moved migrations whose first addition is looked for at most (one pathspec each) */
const MAX_MOVED = 2000;

/**
 * The linted migrations git knows no adding commit of at their path (moved there), to the oldest first-parent commit
 * that added a file of their name anywhere, in one `git log` (renames off: a move is an addition there).
 */
function firstAdditionsOfMoved(top: string, paths: readonly string[], shippedWith: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const names = new Map<string, number>();
  for (const path of paths) names.set(baseName(path), (names.get(baseName(path)) ?? 0) + 1);
  const moved = paths.filter((p) => !shippedWith.has(p) && names.get(baseName(p)) === 1 && PLAIN_NAME.test(baseName(p))).slice(0, MAX_MOVED);
  if (moved.length === 0) return out;
  const log = gitOutput(top, ["-c", "core.quotepath=false", "log", "--first-parent", "--diff-merges=first-parent", "--no-renames", "--diff-filter=A", "--name-only", "-z", "--format=%x01%H %P", "--", ...moved.map((p) => `:(glob)**/${baseName(p)}`)]);
  if (log === undefined) return out;
  // newest first: the last commit seen for a name is the oldest that added it; a root commit's addition says nothing
  const oldest = new Map<string, string | undefined>();
  for (const record of log.split("\x01")) {
    if (record === "") continue;
    const [header, ...files] = record.split("\0");
    const [commit, ...parents] = header.trim().split(" ").filter((p) => p !== "");
    for (const file of files) if (file.trim() !== "") oldest.set(baseName(file.trim()), parents.length > 0 ? commit : undefined);
  }
  for (const path of moved) {
    const commit = oldest.get(baseName(path));
    if (commit) out.set(path, commit);
  }
  return out;
}

/** tree look-ups of copies at most (off-branch version tags times the migrations they do not contain): more, and the question is not asked */
const MAX_COPY_LOOKUPS = 200_000;

function fromGit({ shippedWith: added, top, head, inRepository }: MigrationCommits, paths: readonly string[]): FirstReleases | undefined {
  if (!top || !head || paths.length === 0) return undefined;
  const git = gitIn(top, { timeoutMs: GIT_TIMEOUT_MS });
  const tags = listTags(git, "oldest first").filter((t) => isVersionTag(t.name));
  if (tags.length === 0 || tags.length > MAX_VERSION_TAGS || !oneReleaseLine(tags.map((t) => t.name))) return undefined;
  const shippedWith = new Map([...added, ...firstAdditionsOfMoved(top, paths, added)]);
  const targets = [...new Set(shippedWith.values())];
  if (targets.length === 0) return undefined;
  if (targets.length > MAX_ADDING_COMMITS) return undefined;
  const tips = [...new Set(tags.map((t) => t.commit))];
  // the tags' commits are targets too (after the adding commits, one index each: a tag may be on an adding commit),
  // and the checked-out commit a tip: which tags are on its branch
  const asked = [...new Set([...targets, ...tips])];
  const contained = containedTargets(git, [...tips, head], asked);
  const index = new Map(asked.map((t, i) => [t, i]));
  const containing = tags.map((t) => contained.get(t.commit)!);
  const contains = (i: number, path: string) => containing[i].has(index.get(shippedWith.get(path) ?? "") ?? -1);
  const copies = copiesOffBranch(git, head, tags, contained.get(head)!, (tag) => index.get(tag.commit)!, shippedWith, inRepository, contains);
  if (copies === undefined) return undefined;
  // a tag holds a migration when it contains the commit that added it, or holds a copy of it (tag-shipping.ts)
  const holds = (i: number, path: string) => contains(i, path) || copies[i].has(path);
  return {
    together(creator: string, migration: string): string | undefined {
      if (!shippedWith.has(creator) || !shippedWith.has(migration)) return undefined;
      const held = tags.map((_, i) => ({ table: holds(i, creator), migration: holds(i, migration) }));
      // a release with the table and without the migration: a released database had the table's rows before it
      if (held.some((has) => has.table && !has.migration)) return undefined;
      // none without the table: before the project's first version tag, which says nothing of what ran before it
      // (alaveteli ran WhatDoTheyKnow for three years before its first; pre-release.ts's EARLY_TAG_DAYS)
      if (!held.some((has) => !has.table && !has.migration)) return undefined;
      const first = held.findIndex((has) => has.migration);
      return first >= 0 && held[first].table ? tags[first].name : undefined;
    },
    shippedIn(migration: string): string | undefined {
      if (!shippedWith.has(migration)) return undefined;
      const first = tags.findIndex((_, i) => holds(i, migration));
      return first >= 0 ? tags[first].name : undefined;
    },
  };
}

/**
 * For each tag (in `tags`' order), the migrations (paths as shown) its tree holds a copy of though it does not contain
 * the commit that added them: a release branch's cherry-pick. Only tags off the checked-out branch are read (`onBranch`:
 * the indexes of the tags' commits its commit contains; a tag on it that holds the file contains the commit that added
 * it), only the migrations they do not contain, in one cat-file; undefined when that is more than MAX_COPY_LOOKUPS.
 */
function copiesOffBranch(
  git: GitRun,
  head: string,
  tags: readonly TaggedCommit[],
  onBranch: ReadonlySet<number>,
  targetOf: (tag: TaggedCommit) => number,
  shippedWith: ReadonlyMap<string, string>,
  inRepository: ReadonlyMap<string, string> | undefined,
  contains: (i: number, path: string) => boolean,
): Array<Set<string>> | undefined {
  const out = tags.map(() => new Set<string>());
  const offBranch = tags.map((tag, i) => ({ ...tag, i })).filter((tag) => !onBranch.has(targetOf(tag)));
  // the repository's path of each migration git knows the adding commit of, back to the path shown
  const shown = new Map([...shippedWith.keys()].filter((path) => inRepository?.has(path)).map((path) => [inRepository!.get(path)!, path]));
  if (offBranch.length === 0 || shown.size === 0) return out;
  const asked = (tag: { i: number }, path: string) => !contains(tag.i, shown.get(path)!);
  let lookups = 0;
  for (const tag of offBranch) for (const path of shown.keys()) if (asked(tag, path)) lookups++;
  if (lookups > MAX_COPY_LOOKUPS) return undefined;
  const copies = copiesInTags(git, offBranch, [...shown.keys()], releasedCopy(head, (path) => shippedWith.get(shown.get(path)!)!), asked);
  for (const [path, holders] of copies) for (const tag of holders) out[tag.i].add(shown.get(path)!);
  return out;
}

/** A release branch's copy of a migration is the file as the commit that added it wrote it, or as it is now (HEAD's). */
const releasedCopy = (head: string, addedBy: (path: string) => string): CopyOf => ({
  knownIn: (path) => [addedBy(path), head],
  isCopy: (blob, known) => known.includes(blob),
});
