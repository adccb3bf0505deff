/**
 * Rescue clauses that end the run all the same: each clause of the chain ends with `raise` / `fail` (the error
 * raised again, or another) and nothing in it leaves the clause another way (`retry`, `return`, `next`, `break`,
 * `redo`, `throw`, `exit`). Whatever such a clause does first (match the error, log it, `say` it), the migration
 * stops there and the database does not record it, with or without the clause: what it does is only the way to
 * the same failure.
 */
import { BreakNode, CallNode, NextNode, RedoNode, RescueModifierNode, RescueNode, RetryNode, ReturnNode, type Node } from "@ruby/prism";
import { rubyChildren } from "../../adapters/rails/ruby-children.js";
import { rubyStatements } from "../../adapters/rails/ruby-statements.js";

const RAISES = new Set(["raise", "fail"]);
/** Kernel calls that leave a rescue clause without raising */
const LEAVES = new Set(["throw", "exit", "exit!", "catch"]);

const raises = (node: Node | undefined): boolean => node instanceof CallNode && !node.receiver && !node.block && RAISES.has(node.name);

function leavesAnotherWay(node: Node): boolean {
  if (node instanceof RetryNode || node instanceof ReturnNode || node instanceof NextNode || node instanceof BreakNode || node instanceof RedoNode) return true;
  if (node instanceof CallNode && !node.receiver && LEAVES.has(node.name)) return true;
  return rubyChildren(node).some(leavesAnotherWay);
}

/** The clause ends by raising, and only by raising. */
function clauseStops(clause: RescueNode): boolean {
  const statements = rubyStatements(clause.statements);
  return raises(statements.at(-1)) && !statements.some(leavesAnotherWay);
}

/** Every clause of the chain from `rescue` on stops the run. */
export function rescueChainStops(rescue: RescueNode): boolean {
  for (let clause: RescueNode | null = rescue; clause; clause = clause.subsequent) if (!clauseStops(clause)) return false;
  return true;
}

/**
 * The node holds a rescue that may let the run go on (a clause that does not end by raising, or `x rescue y`): what
 * it rescues decides whether a failing statement stops the migration, so its text is not mere grouping.
 */
export function mayRecover(node: Node): boolean {
  if (node instanceof RescueModifierNode || (node instanceof RescueNode && !rescueChainStops(node))) return true;
  return rubyChildren(node).some(mayRecover);
}
