/**
 * The content of a file a pull request adds, read from the diff GitHub already listed (`pulls.listFiles`
 * gives each file's `patch` and blob `sha`), so added migrations cost no contents call. The diff of an added
 * file is one hunk of `+` lines; the result is trusted only when its git blob hash equals the listed `sha`,
 * so anything unusual (a missing end-of-file newline we misread, a non-UTF-8 file, a shortened patch) falls
 * back to the contents API.
 */
import { createHash } from "node:crypto";
import type { PullRequestFile } from "../github-api/pr-files.js";

const ADDED_HUNK = /^@@ -0,0 \+1(?:,(\d+))? @@/;
const NO_NEWLINE = "\\ No newline at end of file";

/** git's object id of a blob with this content */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** The added file's text from its patch, or undefined when the patch cannot vouch for it. */
export function addedFileContent(file: Pick<PullRequestFile, "status" | "patch" | "sha">): string | undefined {
  if (file.status !== "added" || !file.patch || !file.sha) return undefined;
  const [header, ...rest] = file.patch.split("\n");
  const hunk = ADDED_HUNK.exec(header);
  if (!hunk) return undefined;
  const expected = hunk[1] === undefined ? 1 : Number(hunk[1]);
  const body = rest.at(-1) === "" ? rest.slice(0, -1) : rest;
  const finalNewline = body.at(-1) !== NO_NEWLINE;
  const lines: string[] = [];
  for (const line of finalNewline ? body : body.slice(0, -1)) {
    if (!line.startsWith("+")) return undefined;
    lines.push(line.slice(1));
  }
  if (lines.length !== expected) return undefined;
  const content = lines.join("\n") + (finalNewline && lines.length ? "\n" : "");
  return gitBlobSha(content) === file.sha ? content : undefined;
}
