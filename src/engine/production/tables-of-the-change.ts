/**
 * Review: a table an earlier migration of the same change created is known to no deployed code, whatever rows the
 * change has written into it since (a data step filling a new table is the usual follow-up of its CREATE TABLE):
 * nothing running reads its names, inserts into it or waits on its locks. A finding whose hazard is one of those
 * becomes a note that says so and keeps the safe fix (part of the change might be deployed on its own). Baserow's
 * release merges: NOT NULL columns with a Python-only default added to theme tables the previous migration of the
 * same merge created and filled. A hazard of the rows themselves stays: an ALTER that fails when the table has rows
 * (a NOT NULL column with no default, a narrowing type change) fails on the rows the change wrote, in every
 * environment, and a drop loses rows the change may have moved there from production.
 * Empty tables of the change are the rules' own concern (ChangePlan.createdEmptyEarlier): they report nothing.
 */
import type { Migration, Operation, ReportedFinding } from "../model.js";
import { migrationLabel } from "../paths.js";
import type { ChangePlan } from "../rules/support/change-plan.js";
import type { RuleMeta } from "../rules/support/rule.js";
import type { LockWork } from "./estimates.js";
import { tablesOf, workOf } from "./size-aware.js";
import { NEEDS_ROWS } from "./same-deploy-tables.js";
import { withNote } from "./pre-release.js";

/** Rules of NEEDS_ROWS whose statement fails on rows it cannot convert or fill: the change's own rows make it fail too. */
const FAILS_ON_ROWS = new Set(["required-column-without-default", "narrowing-type-change", "unique-column-shared-default"]);
/**
 * Rules whose hazard is the rows a statement deletes: rows the change wrote into its new table may be production data
 * moved there (an INSERT ... SELECT from a table the change drops), so their loss is not moot; an empty new table is
 * the rules' own concern (ChangePlan.createdEmptyEarlier).
 */
const LOSES_ROWS = new Set(["drop-table", "drop-column", "remove-column-in-change", "dml-without-where"]);

interface Raw {
  finding: ReportedFinding;
  op?: Operation;
  work?: LockWork;
  hazard?: RuleMeta["hazard"];
  withoutOldCode?: string;
}

/** The hazard is of the running code or of the traffic behind a lock: none a table new to the change has. */
function mootOnNewTable(raw: Raw): boolean {
  const { finding, op, hazard, work } = raw;
  if (finding.severity === "info" || !op || LOSES_ROWS.has(finding.rule)) return false;
  if (hazard === "old-code" || hazard === "concurrency") return true;
  if (NEEDS_ROWS.has(finding.rule)) return !FAILS_ON_ROWS.has(finding.rule);
  return workOf(finding.rule, op, work) !== undefined;
}

function noteOf(raw: Raw, migration: Migration, indexOf: (op: Operation) => number, change: ChangePlan): ReportedFinding {
  if (!mootOnNewTable(raw)) return raw.finding;
  const op = raw.op!;
  const index = indexOf(op);
  const tables = tablesOf(op);
  if (tables.length === 0 || index < 0) return raw.finding;
  const creators = tables.map((table) => change.createdByEarlierMigration(migration, table, index));
  if (creators.some((creator) => creator === undefined)) return raw.finding;
  const [table] = tables;
  const creator = creators[0]!;
  const many = tables.length > 1;
  const named = many ? `${tables.join(", ")} were` : `${table} was`;
  return {
    ...raw.finding,
    severity: "info",
    message: `${raw.finding.message} ${named} created by ${migrationLabel(creator.path)}, an earlier migration of this change: no deployed code knows ${many ? "them" : "it"}, so nothing running reads ${many ? "their" : "its"} names, inserts into ${many ? "them" : "it"} or waits on ${many ? "their" : "its"} locks. If part of this change may be deployed on its own, take the safe way below.`,
    details: [...raw.finding.details, `created in this change: ${migrationLabel(creator.path)} creates ${table} before this migration runs`],
  };
}

export function againstTablesOfTheChange<R extends Raw>(raw: readonly R[], migration: Migration, indexOf: (op: Operation) => number, change: ChangePlan): R[] {
  return raw.map((r) => withNote(r, noteOf(r, migration, indexOf, change)));
}
