/**
 * Data code in `change` that writes ONE record found by its conditions and moves it out of them: a delete
 * (`report&.delete` after `report = ReportTemplate.unscoped.find_by(name: "...")`) or an update of a column it was
 * found by to another literal (`Setting.find_by(name: 'a')&.update_attribute(:name, 'b')`). Rails runs it again on
 * rollback: the finder then finds nothing, and the safe navigation (`&.`) calls nothing, so the second run is
 * harmless. A delete is then left as it is (a rollback cannot bring the row back either way). A rename is not: the
 * rollback reports the migration undone while the record keeps its new name, which the old code does not look up
 * (Foreman's append_domain_name_for_hosts setting, renamed in `change`, lost its value on rollback). Its way back is
 * known: the same statement with the two names swapped.
 */
import { AssocNode, CallNode, HashNode, KeywordHashNode, StringNode, SymbolNode, type Node } from "@ruby/prism";
import { localName } from "./call-args.js";
import { chainOf, constantName, WHOLE_TABLE_SCOPES } from "./data-calls.js";
import { HASH_UPDATES, literalName, ONE_COLUMN_UPDATES } from "./record-overwrites.js";
import type { RubySource } from "./ruby-source.js";
import type { Env } from "./values.js";

/** Finders that load one record by the conditions of their hash. */
const ONE_BY_CONDITIONS = new Set(["find_by", "find_by!"]);
const RECORD_DELETES = new Set(["delete", "destroy", "destroy!"]);
const RECORD_UPDATES = new Set([...HASH_UPDATES, ...ONE_COLUMN_UPDATES]);

export type FoundRecordWrite = { kind: "deleted" } | { kind: "renamed"; column: string; undo: string };

/**
 * What a safe-navigated write on a record found by its conditions does to a second run, or undefined when the call is
 * not one (no `&.`, a finder without literal conditions, a write that keeps the record where its finder finds it).
 */
export function foundRecordWrite(call: CallNode, env: Env, src: RubySource): FoundRecordWrite | undefined {
  if (!call.isSafeNavigation() || !(RECORD_DELETES.has(call.name) || RECORD_UPDATES.has(call.name))) return undefined;
  const finder = finderOf(call.receiver, env);
  if (!finder) return undefined;
  const conditions = literalPairs(finder.arguments_?.arguments_ ?? []);
  if (conditions.size === 0) return undefined;
  if (RECORD_DELETES.has(call.name)) return { kind: "deleted" };
  const sets = setPairs(call);
  for (const [column, found] of conditions) {
    const set = sets.get(column);
    if (!set || literalName(set) === undefined || literalName(set) === literalName(found)) continue;
    // the way back is the statement itself with the two values swapped, when the finder is written in the statement
    if (call.receiver !== finder) return undefined;
    return { kind: "renamed", column, undo: swapped(call, found, set, src) };
  }
  return undefined;
}

/** The finder call a record comes from: written in the chain (`Model.find_by(...)&.x`) or held by a local (`r = Model.find_by(...)`). */
function finderOf(receiver: Node | null, env: Env): CallNode | undefined {
  const local = localName(receiver);
  const held = local !== undefined ? env.get(local) : undefined;
  const node = held?.kind === "code" ? held.node : receiver;
  if (!(node instanceof CallNode) || !ONE_BY_CONDITIONS.has(node.name) || node.block) return undefined;
  const { root, calls } = chainOf(node);
  const constant = constantName(root);
  if (!constant || constant === "ActiveRecord::Base" || !calls.slice(0, -1).every((c) => WHOLE_TABLE_SCOPES.has(c.name))) return undefined;
  return node;
}

/** The `column: literal` pairs of keyword arguments, by column. */
function literalPairs(args: readonly Node[]): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const arg of args) {
    if (!(arg instanceof KeywordHashNode || arg instanceof HashNode)) continue;
    for (const element of arg.elements) {
      if (!(element instanceof AssocNode) || !(element.key instanceof SymbolNode)) continue;
      if (element.value instanceof StringNode || element.value instanceof SymbolNode) out.set(element.key.unescaped.value, element.value);
    }
  }
  return out;
}

/** The column and value nodes an update sets: `update_attribute(:name, 'b')`, `update(name: 'b')`. */
function setPairs(call: CallNode): Map<string, Node> {
  const args = call.arguments_?.arguments_ ?? [];
  if (ONE_COLUMN_UPDATES.has(call.name) && args[0] instanceof SymbolNode && args[1]) return new Map([[args[0].unescaped.value, args[1]]]);
  return literalPairs(args);
}

/** The call's text with the finder's value and the set value exchanged. */
function swapped(call: CallNode, found: Node, set: Node, src: RubySource): string {
  const start = call.location.startOffset;
  const end = start + call.location.length;
  const [first, second] = found.location.startOffset < set.location.startOffset ? [found, set] : [set, found];
  const endOf = (n: Node) => n.location.startOffset + n.location.length;
  const slice = (from: number, to: number) => src.lines.sliceBytes(from, to);
  return slice(start, first.location.startOffset) + src.textOf(second) + slice(endOf(first), second.location.startOffset) + src.textOf(first) + slice(endOf(second), end);
}
