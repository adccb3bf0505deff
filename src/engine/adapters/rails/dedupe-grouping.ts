/**
 * The groupings of a Rails dedupe: the columns by which its code groups a model's rows to find the duplicates it
 * deletes. Two forms, read from Prism's tree:
 * - `Vote.group(:votable_id, :voter_id).having("count(*) > 1")`, then a delete or destroy of all but one of each group
 *   (in a loop over the groups, or over a local the groups were read into);
 * - `Vote.where.not(id: Vote.group(:votable_id, :voter_id).select("min(id)")).delete_all`: one row kept per group.
 * mixed-ddl-dml compares them with the unique key the schema change after the dedupe adds: a dedupe on other columns
 * makes no room for it.
 */
import { CallNode, LocalVariableReadNode, type Node } from "@ruby/prism";
import type { DedupeGrouping } from "../../model.js";
import { groupedColumns, havingKeepsDuplicates, picksOnePerGroup } from "../sql/duplicate-rows.js";
import { callArgs } from "./call-args.js";
import { chainOf, constantName, type ModelTables } from "./data-calls.js";
import { rubyChildren } from "./ruby-children.js";
import type { RubySource } from "./ruby-source.js";
import type { Env } from "./values.js";

/** The groupings the code of `node` deletes duplicates by, the code of the locals it reads included. */
export function dedupeGroupings(node: Node, env: Env, src: RubySource, models: ModelTables): DedupeGrouping[] {
  const found: DedupeGrouping[] = [];
  const seenLocals = new Set<string>();
  const visit = (current: Node): void => {
    // `duplicates = Vote.group(...).having(...).count` read into a local, then a loop over it
    if (current instanceof LocalVariableReadNode && !seenLocals.has(current.name)) {
      seenLocals.add(current.name);
      const held = env.get(current.name);
      if (held?.kind === "code") visit(held.node);
    }
    if (current instanceof CallNode) {
      const grouping = groupingOf(current, env, src, models);
      if (grouping && !found.some((g) => sameGrouping(g, grouping))) found.push(grouping);
    }
    rubyChildren(current).forEach(visit);
  };
  visit(node);
  return found;
}

/** `having("count(*) > 1")` or `select("min(id)")` on a `group(...)` of literal column names: the grouping. */
function groupingOf(call: CallNode, env: Env, src: RubySource, models: ModelTables): DedupeGrouping | undefined {
  const finder = call.name === "having" || call.name === "select" || call.name === "pluck";
  if (!finder) return undefined;
  const sql = callArgs(call, env, src).args;
  const text = sql.length === 1 && sql[0].kind === "str" ? sql[0].value : undefined;
  if (text === undefined || !(call.name === "having" ? havingKeepsDuplicates(text) : picksOnePerGroup(text))) return undefined;
  const { root, calls } = chainOf(call);
  const group = calls.find((c) => c.name === "group");
  if (!group) return undefined;
  // `group(:a, :b)`, or a SQL list `group("a, b")`: plain columns only, an expression groups by something else
  const columns = callArgs(group, env, src).args.map((arg) => (arg.kind === "sym" ? [arg.value] : arg.kind === "str" ? groupedColumns(arg.value) : undefined));
  if (!columns.length || columns.some((c) => c === undefined)) return undefined;
  const constant = constantName(root);
  return { ...(constant ? { table: models.tableOf(constant) } : {}), columns: columns.flatMap((c) => c!) };
}

const sameGrouping = (a: DedupeGrouping, b: DedupeGrouping): boolean => a.table === b.table && a.columns.join() === b.columns.join();
