/**
 * Where Ruby code may create rows of an Active Record model (read with Prism): the evidence that a table is filled
 * by hand (production/hand-filled-tables.ts). Conservative: every use of the model's constant that is not a plain
 * read counts (a call of a creating method, `X.new`, a class method migguard does not follow, the constant handed
 * to other code), as do the ways rows are created without naming the constant: an association of another model that
 * reaches its rows (has_many, has_one, has_and_belongs_to_many, a belongs_to whose `create_x`/`build_x` is called or
 * whose attributes are nested), its own belongs_to or tree macro, a subclass (single-table inheritance), a
 * controller named after it (a generic resource controller), SQL in a string that inserts into its table. A
 * registration in an admin DSL (`ActiveAdmin.register X`, rails_admin's `config.model X`) is people typing one row
 * at a time: reported as such.
 */
import { AssocNode, CallNode, HashNode, ClassNode, ConstantPathNode, ConstantReadNode, KeywordHashNode, ModuleNode, SelfNode, StringNode, SymbolNode, type Node } from "@ruby/prism";
import { camelize, pluralize, singularize, underscore } from "../adapters/rails/inflections.js";
import { parseRuby } from "../adapters/rails/prism.js";
import { rubyChildren } from "../adapters/rails/ruby-children.js";
import { RubySource } from "../adapters/rails/ruby-source.js";
import { constantName } from "../adapters/rails/data-calls.js";
import type { SourceFile } from "../model.js";
import type { RowCreator } from "./django-row-creators.js";

/** Class and relation methods that create rows (or a record to save). */
const CREATES = new Set([
  "create", "create!", "new", "insert", "insert!", "insert_all", "insert_all!", "upsert", "upsert_all", "find_or_create_by", "find_or_create_by!",
  "find_or_initialize_by", "first_or_create", "first_or_create!", "first_or_initialize", "create_or_find_by", "create_or_find_by!", "import", "build",
  "create_with", "dup", "clone",
]);

/** Plain reads of the class: queries, finders, calculations, its own metadata. */
const READS = new Set([
  "where", "not", "or", "find", "find_by", "find_by!", "find_each", "find_in_batches", "in_batches", "all", "pluck", "pick", "count", "exists?",
  "any?", "none?", "many?", "empty?", "order", "reorder", "limit", "offset", "select", "includes", "preload", "eager_load", "joins", "left_joins",
  "left_outer_joins", "references", "first", "first!", "last", "last!", "second", "third", "take", "take!", "ids", "sum", "minimum", "maximum",
  "average", "calculate", "group", "having", "distinct", "none", "unscoped", "sole", "find_sole_by", "each", "map", "to_a", "table_name",
  "column_names", "columns_hash", "attribute_names", "human_attribute_name", "model_name", "name", "to_s", "reflect_on_association",
  "reflect_on_all_associations", "arel_table", "sanitize_sql", "sanitize_sql_array", "sanitize_sql_like", "update_all", "delete_all", "destroy_all",
  "delete_by", "destroy_by", "lock", "readonly", "merge", "rewhere", "strict_loading", "cache", "find_sole_by", "with",
]);

/** Macros of the model's own body that let other code create its rows without naming it (a tree's `children.create`). */
const OWN_CREATING_MACROS = new Set(["belongs_to", "has_and_belongs_to_many", "acts_as_tree", "has_ancestry", "acts_as_nested_set", "has_closure_tree"]);
const TO_MANY = new Set(["has_many", "has_and_belongs_to_many"]);
const ASSOCIATIONS = new Set(["has_many", "has_one", "has_and_belongs_to_many", "belongs_to"]);

const lastOf = (name: string) => (name.includes("::") ? name.slice(name.lastIndexOf("::") + 2) : name);

/** The `key:` option of a call, when its value is a string or symbol. */
function option(call: CallNode, key: string): string | undefined {
  for (const arg of call.arguments_?.arguments_ ?? []) {
    if (!(arg instanceof KeywordHashNode)) continue;
    for (const element of arg.elements) {
      if (!(element instanceof AssocNode) || !(element.key instanceof SymbolNode) || element.key.unescaped.value !== key) continue;
      const value = element.value;
      if (value instanceof StringNode || value instanceof SymbolNode) return value.unescaped.value;
      return "?";
    }
  }
  return undefined;
}

/** The class an association call reaches (`has_many :statuses` -> Status, `class_name: "Ns::Status"` -> Status). */
function associationTarget(call: CallNode): string | undefined {
  const first = call.arguments_?.arguments_[0];
  if (!(first instanceof SymbolNode)) return undefined;
  const className = option(call, "class_name");
  if (className) return lastOf(className);
  const name = first.unescaped.value;
  return camelize(TO_MANY.has(call.name) ? singularize(name) : name);
}

/** An admin DSL's registration: `ActiveAdmin.register X`, rails_admin's `config.model X`. */
function adminRegistration(call: CallNode, argument: Node): boolean {
  if (call.arguments_?.arguments_[0] !== argument) return false;
  if (call.name === "register" && constantName(call.receiver) === "ActiveAdmin") return true;
  return call.name === "model" && call.receiver !== null && !(call.receiver instanceof ConstantReadNode);
}

interface Model {
  /** the class's own name, without its namespace */
  short: string;
  table: string;
  /** the model's scopes: reads too */
  scopes: Set<string>;
}

/** One file's creators of the model's rows, and the belongs_to associations and the calls that may fill them, for the caller to match. */
class FileReader {
  readonly creators: RowCreator[] = [];
  /** belongs_to associations of other models that reach the model */
  readonly belongsTo: Array<{ name: string; line: number }> = [];
  /** `create_x`, `build_x` calls and `accepts_nested_attributes_for :x`, by the association name x */
  readonly fills = new Map<string, number>();
  private readonly source: RubySource;

  constructor(
    private readonly file: SourceFile,
    private readonly model: Model,
  ) {
    this.source = new RubySource(file.content);
  }

  private at(node: Node, admin = false): void {
    this.creators.push({ path: this.file.path, line: this.source.loc(node).line, ...(admin ? { admin: true as const } : {}) });
  }

  /** The walk: `path` holds the node's ancestors, nearest last; `inModel`: inside a class of the model's name. */
  walk(node: Node, path: Node[], inModel: boolean): void {
    if (node instanceof ClassNode || node instanceof ModuleNode) {
      const name = constantName(node.constantPath) ?? "";
      const own = node instanceof ClassNode && lastOf(name) === this.model.short;
      if (node instanceof ClassNode) this.classUse(node, name);
      const superclass = node instanceof ClassNode ? node.superclass : null;
      if (superclass) this.walk(superclass, [...path, node], inModel);
      if (node.body) this.walk(node.body, [...path, node], own || inModel);
      return;
    }
    if (node instanceof ConstantPathNode && node.name === this.model.short) return this.constantUse(node, path);
    if (node instanceof ConstantReadNode && node.name === this.model.short) {
      // `Status::ACTIVE`: a constant of the class
      if (!(path.at(-1) instanceof ConstantPathNode)) this.constantUse(node, path);
      return;
    }
    if (node instanceof CallNode) this.call(node, inModel);
    if (node instanceof StringNode) this.string(node, path);
    for (const child of rubyChildren(node)) this.walk(child, [...path, node], inModel);
  }

  /** A class whose superclass is the model (single-table inheritance), or a controller named after it. */
  private classUse(node: ClassNode, name: string): void {
    const superclass = constantName(node.superclass);
    if (superclass !== undefined && lastOf(superclass) === this.model.short) this.at(node);
    const controller = lastOf(name);
    if (controller === `${pluralize(this.model.short)}Controller` || controller === `${this.model.short}Controller`) this.at(node);
  }

  private constantUse(node: Node, path: Node[]): void {
    const parent = path.at(-1);
    if (parent instanceof ConstantPathNode) return; // `Status::Kind`: a namespace under it
    if (parent instanceof CallNode && parent.receiver === node) {
      const names: string[] = [];
      let current: Node = node;
      for (let i = path.length - 1; i >= 0; i--) {
        const up = path[i];
        if (!(up instanceof CallNode) || up.receiver !== current) break;
        names.push(up.name);
        current = up;
      }
      const reads = READS.has(names[0]) || this.model.scopes.has(names[0]);
      if (!reads || names.some((name) => CREATES.has(name))) this.at(node);
      return;
    }
    const call = path.at(-2);
    if (call instanceof CallNode && parent === call.arguments_ && adminRegistration(call, node)) return this.at(node, true);
    this.at(node);
  }

  private call(node: CallNode, inModel: boolean): void {
    const receiverless = node.receiver === null;
    const self = node.receiver instanceof SelfNode || (node.receiver instanceof CallNode && node.receiver.name === "class" && (node.receiver.receiver === null || node.receiver.receiver instanceof SelfNode));
    if (inModel && (receiverless || self) && (CREATES.has(node.name) || OWN_CREATING_MACROS.has(node.name))) this.at(node);
    if (receiverless && ASSOCIATIONS.has(node.name) && !inModel && associationTarget(node) === this.model.short) {
      const name = (node.arguments_?.arguments_[0] as SymbolNode).unescaped.value;
      if (node.name === "belongs_to") this.belongsTo.push({ name, line: this.source.loc(node).line });
      else this.at(node);
    }
    const filled = /^(?:create|build)_(\w+?)!?$/.exec(node.name)?.[1];
    if (filled) this.fills.set(filled, this.source.loc(node).line);
    if (receiverless && node.name === "accepts_nested_attributes_for")
      for (const arg of node.arguments_?.arguments_ ?? []) if (arg instanceof SymbolNode) this.fills.set(arg.unescaped.value, this.source.loc(node).line);
  }

  /** `"Status".constantize`, and SQL that inserts into the table. */
  private string(node: StringNode, path: Node[]): void {
    const text = node.unescaped.value;
    // an association's `class_name: "Status"`: read with the association
    const assoc = path.at(-1);
    if (assoc instanceof AssocNode && assoc.key instanceof SymbolNode && assoc.key.unescaped.value === "class_name") return;
    if (text === this.model.short || text.endsWith(`::${this.model.short}`)) this.at(node);
    else if (text.includes(this.model.table) && /insert\s+into|copy\s/i.test(text)) this.at(node);
  }
}

/** The class methods an `enum` declares that read: its mapping, and the scopes of its values (without a prefix or suffix: those are not followed). */
function enumReads(call: CallNode): string[] {
  const out: string[] = [];
  const hashes = (node: Node | undefined) => (node instanceof KeywordHashNode || node instanceof HashNode ? node.elements : []);
  const values = (node: Node) => hashes(node).flatMap((e) => (e instanceof AssocNode && e.key instanceof SymbolNode ? [e.key.unescaped.value] : []));
  const [first, second] = call.arguments_?.arguments_ ?? [];
  const named = first instanceof SymbolNode ? [{ name: first.unescaped.value, value: second }] : [];
  const legacy = hashes(first).flatMap((e) => (e instanceof AssocNode && e.key instanceof SymbolNode && !e.key.unescaped.value.startsWith("_") ? [{ name: e.key.unescaped.value, value: e.value }] : []));
  for (const { name, value } of [...named, ...legacy]) {
    out.push(pluralize(name));
    if (value) for (const v of values(value)) out.push(v, `not_${v}`);
  }
  return out;
}

/** Each file parsed once per analysis, whichever models' rows are asked about (a lint asks about every table with a lock finding). */
const parses = new WeakMap<SourceFile, ReturnType<typeof parseRuby>>();
function parsed(file: SourceFile): ReturnType<typeof parseRuby> {
  let result = parses.get(file);
  if (!result) parses.set(file, (result = parseRuby(file.content)));
  return result;
}

/** Active Record's own base classes: a model on one of them has its table to itself. */
const isRecordBase = (superclass: string | undefined) => superclass !== undefined && (lastOf(superclass) === "ApplicationRecord" || superclass.replace(/^::/, "") === "ActiveRecord::Base");

/**
 * The model's own class in its file: whether it extends ApplicationRecord or ActiveRecord::Base directly (one class of
 * its name there), and the scopes it declares (`scope :active, -> { ... }`: reads of the class).
 */
function ownClass(file: SourceFile, short: string): { plain: boolean; line: number; scopes: Set<string> } {
  const scopes = new Set<string>();
  const classes: ClassNode[] = [];
  const result = parseRuby(file.content);
  const visit = (node: Node) => {
    if (node instanceof ClassNode && lastOf(constantName(node.constantPath) ?? "") === short) classes.push(node);
    if (node instanceof CallNode && node.receiver === null && node.name === "scope") {
      const first = node.arguments_?.arguments_[0];
      if (first instanceof SymbolNode) scopes.add(first.unescaped.value);
    }
    // `enum :stage, { ... }` / `enum stage: { ... }`: the mapping (`X.stages`) and a scope per value (`X.open`, `X.not_open`)
    if (node instanceof CallNode && node.receiver === null && node.name === "enum") for (const name of enumReads(node)) scopes.add(name);
    rubyChildren(node).forEach(visit);
  };
  if (result.errors.length === 0) visit(result.value);
  const source = new RubySource(file.content);
  const line = classes[0] ? source.loc(classes[0]).line : 1;
  return { plain: classes.length === 1 && isRecordBase(constantName(classes[0].superclass)), line, scopes };
}

/**
 * The lines of `files` (the application's Ruby outside db/, tests and specs) that may create rows of the model
 * `className` of `table`, whose class `modelFile` declares; a file Prism cannot parse is one such line (not read, not proved).
 */
export function railsRowCreators(className: string, table: string, modelFile: SourceFile, files: readonly SourceFile[]): RowCreator[] {
  const model: Model = { short: lastOf(className), table, scopes: new Set() };
  const own = ownClass(modelFile, model.short);
  // a subclass of another model (single-table inheritance) or of the project's own base: rows that class's code makes land here too
  if (!own.plain) return [{ path: modelFile.path, line: own.line }];
  model.scopes = own.scopes;
  const out: RowCreator[] = [];
  const belongsTo: Array<{ name: string; path: string; line: number }> = [];
  const fills = new Map<string, { path: string; line: number }>();
  const read = (file: SourceFile) => {
    const result = parsed(file);
    if (result.errors.length > 0) {
      if (file.content.includes(model.short)) out.push({ path: file.path, line: 1 });
      return;
    }
    const reader = new FileReader(file, model);
    reader.walk(result.value, [], false);
    out.push(...reader.creators);
    belongsTo.push(...reader.belongsTo.map((b) => ({ ...b, path: file.path })));
    for (const [name, line] of reader.fills) fills.set(name, { path: file.path, line });
  };
  // the constant, the table, or an association's or its `build_x`'s name (`belongs_to :status`)
  const skipped: SourceFile[] = [];
  for (const file of files) {
    if ([model.short, table, underscore(model.short)].some((name) => file.content.includes(name))) read(file);
    else skipped.push(file);
  }
  // a belongs_to of another name (`belongs_to :state, class_name: "Status"`): its `build_state` may be anywhere
  const others = belongsTo.map((b) => b.name).filter((name) => !name.includes(underscore(model.short)));
  for (const file of skipped) if (others.some((name) => file.content.includes(name))) read(file);
  // another model's belongs_to reaches the model's rows only through `create_x`, `build_x` or nested attributes
  for (const association of belongsTo) {
    const fill = fills.get(association.name);
    if (fill) out.push(fill);
  }
  return out;
}
