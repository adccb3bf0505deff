/** A call's arguments as Ruby values: positional ones, the trailing options hash, the block. */
import { BlockNode, CallNode, HashNode, ItLocalVariableReadNode, KeywordHashNode, LocalVariableReadNode, BlockArgumentNode, type Node } from "@ruby/prism";
import type { RubySource } from "./ruby-source.js";
import { evaluate, Options, type Env, type RubyValue } from "./values.js";

export interface CallArgs {
  args: RubyValue[];
  opts: Options;
  /** argument nodes as written, for SQL strings whose lines matter */
  argNodes: Node[];
  block: BlockNode | null;
}

export function callArgs(call: CallNode, env: Env, src: RubySource): CallArgs {
  const nodes = (call.arguments_?.arguments_ ?? []).filter((n) => !(n instanceof BlockArgumentNode));
  let optsNode: Node | undefined;
  // a trailing hash is the options (`**options`), braced or not, as Ruby 2 passed it
  const last = nodes[nodes.length - 1];
  if (last instanceof KeywordHashNode || last instanceof HashNode) optsNode = nodes.pop();
  const optsValue = optsNode ? evaluate(optsNode, env, src) : undefined;
  return {
    args: nodes.map((n) => evaluate(n, env, src)),
    opts: Options.from(optsValue),
    argNodes: nodes,
    block: call.block instanceof BlockNode ? call.block : null,
  };
}

/** The hash a call's arguments give: its first argument when that is a hash (`where({ a: nil })`), else its options. */
export const hashOf = (args: CallArgs): ReadonlyMap<string, RubyValue> => (args.args[0]?.kind === "hash" ? args.args[0].entries : args.opts.entries);

/** The local variable a node reads (`t` in `t.string`), if it is one. */
export function localName(node: Node | null): string | undefined {
  if (node instanceof LocalVariableReadNode) return node.name;
  if (node instanceof ItLocalVariableReadNode) return "it";
  return undefined;
}
