/**
 * Data changes written as Ruby: `Model.update_all`, `Model.where(...).delete_all`, `record.update_column`,
 * `Model.find_each { |m| m.update!(...) }`, and SQL sent straight to the connection
 * (`connection.execute`, `ActiveRecord::Base.connection.exec_update`). Rails' command recorder never sees
 * these: in `def change` a rollback runs them again instead of undoing them.
 */
import { BlockArgumentNode, BlockNode, CallNode, ConstantPathNode, ConstantReadNode, SymbolNode, type Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";
import { blockParams } from "./block-params.js";
import { insertsOnly } from "./inserts-only.js";
import { loopCopies, type LoopCopy } from "./loop-copies.js";
import { recordOverwrites, rerunsSafely, type RecordOverwrite } from "./record-overwrites.js";
import { localName } from "./call-args.js";
import { underscore } from "./inflections.js";
import { namedTable, type TableNaming } from "./table-naming.js";

/** A receiver chain `A.b(...).c(...)`: its root and the calls from the innermost out. */
/** Relation methods that keep every row of the model's table (`Event.all`, `Event.unscoped`). */
export const WHOLE_TABLE_SCOPES: ReadonlySet<string> = new Set(["all", "unscoped"]);

export interface Chain {
  root: Node | null;
  calls: CallNode[];
}

export function chainOf(call: CallNode): Chain {
  const calls: CallNode[] = [call];
  let node: Node | null = call.receiver;
  while (node instanceof CallNode) {
    calls.unshift(node);
    node = node.receiver;
  }
  return { root: node, calls };
}

/** `Foo::Bar` -> "Foo::Bar" */
export function constantName(node: Node | null): string | undefined {
  if (node instanceof ConstantReadNode) return node.name;
  if (node instanceof ConstantPathNode) {
    const parent = node.parent ? constantName(node.parent) : "";
    return parent === undefined || node.name === null ? undefined : parent ? `${parent}::${node.name}` : node.name;
  }
  return undefined;
}

/** Methods on the connection that send SQL to the database. */
export const CONNECTION_SQL = new Set(["execute", "exec_query", "exec_update", "exec_delete", "exec_insert", "update", "delete", "insert", "select_all", "select_one", "select_value", "select_values", "select_rows"]);

/** Class-level writes: verb of the SQL they run. */
const RELATION_WRITES: Record<string, "update" | "delete" | "insert"> = {
  update_all: "update",
  update_counters: "update",
  touch_all: "update",
  delete_all: "delete",
  destroy_all: "delete",
  delete_by: "delete",
  destroy_by: "delete",
  insert: "insert",
  "insert!": "insert",
  insert_all: "insert",
  "insert_all!": "insert",
  upsert: "insert",
  upsert_all: "insert",
  create: "insert",
  "create!": "insert",
  find_or_create_by: "insert",
  "find_or_create_by!": "insert",
  create_or_find_by: "insert",
  "create_or_find_by!": "insert",
};

/** Record-level writes (one row). */
const RECORD_WRITES: Record<string, "update" | "delete"> = {
  update: "update",
  "update!": "update",
  update_column: "update",
  update_columns: "update",
  update_attribute: "update",
  update_attributes: "update",
  "update_attributes!": "update",
  save: "update",
  "save!": "update",
  "increment!": "update",
  "decrement!": "update",
  "toggle!": "update",
  touch: "update",
  destroy: "delete",
  "destroy!": "delete",
  delete: "delete",
  // ActiveRecord::Encryption: encrypts (or decrypts) the record's encrypted attributes and saves them
  encrypt: "update",
  decrypt: "update",
};

/** Record methods that only read: `map(&:id)` collects values, it changes nothing. */
const RECORD_READS = new Set(["id", "to_s", "to_h", "to_param", "inspect", "name", "attributes", "as_json", "to_json", "itself", "freeze", "dup", "reload"]);

/**
 * `find_each(&:save!)`, `find_each(&:substitute)`: a loop that sends each record a method through a block-pass
 * symbol. A known write, or a method of the project's model (alphagov/publishing-api's `Edition#substitute`
 * unpublishes): what it does is unknown, and a migration that calls it on every record runs it for its effect.
 * Predicates (`&:valid?`) and the readers above only read.
 */
const blockPassWrite = (call: CallNode): boolean => {
  if (!(call.block instanceof BlockArgumentNode) || !(call.block.expression instanceof SymbolNode)) return false;
  const method = call.block.expression.unescaped.value;
  return method in RECORD_WRITES || (!method.endsWith("?") && !RECORD_READS.has(method));
};

/** Iterations over records: a loop whose block writes is a data migration. */
/** Relation methods that read the rows a batch at a time, each batch its own query. */
const BATCH_READS = new Set(["find_each", "find_in_batches", "in_batches", "find_each_with_index"]);
const LOOPS = new Set(["find_each", "find_in_batches", "in_batches", "each", "each_with_index", "each_slice", "map", "each_with_object", "find_each_with_index"]);
/** Relation methods that do not narrow the rows. */
const UNFILTERED = new Set(["all", "unscoped", "in_batches", "order", "reorder", "includes", "preload", "eager_load", "readonly", "select", "lock", "strict_loading", "distinct", "unscope", "with_deleted", "each", "find_each", "find_in_batches"]);

export type DataCall =
  | { kind: "connection-sql"; method: string; sqlArg: Node | undefined }
  | { kind: "dml"; verb: "update" | "delete" | "insert"; table?: string; prefixedTable?: string; hasWhere: boolean; columns: string[]; call: CallNode }
  | { kind: "loop"; table?: string; prefixedTable?: string; description: string; writes?: string[]; batched?: BatchedWrite; inBatches: boolean; deletes: Deletion[]; insertsOnly: boolean; overwrites?: RecordOverwrite[]; copies?: LoopCopy[] };

/** A call in data code that deletes rows (`document.destroy!`, `Edition.where(...).delete_all`), with its table when the call names it. */
export interface Deletion {
  call: CallNode;
  table?: string;
}

/** Relation and finder methods that return the model's own rows (a relation or one record), never an association's. */
const FINDERS = new Set([...UNFILTERED, "where", "not", "rewhere", "or", "and", "limit", "offset", "find", "find_by", "find_by!", "first", "first!", "last", "last!", "take", "take!", "joins", "left_joins", "left_outer_joins"]);

const deletes = (name: string) => RELATION_WRITES[name] === "delete" || RECORD_WRITES[name] === "delete";

/**
 * The calls of a loop that delete rows: in its block, or sent through a block-pass (`find_each(&:destroy)`), or the
 * batched write itself. A record's `delete` takes no argument (`hash.delete(key)` is Ruby's, not a row's).
 */
function deletionsOf(loop: CallNode | undefined, block: BlockNode | undefined, record: string | undefined, loopTable: string | undefined, last: CallNode, batched: BatchedWrite | undefined, models: ModelTables): Deletion[] {
  if (batched) return batched.verb === "delete" ? [{ call: last, table: loopTable }] : [];
  if (loop?.block instanceof BlockArgumentNode && loop.block.expression instanceof SymbolNode && deletes(loop.block.expression.unescaped.value)) return [{ call: loop, table: loopTable }];
  const out: Deletion[] = [];
  const visit = (node: Node | null) => {
    if (!node) return;
    if (node instanceof CallNode && deletes(node.name) && !(node.name === "delete" && node.arguments_)) {
      const chain = chainOf(node);
      const constant = constantName(chain.root);
      // a model's own rows only through query methods: `Document.find(id).editions` deletes another table's rows
      const ownRows = chain.calls.slice(0, -1).every((c) => FINDERS.has(c.name));
      const table = constant && constant !== "ActiveRecord::Base" && ownRows ? models.tableOf(constant) : record !== undefined && localName(node.receiver) === record ? loopTable : undefined;
      out.push({ call: node, table });
    }
    for (const child of rubyChildren(node)) visit(child);
  };
  visit(block?.body ?? null);
  return out;
}

/** A relation write run batch by batch, with no block (`Model.where(...).in_batches.delete_all`): the statement each batch runs. */
export interface BatchedWrite {
  verb: "update" | "delete" | "insert";
  hasWhere: boolean;
}

/** Is a call of this name one that writes rows (a relation's, a record's, or SQL's)? */
export const writesRows = (name: string): boolean => name in RELATION_WRITES || name in RECORD_WRITES || name === "execute";

/** Does a block write data (any write call anywhere inside it)? */
function writes(node: Node | null): boolean {
  if (!node) return false;
  if (node instanceof CallNode && writesRows(node.name)) return true;
  return rubyChildren(node).some(writes);
}

/**
 * The tables a loop's block writes, when every write in it names its table: `Other.create(...)` writes Other's,
 * `record.update!(...)` on the iterated record writes the loop's own. Undefined when any write is out of reach
 * (SQL, a record from elsewhere, a helper).
 */
/** The table of the model constant a call is made on (`Commercial.create(...)`), or undefined. */
function modelTableOf(call: CallNode, models: ModelTables): string | undefined {
  const { root, calls } = chainOf(call);
  const constant = constantName(root);
  return constant && constant !== "ActiveRecord::Base" && calls.length === 1 ? models.tableOf(constant) : undefined;
}

/**
 * `record.members.create(...)` in a loop over `model`'s records: the table of the association the migration's own
 * model class declares (`has_many :members`), or undefined.
 */
function associationTableOf(call: CallNode, record: string | undefined, model: string | undefined, models: ModelTables): string | undefined {
  const { root, calls } = chainOf(call);
  if (record === undefined || model === undefined || localName(root) !== record || calls.length !== 2) return undefined;
  const association = calls[0];
  if (association.arguments_ || association.block) return undefined;
  return models.associationTableOf?.(model, association.name);
}

function writtenTables(block: BlockNode, record: string | undefined, loopTable: string | undefined, models: ModelTables): string[] | undefined {
  const tables = new Set<string>();
  let known = true;
  const visit = (node: Node | null) => {
    if (!node || !known) return;
    if (node instanceof CallNode && writesRows(node.name)) {
      const { root } = chainOf(node);
      const constant = constantName(root);
      if (node.name in RELATION_WRITES && constant && constant !== "ActiveRecord::Base") tables.add(models.tableOf(constant));
      else if (node.name in RECORD_WRITES && record !== undefined && localName(node.receiver) === record && loopTable) tables.add(loopTable);
      else known = false;
    }
    for (const child of rubyChildren(node)) visit(child);
  };
  visit(block.body);
  return known ? [...tables] : undefined;
}

export interface ModelTables {
  /** table of a model constant (inner classes of the migration may set table_name) */
  tableOf(constant: string): string;
  /** the table a namespaced model has when its namespace sets a table_name_prefix, when `tableOf` could not tell it */
  prefixedOf(constant: string): string | undefined;
  /** the table a has_many / has_one association of a model the migration defines reaches (`has_many :members`: members), or undefined */
  associationTableOf?(constant: string, association: string): string | undefined;
}

/**
 * The model whose record a local variable holds, when it was assigned a finder on a model (`config =
 * Journeys::Configuration.find_by(...)`: `Journeys::Configuration`); undefined for anything else.
 */
export function recordModel(value: Node | undefined): string | undefined {
  if (!(value instanceof CallNode)) return undefined;
  const { root, calls } = chainOf(value);
  const constant = constantName(root);
  return constant && constant !== "ActiveRecord::Base" && calls.every((c) => FINDERS.has(c.name)) ? constant : undefined;
}

/**
 * Rails before 5.1 took the rows' condition as an argument: `delete_all("key ilike '%x%'")` and `destroy_all(...)`
 * (deprecated in 5.0, an ArgumentError since 5.1), `update_all(updates, conditions)` (Rails 3). Such a call is
 * narrowed as a `where` before it would be.
 */
function conditionArgument(call: CallNode): boolean {
  const count = call.arguments_?.arguments_.length ?? 0;
  return ((call.name === "delete_all" || call.name === "destroy_all") && count > 0) || (call.name === "update_all" && count > 1);
}

/**
 * `records`: the model constant of a record a local variable holds (recordModel), to name the table a record write on
 * it writes; `classes`: the model class a local holds (`MODELS.each do |model| model.where(...).update_all(...)`, run
 * once per class of a literal list), whose relation calls are that class's
 */
export function classifyDataCall(
  call: CallNode,
  models: ModelTables,
  records?: (local: string) => string | undefined,
  classes?: (local: string) => string | undefined,
  relations?: (local: string) => HeldRelation | undefined,
): DataCall | undefined {
  const { root, calls } = chainOf(call);
  // a relation a local holds (`broken = Audit.where(...)`, then `broken.where(...).update_all(...)`): the chain goes on from the model's
  const rootLocal = localName(root);
  const relation = rootLocal !== undefined ? relations?.(rootLocal) : undefined;
  if (relation) return classifyChain(call, root, calls, models, undefined, () => relation.model, relation.names);
  return classifyChain(call, root, calls, models, records, classes);
}

/** A relation a local variable holds: its model and the relation methods called on it, in order. */
export interface HeldRelation {
  model: string;
  names: string[];
}

/**
 * The relation a local was assigned (`broken = Audit.where(type: 'Host::Base')`): a chain on a model constant of
 * methods that neither write rows nor load one record. undefined for anything else.
 */
export function heldRelation(value: Node | undefined): HeldRelation | undefined {
  if (!(value instanceof CallNode)) return undefined;
  const { root, calls } = chainOf(value);
  const constant = constantName(root);
  if (!constant || constant === "ActiveRecord::Base" || calls.length === 0) return undefined;
  if (calls.some((c) => c.block || !RELATION_BUILDERS.has(c.name))) return undefined;
  return { model: constant, names: calls.map((c) => c.name) };
}

/** Methods that return a relation of the same model's rows, narrowed, ordered or unchanged. */
const RELATION_BUILDERS = new Set(["where", "not", "or", "and", "all", "unscoped", "order", "reorder", "joins", "left_joins", "left_outer_joins", "includes", "preload", "eager_load", "references", "limit", "offset", "distinct", "readonly", "rewhere", "unscope", "merge"]);

function classifyChain(
  call: CallNode,
  root: Node | null,
  calls: CallNode[],
  models: ModelTables,
  records?: (local: string) => string | undefined,
  classes?: (local: string) => string | undefined,
  heldNames: string[] = [],
): DataCall | undefined {
  const names = [...heldNames, ...calls.map((c) => c.name)];
  const last = call.name;
  if (names.slice(0, -1).includes("connection") && CONNECTION_SQL.has(last)) return { kind: "connection-sql", method: last, sqlArg: call.arguments_?.arguments_[0] };

  // a record write on a local that holds a model's record (`config&.update(...)` after `config = Model.find_by(...)`) writes that model's table (the last branch)
  const held = calls.length === 1 && last in RECORD_WRITES && localName(root) !== undefined ? records?.(localName(root)!) : undefined;
  const local = localName(root);
  const heldClass = local !== undefined ? classes?.(local) : undefined;
  const constant = constantName(root) ?? heldClass;
  const model = held ?? (constant && constant !== "ActiveRecord::Base" ? constant : undefined);
  const table = model ? models.tableOf(model) : undefined;
  const prefixed = model && table ? models.prefixedOf(model) : undefined;
  const prefixedTable = prefixed ? { prefixedTable: prefixed } : {};
  const fromRecord = local !== undefined && heldClass === undefined;
  if (!constant && !fromRecord) return undefined;

  const loopAt = calls.findIndex((c) => LOOPS.has(c.name) && ((c.block instanceof BlockNode && writes(c.block.body)) || blockPassWrite(c)));
  if (loopAt !== -1 || (constant && names.some((n) => n === "in_batches" || n === "find_each" || n === "find_in_batches") && (last in RELATION_WRITES || writes(call)))) {
    const loop = loopAt !== -1 ? calls[loopAt] : undefined;
    const block = loop?.block instanceof BlockNode ? loop.block : undefined;
    const record = block ? blockParams(block)[0] : undefined;
    const batched = !block && last in RELATION_WRITES ? { verb: RELATION_WRITES[last], hasWhere: names.slice(0, -1).some((n) => !UNFILTERED.has(n)) } : undefined;
    const overwrites = block ? recordOverwrites(block, record, (c) => writesRows(c.name), (c) => RECORD_WRITES[c.name] === "update") : undefined;
    // the block runs per record of batches the loop reads one query at a time (find_each, in_batches ... each), and
    // running it again redoes the same writes: outside a transaction it may commit as it goes
    const inBatches = block !== undefined && names.some((n) => BATCH_READS.has(n)) && rerunsSafely(block, (c) => writesRows(c.name));
    // rows of another model created from the record's attributes (`Commercial.create(commercial_id: event.media_id)`)
    const copies = block
      ? loopCopies(block, record, table, names.slice(0, loopAt === -1 ? undefined : loopAt).some((n) => !UNFILTERED.has(n)), (create) => modelTableOf(create, models) ?? associationTableOf(create, record, model, models))
      : [];
    return { kind: "loop", table, ...prefixedTable, description: names.join("."), writes: block ? writtenTables(block, record, table, models) : undefined, batched, inBatches, deletes: deletionsOf(loop, block, record, table, call, batched, models), insertsOnly: block ? insertsOnly(block) : false, ...(overwrites ? { overwrites } : {}), ...(copies.length ? { copies } : {}) };
  }
  if (constant && last in RELATION_WRITES) {
    const narrowed = names.slice(0, -1).some((n) => !UNFILTERED.has(n)) || conditionArgument(call);
    const verb = RELATION_WRITES[last];
    return { kind: "dml", verb, table, ...prefixedTable, hasWhere: narrowed || verb === "insert" || last === "update_counters" || last.endsWith("_by"), columns: [], call };
  }
  if (last in RECORD_WRITES && (fromRecord || (constant && names.length > 1))) {
    return { kind: "dml", verb: RECORD_WRITES[last], table, ...prefixedTable, hasWhere: true, columns: [], call };
  }
  return undefined;
}

/**
 * Tables of model constants: the migration's inner classes first, then Rails' naming. A namespaced model
 * (`ActiveAdmin::Comment`) is `comments` by Rails' rule unless its namespace sets a table_name_prefix, as engines
 * and gems do (`active_admin_comments`): the prefixed table is taken when the migration names it (`names`, the
 * symbols and strings of the file), since the data code then works on the table its schema calls change; else the
 * migrations before it decide (`prefixedOf`, model-table-history.ts).
 */
export function modelTables(
  inner: ReadonlyMap<string, string>,
  names: ReadonlySet<string> = new Set(),
  naming?: TableNaming,
  associations: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(),
): ModelTables {
  const own = (constant: string) => inner.get(constant) ?? inner.get(constant.split("::").pop() ?? constant);
  const tableOf = (constant: string) => {
    const prefixed = prefixedName(constant);
    // the project's naming (config/application.rb's pluralize_table_names = false: Course -> course)
    return own(constant) ?? (prefixed && names.has(prefixed) ? prefixed : namedTable(constant, naming));
  };
  const prefixedName = (constant: string) => {
    const namespace = constant.split("::").slice(0, -1).join("::");
    return namespace ? `${underscore(namespace).replace(/\//g, "_")}_${namedTable(constant, { pluralize: naming?.pluralize })}` : undefined;
  };
  return {
    tableOf,
    associationTableOf: (constant, association) => {
      const target = (associations.get(constant) ?? associations.get(constant.split("::").pop() ?? constant))?.get(association);
      return target ? tableOf(target) : undefined;
    },
    prefixedOf: (constant) => {
      const prefixed = prefixedName(constant);
      return own(constant) || !prefixed || names.has(prefixed) ? undefined : prefixed;
    },
  };
}
