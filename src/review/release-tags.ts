/**
 * The base branch's releases for review mode, as `migguard review` reads them from git (cli/release-tags.ts): the
 * newest version tag in the base branch's history and the files the base branch added since it, for the engine to
 * judge tables no release has yet (engine/review/releases.ts decides; this only fetches). GitHub lists tags by name
 * without dates, so the few highest version numbers are compared with the base commit, one call each: the
 * comparison says whether the tag is in the base branch's history, gives the date of its commit (the newest of those
 * wins, as the CLI's creator date does) and lists the files added since. At most MAX_TAG_PAGES + CANDIDATES calls,
 * nothing cached across reviews; a repository with maintenance branches (maintenance-releases.ts) costs one more per
 * maintenance line among the candidates, and one for a line's release on the base when no candidate is it. Anything
 * unknown (more tags than listed, a comparison over GitHub's 300-file cap, a failed call) gives no tags: the review
 * goes on as without releases.
 */
import { byVersionDescending, isPreRelease, isVersionTag, minorLineOf, oneReleaseLine } from "../engine/repository/version-tag.js";
import type { ReleaseTags } from "../engine/review/releases.js";
import { compareCommits, listTags, type RepoTag } from "../github-api/repo-tags.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";
import { backportsIn, type ComparedTag, lineReleasedOnBase, maintenanceReleases } from "./maintenance-releases.js";

/** 300 tags; a repository with more gets no release facts rather than a guess from part of a listing by name */
const MAX_TAG_PAGES = 3;
/** the highest version numbers compared with the base: a release branch's or a pre-release's tag may not be on it */
const CANDIDATES = 3;

/** Higher versions first; a release before its own pre-releases. */
const tagsByVersionDescending = (a: RepoTag, b: RepoTag): number => byVersionDescending(a.name, b.name);

/**
 * `ReviewInput.releases` for the base commit: its newest version tag first in `onBase` (then every other tag, for the
 * engine's check that they name one release line) and the paths added since it as `unreleasedOnBase`; undefined when
 * not known. Each of `asked` (a base-branch migration the change deletes, renames or edits) that the base branch added
 * since that tag gets `shippedIn: []`: no release holds it, as `migguard review` reads from the tags containing the
 * commit that added it. One the tag may hold gets no entry (not known to be unreleased). A maintenance release that
 * backported one (maintenance-releases.ts) holds it: listed in `shippedIn` unless its copy is the change's own
 * (`headBlobs`, path -> the head's blob), and left out of `unreleasedOnBase`.
 */
export async function fetchReleaseTags(
  octokit: GitHub,
  target: Pick<ReviewTarget, "owner" | "repo" | "baseSha">,
  asked: readonly string[] = [],
  headBlobs: ReadonlyMap<string, string> = new Map(),
): Promise<ReleaseTags | undefined> {
  try {
    const tags = await listTags(octokit, target, MAX_TAG_PAGES);
    // a monorepo's package tags say nothing of the application's releases: the engine would ignore them, so ask no more
    if (!tags || !oneReleaseLine(tags.map((t) => t.name))) return undefined;
    const versions: RepoTag[] = [];
    for (const tag of tags.filter((t) => isVersionTag(t.name)).sort(tagsByVersionDescending)) if (!versions.some((v) => v.commit === tag.commit)) versions.push(tag);
    if (versions.length === 0) return undefined;
    // each tag's commit compared with the base once, whichever question asks
    const comparisons = new Map<string, Promise<ComparedTag>>();
    const compare = (tag: RepoTag): Promise<ComparedTag> => {
      if (!comparisons.has(tag.commit)) comparisons.set(tag.commit, compareCommits(octokit, target, tag.commit, target.baseSha).then((c) => ({ tag, ...c })));
      return comparisons.get(tag.commit)!;
    };
    const compared = await Promise.all(versions.slice(0, CANDIDATES).map(compare));
    // the highest release (not a pre-release) is on another branch: releases are cut there, and the base's tags say
    // nothing of what shipped (the CLI's releaseLineOnBase); unless it is a patch release of a line the base branch
    // released (a maintenance branch: v4.5.1 on a 4.5 branch cut at main's v4.5.0), whose release on the base counts
    const highest = compared.find((c) => !isPreRelease(c.tag.name));
    if (highest && !highest.fromIsAncestor) {
      const line = minorLineOf(highest.tag.name);
      const released = line === undefined ? undefined : await lineReleasedOnBase(line, versions, compared, compare);
      if (!released) return undefined;
      if (!compared.includes(released)) compared.push(released);
    }
    const onBase = compared.filter((c) => c.fromIsAncestor);
    if (onBase.length === 0) return undefined;
    // the newest by its commit's date; on a tie the higher version (candidates come in that order)
    const time = (date?: string) => (date ? Date.parse(date) || 0 : 0);
    const newest = onBase.reduce((best, c) => (time(c.fromDate) > time(best.fromDate) ? c : best));
    if (!newest.added) return undefined;
    // what the maintenance branches backported of the files merged since: shipped, as `migguard review` reads their trees
    const backports = await backportsIn(await maintenanceReleases(versions, compared, compare), newest.added, (tag) => compareCommits(octokit, target, target.baseSha, tag.commit));
    if (!backports) return undefined;
    const added = new Set(newest.added);
    const shippedIn = Object.fromEntries(
      asked.filter((path) => added.has(path)).map((path) => [path, (backports.get(path) ?? []).filter((copy) => copy.blob !== headBlobs.get(path)).map((copy) => copy.tag)]),
    );
    // with its date: a tag a year behind the change is no evidence of what shipped (engine/review/releases.ts)
    return {
      onBase: [newest.tag.name, ...tags.map((t) => t.name).filter((name) => name !== newest.tag.name)],
      shippedIn,
      unreleasedOnBase: newest.added.filter((path) => !backports.has(path)),
      newestReleaseDate: newest.fromDate,
    };
  } catch {
    return undefined;
  }
}
