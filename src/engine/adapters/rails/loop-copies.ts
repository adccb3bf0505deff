/**
 * A loop over a model's records whose block creates rows of another model from the record's attributes: osem's
 * 20140801170430 runs `TempEvent.all.each do |event| TempCommercial.create(commercial_id: event.media_id, ...) end`
 * and then removes events.media_id; the values moved to commercials (DataMigration.copies, read by drop-column as a
 * move). A copied column is an attribute read on the loop's record (`event.media_id`), given as the value of a key
 * of the create call's hash (`commercial_id:`), which names the column it goes to. The create may be a model's
 * (`TempCommercial.create`) or go through an association the migration's own model class declares
 * (timeoverflow's 20131104013829: `u.members.create(entry_date: u.registration_date)` with `has_many :members`). A create that is not a statement of
 * the block itself (inside an `unless`, a `begin`, another block) may skip rows, as a filtered loop does: someRows.
 */
import { AssocNode, BlockNode, CallNode, HashNode, KeywordHashNode, LocalVariableWriteNode, StatementsNode, type Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";
import { localName } from "./call-args.js";
import { literalName } from "./record-overwrites.js";

/** Calls that insert one row from a hash of attributes. */
const CREATES = new Set(["create", "create!", "insert", "insert!", "upsert"]);

export interface LoopCopy {
  from: string;
  to: string;
  columns: Array<{ column: string; into: string; restored: boolean }>;
  /** only some rows are copied: the loop's relation is filtered, or the create runs under a condition of the block */
  someRows?: boolean;
}

/** `record.attribute` with no arguments and no block: the record's column, or undefined. */
function recordAttribute(node: Node, record: string): string | undefined {
  if (!(node instanceof CallNode) || node.arguments_ || node.block || !node.receiver || localName(node.receiver) !== record) return undefined;
  return /^[a-z_][a-z0-9_]*$/i.test(node.name) ? node.name : undefined;
}

/**
 * The copies the block makes from the loop's table `from` (its record `record`) into the tables of the create calls
 * `tableOf` names (a model constant's table; undefined for any other receiver).
 */
export function loopCopies(block: BlockNode, record: string | undefined, from: string | undefined, filtered: boolean, tableOf: (call: CallNode) => string | undefined): LoopCopy[] {
  if (record === undefined || from === undefined) return [];
  const byTable = new Map<string, LoopCopy>();
  // a statement of the block, or the value a statement of it assigns (`member = u.members.create(...)`): it runs for every record
  const own = new Set<Node>((block.body instanceof StatementsNode ? block.body.body : []).map((s) => (s instanceof LocalVariableWriteNode ? s.value : s)));
  const visit = (node: Node | null): void => {
    if (!node) return;
    if (node instanceof CallNode && CREATES.has(node.name)) {
      const to = tableOf(node);
      const args = node.arguments_?.arguments_ ?? [];
      const hash = args.length === 1 ? args[0] : undefined;
      if (to !== undefined && (hash instanceof KeywordHashNode || hash instanceof HashNode)) {
        for (const element of hash.elements) {
          if (!(element instanceof AssocNode)) continue;
          const into = literalName(element.key);
          const column = recordAttribute(element.value, record);
          if (!into || !column) continue;
          const copy: LoopCopy = byTable.get(to) ?? { from, to, columns: [] };
          copy.columns.push({ column, into, restored: false });
          if (filtered || !own.has(node)) copy.someRows = true;
          byTable.set(to, copy);
        }
      }
    }
    for (const child of rubyChildren(node)) visit(child);
  };
  visit(block.body);
  return [...byTable.values()];
}
