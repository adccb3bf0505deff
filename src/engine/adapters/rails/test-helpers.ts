/** Parse a Rails migration through the adapter and the model schema, for the adapter's tests. */
import { Migration, type Operation } from "../../model.js";
import { loadAdapters } from "../index.js";
import { railsMigration } from "./index.js";

export async function parseRails(code: string, path = "db/migrate/20240101000000_case.rb"): Promise<Migration> {
  await loadAdapters();
  return Migration.parse(railsMigration({ file: { path, framework: "rails", layout: "rails", role: "combined", key: path }, content: code }));
}

/** `kind@line` for each operation: compact expectations for lines and order. */
export const shape = (ops: readonly Operation[]): string[] => ops.map((op) => `${op.kind}@${op.loc.line}`);
