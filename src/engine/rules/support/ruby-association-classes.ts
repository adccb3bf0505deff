/**
 * The classes a stub model's associations name (`has_many :store_credit_events` is StoreCreditEvent, `belongs_to
 * :store_credit` StoreCredit, `class_name: "Spree::Price"` that one): Rails finds them by name at run time, in the
 * model's namespace first. A migration-local model moved into a new migration needs the local classes its
 * associations name moved with it (solidus 20180322142651: StoreCredit has_many :store_credit_events, and the
 * backfill calls `.chronological`, a scope of the local StoreCreditEvent): without them NameError.
 */
import { AssocNode, CallNode, ClassNode, HashNode, KeywordHashNode, StringNode, SymbolNode, type Node } from "@ruby/prism";
import { rubyChildren } from "../../adapters/rails/ruby-children.js";
import { camelize, singularize } from "../../adapters/rails/inflections.js";

const PLURAL = new Set(["has_many", "has_and_belongs_to_many"]);
const SINGULAR = new Set(["has_one", "belongs_to"]);

/** `class_name:` as written, or undefined; `polymorphic: true` as null (no class to name). */
function options(call: CallNode): { className?: string; polymorphic: boolean } {
  const out = { className: undefined as string | undefined, polymorphic: false };
  for (const arg of call.arguments_?.arguments_ ?? []) {
    if (!(arg instanceof KeywordHashNode || arg instanceof HashNode)) continue;
    for (const e of arg.elements) {
      if (!(e instanceof AssocNode) || !(e.key instanceof SymbolNode)) continue;
      const key = e.key.unescaped.value;
      if (key === "class_name" && (e.value instanceof StringNode || e.value instanceof SymbolNode)) out.className = e.value.unescaped.value;
      if (key === "polymorphic") out.polymorphic = true;
    }
  }
  return out;
}

/** The first segment of each class the class body's association macros name (the one a local class would define). */
export function associationClasses(cls: Node): string[] {
  if (!(cls instanceof ClassNode) || !cls.body) return [];
  const names: string[] = [];
  for (const statement of rubyChildren(cls.body)) {
    if (!(statement instanceof CallNode) || statement.receiver || !(PLURAL.has(statement.name) || SINGULAR.has(statement.name))) continue;
    const [first] = statement.arguments_?.arguments_ ?? [];
    if (!(first instanceof SymbolNode)) continue;
    const { className, polymorphic } = options(statement);
    if (polymorphic) continue;
    const association = first.unescaped.value;
    const named = className ?? camelize(PLURAL.has(statement.name) ? singularize(association) : association);
    names.push(named.replace(/^::/, "").split("::")[0]);
  }
  return names;
}
