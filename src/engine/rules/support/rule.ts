/**
 * What a rule is: metadata (id, category, default severity, why it is dangerous) and a check over
 * one Migration of the shared model. Modelled on ESLint's rule modules: `meta` + `check`, with a
 * table of valid/invalid cases per framework in `<id>.cases.ts` beside it (the docs' examples).
 */
import type { Config } from "../../config.js";
import type { Conventions } from "../../conventions.js";
import type { Category, Database, Framework, Migration, Operation, Severity, SourceFile, SourceRange } from "../../model.js";
import type { Production } from "../../production/production.js";
import type { LockWork } from "../../production/estimates.js";
import type { ProductionSnapshot } from "../../production/snapshot-file.js";
import type { RunObjects } from "../../production/run-objects.js";
import type { RepositoryView } from "../../repository/repository-view.js";
import type { MigrationFacts } from "./facts.js";

/** The production snapshot given with the run (`--snapshot`, config `snapshot`), and what the run's other migrations change. */
export interface ProductionContext {
  production: Production;
  run: RunObjects;
}

export interface RuleMeta {
  /** kebab-case, stable: used in config, waivers and docs URLs */
  id: string;
  category: Category;
  severity: Severity;
  /** one line, shown as the finding title */
  title: string;
  /** why it breaks production: a short paragraph for docs and explain */
  why: string;
  /** frameworks the rule applies to (all when absent) */
  frameworks?: readonly Framework[];
  /** PostgreSQL versions the hazard depends on, for the docs */
  postgres?: string;
  /** databases the rule speaks for; PostgreSQL only when absent (support/databases.ts) */
  databases?: readonly Database[];
  /** on unless the config turns it off; style rules are opt-in (`recommended: false`) */
  recommended?: boolean;
  /**
   * Rules that describe the same hazard more generally: when this rule reports an operation, their findings on
   * that operation are dropped, so one hazard gets one finding with the most specific message.
   */
  supersedes?: readonly string[];
  /**
   * Each report's fix is written in its operation's place: inside an Alembic batch block, where that would run
   * before the batch's queued operations, the runner shows the block without the call and the fix after it.
   */
  fixReplacesOperation?: boolean;
  /**
   * The fix rewrites the whole migration (a split into migrations of their own): like a fix in the operation's place,
   * it is no edit for a migration a release already shipped, and says so (production/shipped-migration.ts).
   */
  fixRewritesMigration?: boolean;
  /**
   * What the hazard needs besides the migration itself: `concurrency`, traffic that waits on the lock (a lock or a
   * rewrite); `old-code`, code of the previous release still running against the new schema (a rename, a NOT NULL
   * column its inserts leave out). Under an offline deploy neither exists and the finding is a note
   * (deploy/offline-notes.ts). Absent: the hazard stands without traffic too (data loss, a failing or irreversible
   * migration, transactions, history). `new-code`: the code of the new release running before the migration (a
   * column it selects that the migration adds): only a deploy that puts the code live first has it, and under any
   * other deploy the finding is not shown (deploy/code-first.ts).
   */
  hazard?: "concurrency" | "old-code" | "new-code";
  /**
   * An `old-code` hazard that the new code meets as well when it serves before the migration (a rename: the new code
   * names what the migration creates): a code-before-migrate deploy keeps its severity.
   */
  newCodeFailsToo?: boolean;
}

/** One problem a rule found; `op` gives the lines unless `loc` is given. */
export interface Report {
  op?: Operation;
  loc?: SourceRange;
  message: string;
  /** the safe alternative as code in the migration's own language */
  fix: string;
  /** overrides the rule's default severity for this report (e.g. a warning-level variant) */
  severity?: Severity;
  /**
   * Other findings this one tells too, and the sentence of its message that does: a rewrite's later steps under its
   * lock (support/table-rewrite.ts: the lock rules' findings on `ops`), or `rules`' findings on `ops` (a removed
   * column's empty rollback, told by remove-column-without-ignored-columns). analyze.ts drops their findings when this
   * one is shown at least as loud, else takes the sentence out.
   */
  folds?: { ops: Operation[]; sentence: string; rules?: readonly string[] };
  /**
   * what the statement does under a lock this report is about, for a rule WORK_BY_RULE (production/size-aware.ts)
   * does not list because only some of its findings are about time under a lock (mixed-ddl-dml: a data change
   * under the schema change's lock): a snapshot gives it a size, a young table makes it a note
   */
  work?: LockWork;
  /**
   * The message for a deploy where no old code runs while the migration does (offline; code-first where the code
   * names its columns: deploy/old-code-gone.ts): the same hazard without its claim about the running code (WebODM's
   * drop of a column "code still reads" under a deploy that stops the stack first). Only the data loss is left, a
   * warning, as for a removal the code already stopped using (deploy/old-code-gone.ts).
   */
  withoutOldCode?: string;
  /**
   * The fix for that deploy, when the report's own fix stages the change for old code (state first, the drop a release
   * later): with none running, what is left is the data loss, answered by a copy before the drop as written
   */
  fixWithoutOldCode?: string;
  /**
   * The fix when the project's own migrator runs the file inside a transaction it began (fider's dbx.Migrate:
   * deploy/go-transaction-runner.ts): `runner` names it with its evidence. For a fix that cannot run in a
   * transaction (CONCURRENTLY); undefined keeps the report's fix.
   */
  fixUnderRunnerTransaction?: (runner: string) => string | undefined;
  /**
   * The finding under a code-before-migrate deploy, for an old-code hazard the new code meets too (RuleMeta
   * `newCodeFailsToo`: a rename, whose new name the new code queries before the migration creates it): no old code
   * runs then, so the message and fix are about the new code. `deploy` is the deploy's evidence (its file and line).
   */
  underCodeFirst?: { message: (deploy: string) => string; fix: string; severity?: Severity };
  /** overrides the rule's `hazard` for this report (a variant that only old code meets) */
  hazard?: RuleMeta["hazard"] | "none";
  /** the file the problem is in when it is not the migration's path (a .down.sql) */
  path?: string;
  details?: string[];
}

export interface RuleContext {
  migration: Migration;
  framework: Framework;
  config: Config;
  postgresVersion: number;
  options: Record<string, unknown>;
  facts: MigrationFacts;
  /** application files given with the review (models, code); may be empty */
  codeFiles: readonly SourceFile[];
  /** only with a production snapshot: rules that need one report nothing without it */
  production?: ProductionContext;
  /** the repository's habits, read from its other migrations (a team that never writes downs) */
  conventions: Conventions;
  /** what the repository tells about names and types (earlier migrations, schema dump, models, Gemfile) */
  repository: RepositoryView;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export const defineRule = (rule: Rule): Rule => rule;

/** A case in a rule's table: a migration as a file, with the lines the rule must report (none for valid). */
export interface RuleCase {
  framework: Framework;
  /** short description, used as the test name and the docs caption */
  name: string;
  code: string;
  /** repository path; defaults to a conventional path for the framework */
  path?: string;
  /** other files of the repository the case needs (a .down.sql, an earlier migration) */
  files?: Record<string, string>;
  config?: Record<string, unknown>;
  /** the production snapshot the case is linted against (`productionSnapshot` in testing/production-fixtures.ts) */
  snapshot?: ProductionSnapshot;
  /**
   * SQL on PostgreSQL: the database the migration runs on (the tables and types it finds there), as SQL. The
   * fix of each finding must run in PGlite on it (src/execute/__tests__/rule-fixes.pglite.test.ts).
   */
  schema?: string;
  /**
   * What of the migration runs before the fix: by default the statements before the finding's, as the fix
   * takes that statement's place; "schema": none (the fix replaces more than its statement); "up": the whole
   * up (the fix is for the down).
   */
  fixRunsAfter?: "schema" | "up";
  /**
   * SQL: the values the runner fills the file's `${name}` placeholders with (Flyway, Liquibase), in the migration
   * and its fix, before they run in PGlite
   */
  placeholders?: Record<string, string>;
  /**
   * SQL on PostgreSQL: the database has TimescaleDB. PGlite has not, so a fix's TimescaleDB index option (WITH
   * (timescaledb.transaction_per_chunk)) is taken out before it runs there; the rest of the statement runs.
   */
  timescaledb?: boolean;
}

export interface InvalidRuleCase extends RuleCase {
  /** 1-based lines where the rule must report, in order */
  lines: number[];
  /** the severity of each of those findings, when the case is about it (a note instead of an error) */
  severities?: Severity[];
  /** the fix of each of those findings, exactly, when the case is about the fix's text */
  fixes?: string[];
  /** a phrase each of those findings' messages must hold, when the case is about what the message says */
  messages?: string[];
  /**
   * SQL on PostgreSQL: what the database holds once the fix ran (rule-fixes.pglite.test.ts), when the case is
   * about something the fix must keep (a constraint's DEFERRABLE): `query`'s rows must equal `rows`.
   */
  afterFix?: { query: string; rows: Array<Record<string, unknown>> };
  /**
   * SQL on PostgreSQL that runs after the fix (rule-fixes.pglite.test.ts): what comes later and must still run, such
   * as the statement or later migration that creates a dropped name again, which a fix keeping the dropped object
   * (a table renamed aside with its `_pkey`) would make fail.
   */
  thenRuns?: string;
}

export interface RuleCases {
  valid: RuleCase[];
  invalid: InvalidRuleCase[];
}

export const defineCases = (cases: RuleCases): RuleCases => cases;
