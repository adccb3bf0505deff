/**
 * Which tags shipped a migration, as lint's first releases (first-releases.ts) and review's release tags
 * (release-tags.ts) both read it: a tag shipped a migration when it contains the commit that added it, or, on a
 * release branch that received it by cherry-pick (another commit, which no tag of the branch contains: Saleor backports
 * main's migrations to 3.22.x), when its tree holds a copy of the file (copiesInTags; what counts as a copy is the
 * caller's: review, the file as before the change; lint, the file as added or as now). Whichever branch the tag is on.
 * A fixed number of git calls whatever the number of tags and migrations: the tags in one for-each-ref, their history
 * in one rev-list, the copies in one cat-file. No zod: git's own output needs no schema, and lint loads none for it.
 */
import type { GitRun } from "./git-output.js";
import { containedInWalk } from "./tag-containment.js";

export interface TaggedCommit {
  name: string;
  /** the commit the tag points to, peeled */
  commit: string;
}

/** an object id (`cat-file --batch-check` answers "<what was asked> missing" otherwise) */
const OBJECT_ID = /^[0-9a-f]{40,64}$/;

/**
 * Every tag of a commit with that commit, in the date order for-each-ref sorts by (the tag's, or its commit's for a
 * lightweight tag; then the name), oldest or newest first. A tag of a tree or a blob ships no commit: left out. One
 * for-each-ref peels annotated tags; a tag of a tag (rare) is peeled by one cat-file more, only when there is one.
 */
export function listTags(git: GitRun, order: "oldest first" | "newest first"): TaggedCommit[] {
  const sort = order === "oldest first" ? "--sort=creatordate" : "--sort=-creatordate";
  const lines = git(["for-each-ref", sort, "--format=%(refname)%00%(refname:short)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)", "refs/tags"])
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.split("\0"));
  const nested = lines.filter(([, , , , peeledType]) => peeledType === "tag");
  const peeled = new Map<string, string>();
  if (nested.length > 0) {
    // `<ref>^{commit}` peels a tag of a tag to its commit; anything else is "missing"
    const answers = git(["cat-file", "--batch-check=%(objectname)"], nested.map(([ref]) => `${ref}^{commit}\n`).join("")).split("\n");
    nested.forEach(([ref], i) => {
      if (OBJECT_ID.test(answers[i] ?? "")) peeled.set(ref, answers[i]);
    });
  }
  const tags: TaggedCommit[] = [];
  for (const [ref, name, type, id, peeledType, peeledId] of lines) {
    const commit = type === "commit" ? id : peeledType === "commit" ? peeledId : peeled.get(ref);
    if (name && commit && OBJECT_ID.test(commit)) tags.push({ name, commit });
  }
  return tags;
}

/** For each of `tips`, which of `targets` it contains (tag-containment.ts), in one `git rev-list` over the tips' history. */
export function containedTargets(git: GitRun, tips: readonly string[], targets: readonly string[]): Map<string, Set<number>> {
  const walk = git(["rev-list", "--parents", "--topo-order", "--reverse", "--stdin"], [...new Set(tips)].map((t) => `${t}\n`).join(""));
  return containedInWalk(walk, tips, targets);
}

/** The object each `<revision>:<path>` names, in one `git cat-file --batch-check` (a path with a line break: not asked). */
function objectIds(git: GitRun, names: readonly string[]): Array<string | undefined> {
  const asked = names.map((name) => !name.includes("\n"));
  const lines = names.filter((_, i) => asked[i]);
  if (lines.length === 0) return names.map(() => undefined);
  const answers = git(["cat-file", "--batch-check=%(objectname)"], lines.map((line) => `${line}\n`).join("")).split("\n");
  let at = 0;
  return names.map((_, i) => {
    if (!asked[i]) return undefined;
    const answer = answers[at++] ?? "";
    return OBJECT_ID.test(answer) ? answer : undefined;
  });
}

/** The blob each of `commits` holds at each of `paths` (per commit, path -> object id; a path it lacks is absent), in one cat-file. */
export function blobsIn(git: GitRun, commits: readonly string[], paths: readonly string[]): Map<string, string>[] {
  const pairs = commits.flatMap((commit, c) => paths.map((path) => ({ c, path, name: `${commit}:${path}` })));
  const ids = objectIds(git, pairs.map((p) => p.name));
  const out = commits.map(() => new Map<string, string>());
  pairs.forEach(({ c, path }, i) => {
    if (ids[i] !== undefined) out[c].set(path, ids[i]!);
  });
  return out;
}

/** What a copy of a migration is, for copiesInTags. */
export interface CopyOf {
  /** the revisions whose blob at the path the copy is compared with */
  knownIn(path: string): readonly string[];
  /** whether a tag's blob at the path is the migration, given the blobs of `knownIn`'s revisions (undefined: none there) */
  isCopy(blob: string, known: ReadonlyArray<string | undefined>): boolean;
}

/**
 * The tags whose tree holds a copy of each of `paths` (a release branch's cherry-pick of the migration), among the
 * pairs `asked` lets through (a tag that contains the commit that added the path needs no look). Each path maps to
 * the tags that hold it, in the order of `tags`. One `git cat-file --batch-check` for the tags' blobs and the known ones.
 */
export function copiesInTags<T extends TaggedCommit>(git: GitRun, tags: readonly T[], paths: readonly string[], copy: CopyOf, asked: (tag: T, path: string) => boolean = () => true): Map<string, T[]> {
  const out = new Map<string, T[]>(paths.map((path) => [path, []]));
  const lookups = tags.flatMap((tag) => paths.filter((path) => asked(tag, path)).map((path) => ({ tag, path })));
  if (lookups.length === 0) return out;
  const known = paths.map((path) => copy.knownIn(path).map((revision) => `${revision}:${path}`));
  const ids = objectIds(git, [...known.flat(), ...lookups.map(({ tag, path }) => `${tag.commit}:${path}`)]);
  const knownBlobs = new Map<string, Array<string | undefined>>();
  let at = 0;
  paths.forEach((path, i) => knownBlobs.set(path, known[i].map(() => ids[at++])));
  for (const { tag, path } of lookups) {
    const blob = ids[at++];
    if (blob !== undefined && copy.isCopy(blob, knownBlobs.get(path)!)) out.get(path)!.push(tag);
  }
  return out;
}
