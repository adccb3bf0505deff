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

/**
 * Folders a truncated listing may have cut, each listed in full: GitHub's way past its limits is to read sub-trees
 * without `recursive`, one level at a time from the commit's root (one call per folder on the way, shared between
 * folders). Files of every folder on the way are returned too (a db/schema.rb beside db/migrate); a folder that
 * does not exist adds nothing.
 */
export async function listFolders(octokit: GitHub, target: Pick<ReviewTarget, "owner" | "repo">, commitSha: string, folders: readonly string[]): Promise<Map<string, TreeBlob>> {
  const blobs = new Map<string, TreeBlob>();
  // folder -> its sub-folders' tree SHAs, for each folder listed so far
  const listed = new Map<string, Map<string, string>>();
  const list = async (dir: string, treeSha: string) => {
    const { data } = await octokit.rest.git.getTree({ owner: target.owner, repo: target.repo, tree_sha: treeSha });
    const subfolders = new Map<string, string>();
    for (const entry of data.tree) {
      if (!entry.path || !entry.sha) continue;
      const path = dir ? `${dir}/${entry.path}` : entry.path;
      if (entry.type === "tree") subfolders.set(path, entry.sha);
      else if (entry.type === "blob") blobs.set(path, { sha: entry.sha, size: entry.size ?? 0, symlink: entry.mode === "120000" });
    }
    listed.set(dir, subfolders);
  };
  for (const folder of [...new Set(folders)].sort()) {
    if (!listed.has("")) await list("", commitSha);
    const parts = folder.split("/").filter(Boolean);
    for (let depth = 1; depth <= parts.length; depth++) {
      const dir = parts.slice(0, depth).join("/");
      if (listed.has(dir)) continue;
      const sha = listed.get(parts.slice(0, depth - 1).join("/"))?.get(dir);
      if (!sha) break; // not in this commit
      await list(dir, sha);
    }
  }
  return blobs;
}
