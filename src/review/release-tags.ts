/**
 * The base branch's releases for review mode, as `migguard review` reads them from git (cli/release-tags.ts): the
 * newest version tag in the base branch's history and the files the base branch added since it, for the engine to
 * judge tables no release has yet (engine/review/releases.ts decides; this only fetches). GitHub lists tags by name
 * without dates, so the few highest version numbers are compared with the base commit, one call each: the
 * comparison says whether the tag is in the base branch's history, gives the date of its commit (the newest of those
 * wins, as the CLI's creator date does) and lists the files added since. At most MAX_TAG_PAGES + CANDIDATES calls,
 * nothing cached. Anything unknown (more tags than listed, a comparison over GitHub's 300-file cap, a failed call)
 * gives no tags: the review goes on as without releases.
 */
import { byVersionDescending, isPreRelease, isVersionTag, oneReleaseLine } from "../engine/repository/version-tag.js";
import type { ReleaseTags } from "../engine/review/releases.js";
import { compareCommits, listTags, type RepoTag } from "../github-api/repo-tags.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";

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
 * commit that added it. One the tag may hold gets no entry (not known to be unreleased).
 */
export async function fetchReleaseTags(octokit: GitHub, target: Pick<ReviewTarget, "owner" | "repo" | "baseSha">, asked: readonly string[] = []): Promise<ReleaseTags | undefined> {
  try {
    const tags = await listTags(octokit, target, MAX_TAG_PAGES);
    // a monorepo's package tags say nothing of the application's releases: the engine would ignore them, so ask no more
    if (!tags || !oneReleaseLine(tags.map((t) => t.name))) return undefined;
    const candidates: RepoTag[] = [];
    for (const tag of tags.filter((t) => isVersionTag(t.name)).sort(tagsByVersionDescending)) {
      if (candidates.length === CANDIDATES) break;
      if (!candidates.some((c) => c.commit === tag.commit)) candidates.push(tag);
    }
    if (candidates.length === 0) return undefined;
    const compared = await Promise.all(candidates.map(async (tag) => ({ tag, ...(await compareCommits(octokit, target, tag.commit, target.baseSha)) })));
    const onBase = compared.filter((c) => c.fromIsAncestor);
    // the highest release (not a pre-release) is on another branch: releases are cut there, and the base's tags say
    // nothing of what shipped (the CLI's releaseLineOnBase)
    if (onBase.length === 0 || compared.find((c) => !isPreRelease(c.tag.name))?.fromIsAncestor === false) return undefined;
    // the newest by its commit's date; on a tie the higher version (candidates come in that order)
    const time = (date?: string) => (date ? Date.parse(date) || 0 : 0);
    const newest = onBase.reduce((best, c) => (time(c.fromDate) > time(best.fromDate) ? c : best));
    if (!newest.added) return undefined;
    const added = new Set(newest.added);
    const shippedIn = Object.fromEntries(asked.filter((path) => added.has(path)).map((path) => [path, []]));
    // with its date: a tag a year behind the change is no evidence of what shipped (engine/review/releases.ts)
    return { onBase: [newest.tag.name, ...tags.map((t) => t.name).filter((name) => name !== newest.tag.name)], shippedIn, unreleasedOnBase: newest.added, newestReleaseDate: newest.fromDate };
  } catch {
    return undefined;
  }
}
