/**
 * Release tags: whether a migration the base branch added ever shipped. A repository that releases by version tags
 * (`v1.2.3`, `version-7.71.0`, `26.3`) deploys tagged code to production; a commit in no such tag never reached it.
 * The CLI reads the tags from git (`ReviewInput.releases`). The App, which fetches no history, passes the newest version
 * tag and `unreleasedOnBase` from the tags and compare APIs (review/release-tags.ts), and `shippedIn: []` only for a
 * changed migration the base branch added since that tag.
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
});
export type ReleaseTags = z.infer<typeof ReleaseTags>;


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
