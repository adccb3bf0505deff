/**
 * Every file of a commit in one call (`GET /repos/{o}/{r}/git/trees/{sha}?recursive=1`): paths, blob ids and
 * sizes. The base commit's tree orders versions and finds schema dumps; the head's confirms that an added
 * file's diff is the file at that very commit, and says what exists there (and how big) before any fetch.
 */
import type { GitHub, ReviewTarget } from "./target.js";

export interface TreeBlob {
  sha: string;
  size: number;
  /** mode 120000: a symbolic link, whose blob is the target's path (never read as the file) */
  symlink: boolean;
}

export interface RepoTree {
  /** file path -> blob (symlinks included; submodules and folders left out) */
  blobs: Map<string, TreeBlob>;
  /** GitHub cut the listing short (over 100,000 entries or 7 MB): a path missing here may still exist */
  truncated: boolean;
}

export async function fetchTree(octokit: GitHub, target: Pick<ReviewTarget, "owner" | "repo">, commitSha: string): Promise<RepoTree> {
  const { data } = await octokit.rest.git.getTree({ owner: target.owner, repo: target.repo, tree_sha: commitSha, recursive: "true" });
  const blobs = new Map<string, TreeBlob>();
  for (const entry of data.tree) if (entry.type === "blob" && entry.path && entry.sha) blobs.set(entry.path, { sha: entry.sha, size: entry.size ?? 0, symlink: entry.mode === "120000" });
  return { blobs, truncated: data.truncated };
}

/** Whether the path exists in the tree: yes, no, or unknown (a truncated listing). */
export function existsIn(tree: RepoTree, path: string): boolean | undefined {
  return tree.blobs.has(path) ? true : tree.truncated ? undefined : false;
}
