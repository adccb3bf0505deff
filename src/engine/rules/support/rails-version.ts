/**
 * The Rails a fix's code must run on. A fix writes new migration code for the project as it is now: the version its
 * Gemfile.lock resolves (analyze sets `railsRuns` from it, or from the newest `Migration[x]` of the folder), else the
 * migration's own `Migration[x]`; a migration without a bracket was written for Rails before 5.0 (5.1 refuses it),
 * so with nothing else known its code is 4.2's. Helpers newer than that Rails are written as the SQL they send.
 *
 * Where each helper came from (Rails' changelogs): `Migration[x]` 5.0 (before it a migration subclasses
 * ActiveRecord::Migration itself), `ignored_columns` 5.0, `ApplicationRecord` 5.0, `up_only` 5.2,
 * `add_foreign_key validate: false` / `validate_foreign_key` 5.2, `add_check_constraint` / `validate_check_constraint` /
 * `remove_check_constraint` 6.1, `remove_index if_exists:` 6.1.
 */
import type { Migration } from "../../model.js";

export type RailsVersioned = Pick<Migration, "frameworkVersion" | "railsRuns" | "railsBase">;

/** "4.2.11" -> 4.2, "7.1" -> 7.1 */
export const railsMinor = (version: string): number => Number(/^\d+(?:\.\d+)?/.exec(version)?.[0] ?? NaN);

/** The Rails version new code for this migration's project runs on, as major.minor. */
export function railsVersionOf(migration: RailsVersioned): number {
  for (const v of [migration.railsRuns, migration.frameworkVersion]) {
    const n = v === undefined ? NaN : railsMinor(v);
    if (!Number.isNaN(n)) return n;
  }
  return 4.2;
}

export const railsAtLeast = (migration: RailsVersioned, version: number): boolean => railsVersionOf(migration) >= version;

/**
 * The superclass of a new migration: the project's own base class when the migration subclasses one (its helpers and
 * its settings, such as a transaction it turns off, go with it), else the migration's own `Migration[x]` (the behaviour
 * it was written for), else the project's version, bracketed from Rails 5.0 on; before it `ActiveRecord::Migration`
 * alone (it has no `[]`).
 */
export function railsMigrationSuperclass(migration: RailsVersioned): string {
  if (migration.railsBase) return migration.railsBase;
  if (migration.frameworkVersion) return `ActiveRecord::Migration[${migration.frameworkVersion}]`;
  const runs = railsVersionOf(migration);
  return runs >= 5 ? `ActiveRecord::Migration[${runs.toFixed(1)}]` : "ActiveRecord::Migration";
}

/** The superclass of a model a fix writes: ApplicationRecord from Rails 5.0 (its generator's), ActiveRecord::Base before. */
export const railsModelBase = (migration: RailsVersioned | undefined): string =>
  migration && !railsAtLeast(migration, 5) ? "ActiveRecord::Base" : "ApplicationRecord";

/**
 * The Rails version `migration`'s project runs, from its Gemfile.lock, else the newest `Migration[x]` of its folder
 * (`laterInFolder` is asked only then: it copies the rest of the folder for every migration).
 */
export function railsRunsFrom(migration: Migration, locked: string | undefined, laterInFolder: () => readonly Migration[]): string | undefined {
  if (locked && !Number.isNaN(railsMinor(locked))) return railsMinor(locked).toFixed(1);
  const brackets = [migration, ...laterInFolder()].flatMap((m) => (m.framework === "rails" && m.frameworkVersion ? [railsMinor(m.frameworkVersion)] : [])).filter((n) => !Number.isNaN(n));
  return brackets.length ? Math.max(...brackets).toFixed(1) : undefined;
}

/**
 * The model code that hides `columns` from Active Record, one line each: `ignored_columns` from Rails 5.0 (or when
 * the version is not known), its `columns` without them before.
 */
export function ignoringColumnsLines(migration: RailsVersioned | undefined, columns: readonly string[]): string[] {
  const names = `[${columns.map((c) => JSON.stringify(c)).join(", ")}]`;
  return !migration || railsAtLeast(migration, 5) ? [`self.ignored_columns += ${names}`] : [`def self.columns`, `  super.reject { |column| ${names}.include?(column.name) }`, `end`];
}

/** The model code that hides `columns` from Active Record, on one line. */
export function ignoringColumns(migration: RailsVersioned, columns: readonly string[]): string {
  return ignoringColumnsLines(migration, columns)
    .map((l) => l.trim())
    .join("; ");
}
