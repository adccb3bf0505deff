/**
 * Reading files of the base repository at a commit. A pull request's head commit is readable from the base
 * repository even when it lives in a fork (GitHub keeps it under refs/pull/N/head), and the installation
 * may not be able to read the fork at all, so every read goes to the base repository by SHA.
 */
import { SYMLINK_NOT_READ } from "../engine/limits.js";
import type { GitHub } from "./target.js";

export type FetchedFile =
  | { status: "text"; path: string; content: string }
  | { status: "missing"; path: string }
  /** `size`: the file's size when it is larger than asked for */
  | { status: "skipped"; path: string; reason: string; size?: number };

export interface FileAt {
  owner: string;
  repo: string;
  path: string;
  ref: string;
}

const isNotFound = (error: unknown) => typeof error === "object" && error !== null && "status" in error && (error as { status: unknown }).status === 404;
const utf8 = new TextDecoder("utf-8", { fatal: true });

export const oversizeReason = (size: number, maxBytes: number) => `${size} bytes, more than max_file_bytes (${maxBytes}); skipped`;

/** Text content of one file, or why it cannot be analysed (binary, larger than `maxBytes`, a link, not a file). */
export async function fetchFileAt(octokit: GitHub, at: FileAt, maxBytes: number): Promise<FetchedFile> {
  let data: Awaited<ReturnType<GitHub["rest"]["repos"]["getContent"]>>["data"];
  try {
    ({ data } = await octokit.rest.repos.getContent({ owner: at.owner, repo: at.repo, path: at.path, ref: at.ref }));
  } catch (error) {
    if (isNotFound(error)) return { status: "missing", path: at.path };
    throw error;
  }
  if (Array.isArray(data)) return { status: "skipped", path: at.path, reason: "is a directory, not a file" };
  // GitHub answers a link to a file of the repository with that file (its own path), any other link with
  // `type: "symlink"`: neither is the file under review
  if (data.type === "symlink" || data.path !== at.path) return { status: "skipped", path: at.path, reason: SYMLINK_NOT_READ };
  if (data.type !== "file") return { status: "skipped", path: at.path, reason: `is a ${data.type}, not a file` };
  if (data.size > maxBytes) return { status: "skipped", path: at.path, reason: oversizeReason(data.size, maxBytes), size: data.size };
  // the contents API leaves `content` empty (encoding "none") for files over 1 MB
  if (!("content" in data) || data.encoding !== "base64") return { status: "skipped", path: at.path, reason: `too large for GitHub's contents API (${data.size} bytes)` };
  const buffer = Buffer.from(data.content, "base64");
  if (buffer.includes(0)) return { status: "skipped", path: at.path, reason: "binary file" };
  try {
    return { status: "text", path: at.path, content: utf8.decode(buffer) };
  } catch {
    return { status: "skipped", path: at.path, reason: "not UTF-8 text" };
  }
}

/**
 * A file's text in raw form, for files the JSON form cannot carry (its `content` stops at 1 MB; raw goes to
 * 100 MB), or undefined when there is no such file or it is not a file. The whole body is read: callers cap
 * what they accept.
 */
export async function fetchRawTextAt(octokit: GitHub, at: FileAt): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner: at.owner, repo: at.repo, path: at.path, ref: at.ref, mediaType: { format: "raw" } });
    // text when GitHub gives a charset, bytes when not; a directory answers with its JSON listing whatever the format asked
    const body: unknown = data;
    if (typeof body === "string") return body;
    return body instanceof ArrayBuffer ? new TextDecoder("utf-8").decode(body) : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
