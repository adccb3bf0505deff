/**
 * An `up` whose every call reads records or hands work to a job queue (`Group.where(score: nil).each { |g|
 * ScoreJob.perform_later(g) }`, peoplefinder's populate_group_members_completion_score): the migration itself writes
 * nothing to the database, so a rollback that runs nothing leaves nothing of its own behind. Any other call (a model
 * method, a service, a write, SQL) may write, and the answer is no: decided from the code, conservatively.
 */
import { CallNode, type DefNode, type Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";

/** ActiveJob, Sidekiq and ActionMailer's ways to enqueue: the work runs later, outside the migration. */
const ENQUEUE = new Set(["perform_later", "perform_async", "perform_in", "perform_at", "perform_bulk", "deliver_later", "set"]);

/** Calls that read records, or loop over them, and write nothing. */
const READS = new Set(["all", "where", "not", "find", "find_by", "find_by!", "find_each", "find_in_batches", "in_batches", "each", "each_with_index", "map", "includes", "preload", "eager_load", "joins", "left_joins", "order", "reorder", "limit", "offset", "select", "distinct", "pluck", "ids", "none", "unscoped", "readonly"]);

function calls(node: Node, out: CallNode[]): CallNode[] {
  if (node instanceof CallNode) out.push(node);
  for (const child of rubyChildren(node)) calls(child, out);
  return out;
}

export function upEnqueuesOnly(def: DefNode): boolean {
  if (!def.body) return false;
  const found = calls(def.body, []);
  return found.some((c) => ENQUEUE.has(c.name)) && found.every((c) => c.receiver !== null && (ENQUEUE.has(c.name) || READS.has(c.name)));
}
