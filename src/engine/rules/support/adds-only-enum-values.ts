import type { Operation } from "../../model.js";

/**
 * Whether the up's statements (transaction control and settings already left out) only add enum values:
 * PostgreSQL has no ALTER TYPE ... DROP VALUE, so no down can undo them.
 */
export const addsOnlyEnumValues = (meaningful: readonly Operation[]): boolean =>
  meaningful.length > 0 && meaningful.every((op) => op.kind === "alter_enum" && op.action === "add_value");
