/**
 * The project's own Python modules that a changed Django migration or Alembic revision imports (a helper that returns
 * SQL, a RunSQL subclass, a squash's `replaces`, a ForeignKey subclass), read at the head commit as `migguard review`
 * reads them from the working tree. The engine names every path it looked for (`missingProjectModules`: a dotted name
 * is looked for in each folder above the migration, and Django's own imports are looked for too); the head's listing
 * says which exist, only those are fetched, and the engine reads them in the next review. A module that exists but
 * cannot be read (too large, a link, a failed call) is answered `{ unread }`, so the finding it hides says why.
 */
import type { ProjectFileReader, UnreadModule } from "../engine/adapters/python/project-modules.js";
import { PROJECT_MODULE_LIMITS, SYMLINK_NOT_READ, projectModuleTooLarge } from "../engine/limits.js";
import { dirOf } from "../engine/paths.js";
import { describeError } from "../github-api/describe-error.js";
import { fetchFileAt } from "../github-api/repo-contents.js";
import { listFolders, type RepoTree, type TreeBlob } from "../github-api/repo-tree.js";
import type { ChangedFile } from "../engine/review/changes.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";
import { mapConcurrent } from "./concurrency.js";

const FETCH_CONCURRENCY = 8;

/**
 * Calls per review: the engine's count (PROJECT_MODULE_LIMITS.count) decides which modules are read, in the order the
 * migrations use them, as in the CLI; this bounds the calls, with room for the modules a first review looks in that the
 * next does not use (a package's __init__.py, asked for while the submodule it names was not yet known).
 */
const MAX_FETCHES = 2 * PROJECT_MODULE_LIMITS.count;

/** reviews with fetched modules after the first: a module read may import another (the engine follows helpers 3 deep) */
export const PROJECT_MODULE_ROUNDS = 3;

/**
 * What exists at head: a complete listing (the head's tree with sizes, or the base tree with the change applied),
 * or nothing known (a truncated tree), when the folders of the paths asked for are listed at head.
 */
export type HeadListing = ReadonlyMap<string, TreeBlob | undefined> | undefined;

/** The head's files from the base tree with the change applied (a changed file's size is not known). */
export function headBlobs(changes: readonly ChangedFile[], base: RepoTree): Map<string, TreeBlob | undefined> {
  const blobs = new Map<string, TreeBlob | undefined>(base.blobs);
  for (const change of changes) {
    if (change.status === "renamed" && change.previousPath) blobs.delete(change.previousPath);
    if (change.status === "removed") blobs.delete(change.path);
    else blobs.set(change.path, undefined);
  }
  return blobs;
}

export class ProjectModuleFetch {
  /** path -> text, why it was not read, or null for no such file at head */
  private readonly answers = new Map<string, string | UnreadModule | null>();
  private fetched = 0;
  /** without a complete listing: the blobs of the folders listed at head so far, and those folders */
  private readonly listed = new Map<string, TreeBlob>();
  private readonly listedFolders = new Set<string>();

  constructor(
    private readonly octokit: GitHub,
    private readonly target: ReviewTarget,
    private readonly listing: HeadListing,
  ) {}

  /** The engine's reader over what was fetched (AnalyzeInput.readProjectFile). */
  readonly reader: ProjectFileReader = (path) => this.answers.get(path) ?? undefined;

  /** Answer the paths not asked before; true when a module was found (read or not), so another review tells more. */
  async fetch(paths: readonly string[]): Promise<boolean> {
    // .rb: a Rails migration's project base class, where Rails loads its constant from
    const asked = paths.filter((path) => (path.endsWith(".py") || path.endsWith(".rb")) && !this.answers.has(path));
    if (asked.length === 0) return false;
    const listing = this.listing ?? (await this.listFoldersOf(asked));
    const present: string[] = [];
    for (const path of asked) {
      if (!listing.has(path)) this.answers.set(path, null);
      else present.push(path);
    }
    const reads = await mapConcurrent(present, FETCH_CONCURRENCY, (path) => this.read(path, listing.get(path)));
    present.forEach((path, i) => this.answers.set(path, reads[i]));
    return present.length > 0;
  }

  /** No complete listing (a truncated tree): the folders of the paths asked for, listed at head one level at a time. */
  private async listFoldersOf(paths: readonly string[]): Promise<ReadonlyMap<string, TreeBlob>> {
    const folders = [...new Set(paths.map(dirOf))].filter((folder) => !this.listedFolders.has(folder));
    if (folders.length) for (const [path, blob] of await listFolders(this.octokit, this.target, this.target.headSha, folders)) this.listed.set(path, blob);
    for (const folder of folders) this.listedFolders.add(folder);
    return this.listed;
  }

  private async read(path: string, blob: TreeBlob | undefined): Promise<string | UnreadModule> {
    if (blob?.symlink) return { unread: SYMLINK_NOT_READ };
    if (blob && blob.size > PROJECT_MODULE_LIMITS.bytes) return { unread: projectModuleTooLarge(blob.size) };
    if (this.fetched >= MAX_FETCHES) return { unread: `past the ${MAX_FETCHES} project modules the App fetches for one review` };
    this.fetched++;
    try {
      const file = await fetchFileAt(this.octokit, { owner: this.target.owner, repo: this.target.repo, path, ref: this.target.headSha }, PROJECT_MODULE_LIMITS.bytes);
      if (file.status === "text") return file.content;
      if (file.status === "missing") return { unread: `listed at ${this.target.headSha.slice(0, 7)} but not found there` };
      return { unread: file.size === undefined ? file.reason : projectModuleTooLarge(file.size) };
    } catch (error) {
      // the migration is still reviewed: what the module would have told stays hidden, and the finding says why
      return { unread: `fetching it at ${this.target.headSha.slice(0, 7)} failed: ${describeError(error)}` };
    }
  }
}
