/**
 * The head commit's application code (for the usage search) from ONE tarball, streamed and filtered on the
 * fly, so only the code is ever held in memory.
 */
import type { Config } from "../engine/config.js";
import type { SourceFile } from "../engine/model.js";
import { isSearchableCodePath, isSearchableContent } from "../engine/code/searchable.js";
import type { RepoTree } from "../github-api/repo-tree.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";
import { downloadTarball } from "../github-api/tarball-download.js";
import { readTarball } from "./tarball.js";

export interface HeadArchive {
  /** application code for the usage search */
  code: SourceFile[];
  /** other files asked for by path (Django context migrations) */
  files: SourceFile[];
  /** the code reached config `max_code_files` or `max_code_bytes`: what was read before the limit */
  capped?: { files: number; bytes: number };
}

/**
 * Application code (and any `wanted` paths) at the head commit. The code kept is capped in files and bytes
 * (a PR can make the archive huge: 1,500 files of 999 KB compress to 1.5 MB); past the cap only wanted paths
 * are still read, and with none wanted the download stops there.
 */
export async function fetchHeadArchive(octokit: GitHub, target: ReviewTarget, config: Config, wanted: ReadonlySet<string> = new Set()): Promise<HeadArchive> {
  const stream = await downloadTarball(octokit, target, target.headSha);
  const kept = { files: 0, bytes: 0 };
  let capped = false;
  const entries = await readTarball(stream, (path, size) => {
    if (size > config.max_file_bytes) return false;
    if (wanted.has(path)) return true;
    if (capped || !isSearchableCodePath(path, config)) return false;
    if (kept.files + 1 > config.max_code_files || kept.bytes + size > config.max_code_bytes) {
      capped = true;
      return wanted.size ? false : "stop";
    }
    kept.files++;
    kept.bytes += size;
    return true;
  });
  const archive: HeadArchive = { code: [], files: [], ...(capped ? { capped: kept } : {}) };
  for (const entry of entries) {
    const content = entry.content.toString("utf8");
    if (wanted.has(entry.path)) archive.files.push({ path: entry.path, content });
    else if (isSearchableContent(content, config, entry.path)) archive.code.push({ path: entry.path, content });
  }
  return archive;
}

/** What the check says when the usage search stopped at the code limits. */
export function cappedCodeNote(capped: NonNullable<HeadArchive["capped"]>, config: Config): string {
  const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
  return (
    `**Usage search incomplete:** the head's application code is larger than migguard reads ` +
    `(\`max_code_files: ${config.max_code_files}\`, \`max_code_bytes: ${config.max_code_bytes}\`). It searched ${capped.files} file${capped.files === 1 ? "" : "s"} (${mb(capped.bytes)}) ` +
    `and stopped there, so code in the rest of the repository may still use what this pull request drops or renames.`
  );
}

/** The head's listing shows no file the usage search would read: the archive would bring nothing. */
export function hasNoSearchableCode(tree: RepoTree | undefined, config: Config): boolean {
  if (!tree || tree.truncated) return false;
  for (const [path, blob] of tree.blobs) if (blob.size <= config.max_file_bytes && isSearchableCodePath(path, config)) return false;
  return true;
}
