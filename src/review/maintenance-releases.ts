/**
 * Maintenance branches for the App's release reading (review/release-tags.ts), as `migguard review` reads them from git
 * (cli/release-tags.ts `releaseLineOnBase`, `maintenanceReleases`, `backportedTags`): a patch release off the base
 * branch (`v4.5.1` on a 4.5 branch, `v4.4.2` on a 4.4 branch) of a line the base branch released (`v4.5.0`, `v4.4.0`
 * in main's history) ships what main had at that release plus the migrations it backports. Such a tag says neither
 * that releases are cut elsewhere nor which release is the base branch's newest; what it holds since its branch left
 * the base branch has shipped.
 */
import { isPreRelease, minorLineOf } from "../engine/repository/version-tag.js";
import type { Comparison, RepoTag } from "../github-api/repo-tags.js";

/** A version tag compared with the base commit (`GET /compare/{tag}...{base}`). */
export type ComparedTag = Comparison & { tag: RepoTag };

/** Compares a version tag with the base commit, once per tag whoever asks. */
export type CompareWithBase = (tag: RepoTag) => Promise<ComparedTag>;

const isRelease = (tag: RepoTag): boolean => !isPreRelease(tag.name);

/**
 * A release of `line` in the base branch's history, or undefined when none is. Asked of the line's lowest release (the
 * `x.y.0` a maintenance branch is cut at) unless a comparison already made found one: one call at most.
 * `versions`: every version tag, highest first.
 */
export async function lineReleasedOnBase(line: string, versions: readonly RepoTag[], compared: readonly ComparedTag[], compare: CompareWithBase): Promise<ComparedTag | undefined> {
  const inLine = (tag: RepoTag) => isRelease(tag) && minorLineOf(tag.name) === line;
  const known = compared.find((c) => inLine(c.tag) && c.fromIsAncestor);
  if (known) return known;
  const lowest = versions.filter(inLine).at(-1);
  if (!lowest || compared.some((c) => c.tag.commit === lowest.commit)) return undefined;
  const comparison = await compare(lowest);
  return comparison.fromIsAncestor ? comparison : undefined;
}

/**
 * The maintenance releases among `compared` (the highest version tags): releases off the base branch of a line the
 * base branch released, the highest of each line only (a maintenance branch is linear: its newest release holds what
 * the earlier ones backported).
 */
export async function maintenanceReleases(versions: readonly RepoTag[], compared: readonly ComparedTag[], compare: CompareWithBase): Promise<RepoTag[]> {
  const highestOffBase = new Map<string, RepoTag>();
  for (const { tag, fromIsAncestor } of compared) {
    const line = minorLineOf(tag.name);
    if (!fromIsAncestor && isRelease(tag) && line !== undefined && !highestOffBase.has(line)) highestOffBase.set(line, tag);
  }
  const lines = await Promise.all([...highestOffBase].map(async ([line, tag]) => ((await lineReleasedOnBase(line, versions, compared, compare)) ? [tag] : [])));
  return lines.flat();
}

/**
 * Which maintenance release holds each of `paths` (files the base branch added since its newest release) by backport:
 * path -> tag names with the file's blob; undefined when a comparison's file list was cut at GitHub's cap (not known).
 * One call per release (`GET /compare/{base}...{tag}`: the files the tag's branch changed since it left the base).
 */
export async function backportsIn(
  releases: readonly RepoTag[],
  paths: readonly string[],
  compareFromBase: (tag: RepoTag) => Promise<Comparison>,
): Promise<Map<string, Array<{ tag: string; blob?: string }>> | undefined> {
  const held = new Map<string, Array<{ tag: string; blob?: string }>>();
  if (releases.length === 0 || paths.length === 0) return held;
  const wanted = new Set(paths);
  for (const [tag, comparison] of await Promise.all(releases.map(async (tag) => [tag, await compareFromBase(tag)] as const))) {
    if (!comparison.present) return undefined;
    for (const { path, blob } of comparison.present) if (wanted.has(path)) held.set(path, [...(held.get(path) ?? []), { tag: tag.name, blob }]);
  }
  return held;
}
