/**
 * The head commit's application code (for the usage search) from ONE tarball, streamed and filtered on the
 * fly, so only the code is ever held in memory. `GET /repos/{o}/{r}/tarball/{sha}` answers with a redirect
 * to codeload.github.com, which fetch follows (dropping the Authorization header, as codeload's URL carries
 * its own token).
 */
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Config } from "../engine/config.js";
import type { SourceFile } from "../engine/model.js";
import { isSearchableCodePath, isSearchableContent } from "../engine/review/code/searchable.js";
import type { RepoTree } from "./repo-tree.js";
import { readTarball } from "./tarball.js";
import type { GitHub, ReviewTarget } from "./target.js";

export interface HeadArchive {
  /** application code for the usage search */
  code: SourceFile[];
  /** other files asked for by path (Django context migrations) */
  files: SourceFile[];
}

/** Application code (and any `wanted` paths) at the head commit. */
export async function fetchHeadArchive(octokit: GitHub, target: ReviewTarget, config: Config, wanted: ReadonlySet<string> = new Set()): Promise<HeadArchive> {
  const response = await octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", {
    owner: target.owner,
    repo: target.repo,
    ref: target.headSha,
    request: { parseSuccessResponseBody: false },
  });
  const stream = Readable.fromWeb(response.data as unknown as WebReadableStream<Uint8Array>);
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
