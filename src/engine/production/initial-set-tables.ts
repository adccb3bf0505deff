/**
 * Django's initial set: makemigrations writes an app's first models as one or more migrations marked
 * `initial = True` (split in parts, `0001_initial`, `0002_initial`, when their foreign keys go round), and a new
 * install applies them together. A table an earlier initial migration of the same app created is empty when a
 * later initial one works on it, unless rows were written in between: dates say nothing here (the parts may carry
 * one date, or none), the `initial` flag does.
 */
import type { Migration } from "../model.js";
import type { RepositoryView } from "../repository/repository-view.js";
import { dirOf } from "../paths.js";

export interface InitialSetTable {
  table: string;
  /** the earlier initial migration of the app that created it */
  creator: Migration;
}

/**
 * The op's tables, each created by an earlier `initial = True` migration of the same app (folder) as the initial
 * `migration`, empty still (`empty` refuses a table rows may have reached); undefined unless all of them are.
 */
export function initialSetTables(tables: readonly string[], migration: Migration, repository: RepositoryView, empty: (table: string) => boolean): InitialSetTable[] | undefined {
  if (migration.framework !== "django" || !migration.initial || tables.length === 0) return undefined;
  const out: InitialSetTable[] = [];
  for (const table of tables) {
    const birth = repository.tableBirth(table);
    if (!birth?.creator.initial || birth.creator.path === migration.path || dirOf(birth.creator.path) !== dirOf(migration.path)) return undefined;
    if (birth.written || birth.filled || !empty(table)) return undefined;
    out.push({ table, creator: birth.creator });
  }
  return out;
}
