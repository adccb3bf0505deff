/**
 * Data code in `change` that a rollback runs again without harm. Rails replays `change` to record its schema
 * commands, and data code it does not record (a model's update_all, a loop over records) runs once more, forward,
 * while the schema is still the up's. That second run is harmless when it changes nothing the first one had not:
 *  - an update whose filter excludes the rows it sets: `where(col: nil).update_all(col: v)` (the rows it filled are
 *    no longer NULL), `where.not(col: v).update_all(col: v)`, a loop over `where(col: nil)` or
 *    `find_all { |r| r.col.nil? }` that updates each record's col;
 *  - a filtered delete (`where(...).delete_all`): it deletes again only rows matching its filter, none of which the
 *    first run left (an unfiltered one would empty the table of every row written since);
 *  - an insert of a missing row (`find_or_create_by`, a found-or-built record saved only when new): it finds it;
 *  - a loop's write a second pass repeats as a no-op: a normalisation of a column's own value, a re-save or
 *    re-encrypt, the record deleted on every pass of a filtered loop (record-cleanups.ts).
 * An update from values that may have changed, an increment, a plain insert, SQL, an external call: the rollback's
 * second run may change data, and the warning stays.
 */
import { BlockArgumentNode, BlockNode, CallNode, IfNode, StatementsNode, SymbolNode, UnlessNode, type Node } from "@ruby/prism";
import { blockParams } from "./block-params.js";
import { callArgs, hashOf, localName } from "./call-args.js";
import { chainOf, constantName, heldRelation, writesRows, type DataCall, type ModelTables } from "./data-calls.js";
import { FINDS_OR_CREATES, insertsOnlyMissing } from "./inserts-only.js";
import { WIDENING } from "./null-filter.js";
import { rubyChildren } from "./ruby-children.js";
import type { RubySource } from "./ruby-source.js";
import { evaluate, nameOf, type Env, type RubyValue } from "./values.js";
import { deletesEachRecord, normalisesOwnValue, RESAVES } from "./record-cleanups.js";

/** Data code the interpreter reads in Ruby: connection SQL is read as SQL and never comes here. */
type RubyData = Exclude<DataCall, { kind: "connection-sql" }>;

/** A condition on one column the rows a relation keeps meet: IS NULL, or IS DISTINCT from a value (`where.not`). */
type Filter = { column: string; isNull: true } | { column: string; isNull: false; not: RubyValue };

/** Ruby-side filters of the loaded records (`find_all { |r| r.col.nil? }`). */
const RECORD_FILTERS = new Set(["find_all", "select", "filter"]);
/** Loops that hand each record to their block. */
const RECORD_LOOPS = new Set(["each", "find_each"]);
/** Record writes that set the columns their arguments name. */
const RECORD_UPDATES = new Set(["update", "update!", "update_column", "update_columns", "update_attribute", "update_attributes", "update_attributes!"]);
/** Relation deletes: with a filter, run again they find only rows matching it. */
const RELATION_DELETES = new Set(["delete_all", "destroy_all", "delete_by", "destroy_by"]);
/** Record deletes sent to each record of a loop (`find_each(&:destroy)`). */
const RECORD_DELETES = new Set(["destroy", "destroy!", "delete"]);
/** Batches of a relation handed to a block as relations (`in_batches do |batch| batch.update_all(...) end`): each batch is some of its rows. */
const RELATION_BATCHES = new Set(["in_batches"]);
/** Relation methods that keep every row (they order, load or batch them). */
const KEEPS_ALL = new Set(["all", "unscoped", "order", "reorder", "includes", "preload", "eager_load", "readonly", "select", "lock", "strict_loading", "distinct", "in_batches", "find_each", "each"]);

/**
 * The table and the columns harmless data code names, for the adapter to check they are still there in the up's
 * schema (a later rename_column or remove_column of them makes the rollback's second run fail); undefined when the
 * code is not harmless to run again.
 */
export function harmlessRerun(call: CallNode, data: RubyData, env: Env, src: RubySource): ColumnWrites | undefined {
  if (!harmless(call, env, src)) return undefined;
  return { table: data.table ?? "", columns: [...namedColumns(call, env, src)] };
}

/** Every column a hash of the call's chain names (where, not, update_all, find_or_create_by) or its loop's record updates set. */
function namedColumns(call: CallNode, env: Env, src: RubySource): Set<string> {
  const columns = new Set<string>();
  const { calls } = chainOf(call);
  for (const link of calls) {
    for (const column of hashOf(callArgs(link, env, src)).keys()) columns.add(column);
    if (RECORD_FILTERS.has(link.name) && link.block instanceof BlockNode) {
      const tested = nilTest(link.block);
      if (tested) columns.add(tested);
    }
    if (RELATION_BATCHES.has(link.name) && link.block instanceof BlockNode) for (const write of batchWrites(link.block)) for (const column of setsOf(write, env, src).keys()) columns.add(column);
    if (RECORD_LOOPS.has(link.name) && link.block instanceof BlockNode) {
      const record = blockParams(link.block)[0];
      const body = link.block.body instanceof StatementsNode ? link.block.body.body : [];
      for (const s of body) if (s instanceof CallNode && RECORD_UPDATES.has(s.name) && record !== undefined && localName(s.receiver) === record) for (const column of setsOf(s, env, src).keys()) columns.add(column);
    }
  }
  return columns;
}

function harmless(call: CallNode, env: Env, src: RubySource): boolean {
  const { root, calls } = chainOf(call);
  // a filtered relation a local holds (`inputs = TemplateInput.where(template_id: id)`), deleted: as `where(...).delete_all`
  const local = localName(root);
  const held = local !== undefined ? env.get(local) : undefined;
  const relation = held?.kind === "code" ? heldRelation(held.node) : undefined;
  if (relation) {
    const held = relation.names.some((n) => !KEEPS_ALL.has(n));
    if (calls.length === 1 && RECORD_LOOPS.has(call.name)) return loopIsHarmless(call, [], env, src, held);
    return calls.length === 1 && RELATION_DELETES.has(call.name) && held;
  }
  if (!constantName(root) || calls.some((c) => WIDENING.has(c.name))) return false;
  const batchesAt = calls.findIndex((c) => RELATION_BATCHES.has(c.name) && c.block instanceof BlockNode);
  if (batchesAt !== -1) return batchesAreHarmless(calls[batchesAt].block as BlockNode, calls.slice(0, batchesAt), env, src);
  const loopAt = calls.findIndex((c) => RECORD_LOOPS.has(c.name) && (c.block instanceof BlockNode || c.block instanceof BlockArgumentNode));
  const before = calls.slice(0, loopAt === -1 ? -1 : loopAt);
  if (loopAt !== -1) return loopIsHarmless(calls[loopAt], before, env, src);
  const name = call.name;
  if (FINDS_OR_CREATES.has(name)) return true;
  if (RELATION_DELETES.has(name)) return narrowed(before, call, env, src);
  if (name === "update_all") return excludesWhatItSets(filtersOf(before, env, src), setsOf(call, env, src)) || setsLiteralsOnSome(before, setsOf(call, env, src), env, src);
  return false;
}

/**
 * A loop over every row of a model (no filter before it, `all` and `order` aside) whose writes a second pass would
 * not repeat as a no-op (loopIsHarmless): a blanket rewrite, where the values of every row change or every row goes
 * (superset's allow_run_sync set on each database, a name cleared on every person). A loop over the rows a filter
 * picks, or whose writes are tested on each record, normalise the rows' own values or re-save them, is a clean-up.
 */
export function overwritesEveryRow(call: CallNode, env: Env, src: RubySource): boolean {
  const { root, calls } = chainOf(call);
  if (!constantName(root) || !RECORD_LOOPS.has(call.name)) return false;
  const before = calls.slice(0, -1);
  if (narrowed(before, undefined, env, src)) return false;
  return !loopIsHarmless(call, before, env, src);
}

/**
 * An update to literal values of rows a filter selects by OTHER columns than those it sets (`User.admins.each { |a|
 * a.update_attribute(:role, 'admin') if a.admin? }`, `where(kind: 'x').update_all(flag: true)`) is idempotent: run
 * again it writes the values already there. An update of every row stays a hazard (an admin's choice made since the
 * up, overwritten by the rerun: demarches-simplifiees' opendata backfill), and so does a filter on a column it sets:
 * `where.not(role: 'admin').update_all(role: 'member')` resets roles given since, `where(action: 'a').update_all(action:
 * 'b')` renames values a rollback then leaves renamed. A where written as SQL may test anything: not read as harmless.
 */
function setsLiteralsOnSome(before: CallNode[], sets: ReadonlyMap<string, RubyValue>, env: Env, src: RubySource): boolean {
  if (sets.size === 0 || ![...sets.values()].every(isLiteral) || !narrowed(before, undefined, env, src)) return false;
  for (const link of before) {
    if (link.name !== "where" && link.name !== "not" && link.name !== "rewhere") continue;
    const args = callArgs(link, env, src);
    if (args.args.some((a) => a.kind !== "hash")) return false;
    if ([...hashOf(args).keys()].some((column) => sets.has(column))) return false;
  }
  return true;
}

const isLiteral = (v: RubyValue): boolean => v.kind === "sym" || v.kind === "str" || v.kind === "int" || v.kind === "float" || v.kind === "bool" || v.kind === "nil";

/** The writes a batch block sends to its batch (`batch.update_all(...)`, `batch.delete_all`), in order. */
function batchWrites(block: BlockNode): CallNode[] {
  const batch = blockParams(block)[0];
  const statements = block.body instanceof StatementsNode ? block.body.body : [];
  return statements.filter((s): s is CallNode => s instanceof CallNode && batch !== undefined && localName(s.receiver) === batch && (s.name === "update_all" || RELATION_DELETES.has(s.name)));
}

/**
 * `Video.where(start_offset_ms: nil).in_batches do |records| records.update_all(start_offset_ms: 10_000); sleep(0.01) end`
 * (splits-io 20200705172000): each batch is rows of the relation, so each write is the relation's own, harmless run
 * again when the relation's filter excludes what it sets. Every write of the block must be such a write of its batch.
 */
function batchesAreHarmless(block: BlockNode, before: CallNode[], env: Env, src: RubySource): boolean {
  const writes = batchWrites(block);
  if (writes.length === 0 || countWrites(block.body) !== writes.length) return false;
  return writes.every((write) => {
    if (RELATION_DELETES.has(write.name)) return narrowed(before, undefined, env, src);
    const sets = setsOf(write, env, src);
    return excludesWhatItSets(filtersOf(before, env, src), sets) || setsLiteralsOnSome(before, sets, env, src);
  });
}

/**
 * A loop whose every write is the harmless kind: a missing row's insert, its record's delete, an update its filter
 * excludes, or one a second pass repeats as a no-op (record-cleanups.ts). `heldNarrowed`: the loop is over a
 * relation a local holds, which a filter narrows.
 */
function loopIsHarmless(loop: CallNode, before: CallNode[], env: Env, src: RubySource, heldNarrowed = false): boolean {
  const picksRows = () => heldNarrowed || narrowed(before, undefined, env, src);
  if (loop.block instanceof BlockArgumentNode) {
    const sent = loop.block.expression instanceof SymbolNode ? loop.block.expression.unescaped.value : undefined;
    return sent !== undefined && (RESAVES.has(sent) || (RECORD_DELETES.has(sent) && picksRows()));
  }
  if (!(loop.block instanceof BlockNode)) return false;
  if (insertsOnlyMissing(loop.block)) return true;
  if (deletesEachRecord(loop.block) && picksRows()) return true;
  if (normalisesOwnValues(loop.block, env, src)) return true;
  const record = blockParams(loop.block)[0];
  const statements = loop.block.body instanceof StatementsNode ? loop.block.body.body : [];
  const isUpdate = (s: Node): s is CallNode => s instanceof CallNode && RECORD_UPDATES.has(s.name) && record !== undefined && localName(s.receiver) === record;
  const direct = statements.filter(isUpdate);
  // (`record.update_attribute(:role, 'admin') if record.admin?`: an update under a modifier that only narrows the rows further)
  const conditional = statements.flatMap((s) => ((s instanceof IfNode || s instanceof UnlessNode) && s.statements?.body.length === 1 && isUpdate(s.statements.body[0]) && !(s instanceof IfNode ? s.subsequent : s.elseClause) && countWrites(s.predicate) === 0 ? [s.statements.body[0] as CallNode] : []));
  const updates = [...direct, ...conditional];
  // every write of the block is one of those updates of the record, as a statement of its own or under a modifier
  if (countWrites(loop.block.body) !== updates.length || !updates.length) return false;
  const sets = new Map<string, RubyValue>();
  for (const update of updates) for (const [column, value] of setsOf(update, env, src)) sets.set(column, value);
  if (conditional.length === 0 && excludesWhatItSets(filtersOf(before, env, src), sets)) return true;
  // a test on each record (`if admin.admin?`) selects some rows as a where does
  const tested = conditional.length === updates.length;
  return tested ? sets.size > 0 && [...sets.values()].every(isLiteral) : setsLiteralsOnSome(before, sets, env, src);
}

/**
 * Every write of the block sets columns of its record to normalisations of their own values: through update calls
 * (`u.update_attribute(:name, u.name&.strip)`) or assignments saved after (`u.email = u.email.downcase; u.save`).
 */
function normalisesOwnValues(block: BlockNode, env: Env, src: RubySource): boolean {
  const record = blockParams(block)[0];
  const statements = block.body instanceof StatementsNode ? block.body.body : [];
  if (record === undefined || statements.length === 0) return false;
  const onRecord = (s: Node): s is CallNode => s instanceof CallNode && localName(s.receiver) === record;
  // the update calls and saves are the block's writes; an assignment writes when a save follows
  let updates = 0;
  let assignments = 0;
  let saves = 0;
  for (const s of statements) {
    if (!onRecord(s)) return false;
    if (RECORD_UPDATES.has(s.name)) {
      const written = setsOf(s, env, src);
      if (written.size === 0 || ![...written].every(([column, value]) => normalisesOwnValue(value, record, column))) return false;
      updates++;
    } else if (s.name.endsWith("=") && s.name !== "==" && s.arguments_?.arguments_.length === 1) {
      const column = s.name.slice(0, -1);
      if (!normalisesOwnValue(evaluate(s.arguments_.arguments_[0], env, src), record, column)) return false;
      assignments++;
    } else if (s.name === "save" || s.name === "save!") saves++;
    else return false;
  }
  return updates + assignments > 0 && countWrites(block.body) === updates + saves;
}

function countWrites(node: Node | null): number {
  if (!node) return 0;
  const own = node instanceof CallNode && writesRows(node.name) ? 1 : 0;
  return own + rubyChildren(node).reduce((sum, child) => sum + countWrites(child), 0);
}

/** Does the relation keep only some rows: a where, a finder's conditions (delete_by(...)), a scope of the model? */
function narrowed(before: CallNode[], call: CallNode | undefined, env: Env, src: RubySource): boolean {
  if (call && call.name.endsWith("_by")) return (call.arguments_?.arguments_.length ?? 0) > 0;
  return before.some((c) => !KEEPS_ALL.has(c.name) && (c.name !== "where" || callArgs(c, env, src).args.length > 0 || callArgs(c, env, src).opts.size > 0));
}

/** The columns an update sets, with their values: `update_all(a: 1)`, `update!(a: 1)`, `update_column(:a, 1)`. */
function setsOf(call: CallNode, env: Env, src: RubySource): Map<string, RubyValue> {
  const args = callArgs(call, env, src);
  if (call.name === "update_column" || call.name === "update_attribute") {
    const column = nameOf(args.args[0]);
    const value: RubyValue | undefined = args.args[1] ?? (args.opts.size ? { kind: "hash", entries: new Map(args.opts.entries) } : undefined);
    return column !== undefined && value !== undefined ? new Map([[column, value]]) : new Map();
  }
  const first = args.args[0];
  if (first?.kind === "hash") return new Map(first.entries);
  // update_all with SQL (`update_all("a = b")`): what it sets is SQL, not read here
  if (first) return new Map();
  return new Map(args.opts.entries);
}

/** The column conditions of a relation's filters: where(col: nil), where.not(col: v), find_all { |r| r.col.nil? }. */
function filtersOf(links: CallNode[], env: Env, src: RubySource): Filter[] {
  const out: Filter[] = [];
  for (const [i, link] of links.entries()) {
    if (link.name === "where") {
      for (const [column, value] of hashOf(callArgs(link, env, src))) if (value.kind === "nil") out.push({ column, isNull: true });
    } else if (link.name === "not" && links[i - 1]?.name === "where" && !links[i - 1].arguments_) {
      for (const [column, value] of hashOf(callArgs(link, env, src))) out.push({ column, isNull: false, not: value });
    } else if (RECORD_FILTERS.has(link.name) && link.block instanceof BlockNode) {
      const column = nilTest(link.block);
      if (column) out.push({ column, isNull: true });
    }
  }
  return out;
}

/** `{ |r| r.col.nil? }`: the column the block keeps NULL. */
function nilTest(block: BlockNode): string | undefined {
  const record = blockParams(block)[0];
  const body = block.body instanceof StatementsNode && block.body.body.length === 1 ? block.body.body[0] : undefined;
  if (!(body instanceof CallNode) || body.name !== "nil?" || body.arguments_) return undefined;
  const read = body.receiver;
  if (!(read instanceof CallNode) || read.arguments_ || read.block || record === undefined || localName(read.receiver) !== record) return undefined;
  return read.name;
}

/** Does a filter on a column the update sets drop every row the update wrote? */
function excludesWhatItSets(filters: Filter[], sets: ReadonlyMap<string, RubyValue>): boolean {
  return filters.some((f) => {
    const value = sets.get(f.column);
    if (!value) return false;
    // NULL stays NULL: the row still matches. A value computed at run time is taken as not NULL
    if (f.isNull) return value.kind !== "nil";
    return sameValue(f.not, value) || (f.not.kind === "array" && f.not.items.some((item) => sameValue(item, value)));
  });
}

/** Literal values the database stores alike (a symbol is written as its string). */
function sameValue(a: RubyValue, b: RubyValue): boolean {
  const text = (v: RubyValue) => (v.kind === "sym" || v.kind === "str" ? `s:${v.value}` : v.kind === "int" || v.kind === "float" ? `n:${v.value}` : v.kind === "bool" ? `b:${v.value}` : undefined);
  const ta = text(a);
  return ta !== undefined && ta === text(b);
}

/** The columns of one table a re-run writes. */
export interface ColumnWrites {
  table: string;
  columns: string[];
}

/**
 * Every column the data code writes, when each of its writes is an update that names them: `Model.update_all(a: 1)`,
 * in a loop `record.update_columns(a: 1)` on the loop's record or `Other.where(...).update_all(a: 1)`. Undefined
 * when any write is something else (a delete, an insert, SQL, a record from elsewhere) or its columns are not read.
 */
export function rerunWrites(call: CallNode, data: RubyData, env: Env, src: RubySource, models: ModelTables): ColumnWrites[] | undefined {
  if (!data.table) return undefined;
  const { calls } = chainOf(call);
  const loop = calls.find((c) => RECORD_LOOPS.has(c.name) && c.block instanceof BlockNode);
  if (!loop) return call.name === "update_all" ? known([{ table: data.table, sets: setsOf(call, env, src) }]) : undefined;
  const record = blockParams(loop.block as BlockNode)[0];
  const writes: { table: string; sets: ReadonlyMap<string, RubyValue> }[] = [];
  let unknown = false;
  const visit = (node: Node) => {
    if (node instanceof CallNode && writesRows(node.name)) {
      const constant = constantName(chainOf(node).root);
      if (RECORD_UPDATES.has(node.name) && record !== undefined && localName(node.receiver) === record) writes.push({ table: data.table!, sets: setsOf(node, env, src) });
      else if (node.name === "update_all" && constant && constant !== "ActiveRecord::Base") writes.push({ table: models.tableOf(constant), sets: setsOf(node, env, src) });
      else unknown = true;
    }
    for (const child of rubyChildren(node)) visit(child);
  };
  visit(loop.block as BlockNode);
  return unknown ? undefined : known(writes);
}

/** The writes' columns, or undefined when one names none (SQL, a hash computed at run time). */
function known(writes: { table: string; sets: ReadonlyMap<string, RubyValue> }[]): ColumnWrites[] | undefined {
  if (!writes.length || writes.some((w) => w.sets.size === 0)) return undefined;
  return writes.map((w) => ({ table: w.table, columns: [...w.sets.keys()] }));
}
