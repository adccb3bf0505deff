/**
 * Lint: an UPDATE of every row whose columns were all added by an earlier migration of the same deploy (the same
 * first-parent commit, or dated less than a day before: same-deploy-tables.ts), with nothing written to them since,
 * overwrites only what their ADD COLUMN put there (the default, or NULL): ifme's set_default_publication_date fills
 * the published_at its pull request added. Likewise a DROP COLUMN of such a column (linkwarden's 20250215182023
 * drops the TEXT indexVersion 20250215181757 added three minutes before, to add it again as INTEGER): it holds
 * nothing anyone wrote, and no deployed code knew it. No data is lost, so the finding becomes a note that says why;
 * the fix stays, since the two may have been deployed apart.
 */
import type { Migration, Operation, ReportedFinding } from "../model.js";
import type { RepositoryView } from "../repository/repository-view.js";
import { migrationDate } from "../repository/migration-date.js";
import { migrationLabel } from "../paths.js";
import { HOUR_MS, inDatedBatch } from "./dated-batch.js";
import type { ShippedTogether } from "./shipped-together.js";


/** How an adder ships with `migration`: the commit both came in, or the hours between their dates (under `hours`). */
function together(adder: Migration, migration: Migration, repository: RepositoryView, shipped: ShippedTogether, hours: number): string | undefined {
  const commit = shipped.commitOf(adder.path, migration.path);
  if (commit) return `which reached this branch in the same commit as this migration (${commit.slice(0, 12)}: one pull request's merge or one direct commit)`;
  const date = migrationDate(migration);
  const added = migrationDate(adder);
  if (!date || !added || inDatedBatch(repository, date)) return undefined;
  const ms = date.getTime() - added.getTime();
  return ms >= 0 && ms < hours * HOUR_MS ? `written less than ${hours} hours before this one by their version timestamps, so almost surely in the same deploy` : undefined;
}

/** The columns whose values the finding is about: those an UPDATE of every row sets, or the one a DROP COLUMN drops. */
function valuesAt(finding: ReportedFinding, op: Operation): { table: string; columns: readonly string[]; drop: boolean } | undefined {
  if (finding.rule === "dml-without-where" && op.kind === "dml" && op.verb === "update" && op.table && op.columns.length > 0) return { table: op.table, columns: op.columns, drop: false };
  if (finding.rule === "drop-column" && op.kind === "drop_column") return { table: op.table, columns: [op.column], drop: true };
  return undefined;
}

/** The finding as a note when every column whose values it is about was added, unwritten since, by a migration of the same deploy. */
export function withSameDeployColumns(finding: ReportedFinding, op: Operation, index: number, migration: Migration, repository: RepositoryView, shipped: ShippedTogether, hours: number): ReportedFinding | undefined {
  const at = index < 0 ? undefined : valuesAt(finding, op);
  if (!at) return undefined;
  const { table } = at;
  const adders = at.columns.map((column) => ({ column, adder: repository.columnAdder(table, column, index) }));
  const how = adders.map(({ adder }) => (adder ? together(adder, migration, repository, shipped, hours) : undefined));
  if (how.some((h) => h === undefined)) return undefined;
  const first = adders[0].adder!;
  const label = migrationLabel(first.path);
  const many = at.columns.length > 1;
  const columns = at.columns.join(", ");
  const lost = at.drop
    ? `it holds only what its ADD COLUMN put there (its default, or NULL) and no deployed code knew it, so no data is lost`
    : `every value this overwrites is the one the ADD COLUMN put there (its default, or NULL), so no data is lost`;
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} But ${columns} ${many ? "were" : "was"} added by ${label}, ${how[0]}, and nothing has written ${many ? "them" : "it"} since: ${lost}. If ${label} was deployed on its own and ${table} has values written by now, take the safe way below.`,
    details: [...finding.details, `same deploy: ${label} added ${columns} and no statement or data step wrote ${many ? "them" : "it"} in between`],
  };
}
