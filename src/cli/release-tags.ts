/**
 * Which release tags shipped each deleted migration, for `migguard review` (engine/review/releases.ts): the tags
 * that contain the commit that added it to the base branch, or hold a copy of it on a release branch (tag-shipping.ts,
 * shared with lint's first releases). Read in a fixed number of git calls whatever the number of migrations and tags:
 * the tags and their commits in one for-each-ref, and one walk of the history they reach, where each commit learns
 * which of the adding commits it contains from its parents. Asking `git for-each-ref --contains`
 * once per migration walked that history once per migration (a squash of 406 migrations under 3,130 tags: over
 * ten minutes).
 */
import { isVersionTag, type ReleaseTags } from "../engine/review/releases.js";
import { byVersionDescending, isPreRelease, minorLineOf } from "../engine/repository/version-tag.js";
import { commitDate, git } from "./git.js";
import { gitIn, type GitRun } from "./git-output.js";
import { blobsIn, containedTargets, copiesInTags, listTags, type TaggedCommit } from "./tag-shipping.js";

const MAX_TAGS = 1000;

/** Tags in the history of `commit` (the base branch's tip: the `onBase` the functions below take), newest first, at most MAX_TAGS. */
export function tagsMergedInto(root: string, commit: string): string[] {
  const out = git(root, ["for-each-ref", "--sort=-creatordate", `--count=${MAX_TAGS}`, "--format=%(refname:short)", `--merged=${commit}`, "refs/tags"]);
  return out.toString("utf8").split("\n").filter((t) => t !== "");
}

/**
 * `onBase` as the release questions may read it: without its version tags when the repository's highest release (a
 * pre-release such as `v1.3.0-rc1` may be cut on any branch) is not among them. Such a project cuts its releases on
 * other branches (galaxy_ng: 4.10.x on stable branches, while the newest version tag in main's history is 4.3.0b1),
 * so the base branch's own tags do not say what shipped: a migration in none of them may well be in production. The
 * App decides the same from the highest versions it lists (review/release-tags.ts). A patch release of a line the
 * base branch released (a maintenance branch) does not count. Other tags stay (the engine checks they name one
 * release line).
 */
export function releaseLineOnBase(root: string, onBase: string[], head: string): string[] {
  // the tags neither in the change's history nor cut after it (a replay of an old pull request: the next release made
  // from it is the change's future, not a release made elsewhere), in one call
  const others = git(root, ["for-each-ref", "--format=%(refname:short)", `--no-merged=${head}`, `--no-contains=${head}`, "refs/tags"]).toString("utf8").split("\n");
  const isRelease = (tag: string) => isVersionTag(tag) && !isPreRelease(tag);
  const releasesOnBase = onBase.filter(isRelease);
  const highest = [...others.filter(isRelease), ...releasesOnBase].sort(byVersionDescending)[0];
  if (highest === undefined || onBase.includes(highest)) return onBase;
  // a patch release of a line the base branch released (solidus's v4.4.3 on its v4.4 branch, cut at main's v4.4.0):
  // a maintenance branch, which ships what main had at that release plus backports (backportedTags), not main's work
  const lineOf = minorLineOf(highest);
  if (lineOf !== undefined && releasesOnBase.some((tag) => minorLineOf(tag) === lineOf)) return onBase;
  return onBase.filter((tag) => !isVersionTag(tag));
}

/** Which of `paths` the tree of any of `commits` holds. */
function pathsIn(root: string, commits: readonly string[], paths: readonly string[]): Set<string> {
  return new Set(blobsIn(gitIn(root), commits, paths).flatMap((held) => [...held.keys()]));
}

/**
 * The tags of the base branch (`onBase`, tagsMergedInto its tip) and, for each deleted or `edited` path whose adding commit is known
 * (`added`: the path's first-parent commit on the base branch), the tags that shipped it: those that contain that
 * commit, but not the head commit when the head already lacks the path (a tag made after the deletion released the
 * code without the file) or edits it (a tag made after the edit released the edited file, not the base branch's).
 * A path no such tag holds gets the release branches' tags that hold it by cherry-pick (backportedTags).
 * Newest first, at most MAX_TAGS each.
 */
export function releaseTags(root: string, onBase: string[], head: string, added: ReadonlyMap<string, string>, edited: ReadonlySet<string> = new Set()): ReleaseTags {
  const shippedIn: Record<string, string[]> = {};
  if (onBase.length === 0 || added.size === 0) return { onBase, shippedIn };
  const run = gitIn(root);
  const headHas = pathsIn(root, [head], [...added.keys()]);
  const onBaseSet = new Set(onBase);
  const tags = listTags(run, "newest first");
  const targets = [...new Set([head, ...added.values()])];
  const contained = containedTargets(run, tags.map((t) => t.commit), targets);
  const index = new Map(targets.map((t, i) => [t, i]));
  for (const [path, commit] of added) {
    const wanted = index.get(commit)!;
    const headChanges = !headHas.has(path) || edited.has(path);
    const shipping = tags.filter(({ commit: tip }) => {
      const has = contained.get(tip)!;
      return has.has(wanted) && !(headChanges && has.has(0));
    });
    shippedIn[path] = shipping.slice(0, MAX_TAGS).map((t) => t.name);
  }
  backportedTags(run, head, tags.filter((t) => !onBaseSet.has(t.name)), contained, shippedIn);
  return { onBase, shippedIn };
}

/**
 * Version tags that hold a migration no tag contains the adding commit of: a release branch cut before the base branch
 * added it that received it by cherry-pick (Saleor backports its fixes' migrations to 3.22, tagged 3.22.25, while main's
 * commit reaches only the 3.23 tags). Such a tag shipped the file if its tree holds the path with a blob other than
 * the head's (not the edit itself) and it does not contain the head (a tag made after the change released the
 * change). `tags` are those off the base branch (a tag on it that holds the path contains the adding commit, unless the
 * file was deleted and added again). Fills the empty entries of `shippedIn` in place; one cat-file call over the
 * newest MAX_TAGS such tags.
 */
function backportedTags(run: GitRun, head: string, tags: readonly TaggedCommit[], contained: ReadonlyMap<string, Set<number>>, shippedIn: Record<string, string[]>): void {
  const unshipped = Object.keys(shippedIn).filter((path) => shippedIn[path].length === 0);
  if (unshipped.length === 0) return;
  // targets[0] is the head: a tag containing it has the change, not what the base branch had
  const candidates = tags.filter((t) => isVersionTag(t.name) && !contained.get(t.commit)!.has(0)).slice(0, MAX_TAGS);
  if (candidates.length === 0) return;
  // a copy is the file as the base branch had it: any blob but the change's own (the head's)
  const copies = copiesInTags(run, candidates, unshipped, { knownIn: () => [head], isCopy: (blob, [headBlob]) => blob !== headBlob });
  for (const path of unshipped) shippedIn[path] = copies.get(path)!.map((t) => t.name);
}

/** How many of the newest version tags the unreleased migrations are looked for in (tags made in the same second tie in date order). */
const NEWEST_RELEASES = 5;

/**
 * The base branch's tags (`onBase`, tagsMergedInto its tip) and which of its migrations (`paths`, in the base tree) the trees of
 * its newest version tags lack: merged after the last release, they reach production with the next one, together
 * with the change. One git call whatever the number of paths; undefined when the base branch has no version tag.
 */
export function unreleasedMigrations(root: string, onBase: string[], paths: readonly string[]): { onBase: string[]; unreleased: string[] } | undefined {
  const newest = onBase.filter(isVersionTag).slice(0, NEWEST_RELEASES);
  if (newest.length === 0) return undefined;
  const asked = paths.filter((p) => !p.includes("\n"));
  const held = pathsIn(root, [...newest, ...maintenanceReleases(root, onBase)].map((tag) => `refs/tags/${tag}`), asked);
  return { onBase, unreleased: asked.filter((p) => !held.has(p)) };
}

/**
 * The newest patch releases off the base branch of the lines it released (v1.2.1 on a stable-1.2 branch cut at main's
 * v1.2.0, releaseLineOnBase): a maintenance branch ships main's migrations it backports. One git call.
 */
function maintenanceReleases(root: string, onBase: readonly string[]): string[] {
  const isRelease = (tag: string) => isVersionTag(tag) && !isPreRelease(tag);
  const lines = new Set(onBase.filter(isRelease).map(minorLineOf));
  const base = new Set(onBase);
  return git(root, ["for-each-ref", "--format=%(refname:short)", "refs/tags"])
    .toString("utf8")
    .split("\n")
    .filter((tag) => isRelease(tag) && !base.has(tag) && lines.has(minorLineOf(tag)))
    .sort(byVersionDescending)
    .slice(0, NEWEST_RELEASES);
}

/**
 * `releases` with when its newest version tag (the first of `onBase`, which is newest first) was made: its commit's
 * committer date, as the App reads it from the compare API. The engine takes tags a year behind the change for no
 * evidence of what shipped (engine/review/releases.ts). One git call.
 */
export function withNewestReleaseDate(root: string, releases: ReleaseTags | undefined): ReleaseTags | undefined {
  const newest = releases?.onBase.find(isVersionTag);
  return releases && newest ? { ...releases, newestReleaseDate: commitDate(root, `refs/tags/${newest}^{commit}`) } : releases;
}
