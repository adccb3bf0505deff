/**
 * A polymorphic type rename that goes with a table rename: `rename_table :transactions, :account_transactions`
 * beside `UPDATE taggings SET taggable_type = 'Account::Transaction' WHERE taggable_type = 'Transaction'`. The
 * `<x>_type` column stores the model's class name, and the class follows its table: run apart, the rows name a
 * class that no longer exists between the two deploys (the records they point at cannot be loaded). The UPDATE
 * belongs in the rename's transaction.
 */
import type { Operation, OperationOf } from "../../model.js";
import { pluralize, tableize, underscore } from "../../adapters/rails/inflections.js";
import { rubyReaders, rubyReadersLoaded } from "../../adapters/rails/ruby-readers.js";
import { nameKey } from "./facts.js";
import { parseOne } from "./sql-text.js";

/** Tables a class name may stand for: Rails' own (Transaction -> transactions) or a namespace's prefix (Account::Transaction -> account_transactions). */
function tablesOfClass(name: string): string[] {
  if (!/^[A-Z]\w*(::[A-Z]\w*)*$/.test(name)) return [];
  return [tableize(name), pluralize(underscore(name).replace(/\//g, "_"))];
}

/** The string constants of one SQL statement (libpg-query's A_Const nodes). */
function sqlStrings(sql: string): string[] | undefined {
  const tree = parseOne(sql);
  if (!tree) return undefined;
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "A_Const" && value && typeof value === "object" && "sval" in value) {
        const sval = (value as { sval?: { sval?: string } }).sval?.sval;
        if (sval !== undefined) found.push(sval);
      }
      walk(value);
    }
  };
  walk(tree);
  return found;
}

/** The literal values a data change names, when its language is read here (SQL, Rails' Ruby). */
function literalsOf(op: Operation, framework: string): string[] | undefined {
  if (op.embeddedSql || framework === "sql") return sqlStrings(op.text);
  if (framework === "rails" && rubyReadersLoaded()) return rubyReaders().rubyStringLiterals(op.text);
  return undefined;
}

/**
 * The UPDATE only rewrites `<x>_type` columns, and its values name the class of a table this migration renames
 * before and after the rename (both class names appear in it).
 */
export function isPolymorphicTypeRename(op: Operation, up: readonly Operation[], framework: string): boolean {
  if (op.kind !== "dml" || op.verb !== "update" || !op.columns.length || !op.columns.every((c) => /.+_type$/.test(c))) return false;
  const renames = up.filter((o): o is OperationOf<"rename_table"> => o.kind === "rename_table");
  if (!renames.length) return false;
  const literals = literalsOf(op, framework);
  if (!literals?.length) return false;
  const names = (table: string) => literals.filter((l) => tablesOfClass(l).some((t) => nameKey(t) === nameKey(table.split(".").pop() ?? table)));
  return renames.some((r) => {
    const before = names(r.table);
    const after = names(r.newName);
    return before.some((b) => after.some((a) => a !== b));
  });
}
