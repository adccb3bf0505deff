/**
 * Which migrations reached the main line in the same first-parent commit (one merge: one pull request; or one
 * direct commit), from the edge's git fact (`AnalyzeInput.shippedWith`): they ship in the same deploy whatever
 * their dates, or without any (Django, Alembic without a Create Date, sequence numbers). A commit that added more
 * than a batch of migrations (an import, a port, a regeneration: dated-batch.ts) says nothing about a deploy.
 */
import { BATCH_MIGRATIONS } from "./dated-batch.js";

export class ShippedTogether {
  static readonly none = new ShippedTogether(new Map());
  private readonly added = new Map<string, number>();

  /** `commits`: a migration's path to the id of the first-parent commit that added it */
  constructor(private readonly commits: ReadonlyMap<string, string>) {
    for (const commit of commits.values()) this.added.set(commit, (this.added.get(commit) ?? 0) + 1);
  }

  /** git says which commit added this migration */
  known(path: string): boolean {
    return this.commits.has(path);
  }

  /** The commit that added both migrations, when one did and it is not a batch. */
  commitOf(a: string, b: string): string | undefined {
    const commit = this.commits.get(a);
    return commit !== undefined && commit === this.commits.get(b) && (this.added.get(commit) ?? 0) <= BATCH_MIGRATIONS ? commit : undefined;
  }
}
