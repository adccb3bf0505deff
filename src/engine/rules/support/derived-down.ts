import type { Migration } from "../../model.js";

/** Rails derives the down of `change`: a bare execute in it would make rollback raise IrreversibleMigration, a missing inverse belongs beside the SQL. */
export const isDerived = (down: Migration["down"]): boolean => down.status === "present" && down.derived;
