/**
 * Lint, where git says the migration reached the branch in the repository's first weeks with no version tag before it (the
 * CLI's pre-release.ts), and every table it works on was created by a migration of those weeks: nothing was
 * released yet, so no deployed code uses the table's names (a rename, a drop breaks no running release), no
 * production rows can be lost or fail a constraint, and no traffic waits on its locks. The finding stays, as a note
 * that says why and keeps the safe fix: an application may have run before its first tag. A table a root commit's
 * migration, a moved folder's or a squash's created keeps the finding (its history began elsewhere), and so does a
 * table the production snapshot measured. Later on, in a project that releases by version tags, a table created and
 * changed before the first release that holds either is in the same case (firstReleaseNote). Review asks its base branch instead: a table a base migration created after the
 * newest version tag is in no release (`againstUnreleasedBase`).
 */
import type { Migration, Operation, ReportedFinding } from "../model.js";
import type { RepositoryView } from "../repository/repository-view.js";
import { migrationLabel } from "../paths.js";
import { nameKey } from "../rules/support/facts.js";
import type { RuleMeta } from "../rules/support/rule.js";
import type { Production } from "./production.js";
import type { LockWork } from "./estimates.js";
import { measuredInSnapshot, tablesOf, workOf } from "./size-aware.js";
import type { PreRelease, ShippedTogether } from "./shipped-together.js";
import type { ChangePlan } from "../rules/support/change-plan.js";
import { NEEDS_ROWS } from "./same-deploy-tables.js";

/**
 * Two weeks: long enough for a new project's first pull requests, which write the schema and rework it within days
 * (link-checker-api renamed and dropped the tables of its first week four to seven days after its first commit),
 * short enough that an application is rarely in use yet; a version tag (a release) ends the window earlier.
 */
export const PRE_RELEASE_DAYS = 14;
/**
 * A project whose first version tag came within six weeks of its first commit tags from its start: before that tag
 * nothing was released (Open-Assistant's v0.0.1-alpha1 came 5 days after its first commit, months before launch;
 * Mastodon's v0.1.0 25 days after, half a year before mastodon.social opened; quetz's first 39 days after). Projects
 * whose first tag came later had run somewhere before it: Lemmy (186 days: dev.lemmy.ml ran from April 2019), atuin (204:
 * versions bumped and published from February 2021), SurfSense (295), caluma (411: an install may have run its 0006), Helsinki's
 * open-city-profile (675), e-petitions (1149: its first commit is the previous petitions site's source, whose 2011
 * schema it later flattened), saleor (1264), alaveteli (1470: WhatDoTheyKnow ran from 2008). So the window reaches the
 * first version tag only when that tag came within these days; a tag before a migration ends it, as always. The
 * dates before a later first tag (e-petitions' rename a month before its 1.0.0 launch) are not a signal: as many
 * projects ran in production then.
 */
export const EARLY_TAG_DAYS = 45;
const DAY_MS = 24 * 60 * 60 * 1000;

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const daysAfter = (from: number, to: number): string => {
  const days = Math.floor((to - from) / DAY_MS);
  return days === 0 ? "the same day as" : days === 1 ? "1 day after" : `${days} days after`;
};

/**
 * The name `table` had before the migration, through the renames of `up[0..index)`; "created" when an earlier
 * statement of the migration created it (born with the migration).
 */
function nameBefore(migration: Migration, index: number, table: string): string | "created" {
  let name = nameKey(table);
  for (let i = index - 1; i >= 0; i--) {
    const op = migration.up[i];
    if (op.kind === "rename_table" && nameKey(op.newName) === name) name = nameKey(op.table);
    else if (op.kind === "create_table" && nameKey(op.table) === name) return "created";
  }
  return name;
}

/**
 * Each of the op's tables with the earlier migration that created it (followed through the migration's own renames),
 * when `accepts` takes every creator; undefined otherwise.
 */
function bornTables(op: Operation, index: number, migration: Migration, repository: RepositoryView, firstOfApp: (path: string) => boolean, accepts: (creator: Migration) => boolean): Array<{ table: string; creator: Migration }> | undefined {
  const tables = tablesOf(op);
  if (tables.length === 0 || index < 0) return undefined;
  const born: Array<{ table: string; creator: Migration }> = [];
  for (const table of tables) {
    const before = nameBefore(migration, index, table);
    if (before === "created") {
      born.push({ table, creator: migration });
      continue;
    }
    const birth = repository.tableBirth(before);
    // a Django app's 0001_initial may be a reset's, written over tables of an older history, unless git shows it the app's first
    if (!birth || birth.baseline || birth.creator.path === migration.path || (birth.appInitial && !firstOfApp(birth.creator.path))) return undefined;
    if (!accepts(birth.creator)) return undefined;
    born.push({ table, creator: birth.creator });
  }
  return born;
}

/** Git shows the app's 0001_initial in the commit that began the repository's history (no reset written over older tables). */
const firstOfAppBy = (shipped: ShippedTogether) => (path: string) => shipped.foundingCommit(path) !== undefined;

/** A migration of the first weeks, before this one, created each table. */
const inFirstWeeks = (shipped: ShippedTogether, self: PreRelease) => (creator: Migration) => {
  const born = shipped.preRelease(creator.path);
  return born !== undefined && born.rootCommit === self.rootCommit && born.addedAt <= self.addedAt;
};

/**
 * The finding's hazard is one a table no release had cannot have: of the running code (a drop, a rename), of the
 * traffic behind a lock, or of the rows; and no production snapshot measured the table.
 */
function answeredByNoRelease(finding: ReportedFinding, op: Operation | undefined, production?: Production, reported?: LockWork, hazard?: RuleMeta["hazard"]): op is Operation {
  if (finding.severity === "info" || !op) return false;
  if (hazard !== "old-code" && hazard !== "concurrency" && !NEEDS_ROWS.has(finding.rule) && !workOf(finding.rule, op, reported)) return false;
  return !measuredInSnapshot(op, production);
}

/** The finding as a note when nothing was released before the migration and its tables were born since; unchanged otherwise. */
export function withPreRelease(
  finding: ReportedFinding,
  op: Operation | undefined,
  index: number,
  migration: Migration,
  repository: RepositoryView,
  shipped: ShippedTogether,
  production?: Production,
  reported?: LockWork,
  hazard?: RuleMeta["hazard"],
): ReportedFinding {
  if (!answeredByNoRelease(finding, op, production, reported, hazard)) return finding;
  const self = shipped.preRelease(migration.path);
  if (!self) {
    const first = firstReleaseNote(finding, op, index, migration, repository, shipped);
    return first !== finding || hazard !== "old-code" ? first : renamedInReleaseNote(finding, op, index, migration, repository, shipped);
  }
  const born = bornTables(op, index, migration, repository, firstOfAppBy(shipped), inFirstWeeks(shipped, self));
  if (!born) return finding;
  const { table, creator } = born[0];
  const tableList = born.map((b) => b.table).join(", ");
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} ${table} was created by ${migrationLabel(creator.path)}, and this migration reached the branch ${daysAfter(self.rootAt, self.addedAt)} the repository's first commit (${day(self.rootAt)}), ${self.firstTag ? `before ${self.firstTag.name} (${day(self.firstTag.at)}), its first version tag` : "with no version tag before it"}: nothing was released yet, so no deployed code uses ${tableList === table ? "its names" : `the names of ${tableList}`}, and no production rows or traffic are at stake. If the application already ran somewhere with this schema, take the safe way below.`,
    details: [
      ...finding.details,
      self.firstTag
        ? `pre-release: git says the migration and the one that created the table reached the branch before its first version tag, ${self.firstTag.name}, which came within ${EARLY_TAG_DAYS} days of its first commit (${self.rootCommit.slice(0, 12)}): a project that tags that early released nothing before its first tag`
        : `pre-release: git says the migration and the one that created the table reached the branch within ${PRE_RELEASE_DAYS} days of its first commit (${self.rootCommit.slice(0, 12)}), and no version tag (v1.2.3) is in the history before them`,
    ],
  };
}

/**
 * Lint, in a project that releases by version tags: the first version tag that holds this migration is the first
 * that holds the migration that created each table it works on (followed through renames), and no version tag holds
 * that one without this one. No release had the table before this migration, so no released code uses its names and
 * no released database holds its rows (caluma's dynamicoption tables: created by 0025, their column dropped by 0026 a
 * week later, both first shipped in v3.0.0a1). The finding stays, as a note with the safe fix, for a team that
 * deploys the branch itself between releases. A table this migration created is same-deploy-tables.ts's question.
 */
function firstReleaseNote(finding: ReportedFinding, op: Operation, index: number, migration: Migration, repository: RepositoryView, shipped: ShippedTogether): ReportedFinding {
  const tags = new Set<string>();
  const born = bornTables(op, index, migration, repository, firstOfAppBy(shipped), (creator) => {
    const tag = shipped.firstReleaseOf(creator.path, migration.path);
    if (tag !== undefined) tags.add(tag);
    return tag !== undefined;
  });
  const earlier = born?.find((b) => b.creator.path !== migration.path);
  // one first release holds this migration: every creator's answer names it
  const [tag] = tags;
  if (!born || !earlier || !tag) return finding;
  const { table, creator } = earlier;
  const tableList = [...new Set(born.map((b) => b.table))].join(", ");
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} ${table} was created by ${migrationLabel(creator.path)}, and both first shipped in ${tag}: no release had ${tableList === table ? "the table" : `${tableList}`} before this migration, so no released code uses ${tableList === table ? "its names" : "their names"} and no released database holds ${tableList === table ? "its" : "their"} rows or traffic: an upgrade creates and changes ${tableList === table ? "it" : "them"} in one go. If you deploy the branch between releases, take the safe way below.`,
    details: [...finding.details, `first release: git says ${tag} is the first version tag that holds this migration and ${migrationLabel(creator.path)}, and no version tag holds the second without the first`],
  };
}

/**
 * Lint, in a project that releases by version tags, for a finding only the running code can trip over (old-code): each
 * table got its current name from a rename first shipped in the same release as this migration, and no release had
 * the rename without it (ralph's networks 0004 adds NOT NULL columns to networks_networkenvironment, the table
 * data_center 0012 moved there with AlterModelTable, both first in 20160609.2). Code of earlier releases reads and
 * writes the table under its old name, so it never meets what this migration does under the new one. A note, for a
 * team that deploys the branch itself between releases.
 */
function renamedInReleaseNote(finding: ReportedFinding, op: Operation, index: number, migration: Migration, repository: RepositoryView, shipped: ShippedTogether): ReportedFinding {
  const tables = tablesOf(op);
  if (tables.length === 0 || index < 0) return finding;
  const renames: Array<{ table: string; renamer: Migration; tag: string }> = [];
  for (const table of tables) {
    const before = nameBefore(migration, index, table);
    if (before === "created") return finding;
    const renamer = repository.tableRenamedBy(before);
    const tag = renamer && renamer.path !== migration.path ? shipped.firstReleaseOf(renamer.path, migration.path) : undefined;
    if (!renamer || !tag) return finding;
    renames.push({ table: before, renamer, tag });
  }
  const [{ table, renamer, tag }] = renames;
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} But ${table} got this name from ${migrationLabel(renamer.path)}, and both first shipped in ${tag}: code of earlier releases uses the table under its old name, so none of it reaches ${table} while this migration runs. If you deploy the branch between releases, take the safe way below.`,
    details: [...finding.details, `first release: git says ${tag} is the first version tag that holds this migration and ${migrationLabel(renamer.path)}, which renamed the table to ${table}, and no version tag holds the second without the first`],
  };
}

/** Every finding of one migration, seen against a schema nothing released yet (lint only). */
export function againstPreRelease<R extends { finding: ReportedFinding; op?: Operation; work?: LockWork; hazard?: RuleMeta["hazard"]; withoutOldCode?: string }>(
  raw: readonly R[],
  migration: Migration,
  indexOf: (op: Operation) => number,
  repository: RepositoryView,
  shipped: ShippedTogether,
  production?: Production,
): R[] {
  // no finding left to lower: git is not asked
  if (raw.every((r) => r.finding.severity === "info")) return [...raw];
  return raw.map((r) => withNote(r, withPreRelease(r.finding, r.op, r.op ? indexOf(r.op) : -1, migration, repository, shipped, production, r.work, r.hazard)));
}

/**
 * The raw finding with its note; the message a deploy that leaves no old code running puts in place of the finding's
 * (`withoutOldCode`, deploy/old-code-gone.ts) says the note too, or the note would be lost under such a deploy.
 */
export function withNote<R extends { finding: ReportedFinding; withoutOldCode?: string }>(raw: R, noted: ReportedFinding): R {
  if (noted === raw.finding) return raw;
  const said = noted.message.startsWith(raw.finding.message) ? noted.message.slice(raw.finding.message.length) : "";
  return { ...raw, finding: noted, ...(raw.withoutOldCode !== undefined && said ? { withoutOldCode: `${raw.withoutOldCode}${said}` } : {}) };
}

/**
 * Review with release tags: every table the finding works on was created (followed through renames) by a base-branch
 * migration the newest version tag does not hold, or by this migration. Production runs tagged releases, so no
 * release has the table: no released code uses its names, it holds no production rows and no traffic waits on its
 * locks; it reaches production with this change in the next release. The finding stays, as a note with the safe fix,
 * for a team that deploys the branch itself. A Django app's 0001_initial keeps the finding: it may be a reset written
 * over released tables, and a review reads no git history to say otherwise.
 */
export function againstUnreleasedBase<R extends { finding: ReportedFinding; op?: Operation; work?: LockWork; hazard?: RuleMeta["hazard"]; withoutOldCode?: string }>(
  raw: readonly R[],
  migration: Migration,
  indexOf: (op: Operation) => number,
  repository: RepositoryView,
  change: ChangePlan,
  production?: Production,
): R[] {
  return raw.map((r) => withNote(r, unreleasedOnBaseNote(r, migration, indexOf, repository, change, production)));
}

function unreleasedOnBaseNote(raw: { finding: ReportedFinding; op?: Operation; work?: LockWork; hazard?: RuleMeta["hazard"] }, migration: Migration, indexOf: (op: Operation) => number, repository: RepositoryView, change: ChangePlan, production?: Production): ReportedFinding {
  const { finding, op } = raw;
  if (!answeredByNoRelease(finding, op, production, raw.work, raw.hazard)) return finding;
  const born = bornTables(op, indexOf(op), migration, repository, () => false, (creator) => creator.path === migration.path || change.unreleasedWithChange(creator) !== undefined);
  const fromBase = born?.find((b) => b.creator.path !== migration.path);
  const newestTag = fromBase && change.unreleasedWithChange(fromBase.creator);
  if (!born || !fromBase || !newestTag) return finding;
  const { table, creator } = fromBase;
  const tableList = [...new Set(born.map((b) => b.table))].join(", ");
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} ${table} was created by ${migrationLabel(creator.path)} after ${newestTag}, the newest version tag, and no release has it yet: no released code uses ${tableList === table ? "its names" : `the names of ${tableList}`}, and no production rows or traffic are at stake; it reaches production with this change in the next release. If you deploy the base branch itself (a service that runs it between releases), take the safe way below.`,
    details: [...finding.details, `unreleased on the base branch: the tree of ${newestTag}, its newest version tag, lacks ${migrationLabel(creator.path)}, which created ${table}`],
  };
}
