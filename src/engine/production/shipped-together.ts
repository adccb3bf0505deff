/**
 * Which migrations reached the main line in the same first-parent commit (one merge: one pull request; or one
 * direct commit), from the edge's git fact (`AnalyzeInput.shippedWith`): they ship in the same deploy whatever
 * their dates, or without any (Django, Alembic without a Create Date, sequence numbers). A commit that added more
 * than a batch of migrations (an import, a port, a regeneration: dated-batch.ts) says nothing about a deploy.
 */
import { BATCH_MIGRATIONS } from "./dated-batch.js";

/** A migration that reached the branch before anything was released (the CLI's pre-release.ts says when). */
export interface PreRelease {
  /** the root of the branch's first-parent history, and its committer time (ms) */
  rootCommit: string;
  rootAt: number;
  /** when the migration reached the branch (ms) */
  addedAt: number;
  /**
   * the project's first version tag and when it was made (ms), when it came within EARLY_TAG_DAYS of the root and
   * this migration reached the branch before it, after the first PRE_RELEASE_DAYS
   */
  firstTag?: { name: string; at: number };
}

/**
 * Lint, in a project that releases by version tags: which tag first shipped a migration with the one that created
 * its table (the CLI's first-releases.ts).
 */
export interface FirstReleases {
  /**
   * The first version tag that holds `migration`, when it holds `creator` too, no version tag holds `creator` without
   * `migration` (no release had the table before the migration) and one holds neither (the project released before
   * the table: before its first version tag the tags say nothing); undefined otherwise, or when git cannot say.
   */
  together(creator: string, migration: string): string | undefined;
  /** The first version tag that holds `migration` (installs of it ran the migration); undefined when none or git cannot say. */
  shippedIn?(migration: string): string | undefined;
}

type Lazy<T> = T | (() => T);
const read = <T>(value: Lazy<T> | undefined, none: T): T => (typeof value === "function" ? (value as () => T)() : (value ?? none));

export class ShippedTogether {
  static readonly none = new ShippedTogether(new Map());
  private read?: { commits: ReadonlyMap<string, string>; added: Map<string, number> };

  private founders?: ReadonlyMap<string, string>;
  private times?: ReadonlyMap<string, number>;
  private early?: ReadonlyMap<string, PreRelease>;
  private releases?: FirstReleases;

  /**
   * `commits`: a migration's path to the id of the first-parent commit that added it; `foundedFolder`: the
   * migrations among the first files of their folder, to that commit; a function is asked on first use (the CLI's
   * git runs only when a finding needs it)
   */
  constructor(
    private readonly commits: ReadonlyMap<string, string> | (() => ReadonlyMap<string, string>),
    private readonly foundedFolder?: ReadonlyMap<string, string> | (() => ReadonlyMap<string, string>),
    /** when each migration reached the branch (ms), for migrations whose version carries no date */
    private readonly addedAt?: Lazy<ReadonlyMap<string, number>>,
    /** the migrations added before anything was released (pre-release.ts) */
    private readonly preReleases?: Lazy<ReadonlyMap<string, PreRelease>>,
    /** the version tags that first shipped the migrations (first-releases.ts) */
    private readonly firstReleases?: Lazy<FirstReleases>,
  ) {}

  /** When git says the migration reached the branch (its first-parent commit's time). */
  dateOf(path: string): Date | undefined {
    this.times ??= read(this.addedAt, new Map());
    const at = this.times.get(path);
    return at === undefined ? undefined : new Date(at);
  }

  /** The migration reached the branch in the repository's first weeks, before any tag (pre-release.ts). */
  preRelease(path: string): PreRelease | undefined {
    this.early ??= read(this.preReleases, new Map());
    return this.early.get(path);
  }

  /** The version tag that first shipped both migrations, when no release had the first without the second (FirstReleases). */
  firstReleaseOf(creator: string, migration: string): string | undefined {
    this.releases ??= read<FirstReleases>(this.firstReleases, { together: () => undefined });
    return this.releases.together(creator, migration);
  }

  /** The first version tag that shipped the migration (FirstReleases.shippedIn). */
  shippedIn(path: string): string | undefined {
    this.releases ??= read<FirstReleases>(this.firstReleases, { together: () => undefined });
    return this.releases.shippedIn?.(path);
  }

  /**
   * The commit that added this migration with the first files its folder ever had, when git says so (and nothing
   * modified it since): no migration of that folder came before it.
   */
  foundingCommit(path: string): string | undefined {
    this.founders ??= typeof this.foundedFolder === "function" ? this.foundedFolder() : (this.foundedFolder ?? new Map());
    return this.founders.get(path);
  }

  private table(): { commits: ReadonlyMap<string, string>; added: Map<string, number> } {
    if (this.read) return this.read;
    const commits = typeof this.commits === "function" ? this.commits() : this.commits;
    const added = new Map<string, number>();
    for (const commit of commits.values()) added.set(commit, (added.get(commit) ?? 0) + 1);
    this.read = { commits, added };
    return this.read;
  }

  /** git says which commit added this migration */
  known(path: string): boolean {
    return this.table().commits.has(path);
  }

  /** The commit that added both migrations, when one did and it is not a batch. */
  commitOf(a: string, b: string): string | undefined {
    const { commits, added } = this.table();
    const commit = commits.get(a);
    return commit !== undefined && commit === commits.get(b) && (added.get(commit) ?? 0) <= BATCH_MIGRATIONS ? commit : undefined;
  }
}
