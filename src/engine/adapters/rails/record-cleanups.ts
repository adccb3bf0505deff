/**
 * Writes to each record of a loop that a second run over the same rows repeats as a no-op, whatever the filter:
 *  - a column set to a normalisation of its own value (`u.update_attribute(:name, u.name&.strip)`, `u.email =
 *    u.email.downcase` then `u.save`): strip, squish, downcase and the like give back what they are given a second time;
 *  - a re-save or a re-encrypt sent to each record (`each(&:save!)`, `find_each(&:encrypt)`, ActiveRecord::Encryption's
 *    way to rewrite every encrypted attribute under the current scheme): a save with no new values writes only what
 *    the model's own callbacks change, as any save in the app does, and re-encrypting keeps the plain values;
 *  - the record deleted on every pass of the loop (`raise "..." unless permission.destroy`): run again over the same
 *    filter, the loop meets only rows that match it now and that the first run never saw.
 * signon's strip-whitespace, re-encrypt and revoke-permission clean-ups (replay 46) are each one of these.
 */
import { BreakNode, CallNode, IfNode, NextNode, ReturnNode, StatementsNode, UnlessNode, type BlockNode, type Node } from "@ruby/prism";
import { blockParams } from "./block-params.js";
import { localName } from "./call-args.js";
import type { RubyValue } from "./values.js";

/** String methods f with f(f(x)) = f(x), which also commute with one another: a chain of them is idempotent too. */
const NORMALISERS = new Set(["strip", "lstrip", "rstrip", "squish", "downcase", "upcase", "unicode_normalize"]);
/** Methods that leave a string as it is (`name.to_s.strip`: nil becomes "", which the chain then keeps). */
const PASSTHROUGH = new Set(["to_s", "presence"]);
/** Sent to each record (`&:save!`): a write of nothing new, or ActiveRecord::Encryption's re-encrypt. */
export const RESAVES = new Set(["save", "save!", "encrypt"]);
/** A record's own delete. */
const RECORD_DELETES = new Set(["destroy", "destroy!", "delete"]);

/** `record.column`: a read of one attribute of the loop's record. */
function attributeOf(node: Node | null, record: string): string | undefined {
  if (!(node instanceof CallNode) || node.arguments_ || node.block || localName(node.receiver) !== record) return undefined;
  return /^[a-z_][a-z0-9_]*$/.test(node.name) ? node.name : undefined;
}

/** Is `value` the record's own `column` passed through normalisers only, at least one (`u.name&.strip`)? */
export function normalisesOwnValue(value: RubyValue | undefined, record: string, column: string): boolean {
  if (value?.kind !== "code") return false;
  let node: Node | null = value.node;
  let normalised = false;
  while (node instanceof CallNode && !node.block && (NORMALISERS.has(node.name) || PASSTHROUGH.has(node.name)) && attributeOf(node, record) === undefined) {
    // unicode_normalize(:nfc) takes a form; the others take nothing
    if (node.arguments_ && node.name !== "unicode_normalize") return false;
    normalised ||= NORMALISERS.has(node.name);
    node = node.receiver;
  }
  return normalised && attributeOf(node, record) === column;
}

/** Does a statement of the loop's block delete its record on every pass: `record.destroy!`, or `raise ... unless record.destroy`? */
function deletesRecord(statement: Node, record: string): boolean {
  const isDelete = (n: Node | null) => n instanceof CallNode && RECORD_DELETES.has(n.name) && !n.arguments_ && localName(n.receiver) === record;
  if (isDelete(statement)) return true;
  // the delete is the modifier's condition, evaluated on every pass; its body only raises (`raise "..." unless r.destroy`)
  if (statement instanceof UnlessNode || statement instanceof IfNode) {
    const body = statement.statements?.body ?? [];
    const raises = body.length === 1 && body[0] instanceof CallNode && (body[0].name === "raise" || body[0].name === "fail") && !body[0].receiver;
    return raises && isDelete(statement.predicate);
  }
  return false;
}

/**
 * The block deletes the loop's record on every pass: one of its top-level statements, before any `next` or `break`
 * that could skip it, is that delete.
 */
export function deletesEachRecord(block: BlockNode): boolean {
  const record = blockParams(block)[0];
  if (record === undefined) return false;
  const statements = block.body instanceof StatementsNode ? block.body.body : [];
  for (const statement of statements) {
    if (deletesRecord(statement, record)) return true;
    if (skipsPass(statement)) return false;
  }
  return false;
}

/** A statement that may end a pass early: `next`, `break`, `return` (alone or under a modifier). */
function skipsPass(node: Node): boolean {
  if (node instanceof NextNode || node instanceof BreakNode || node instanceof ReturnNode) return true;
  if (node instanceof IfNode || node instanceof UnlessNode) return (node.statements?.body ?? []).some(skipsPass);
  return false;
}
