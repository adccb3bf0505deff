/**
 * Release tags: whether a migration the base branch added ever shipped. A repository that releases by version tags
 * (`v1.2.3`, `version-7.71.0`, `26.3`) deploys tagged code to production; a commit in no such tag never reached it.
 * The CLI reads the tags from git (`ReviewInput.releases`). The App, which fetches no history, passes the newest version
 * tag and `unreleasedOnBase` from the tags and compare APIs (review/release-tags.ts), and `shippedIn` only for a
 * changed migration the base branch added since that tag: the maintenance releases that backported it, or `[]`.
 */
import { z } from "zod";
import { isVersionTag, oneReleaseLine } from "../repository/version-tag.js";

export { isVersionTag };

export const ReleaseTags = z.object({
  /** tags in the base branch's history, newest first */
  onBase: z.array(z.string()),
  /** per deleted migration path: the tags that contain the commit that added it to the base branch (and not its deletion) */
  shippedIn: z.record(z.string(), z.array(z.string())),
  /**
   * the base branch's migrations its newest version tag does not hold (merged since that release): they ship in the
   * next release together with the change; absent when the base branch has no version tag or nobody asked
   */
  unreleasedOnBase: z.array(z.string()).optional(),
  /** when the newest version tag of `onBase` was made: its commit's committer date, ISO 8601 (absent: not read) */
  newestReleaseDate: z.string().optional(),
});
export type ReleaseTags = z.infer<typeof ReleaseTags>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How far the newest release may lie behind the change before the tags stop saying what production runs. A project
 * that deploys by version tags cuts one at least every year; a year of merges after the newest tag means the tags were
 * left behind and the branch itself is deployed (lego: v1.0.0 in 2017, deployed from master by Drone ever since, so
 * its 2024 lending tables were called unreleased). The date, not the number of migrations merged since the tag: both
 * the CLI (the tag's commit) and the App (the compare API's base commit) read it whatever the change does, while the
 * migrations since the tag are listed only when the change adds one, and their count measures the team's pace (a busy
 * project merges dozens between two releases), not whether releases still happen.
 */
const STALE_RELEASE_DAYS = 365;

/**
 * The release tags as evidence of what shipped: undefined when the newest version tag is more than STALE_RELEASE_DAYS
 * older than the change (`changeDate`, ISO 8601). Then the project deploys its branch, and everything merged counts as
 * shipped: no "before any release" note for a deleted, renamed or edited migration, no unreleased table on the base
 * branch. Kept as they are when either date is unknown.
 */
export function currentReleases(releases: ReleaseTags | undefined, changeDate: string | undefined): ReleaseTags | undefined {
  if (!releases?.newestReleaseDate || !changeDate) return releases;
  const behind = Date.parse(changeDate) - Date.parse(releases.newestReleaseDate);
  return behind > STALE_RELEASE_DAYS * DAY_MS ? undefined : releases;
}

/**
 * The newest version tag of the base branch when the migration at `path` is in no version tag (never released);
 * undefined when the repository has no version tags, the adding commit is unknown, or a version tag shipped it.
 */
export function unreleased(releases: ReleaseTags | undefined, path: string): { newestTag: string } | undefined {
  const newestTag = releases?.onBase.find(isVersionTag);
  const shipped = releases?.shippedIn[path];
  if (!newestTag || !shipped || shipped.some(isVersionTag) || !oneReleaseLine(releases!.onBase)) return undefined;
  return { newestTag };
}

/** The base branch's migrations no version tag holds yet, with the newest version tag; undefined without both. */
export function unreleasedOnBase(releases: ReleaseTags | undefined): { newestTag: string; paths: readonly string[] } | undefined {
  const newestTag = releases?.onBase.find(isVersionTag);
  return newestTag && releases?.unreleasedOnBase && oneReleaseLine(releases.onBase) ? { newestTag, paths: releases.unreleasedOnBase } : undefined;
}
