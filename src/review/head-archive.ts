/**
 * The head commit's application code (for the usage search) from ONE tarball, streamed and filtered on the
 * fly, so only the code is ever held in memory.
 */
import type { Config } from "../engine/config.js";
import type { SourceFile } from "../engine/model.js";
import { isSearchableCodePath, isSearchableContent } from "../engine/review/code/searchable.js";
import type { RepoTree } from "../github-api/repo-tree.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";
import { downloadTarball } from "../github-api/tarball-download.js";
import { readTarball } from "./tarball.js";

export interface HeadArchive {
  /** application code for the usage search */
  code: SourceFile[];
  /** other files asked for by path (Django context migrations) */
  files: SourceFile[];
}

/** Application code (and any `wanted` paths) at the head commit. */
export async function fetchHeadArchive(octokit: GitHub, target: ReviewTarget, config: Config, wanted: ReadonlySet<string> = new Set()): Promise<HeadArchive> {
  const stream = await downloadTarball(octokit, target, target.headSha);
  const entries = await readTarball(stream, (path, size) => size <= config.max_file_bytes && (wanted.has(path) || isSearchableCodePath(path, config)));
  const archive: HeadArchive = { code: [], files: [] };
  for (const entry of entries) {
    const content = entry.content.toString("utf8");
    if (wanted.has(entry.path)) archive.files.push({ path: entry.path, content });
    else if (isSearchableContent(content, config)) archive.code.push({ path: entry.path, content });
  }
  return archive;
}

/** The head's listing shows no file the usage search would read: the archive would bring nothing. */
export function hasNoSearchableCode(tree: RepoTree | undefined, config: Config): boolean {
  if (!tree || tree.truncated) return false;
  for (const [path, blob] of tree.blobs) if (blob.size <= config.max_file_bytes && isSearchableCodePath(path, config)) return false;
  return true;
}
