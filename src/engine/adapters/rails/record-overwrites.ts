/**
 * The values a loop over records overwrites (`Person.find_each { |p| p.update!(first_name:, last_name:) }`): each
 * write call of its block, with the columns it names when its arguments say them as literals. Listed only when every
 * write of the block is an update of the loop's own record, so that the list is all the block writes.
 */
import { AssocNode, BlockNode, CallNode, HashNode, KeywordHashNode, StringNode, SymbolNode, type Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";
import { localName } from "./call-args.js";

/** Record updates whose arguments are a hash of column => value. */
export const HASH_UPDATES: ReadonlySet<string> = new Set(["update", "update!", "update_columns", "update_attributes", "update_attributes!"]);
/** Record updates whose first argument is the column. */
export const ONE_COLUMN_UPDATES: ReadonlySet<string> = new Set(["update_column", "update_attribute"]);

export interface RecordOverwrite {
  call: CallNode;
  /** undefined when the call does not name its columns as literals (save!, a hash built elsewhere, a splat) */
  columns?: string[];
}

/** A string or symbol literal's value (`'a'` and `:a` name a column alike). */
export const literalName = (node: Node | null | undefined): string | undefined =>
  node instanceof SymbolNode ? node.unescaped.value : node instanceof StringNode ? node.unescaped.value : undefined;

function columnsOf(call: CallNode): string[] | undefined {
  const args = call.arguments_?.arguments_ ?? [];
  if (ONE_COLUMN_UPDATES.has(call.name)) {
    const name = literalName(args[0]);
    return name ? [name] : undefined;
  }
  if (!HASH_UPDATES.has(call.name) || args.length !== 1) return undefined;
  const hash = args[0];
  if (!(hash instanceof KeywordHashNode || hash instanceof HashNode)) return undefined;
  const names: string[] = [];
  for (const element of hash.elements) {
    const name = element instanceof AssocNode ? literalName(element.key) : undefined;
    if (!name) return undefined;
    names.push(name);
  }
  return names.length ? names : undefined;
}

/**
 * The overwrites of the loop's block, or undefined when any write in it is not an update of the loop's record
 * `record` (`isWrite` tells a write call from a read).
 */
export function recordOverwrites(block: BlockNode, record: string | undefined, isWrite: (call: CallNode) => boolean, isUpdate: (call: CallNode) => boolean): RecordOverwrite[] | undefined {
  if (record === undefined) return undefined;
  const out: RecordOverwrite[] = [];
  let complete = true;
  const visit = (node: Node | null) => {
    if (!node || !complete) return;
    if (node instanceof CallNode && isWrite(node)) {
      if (!isUpdate(node) || localName(node.receiver) !== record) complete = false;
      else out.push({ call: node, columns: columnsOf(node) });
    }
    for (const child of rubyChildren(node)) visit(child);
  };
  visit(block.body);
  return complete && out.length ? out : undefined;
}

/**
 * Whether a loop's block can run again over records it already changed and change nothing twice: every write is a
 * record update that names its columns (`r.update_columns(a: ...)`, `r.patient.update_column(:b, ...)`), and no
 * column it writes is read in the block (`order.update!(customer_id: map(order.customer_id))` maps the new value again).
 * What makes a batched loop safe to commit as it goes: run again after a failure halfway, it redoes the same writes.
 */
export function rerunsSafely(block: BlockNode, isWrite: (call: CallNode) => boolean): boolean {
  const written = new Set<string>();
  const read = new Set<string>();
  let safe = true;
  const visit = (node: Node | null) => {
    if (!node || !safe) return;
    if (node instanceof CallNode) {
      if (isWrite(node)) {
        const columns = columnsOf(node);
        if (!columns || node.block) safe = false;
        else for (const c of columns) written.add(c);
      } else if (node.receiver && !node.arguments_ && !node.block) read.add(node.name);
    }
    for (const child of rubyChildren(node)) visit(child);
  };
  visit(block.body);
  return safe && written.size > 0 && ![...written].some((c) => read.has(c));
}

