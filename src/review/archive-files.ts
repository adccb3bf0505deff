/**
 * Files of one commit by path from ONE tarball, for when the plan asks for many (a branch dozens of migrations
 * behind its base: every newer base migration says whether the order matters). The download stops as soon as
 * every wanted path has gone by; files larger than `maxBytes`, binary or not UTF-8 are left out, so the caller
 * can still ask the contents API for them and report why they cannot be read.
 */
import type { SourceFile } from "../engine/model.js";
import { downloadTarball } from "../github-api/tarball-download.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";
import { readTarball } from "./tarball.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

function text(data: Buffer): string | undefined {
  if (data.includes(0)) return undefined;
  try {
    return utf8.decode(data);
  } catch {
    return undefined;
  }
}

export async function fetchArchiveFiles(octokit: GitHub, target: Pick<ReviewTarget, "owner" | "repo">, commitSha: string, wanted: ReadonlySet<string>, maxBytes: number): Promise<SourceFile[]> {
  if (wanted.size === 0) return [];
  const stream = await downloadTarball(octokit, target, commitSha);
  let seen = 0;
  const entries = await readTarball(stream, (path, size) => {
    if (seen === wanted.size) return "stop";
    if (!wanted.has(path)) return false;
    seen++;
    return size <= maxBytes;
  });
  return entries.flatMap((entry) => {
    const content = text(entry.content);
    return content === undefined ? [] : [{ path: entry.path, content }];
  });
}
