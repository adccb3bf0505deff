/**
 * InnoDB needs an index that starts with a foreign key's columns: when ADD FOREIGN KEY finds none, MySQL and MariaDB
 * create one, named after the constraint (Rails' `fk_rails_<hash>`, or its `name:`), and keep it when the key is
 * dropped. The dump of a MySQL database lists it (signon 076612af: `t.index ["application_id"], name:
 * "fk_rails_36355a4090"` on user_application_permissions, whose only index starts with user_id), though no migration
 * names it: the modelled schema has it too, so the dump comparison does not call it drift.
 */
import type { Migration, Operation } from "../../model.js";
import { isMysqlFamily } from "../../rules/support/databases.js";

export interface ImplicitIndex {
  table: string;
  name: string;
  columns: string[];
}

/** The index a foreign key may give its table on MySQL / MariaDB (when none starts with its columns); undefined elsewhere. */
export function mysqlForeignKeyIndex(migration: Migration, op: Operation): ImplicitIndex | undefined {
  if (!isMysqlFamily(migration.database) || op.kind !== "add_constraint" || op.constraint !== "foreign_key") return undefined;
  if (!op.name || !op.columns.length) return undefined;
  return { table: op.table, name: op.name, columns: op.columns };
}
