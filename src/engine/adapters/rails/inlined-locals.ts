/**
 * A call with the local variables it reads replaced by their values: `change_column table, :created_at, ...` run
 * by `%i[tips tags].each do |table|` is `change_column :tips, :created_at, ...` in its first iteration. A fix that
 * lists a method's statements one by one (change rewritten as up and down) moves them out of the loop or away from
 * the assignment that gave the local its value, where the local would be an undefined name (NameError).
 */
import { BlockNode, LambdaNode, LocalVariableReadNode, type Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";
import type { RubySource } from "./ruby-source.js";
import { rubyLiteral, type Env, type RubyValue } from "./values.js";

export interface InlinedLocals {
  /** the call as written, each outside local it reads that has a literal value written as that value */
  text: string;
  /** the locals whose value is not a literal (computed at run time): left as written */
  unknown: string[];
}

/** A value Ruby source can repeat anywhere: literals, and arrays and hashes of them. */
function literal(value: RubyValue): boolean {
  if (value.kind === "code" || value.kind === "lambda") return false;
  if (value.kind === "array") return value.items.every(literal);
  if (value.kind === "hash") return [...value.entries.values()].every(literal);
  return true;
}

/**
 * The call with the locals of `env` it reads inlined; undefined when it reads none (its text is then complete as it
 * is). A name `env` does not bind is not the method's local (a block's parameter: create_table's `t`).
 */
export function inlinedLocals(node: Node, env: Env, src: RubySource): InlinedLocals | undefined {
  const reads: LocalVariableReadNode[] = [];
  // a read inside a block of the call names the block's own local when its depth is below the blocks around it
  const visit = (n: Node, blocks: number) => {
    if (n instanceof LocalVariableReadNode && n.depth >= blocks && env.has(n.name)) reads.push(n);
    const inner = n instanceof BlockNode || n instanceof LambdaNode ? blocks + 1 : blocks;
    for (const child of rubyChildren(n)) visit(child, inner);
  };
  visit(node, 0);
  if (!reads.length) return undefined;
  reads.sort((a, b) => a.location.startOffset - b.location.startOffset);
  const start = node.location.startOffset;
  const end = start + node.location.length;
  const unknown = new Set<string>();
  let text = "";
  let at = start;
  for (const read of reads) {
    const value = env.get(read.name)!;
    if (!literal(value)) {
      unknown.add(read.name);
      continue;
    }
    text += src.lines.sliceBytes(at, read.location.startOffset) + rubyLiteral(value);
    at = read.location.startOffset + read.location.length;
  }
  text += src.lines.sliceBytes(at, end);
  return { text, unknown: [...unknown] };
}
