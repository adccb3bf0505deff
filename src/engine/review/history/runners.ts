/**
 * How each migration runner remembers what it applied, which decides what an edited, renamed or deleted
 * migration does to databases that already ran it. Flyway, Liquibase and Prisma keep checksums and refuse;
 * the others keep only a version or name and silently skip the change.
 */
import type { Layout } from "../../model.js";

export interface RunnerHistory {
  tool: string;
  /** the runner notices a changed file by its checksum */
  checksums: boolean;
  edited: string;
  renamed: string;
  deleted: string;
}

const versionOnly = (tool: string, table: string, identity = "version"): RunnerHistory => ({
  tool,
  checksums: false,
  edited: `${tool} records only the ${identity} in ${table}: databases that already ran this migration silently skip the edit, while fresh databases (CI, new environments) run the new code, so their schemas drift apart.`,
  renamed: `${tool} identifies a migration by its ${identity}: under the new name it runs again on databases that already ran it (and fails on objects that exist), and the old entry in ${table} points at nothing.`,
  deleted: `databases that ran it keep its changes, but fresh databases (CI, new environments) never get them, and ${tool} still lists it in ${table}.`,
});

/**
 * drizzle-orm's migrator records each applied migration's hash and its journal entry's `when` in
 * drizzle.__drizzle_migrations, and on every run applies the journal's entries whose `when` is after the newest row's:
 * it never compares hashes, nor looks at names.
 */
const DRIZZLE_HISTORY: RunnerHistory = {
  tool: "drizzle-orm's migrator",
  checksums: false,
  edited: "drizzle-orm's migrator applies only journal entries whose `when` is after the newest one in drizzle.__drizzle_migrations (it records a hash but never compares it): databases that already ran this migration silently skip the edit, while fresh databases (CI, new environments) run the new code, so their schemas drift apart.",
  renamed: "drizzle-orm's migrator applies the journal's entries by their `when`, not by name: the renamed file runs only where its journal entry's tag names it, and a database that ran it under the old name does not run it again while its `when` is unchanged.",
  deleted: "databases that ran it keep its changes, but fresh databases (CI, new environments) never get them; drizzle-orm's migrator reads only the journal's entries, so its entry in meta/_journal.json must go too.",
};

/**
 * gobuffalo/pop (supabase/auth, ory/kratos): it records each applied version in schema_migration and, on every
 * run, applies each version of the folder that table lacks, in any order; it never checks that an applied
 * version still has a file. So a version no database ran yet (one that never reached a release) can be renamed
 * or deleted freely: the hazard exists only where some database ran it.
 */
export const POP_HISTORY: RunnerHistory = {
  ...versionOnly("gobuffalo/pop", "schema_migration"),
  renamed:
    "gobuffalo/pop identifies a migration by its version and applies every version schema_migration lacks: under the new version it runs again on databases that ran the old one (its statements must then succeed a second time), and pop ignores the old entry. No hazard if the old version never reached a release or a database: pop keeps no order and checks no missing files.",
  deleted:
    "gobuffalo/pop never checks that an applied version still has its file, so nothing fails; databases that ran it keep its changes while fresh databases never get them. No hazard if it never reached a release or a database.",
};

export function runnerHistory(layout: Layout): RunnerHistory {
  switch (layout) {
    case "flyway":
      return {
        tool: "Flyway",
        checksums: true,
        edited: "Flyway stores a checksum of every applied migration in flyway_schema_history: with validateOnMigrate (the default) `flyway migrate` fails with \"Migration checksum mismatch\" on every database that already ran it.",
        renamed: "Flyway sees a new version to apply and the old one as applied but missing: validation fails with \"Detected applied migration not resolved locally\".",
        deleted: "validation fails on every database that ran it (\"Detected applied migration not resolved locally\"), and fresh databases never get its changes.",
      };
    case "liquibase":
      return {
        tool: "Liquibase",
        checksums: true,
        edited: "Liquibase stores an MD5 checksum of every changeset in DATABASECHANGELOG and refuses to update a database that ran it (\"checksum ... has changed since it was run\").",
        renamed: "Liquibase identifies a changeset by id, author and changelog path: moved, every changeset in it runs again on databases that already ran it.",
        deleted: "databases that ran its changesets keep them, fresh databases never get them, and DATABASECHANGELOG keeps rows for changesets that no longer exist.",
      };
    case "prisma":
      return {
        tool: "Prisma",
        checksums: true,
        edited: "Prisma stores a checksum of every applied migration in _prisma_migrations: `prisma migrate dev` reports it as modified after it was applied and asks to reset the database, and `migrate deploy` never applies the edit.",
        renamed: "Prisma identifies a migration by its folder name: renamed, `migrate deploy` applies it again on databases that already ran it.",
        deleted: "`prisma migrate dev` reports an applied migration missing from the migrations folder and asks to reset the database; fresh databases never get its changes.",
      };
    case "rails":
      return versionOnly("Rails", "schema_migrations");
    case "django":
      return {
        ...versionOnly("Django", "django_migrations", "app and name"),
        deleted: "databases that applied it keep its changes, fresh databases never get them, and every migration that depends on it fails to load (NodeNotFoundError).",
      };
    case "alembic":
      return versionOnly("Alembic", "alembic_version", "revision id");
    case "sqitch":
      return {
        ...versionOnly("sqitch", "its registry", "change name"),
        edited: "sqitch does not re-deploy a change it already deployed: databases that ran it keep the old version while fresh ones run the new one (`sqitch rework` is how a deployed change is changed).",
      };
    case "golang-migrate":
      return versionOnly("golang-migrate", "schema_migrations");
    case "rivermigrate":
      return versionOnly("rivermigrate", "river_migration", "line and version");
    case "diesel":
      return versionOnly("diesel", "__diesel_schema_migrations");
    case "goose":
      return versionOnly("goose", "goose_db_version");
    case "sql-migrate":
      return versionOnly("sql-migrate", "gorp_migrations", "file name");
    case "dbmate":
      return versionOnly("dbmate", "schema_migrations");
    case "tern":
      return versionOnly("tern", "schema_version", "number");
    case "atlas":
      return versionOnly("Atlas", "atlas_schema_revisions");
    case "drizzle":
      return DRIZZLE_HISTORY;
    default:
      return versionOnly("The migration runner", "its history table");
  }
}
