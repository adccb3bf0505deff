/**
 * Does a data loop only add rows it did not find? docuseal's backfills build a record with
 * `find_or_initialize_by`, skip it with `next if record.persisted?`, and `save!` only new ones: they overwrite and
 * delete nothing, so a rollback that leaves the new rows loses nothing. Any other write (an update, a delete, an
 * upsert, a save of a record that may exist, SQL) makes the answer no.
 */
import { CallNode, IfNode, LocalVariableWriteNode, NextNode, StatementsNode, UnlessNode, type BlockNode, type Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";
import { chainOf } from "./data-calls.js";
import { localName } from "./call-args.js";

/** Calls that make a record not yet in the table. */
const BUILDS_NEW = new Set(["new", "build"]);
/** Calls that give an existing record when one matches, else a new one: saved, it may overwrite the found row. */
const FINDS_OR_BUILDS = new Set(["find_or_initialize_by", "first_or_initialize"]);
/** Writes that only insert, never change a row they find (insert_all skips conflicting rows; upsert overwrites them). */
const INSERTS = new Set(["create", "create!", "insert", "insert!", "insert_all", "insert_all!", "find_or_create_by", "find_or_create_by!", "create_or_find_by", "create_or_find_by!"]);
const SAVES = new Set(["save", "save!"]);
/** Every call that writes rows, as the data classifier knows them (data-calls.ts) */
const OTHER_WRITES = new Set(["update_all", "update_counters", "touch_all", "delete_all", "destroy_all", "delete_by", "destroy_by", "upsert", "upsert_all", "update", "update!", "update_column", "update_columns", "update_attribute", "update_attributes", "update_attributes!", "increment!", "decrement!", "toggle!", "touch", "destroy", "destroy!", "delete", "encrypt", "decrypt", "execute", "exec_query", "exec_update", "exec_delete", "exec_insert"]);

/** `next if record.persisted?` / `next unless record.new_record?`: the record `name` is saved only when new. */
function skipsExisting(node: Node): string | undefined {
  const guard = (predicate: Node | null, body: StatementsNode | null, wanted: string) =>
    predicate instanceof CallNode && predicate.name === wanted && body?.body.length === 1 && body.body[0] instanceof NextNode ? localName(predicate.receiver) : undefined;
  if (node instanceof IfNode && !node.subsequent) return guard(node.predicate, node.statements, "persisted?");
  if (node instanceof UnlessNode && !node.elseClause) return guard(node.predicate, node.statements, "new_record?");
  return undefined;
}

/** Inserts that add only a row not already there: run twice, the second run finds it and adds nothing. */
export const FINDS_OR_CREATES = new Set(["find_or_create_by", "find_or_create_by!", "create_or_find_by", "create_or_find_by!"]);

export function insertsOnly(block: BlockNode): boolean {
  const walk = insertWalk(block);
  return walk.only && walk.inserts > 0;
}

/**
 * Does a data loop only add rows that are missing (find_or_create_by, a found-or-built record saved only when new)?
 * Run a second time, it finds them all and adds nothing: `create` and a `new` record's save add a row each time.
 */
export function insertsOnlyMissing(block: BlockNode): boolean {
  const walk = insertWalk(block);
  return walk.only && walk.inserts > 0 && walk.everyTime === 0;
}

function insertWalk(block: BlockNode): { only: boolean; inserts: number; everyTime: number } {
  const fresh = new Set<string>(); // records built new, or found-or-built and skipped when found
  const built = new Set<string>(); // of them, the ones built new: saved, each adds a row every time
  const maybeExisting = new Set<string>();
  let inserts = 0;
  let everyTime = 0;
  let only = true;
  // in source order: a guard counts for the saves after it
  const visit = (node: Node | null) => {
    if (!node || !only) return;
    if (node instanceof LocalVariableWriteNode && node.value instanceof CallNode) {
      const made = chainOf(node.value).calls.at(-1)!.name;
      fresh.delete(node.name);
      built.delete(node.name);
      maybeExisting.delete(node.name);
      if (BUILDS_NEW.has(made)) {
        fresh.add(node.name);
        built.add(node.name);
      }
      else if (FINDS_OR_BUILDS.has(made)) maybeExisting.add(node.name);
    }
    const skipped = skipsExisting(node);
    if (skipped && maybeExisting.delete(skipped)) fresh.add(skipped);
    if (node instanceof CallNode) {
      if (SAVES.has(node.name)) {
        const record = localName(node.receiver);
        if (record !== undefined && fresh.has(record)) {
          inserts++;
          if (built.has(record)) everyTime++;
        } else only = false;
      } else if (INSERTS.has(node.name)) {
        inserts++;
        if (!FINDS_OR_CREATES.has(node.name)) everyTime++;
      } else if (OTHER_WRITES.has(node.name)) only = false;
    }
    for (const child of rubyChildren(node)) visit(child);
  };
  visit(block.body);
  return { only, inserts, everyTime };
}
