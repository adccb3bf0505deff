/**
 * How long before a migration an earlier one of its folder created each table it works on, by their version dates
 * (or, for migrations whose versions carry none, by the dates git says they reached the branch: young-tables.ts):
 * young-tables.ts (created days before: likely small) and same-deploy-tables.ts (less than a day: likely empty) both
 * guess from it. A table a squash or baseline wrote down has the squash's date, so it has no age.
 */
import type { Migration, Operation } from "../model.js";
import { migrationDate } from "../repository/migration-date.js";
import type { RepositoryView } from "../repository/repository-view.js";
import type { TableBirth } from "../repository/table-births.js";
import { tablesOf } from "./size-aware.js";

export interface TableAge {
  table: string;
  creator: Migration;
  born: Date;
  /** milliseconds from the creator's date to the migration's */
  ms: number;
  /** the creator is a Django app's `0001_initial` (table-births.ts) */
  appInitial: boolean;
}

/**
 * The age at `date` of every table `op` works on; undefined when it works on none, or when one has no earlier,
 * dated creator (or a later one), or `usable` refuses its birth (rows copied or written into it since).
 */
export function tableAges(
  op: Operation | undefined,
  date: Date,
  repository: RepositoryView,
  usable: (birth: TableBirth, table: string) => boolean,
  /** how a creator is dated: its version, or (a numbered migration) when git says it reached the branch */
  dateOf: (creator: Migration) => Date | undefined = migrationDate,
): TableAge[] | undefined {
  const tables = tablesOf(op);
  if (tables.length === 0) return undefined;
  const ages: TableAge[] = [];
  for (const table of tables) {
    const birth = repository.tableBirth(table);
    if (!birth || birth.baseline || !usable(birth, table)) return undefined;
    const born = dateOf(birth.creator);
    const ms = born ? date.getTime() - born.getTime() : -1;
    if (!born || ms < 0) return undefined;
    ages.push({ table, creator: birth.creator, born, ms, appInitial: birth.appInitial });
  }
  return ages;
}
