/**
 * Where an earlier migration proves a table empty: PostgreSQL refuses `ADD COLUMN ... NOT NULL` without a default on
 * a table with rows, so once such a migration has run the table held none at that point (manage.get.gov's 0170 adds
 * `dns_zone_id` NOT NULL to registrar_dnsrecord, a table 0158 created two months before). What proves it empty is as
 * good as a creation for young-tables.ts: a table that was empty 52 days before is usually still small. A bulk fill
 * of it since (INSERT ... SELECT, COPY, a data step that writes it) ends the proof.
 */
import type { Migration, Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { rowsAddedTo } from "../rules/support/row-writes.js";
import { lastBefore } from "./last-before.js";

interface Proof {
  position: number;
  /** the migration whose statement runs only on an empty table; undefined once rows were added since */
  by: Migration | undefined;
}

/** An ADD COLUMN that PostgreSQL runs only on an empty table: NOT NULL, with no default, identity or serial to fill the rows. */
const needsEmptyTable = (op: Operation): op is Extract<Operation, { kind: "add_column" }> =>
  op.kind === "add_column" && op.column.notNull && !op.column.default && !op.column.generated && !op.column.serial && !op.column.primaryKey;

export class EmptyProofs {
  private readonly byTable = new Map<string, Proof[]>();

  private push(table: string, proof: Proof): void {
    const list = this.byTable.get(nameKey(table)) ?? [];
    if (list.at(-1)?.position === proof.position) list[list.length - 1] = proof;
    else list.push(proof);
    this.byTable.set(nameKey(table), list);
  }

  /** The proof of `table` ends at `position`; recorded only over a proof, so tables never proven empty keep no list. */
  private end(table: string, position: number): void {
    if (this.byTable.get(nameKey(table))?.at(-1)?.by) this.push(table, { position, by: undefined });
  }

  /** Record the migration at `position` (positions increase in run order). */
  record(migration: Migration, position: number): void {
    for (const op of migration.up) {
      const written = rowsAddedTo(op);
      if (written === "any") for (const table of this.byTable.keys()) this.end(table, position);
      else for (const table of written ?? []) this.end(table, position);
      if (needsEmptyTable(op)) this.push(op.table, { position, by: migration });
      else if (op.kind === "drop_table") for (const t of op.tables) this.end(t, position);
      else if (op.kind === "rename_table") this.end(op.table, position);
    }
  }

  /** The latest migration before `position` that proves `table` empty, when no rows were added to it since. */
  before(table: string, position: number): Migration | undefined {
    return lastBefore(this.byTable.get(nameKey(table)), position, (p) => p.by);
  }
}
