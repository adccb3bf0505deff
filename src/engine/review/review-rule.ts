/**
 * Review rules judge a change (base -> head), not one migration: edited history, version order, schema
 * dumps, code that still uses what a migration drops. Same metadata as every rule (id, category, severity,
 * why), so config, waivers and docs treat them alike; their cases give base and head files.
 */
import type { ChangePlan } from "../rules/support/change-plan.js";
import type { Config } from "../config.js";
import type { DetectedFile } from "../detect.js";
import type { Migration, ReportedFinding, Severity, SourceFile } from "../model.js";
import type { RuleMeta } from "../rules/support/rule.js";
import type { Change } from "./changes.js";
import type { SchemaDumpPath } from "../repository/schema-dump-paths.js";
import type { Usage, UsageIndex } from "../code/usage-search.js";
import type { UsageTarget } from "../code/usage-targets.js";
import type { Reference } from "../code/usage-reference.js";
import type { CodeModels } from "../code/code-models.js";
import type { DjangoGraphNode } from "./history/django-graph.js";
import type { DjangoAppRemoval } from "./history/django-app-removal.js";
import type { DjangoAppUninstall } from "./history/django-app-uninstall.js";
import type { PackagedApp } from "./history/packaged-app.js";
import type { EditJudgement } from "./history/edit-judgement.js";
import type { RailsDatabases } from "../repository/rails-databases.js";
import type { OneDatabase } from "../database/django-one-database.js";
import type { RemovedOnBase } from "./history/restored-migrations.js";

export interface ChangedMigration {
  change: Change;
  /** detection at the head path (at the base path for a removed file) */
  file: DetectedFile;
  /** detection at the path before a rename */
  previousFile?: DetectedFile;
  /** the model at head, when the file was analysed (added, modified, renamed) */
  head?: Migration;
  /**
   * renamed from a folder migguard does not read as a migration folder (no previousFile), with the same file name and
   * text: the same migration moved, which databases may have run from there (review.ts isUnchangedMove)
   */
  movedUnchanged?: boolean;
  /** the model on the base branch (modified files, and deleted ones when the change adds migrations) */
  base?: Migration;
  /** a modified migration: what the edit changes, for its databases */
  edit?: EditJudgement;
  headContent?: string;
  baseContent?: string;
  /**
   * the base version's statements the migrations' history proves fail on every database (drop-missing-column's
   * findings on it): no database recorded that version
   */
  baseFailures?: readonly ReportedFinding[];
  /**
   * a deleted migration whose every statement the schema its earlier migrations leave makes a no-op (an existence
   * check decided against it, a NULL allowed where it already was): why, one line per statement (guarded-no-op.ts)
   */
  baseNoOp?: readonly string[];
  /**
   * an added file with the text the base branch's history deleted (a revert, a re-add), with that deletion: databases
   * that ran the history before it recorded the migration (history/restored-migrations.ts)
   */
  restored?: RemovedOnBase;
  /** Django: dependencies and `replaces` of the head and base versions */
  headGraph?: DjangoGraphNode;
  baseGraph?: DjangoGraphNode;
}

export interface SchemaDumpState {
  dump: SchemaDumpPath;
  /** exists on the base branch */
  onBase: boolean;
  change?: Change;
  /** content at head when the change touched it; for a dump it leaves alone, the repository's copy when one was read */
  headContent?: string;
  /** content on the base branch, when the plan read it (the change adds migrations and leaves the dump alone) */
  baseContent?: string;
  /** a copy of another dump (a replica's, a mirror of the primary's: dumps/dump-mirrors.ts) */
  mirrorOf?: DumpMirror;
}

/** The dump a mirror copies, and what says so. */
export interface DumpMirror {
  /** the path of the dump it copies */
  source: string;
  /** config/database.yml's replica, or the same content */
  why: string;
  /** its content at head is the source's, byte for byte */
  identical: boolean;
}

export interface ReviewFacts {
  config: Config;
  changes: readonly Change[];
  /** changed files that are migrations (every file of a migration: ups, downs, combined) */
  migrations: readonly ChangedMigration[];
  /** every migration file on the base branch, from its tree listing; undefined when the listing was not given */
  baseMigrations?: readonly DetectedFile[];
  /** which database each Rails migration folder feeds (db/migrate and db/post_migrate are one) */
  railsDatabases: RailsDatabases;
  /** schema dumps on the base branch or added by the change */
  dumps: readonly SchemaDumpState[];
  /** application code at head (empty when not given) */
  codeFiles: readonly SourceFile[];
  /** the identifiers searched in `codeFiles` (undefined when no code was given) */
  usages?: UsageIndex;
  /**
   * whether each usage of a target can be its table's (code/usage-reference.ts, which reads code with Prism and
   * tree-sitter: kept out of the rule catalogue, which a SQL lint loads without them)
   */
  judgeUsages?: (target: UsageTarget, usages: readonly Usage[]) => Array<Usage & { reference: Reference }>;
  /** ORM models read from the code: Rails ignored_columns, Django model fields */
  models?: CodeModels;
  /** Django apps the change removes whole, the way Django documents (history/django-app-removal.ts), by migrations folder */
  removedDjangoApps?: ReadonlyMap<string, DjangoAppRemoval>;
  /** Django apps the change takes out of INSTALLED_APPS while their migrations stay, with the tables left (history/django-app-uninstall.ts), by migrations folder */
  uninstalledDjangoApps?: ReadonlyMap<string, DjangoAppUninstall>;
  /** vendored Django apps the change replaces by a package its dependency files declare (history/packaged-app.ts), by migrations folder */
  packagedDjangoApps?: ReadonlyMap<string, PackagedApp>;
  /** Django migrations (`app/name`) a squashed migration of the base branch or the change replaces -> its path */
  squashedBy: ReadonlyMap<string, string>;
  /** models of the base-branch migrations the plan read (edited, deleted, newer than an added one), by path */
  baseModels: ReadonlyMap<string, Migration>;
  /** the migrations the change adds, judged as one plan (a swap's steps, tables the change created) */
  change?: ChangePlan;
  /** gobuffalo/pop runs the migration at this path (its go.mod or pop's file shapes; repository/go-mod.ts) */
  runsOnPop?: (path: string) => boolean;
  /**
   * How long before the change the base branch added a migration: days from the commit that added it (else its
   * version date) to the change's date (`ReviewInput.dates`); undefined when either date is unknown.
   */
  ageOnBase?: (migration: Migration) => { days: number; by: "commit" | "version" } | undefined;
  /** When the first-parent commit that added the migration at `path` to the base branch was made (`ReviewInput.dates.addedOnBase`); undefined when not known */
  addedOnBase?: (path: string) => Date | undefined;
  /** The newest version tag when the repository releases by version tags and the migration at `path` is in none (releases.ts) */
  unreleased?: (path: string) => { newestTag: string } | undefined;
  /**
   * The one database the repository's Django settings modules name (database/django-one-database.ts), read at head;
   * undefined when not proved (a module with another alias or routers, one not read, no base tree listing)
   */
  oneDjangoDatabase?: () => OneDatabase | undefined;
  /** how the developer names the base (ReviewInput.baseRef), when known */
  baseRef?: string;
}

export interface ReviewReport {
  path: string;
  line: number;
  endLine?: number;
  message: string;
  fix: string;
  severity?: Severity;
  details?: string[];
  /** stable text for comment fingerprints (a statement, a version) */
  statement?: string;
}

export interface ReviewRuleContext extends ReviewFacts {
  report(report: ReviewReport): void;
}

export interface ReviewRule {
  meta: RuleMeta;
  check(context: ReviewRuleContext): void;
}

export const defineReviewRule = (rule: ReviewRule): ReviewRule => rule;

/** A case in a review rule's table: the files of the base branch and what the change does to them. */
export interface ReviewCase {
  name: string;
  /** files on the base branch */
  base: Record<string, string>;
  /** files the change adds or modifies (content) or deletes (null) */
  head: Record<string, string | null>;
  /** renames: new path -> old path (the content is the old one unless `head` gives the new path too) */
  renames?: Record<string, string>;
  config?: Record<string, unknown>;
  /** when the change was made and when the base branch added the migrations it deletes (ReviewInput.dates) */
  dates?: { change?: string; addedOnBase?: Record<string, string> };
  /** the release tags the CLI reads from git (ReviewInput.releases) */
  releases?: { onBase: string[]; shippedIn: Record<string, string[]>; newestReleaseDate?: string };
  /** per path the change adds: the base branch's deletion of it, with the text the file had before (ReviewInput.removedOnBase as a blob id) */
  removedOnBase?: Record<string, { commit: string; date?: string; content: string }>;
}

export interface InvalidReviewCase extends ReviewCase {
  /** where the rule must report, in order; `message`: a part its message must contain */
  findings: Array<{ path: string; line: number; severity?: Severity; message?: string }>;
}

export interface ReviewCases {
  valid: ReviewCase[];
  invalid: InvalidReviewCase[];
}

export const defineReviewCases = (cases: ReviewCases): ReviewCases => cases;
