/**
 * Which earlier migration of a set created each table, followed through renames until a drop: the start of the
 * table's life on a database these migrations built. A table filled from another one on the way (CREATE TABLE AS,
 * INSERT ... SELECT, COPY, a data step that writes it) may be large from its first day: its birth says nothing
 * about its size, so it is kept as `filled`.
 */
import type { Migration, Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { rowsAddedTo } from "../rules/support/row-writes.js";
import { lastBefore } from "./last-before.js";

export interface TableBirth {
  /** the migration whose CREATE TABLE (create_table, CreateModel, op.create_table) made the table */
  creator: Migration;
  /** rows were copied into it from elsewhere since (by the creator or a later migration before the one asking) */
  filled: boolean;
  /**
   * the creator writes down a schema that existed before it (a squash or a baseline: it creates many tables at
   * once, or its name says so), so its date is not the day the table was born
   */
  baseline: boolean;
  /**
   * the creator is one of a Django app's `initial = True` migrations under makemigrations' own name, creating fewer
   * than 10 tables: the app's first models, born on its date, unless the team reset its migrations and
   * makemigrations wrote the old tables down anew. Its date is enough to call a table young at a warning's strength (young-tables.ts), not at a note's, nor empty
   */
  appInitial: boolean;
  /** rows may have been added to it since its CREATE TABLE (any INSERT, code that may write it): it may not be empty */
  written: boolean;
}

/** Polar's June 2026 squash creates 91 tables; a feature's first migration a handful (Django says which it is). */
const BASELINE_TABLES = 10;
const BASELINE_NAME = /squash|baseline|initial|init_?schema|schema_?dump/i;

/**
 * makemigrations names an app's first migrations `0001_initial` (`0002_initial` for a second part; the adapter's name
 * drops the number). A name the team gave one (open-forms' `0001_initial_to_v270`, a squash whose `replaces` it later
 * removed) says baseline like any other.
 */
const DJANGO_INITIAL_NAME = /^(\d{4}_)?initial$/;
const isAppInitial = (migration: Migration): boolean => migration.framework === "django" && migration.initial === true && DJANGO_INITIAL_NAME.test(migration.name ?? "");

function isBaseline(migration: Migration): boolean {
  if (migration.squashes > 0 || (!isAppInitial(migration) && BASELINE_NAME.test(migration.name ?? migration.path))) return true;
  // Django marks what may write down an existing schema: a squash's `replaces`, makemigrations' `initial = True`; a
  // later migration of the app creates its tables at its date, however many (manage.get.gov's 0158: a feature's ten)
  if (migration.framework === "django" && !migration.initial) return false;
  let created = 0;
  for (const op of migration.up) if (op.kind === "create_table" && ++created >= BASELINE_TABLES) return true;
  return false;
}

/** Tables a statement fills from other tables or by code: those it writes in bulk. */
function bulkFilled(op: Operation): string[] {
  if (op.kind === "dml" && op.table && (op.verb === "copy" || op.verb === "select_into" || ((op.verb === "insert" || op.verb === "merge") && op.sourceTables.length > 0))) return [op.table];
  if (op.kind === "data_migration") return op.writes ?? [];
  return [];
}

/** How a table's name left or came into the history at an entry: renamed away (to), renamed into (from), dropped. */
interface Move {
  movedTo?: string;
  movedFrom?: string;
  /** the migration whose rename gave the table this name (with movedFrom) */
  movedBy?: Migration;
  dropped?: boolean;
}

type Entry = { position: number; birth: TableBirth | undefined } & Move;

export class TableBirths {
  /** table -> its birth from each position on, and how its name moved; birth undefined once dropped or renamed away (or while created by no migration seen) */
  private readonly byTable = new Map<string, Entry[]>();

  private now(table: string): TableBirth | undefined {
    return this.byTable.get(nameKey(table))?.at(-1)?.birth;
  }

  /** `move` undefined: the same life of the table goes on (a flag changed), keeping where its name came from */
  private set(table: string, position: number, birth: TableBirth | undefined, move?: Move): void {
    const list = this.byTable.get(nameKey(table)) ?? [];
    this.byTable.set(nameKey(table), list);
    const last = list.at(-1);
    const entry: Entry = { position, birth, ...(move ?? (last?.movedFrom !== undefined ? { movedFrom: last.movedFrom, ...(last.movedBy ? { movedBy: last.movedBy } : {}) } : {})) };
    if (last?.position === position) list[list.length - 1] = entry;
    else list.push(entry);
  }

  /** Record the migration at `position` (positions increase in run order). */
  record(migration: Migration, position: number): void {
    let baseline: boolean | undefined;
    const appInitial = isAppInitial(migration);
    for (const op of migration.up) {
      this.markWritten(rowsAddedTo(op), position);
      if (op.kind === "create_table" && !op.temporary) this.set(op.table, position, { creator: migration, filled: op.asSelect, baseline: (baseline ??= isBaseline(migration)), appInitial, written: op.asSelect }, {});
      else if (op.kind === "drop_table") for (const t of op.tables) this.set(t, position, undefined, { dropped: true });
      else if (op.kind === "rename_table") {
        const birth = this.now(op.table);
        this.set(op.table, position, undefined, { movedTo: op.newName });
        this.set(op.newName, position, birth, { movedFrom: op.table, movedBy: migration });
      } else
        for (const t of bulkFilled(op)) {
          const birth = this.now(t);
          if (birth && !birth.filled) this.set(t, position, { ...birth, filled: true });
        }
    }
  }

  /**
   * The name `table` has when the migration at `position` starts, followed through the renames before it (lemmy's
   * user_ renamed to person: person); undefined once dropped. A name no migration renamed or dropped is its own.
   */
  nameBefore(table: string, position: number): string | undefined {
    let name = table;
    for (let hops = 0; hops < 100; hops++) {
      const entry = lastBefore(this.byTable.get(nameKey(name)), position, (e) => e);
      if (entry?.dropped) return undefined;
      if (entry?.movedTo === undefined) break;
      name = entry.movedTo;
    }
    // RENAME TO names no schema: the table stays in the one it was in
    const schema = table.includes(".") ? table.slice(0, table.lastIndexOf(".") + 1) : "";
    return name === table || name.includes(".") ? name : `${schema}${name}`;
  }

  /** The name `table` had before an earlier migration (before `position`) renamed it to `table`; undefined when it came by no rename. */
  renamedFromBefore(table: string, position: number): string | undefined {
    return lastBefore(this.byTable.get(nameKey(table)), position, (e) => e.movedFrom);
  }

  /** The migration (before `position`) whose rename gave `table` its name; undefined when the name came by no rename. */
  renamedByBefore(table: string, position: number): Migration | undefined {
    return lastBefore(this.byTable.get(nameKey(table)), position, (e) => (e.movedFrom !== undefined ? e.movedBy : undefined));
  }

  /** Rows may have been added to `tables` (every table alive, for "any") at `position`. */
  private markWritten(tables: readonly string[] | "any" | undefined, position: number): void {
    if (!tables) return;
    const names = tables === "any" ? [...this.byTable.keys()] : tables;
    for (const t of names) {
      const birth = this.now(t);
      if (birth && !birth.written) this.set(t, position, { ...birth, written: true });
    }
  }

  /** The birth of `table` as the migrations before `position` leave it; undefined when none of them created it. */
  before(table: string, position: number): TableBirth | undefined {
    return lastBefore(this.byTable.get(nameKey(table)), position, (e) => e.birth);
  }
}
