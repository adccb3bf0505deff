/**
 * Findings of `migguard drift`: production (a snapshot) compared with the schema the repository's migrations
 * build. Not a check over one migration, so not in rules/index.ts; like every finding it has an id, a
 * category and a page, so config can change its severity and `migguard explain` shows it.
 */
import type { RuleMeta } from "./rules/support/rule.js";

export const SCHEMA_DRIFT: RuleMeta = {
  id: "schema-drift",
  category: "drift",
  severity: "error",
  title: "Production's schema differs from what the migrations build",
  why:
    "A hotfix made by hand in production (an index created in psql, a column widened during an incident) is in no " +
    "migration: every other environment lacks it, a later migration meets a schema nobody reviewed, and rebuilding the " +
    "database from the migrations silently loses it. migguard builds the schema the migrations produce and compares it, " +
    "object by object, with a production snapshot.",
};

export const DRIFT_RULES: readonly RuleMeta[] = [SCHEMA_DRIFT];
