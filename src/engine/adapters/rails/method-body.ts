/** Questions about a `def down` body that decide the migration's way back. */
import { BeginNode, CallNode, StatementsNode, type DefNode, type Node } from "@ruby/prism";
import type { OperationInput, SourceRange } from "../../model.js";
import type { RubySource } from "./ruby-source.js";

const topLevel = (node: Node | null): Node[] => {
  if (node instanceof StatementsNode) return node.body.flatMap((n) => (n instanceof BeginNode ? topLevel(n.statements) : [n]));
  if (node instanceof BeginNode) return topLevel(node.statements);
  return node ? [node] : [];
};

/**
 * A `raise` the down always reaches (`raise ActiveRecord::IrreversibleMigration`, or any other error): the
 * rollback fails there. A raise inside a condition is not counted.
 */
export function unconditionalRaise(def: DefNode, src: RubySource): { loc: SourceRange; message: string } | undefined {
  for (const node of topLevel(def.body)) {
    if (node instanceof CallNode && !node.receiver && (node.name === "raise" || node.name === "fail")) {
      const text = src.textOf(node).replace(/\s+/g, " ");
      return { loc: src.loc(node), message: text.length > 120 ? `${text.slice(0, 117)}...` : text };
    }
  }
  return undefined;
}

/** Operations that change something (not only session settings or transaction control). */
export const meaningful = (ops: readonly OperationInput[]): boolean =>
  ops.some((op) => op.kind !== "transaction_control" && !(op.kind === "set_setting" && op.scope !== "reset"));
