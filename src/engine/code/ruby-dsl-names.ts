/**
 * Where a column's name found in Ruby is a name the code gives something of its own, not a read of the column
 * (usage-reference.ts reads the file with Prism and asks here; foreman's settings columns, dropped once the setting
 * DSL held them in memory, were named in all of these):
 * - a message for people: a string given to gettext (`N_("... default password in settings")`);
 * - a call at a class body's own level (`description 'An application-wide Setting'` in a GraphQL type): self is the
 *   class there, so it calls a class method of the class's DSL, never a record's attribute;
 * - a name given to an API documentation DSL (apipie's `param :category`, `property :default`, `api :GET`);
 * - a key of a hash the code builds with Hash's own methods (`s.except(:name).merge(category: name)`);
 * - an attribute a plain class declares for itself (`attribute :category` of an ActiveModel::Attributes presenter);
 * - a field of a GraphQL type whose objects the type says are of another class (`def model_class; SettingPresenter; end`).
 */
import { ArgumentsNode, CallNode, ClassNode, ConstantPathNode, ConstantReadNode, DefNode, ModuleNode, SingletonClassNode, StatementsNode, type Node } from "@ruby/prism";
import { rubyChildren } from "../adapters/rails/ruby-children.js";

const constantName = (node: Node | null | undefined): string | undefined =>
  node instanceof ConstantReadNode ? node.name : node instanceof ConstantPathNode ? (node.name ?? undefined) : undefined;

/** gettext's functions (fast_gettext, gettext_i18n_rails): their string is a message to translate. */
const MESSAGE_CALLS = new Set(["_", "N_", "n_", "s_", "ns_", "Nn_", "np_", "p_"]);

/** The string at path[at] is the message a gettext call is given: prose, whatever words it holds. */
export function isMessage(path: readonly Node[], at: number): boolean {
  const [args, call] = [path[at + 1], path[at + 2]];
  return args instanceof ArgumentsNode && call instanceof CallNode && !call.receiver && MESSAGE_CALLS.has(call.name) && call.arguments_ === args;
}

/** The call is a statement of a class's or module's body itself (`class << self` too), not of a method or block. */
export function isClassLevelCall(path: readonly Node[], call: CallNode): boolean {
  const at = path.indexOf(call);
  const [body, scope] = [path[at + 1], path[at + 2]];
  return at !== -1 && body instanceof StatementsNode && (scope instanceof ClassNode || scope instanceof ModuleNode || scope instanceof SingletonClassNode);
}

/**
 * API documentation DSLs (apipie-rails' `api`, `param`, `property`, `param_group`, `returns`; `desc`/`description`):
 * they describe requests and responses by name, and never run a query.
 */
const DOC_MACROS = new Set(["api", "param", "property", "param_group", "def_param_group", "returns", "desc", "description", "example", "error", "resource_description", "formats", "header", "see"]);

/** The literal at path[0] is given to a documentation macro called at class level (in its blocks too), outside any method. */
export function isDocumentationName(path: readonly Node[], call: CallNode | undefined): boolean {
  if (!call || call.receiver || !DOC_MACROS.has(call.name)) return false;
  return !path.some((n) => n instanceof DefNode);
}

/** Hash's own methods: the keys given to them build or pick from a hash in memory (foreman's setting registry's kwargs). */
const HASH_METHODS = new Set(["merge", "merge!", "reverse_merge", "reverse_merge!", "deep_merge", "deep_merge!", "except", "except!", "slice", "slice!", "without", "store", "transform_keys"]);

/** The literal at path[0] is a key (or a name) given to a Hash method called on something (`h.merge(category: x)`, `s.except(:name)`). */
export function isHashMethodKey(call: CallNode | undefined): boolean {
  return call !== undefined && call.receiver !== null && HASH_METHODS.has(call.name);
}

/** Macros by which a plain class declares readers of its own. */
const OWN_ATTRIBUTE_MACROS = new Set(["attr_accessor", "attr_reader", "attr_writer"]);

/** Modules that make `attribute :x` declare the class's own typed attribute (a form object's or a presenter's). */
const ATTRIBUTE_MODULES = new Set(["ActiveModel::Attributes", "ActiveModel::Model", "ActiveModel::API", "Virtus.model", "Dry::Struct"]);

const qualifiedSource = (node: Node): string | undefined => {
  if (node instanceof ConstantReadNode) return node.name;
  if (node instanceof ConstantPathNode) {
    const parent = node.parent ? qualifiedSource(node.parent) : "";
    return parent === undefined || !node.name ? undefined : parent ? `${parent}::${node.name}` : node.name;
  }
  return undefined;
};

/** The class includes a module that gives it typed attributes of its own (`include ActiveModel::Attributes`). */
function hasOwnAttributes(cls: ClassNode): boolean {
  const superclass = cls.superclass ? qualifiedSource(cls.superclass) : undefined;
  if (superclass === "Dry::Struct") return true;
  return (cls.body instanceof StatementsNode ? cls.body.body : []).some(
    (statement) => statement instanceof CallNode && !statement.receiver && statement.name === "include" && (statement.arguments_?.arguments_ ?? []).some((a) => ATTRIBUTE_MODULES.has(qualifiedSource(a) ?? "")),
  );
}

/** `attr_accessor :x` in any class, `attribute :x` in one with ActiveModel::Attributes: the class declares x itself. */
export function declaresOwnAttribute(cls: ClassNode, macro: CallNode): boolean {
  return OWN_ATTRIBUTE_MACROS.has(macro.name) || (macro.name === "attribute" && hasOwnAttributes(cls));
}

/** GraphQL types' field macros: a field resolves to the method of the name on the type's object. */
const FIELD_MACROS = new Set(["field"]);
export const isFieldMacro = (call: CallNode): boolean => FIELD_MACROS.has(call.name);

/**
 * The class a type says its objects are: `model_class SettingPresenter` in its body, or a `def model_class` (`def
 * self.model_class`) whose body is one constant. Undefined when it does not say.
 */
export function statedObjectClass(cls: ClassNode): string | undefined {
  let found: string | undefined;
  const visit = (node: Node) => {
    if (found !== undefined || (node !== cls && (node instanceof ClassNode || node instanceof ModuleNode))) return;
    if (node instanceof CallNode && !node.receiver && node.name === "model_class") {
      const first = node.arguments_?.arguments_[0];
      if (first && constantName(first)) found = constantName(first);
    }
    if (node instanceof DefNode && node.name === "model_class" && node.body instanceof StatementsNode && node.body.body.length === 1 && constantName(node.body.body[0])) {
      found = constantName(node.body.body[0]);
      return;
    }
    rubyChildren(node).forEach(visit);
  };
  if (cls.body) visit(cls.body);
  return found;
}

/** Calls that print or write text: a string given to them is output for people or a file, never SQL. */
const OUTPUT_CALLS = new Set(["puts", "print", "warn", "say", "write"]);
const LOG_LEVELS = new Set(["debug", "info", "warn", "error", "fatal"]);

/** The string at path[at] is written out (`puts "..."`, `fd.write("...")`, `Rails.logger.info("...")`). */
export function isOutput(path: readonly Node[], at: number): boolean {
  const [args, call] = [path[at + 1], path[at + 2]];
  if (!(args instanceof ArgumentsNode) || !(call instanceof CallNode) || call.arguments_ !== args) return false;
  if (OUTPUT_CALLS.has(call.name)) return true;
  const logger = call.receiver instanceof CallNode ? call.receiver.name : undefined;
  return LOG_LEVELS.has(call.name) && logger !== undefined && /logger$/i.test(logger);
}

/** The constant a call chain starts from (`Foreman::SettingManager.define(:foreman)` -> SettingManager). */
function chainConstant(call: CallNode): string | undefined {
  let n: Node | null = call;
  while (n instanceof CallNode && n.receiver) n = n.receiver;
  return constantName(n);
}

/**
 * The class whose DSL a bare call is part of: the constant of the nearest call with a receiver whose block holds it
 * (`Foreman::SettingManager.define(:foreman) do category(...) do setting('x', encrypted: true)`), through blocks
 * of bare calls, at a file's top level; undefined outside such a block, in a class or method, or when the block's call says no constant.
 */
export function dslBlockConstant(path: readonly Node[], call: CallNode): string | undefined {
  // a file's top level only (config/initializers, a registry's definitions): in a method or class body, a block of
  // `ActiveRecord::Base.transaction do create!(...) end` runs bare calls on the class around it, maybe the model
  if (path.some((n) => n instanceof DefNode || n instanceof ClassNode || n instanceof ModuleNode || n instanceof SingletonClassNode)) return undefined;
  for (let i = path.indexOf(call) + 1; i > 0 && i < path.length; i++) {
    const node = path[i];
    const owner = path[i + 1];
    if (!(owner instanceof CallNode) || owner.block !== node) continue;
    if (owner.receiver) return chainConstant(owner);
  }
  return undefined;
}
