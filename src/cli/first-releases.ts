/**
 * Lint's git fact for engine/production/pre-release.ts's first releases: which version tag first shipped a migration
 * together with the one that created its table. A project that releases by version tags (review/releases.ts: users
 * install and production runs tagged code) had, before that tag, no release with the table at all: the migration
 * that changes it adds nothing to a released database's rows (caluma's 0026 dropped a column of the table 0025
 * created a week before; both first shipped in v3.0.0a1). Only after the project's first version tag: before it, the
 * tags say nothing of what ran (pre-release.ts).
 * Read in a fixed number of git calls whatever the number of migrations and tags, as review's release-tags.ts does:
 * the tags once, and one walk of the history they reach, where each commit learns from its parents which of the
 * migrations' adding commits (shipped-with.ts) it contains; never one `git tag --contains` per migration. Only the
 * commits git says added a migration count: at its path (shipped-with.ts), or, for a file moved since (caluma moved
 * its apps' folders after v4), the oldest first-parent commit that added a file of its name anywhere (one more `git
 * log`, only when some were moved; a name two linted migrations share says nothing); a root commit's are unknown.
 * Nothing when the version tags name several products' releases (a monorepo's package tags), there are more of them
 * or of the adding commits than is bounded, or git cannot say; never fails lint.
 */
import { gitOutput } from "./git-output.js";
import type { FirstReleases } from "../engine/production/shipped-together.js";
import { isVersionTag, oneReleaseLine } from "../engine/repository/version-tag.js";
import type { MigrationCommits } from "./shipped-with.js";
import { containedInWalk } from "./tag-containment.js";

/** version tags read at most: more, and the question is not asked (a walk from each is one `git rev-list`) */
const MAX_VERSION_TAGS = 1000;
/** distinct adding commits asked about at most: each commit of the walk that joins sets holds a bit per one */
const MAX_ADDING_COMMITS = 4000;
/** the peeled commit's id (`%(*objectname)` of an annotated tag, `%(objectname)` of a lightweight one) */
const OBJECT_ID = /^[0-9a-f]{40,64}$/;

export const noFirstReleases: FirstReleases = { together: () => undefined };

/** The version tags and the migrations' adding commits they contain, as one question: which tag first shipped both. */
export function firstReleases(commits: MigrationCommits, paths: readonly string[]): FirstReleases {
  try {
    return fromGit(commits, paths) ?? noFirstReleases;
  } catch {
    return noFirstReleases; // a fact lint can do without
  }
}

interface VersionTag {
  name: string;
  commit: string;
}

/** The version tags, oldest first (the date the tag or its commit was made, then the name: for-each-ref's order), with their commits. */
function versionTags(top: string): VersionTag[] | undefined {
  const out = gitOutput(top, ["for-each-ref", "--sort=creatordate", "--format=%(refname:short)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)", "refs/tags"]);
  if (out === undefined) return undefined;
  const tags: VersionTag[] = [];
  for (const line of out.split("\n")) {
    const [name, type, id, peeledType, peeled] = line.split("\0");
    if (!name || !isVersionTag(name)) continue;
    // a lightweight tag of a commit, or an annotated tag of one (a tag of a tag, or of a tree, ships no commit we know)
    const commit = type === "commit" ? id : peeledType === "commit" ? peeled : undefined;
    if (commit && OBJECT_ID.test(commit)) tags.push({ name, commit });
  }
  return tags;
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

function fromGit({ shippedWith: added, top }: MigrationCommits, paths: readonly string[]): FirstReleases | undefined {
  if (!top || paths.length === 0) return undefined;
  const tags = versionTags(top);
  if (!tags || tags.length === 0 || tags.length > MAX_VERSION_TAGS || !oneReleaseLine(tags.map((t) => t.name))) return undefined;
  const shippedWith = new Map([...added, ...firstAdditionsOfMoved(top, paths, added)]);
  const targets = [...new Set(shippedWith.values())];
  if (targets.length === 0) return undefined;
  if (targets.length > MAX_ADDING_COMMITS) return undefined;
  const tips = [...new Set(tags.map((t) => t.commit))];
  const walk = gitOutput(top, ["rev-list", "--parents", "--topo-order", "--reverse", ...tips]);
  if (walk === undefined) return undefined;
  const contained = containedInWalk(walk, tips, targets);
  const index = new Map(targets.map((t, i) => [t, i]));
  const holding = tags.map((t) => contained.get(t.commit)!);
  return {
    together(creator: string, migration: string): string | undefined {
      const c = index.get(shippedWith.get(creator) ?? "");
      const m = index.get(shippedWith.get(migration) ?? "");
      if (c === undefined || m === undefined) return undefined;
      // a release with the table and without the migration: a released database had the table's rows before it
      if (holding.some((has) => has.has(c) && !has.has(m))) return undefined;
      // none without the table: before the project's first version tag, which says nothing of what ran before it
      // (alaveteli ran WhatDoTheyKnow for three years before its first; pre-release.ts's EARLY_TAG_DAYS)
      if (!holding.some((has) => !has.has(c) && !has.has(m))) return undefined;
      const first = tags.findIndex((_, i) => holding[i].has(m));
      return first >= 0 && holding[first].has(c) ? tags[first].name : undefined;
    },
  };
}
