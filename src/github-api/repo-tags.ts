/**
 * A repository's tags and what a tag's commit lacks of another commit, through the REST API: the App's way to the
 * release facts `migguard review` reads from git (review/release-tags.ts). GitHub lists tags by name, with no date.
 */
import type { GitHub } from "./target.js";

export interface RepoTag {
  name: string;
  /** the commit the tag points to (GitHub peels annotated tags) */
  commit: string;
}

/** GitHub's cap on the files of one comparison. */
export const COMPARE_FILES_LIMIT = 300;

/**
 * Every tag, up to `maxPages` pages of 100; undefined when there are more (the listing is by name, so a tag left out
 * may be the newest release).
 */
export async function listTags(octokit: GitHub, repo: { owner: string; repo: string }, maxPages: number): Promise<RepoTag[] | undefined> {
  const tags: RepoTag[] = [];
  let pages = 0;
  for await (const { data, headers } of octokit.paginate.iterator(octokit.rest.repos.listTags, { owner: repo.owner, repo: repo.repo, per_page: 100 })) {
    for (const tag of data) tags.push({ name: tag.name, commit: tag.commit.sha });
    // the last page allowed says there is another: stop before asking for it
    if (++pages === maxPages && /\brel="next"/.test(headers.link ?? "")) return undefined;
  }
  return tags;
}

export interface Comparison {
  /** `to` descends from `from` (or is it): `from` is in its history */
  fromIsAncestor: boolean;
  /** the committer date of `from`'s commit, ISO 8601 */
  fromDate?: string;
  /** paths `to` has and `from` did not (status "added"); undefined when GitHub cut the file list at its cap */
  added?: string[];
  /**
   * the files `to` holds that differ from where it left `from` (any status but "removed"), with `to`'s blob: what a
   * maintenance branch brought in since it was cut (its backports); undefined when GitHub cut the file list at its cap
   */
  present?: Array<{ path: string; blob?: string }>;
}

/** `GET /compare/{from}...{to}` with one commit per page: the file list comes whole on the first page, up to 300 files. */
export async function compareCommits(octokit: GitHub, repo: { owner: string; repo: string }, from: string, to: string): Promise<Comparison> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner: repo.owner, repo: repo.repo, basehead: `${from}...${to}`, per_page: 1 });
  const files = data.files ?? [];
  return {
    fromIsAncestor: data.status === "ahead" || data.status === "identical",
    fromDate: data.base_commit.commit.committer?.date ?? undefined,
    added: files.length >= COMPARE_FILES_LIMIT ? undefined : files.filter((f) => f.status === "added").map((f) => f.filename),
    present: files.length >= COMPARE_FILES_LIMIT ? undefined : files.filter((f) => f.status !== "removed").map((f) => ({ path: f.filename, blob: f.sha ?? undefined })),
  };
}
