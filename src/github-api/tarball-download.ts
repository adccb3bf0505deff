/**
 * A commit's .tar.gz as a stream (`GET /repos/{o}/{r}/tarball/{sha}`): GitHub answers with a redirect to
 * codeload.github.com, which fetch follows (dropping the Authorization header, as codeload's URL carries its
 * own token). The body is never buffered here: the caller reads what it keeps.
 */
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { GitHub, ReviewTarget } from "./target.js";

export async function downloadTarball(octokit: GitHub, target: Pick<ReviewTarget, "owner" | "repo">, ref: string): Promise<Readable> {
  const response = await octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", {
    owner: target.owner,
    repo: target.repo,
    ref,
    request: { parseSuccessResponseBody: false },
  });
  return Readable.fromWeb(response.data as unknown as WebReadableStream<Uint8Array>);
}
