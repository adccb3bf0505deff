/**
 * The modules an Active Record model mixes in: `include X` in its class (and in its superclasses, and in the
 * concerns it includes, their `included do ... end` blocks too), read with Prism from the files Zeitwerk names
 * after the constants (`app/models/stolen_record.rb`, `app/models/concerns/geocodeable.rb`). A concern the model
 * does not include runs its code on other models only: its bare `state_id` reads their column, not this one's.
 * And the methods the class (or a module it includes) defines under a column's name (`def zipcode`, `alias_attribute
 * :zipcode, :postal_code`, an association `has_one :meeting_type`, `delegate :zipcode, to: :address`): `record.zipcode` calls that method, which outlives the column.
 */
import { AliasMethodNode, AssocNode, CallNode, ClassNode, ConstantPathNode, ConstantReadNode, DefNode, HashNode, KeywordHashNode, ModuleNode, StringNode, SymbolNode, TrueNode, type Node } from "@ruby/prism";
import { underscore } from "../adapters/rails/inflections.js";
import { parseRuby } from "../adapters/rails/prism.js";
import { rubyChildren } from "../adapters/rails/ruby-children.js";
import type { SourceFile } from "../model.js";
import { plainModelClasses } from "../adapters/rails/model-files.js";
import { isModelPath } from "../adapters/rails/model-path.js";

const lastName = (node: Node | null | undefined): string | undefined =>
  node instanceof ConstantReadNode ? node.name : node instanceof ConstantPathNode ? (node.name ?? undefined) : undefined;

/** Where Zeitwerk looks for a constant's file under app/models (and its concerns folder). */
const candidatePaths = (name: string) => [`app/models/${underscore(name)}.rb`, `app/models/concerns/${underscore(name)}.rb`];

/** The class or module `name` in a parsed file, anywhere in its namespaces. */
function definition(root: Node, name: string): ClassNode | ModuleNode | undefined {
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if ((node instanceof ClassNode || node instanceof ModuleNode) && lastName(node.constantPath) === name) return node;
    stack.push(...rubyChildren(node));
  }
  return undefined;
}

/** The constants `include` names in a body, outside nested classes and modules (an `included do` block counts). */
function includedNames(scope: ClassNode | ModuleNode): string[] {
  const out: string[] = [];
  const visit = (node: Node) => {
    if (node instanceof ClassNode || node instanceof ModuleNode) return;
    if (node instanceof CallNode && node.name === "include" && !node.receiver)
      for (const argument of node.arguments_?.arguments_ ?? []) {
        const name = lastName(argument);
        if (name) out.push(name);
      }
    rubyChildren(node).forEach(visit);
  };
  if (scope.body) visit(scope.body);
  return out;
}

/**
 * Instance methods a class or module body defines (not in nested classes or modules): by `def x` or `attr_reader :x` (`defs`), and by
 * `alias x y`, `alias_method :x, ...`, `alias_attribute :x, ...` (`aliases`).
 */
export function instanceMethods(scope: ClassNode | ModuleNode): { defs: Set<string>; aliases: Set<string> } {
  const defs = new Set<string>();
  const aliases = new Set<string>();
  const visit = (node: Node) => {
    if (node instanceof ClassNode || node instanceof ModuleNode) return;
    if (node instanceof DefNode) {
      if (!node.receiver) defs.add(node.name);
      return;
    }
    if (node instanceof AliasMethodNode && node.newName instanceof SymbolNode) aliases.add(node.newName.unescaped.value);
    // `attr_reader :subject_id`, `attr_accessor :subject_id`: a reader the class defines
    if (node instanceof CallNode && !node.receiver && (node.name === "attr_reader" || node.name === "attr_accessor"))
      for (const name of node.arguments_?.arguments_ ?? []) if (name instanceof SymbolNode) defs.add(name.unescaped.value);
    if (node instanceof CallNode && !node.receiver && (node.name === "alias_method" || node.name === "alias_attribute")) {
      const first = node.arguments_?.arguments_[0];
      if (first instanceof SymbolNode) aliases.add(first.unescaped.value);
    }
    rubyChildren(node).forEach(visit);
  };
  if (scope.body) visit(scope.body);
  return { defs, aliases };
}

/** Class-body macros that define an instance reader of their first name: associations and declared attributes. */
const READER_MACROS = new Set(["has_one", "has_many", "belongs_to", "has_and_belongs_to_many", "attribute"]);

/** The value of a `key:` option of a call's keyword arguments. */
function optionOf(call: CallNode, key: string): Node | undefined {
  for (const arg of call.arguments_?.arguments_ ?? [])
    if (arg instanceof KeywordHashNode || arg instanceof HashNode)
      for (const element of arg.elements) if (element instanceof AssocNode && element.key instanceof SymbolNode && element.key.unescaped.value === key) return element.value;
  return undefined;
}

/**
 * The methods `delegate :settings_type, :default, to: :setting_definition` defines: each name, forwarded to the
 * other object, so `record.default` answers from it and never from a column of the name (foreman's Setting, whose
 * settings_type and default columns were dropped once they lived in code). `prefix: true` names them after the
 * target (`setting_definition_default`), `prefix: :defn` after the prefix. None without a `to:`.
 */
export function delegatedNames(call: CallNode): string[] {
  const to = optionOf(call, "to");
  if (!to) return [];
  const prefix = optionOf(call, "prefix");
  const target = to instanceof SymbolNode ? to.unescaped.value : to instanceof StringNode ? to.unescaped.value : undefined;
  const before = prefix instanceof TrueNode ? (target !== undefined ? `${target}_` : undefined) : prefix instanceof SymbolNode || prefix instanceof StringNode ? `${prefix.unescaped.value}_` : prefix ? undefined : "";
  if (before === undefined) return [];
  return (call.arguments_?.arguments_ ?? []).flatMap((arg) => (arg instanceof SymbolNode ? [`${before}${arg.unescaped.value}`] : []));
}

/**
 * The readers a class or module body declares by macro (`has_one :meeting_type`, `attribute :amount`, `delegate :amount, to: :plan`), in an
 * `included do` block too, outside nested classes and modules: `record.meeting_type` reads the association.
 */
function declaredReaders(scope: ClassNode | ModuleNode): Set<string> {
  const out = new Set<string>();
  const visit = (node: Node) => {
    if (node instanceof ClassNode || node instanceof ModuleNode || node instanceof DefNode) return;
    if (node instanceof CallNode && !node.receiver && READER_MACROS.has(node.name)) {
      const first = node.arguments_?.arguments_[0];
      if (first instanceof SymbolNode) out.add(first.unescaped.value);
    }
    if (node instanceof CallNode && !node.receiver && node.name === "delegate") for (const name of delegatedNames(node)) out.add(name);
    rubyChildren(node).forEach(visit);
  };
  if (scope.body) visit(scope.body);
  return out;
}

/**
 * The attributes Globalize's `translates :name, :notes, fallbacks_for_empty_translations: true` declares in a class
 * or module body (outside nested classes and modules): kept in the model's translation table, read and written
 * through readers Globalize defines.
 */
function translatedNames(scope: ClassNode | ModuleNode): Set<string> {
  const out = new Set<string>();
  const visit = (node: Node) => {
    if (node instanceof ClassNode || node instanceof ModuleNode || node instanceof DefNode) return;
    if (node instanceof CallNode && !node.receiver && node.name === "translates")
      for (const name of node.arguments_?.arguments_ ?? []) if (name instanceof SymbolNode || name instanceof StringNode) out.add(name.unescaped.value);
    rubyChildren(node).forEach(visit);
  };
  if (scope.body) visit(scope.body);
  return out;
}

/** Every instance method a class or module body defines, aliases and the readers its macros declare included. */
function definedMethods(scope: ClassNode | ModuleNode): Set<string> {
  const { defs, aliases } = instanceMethods(scope);
  return new Set([...defs, ...aliases, ...declaredReaders(scope)]);
}

export interface RailsModelReader {
  /** the names of every module the model's class mixes in; undefined when its class is unread */
  included(className: string): ReadonlySet<string> | undefined;
  /** the instance methods its class body defines; undefined when its class is unread */
  methods(className: string): ReadonlySet<string> | undefined;
  /** a class of that last name in the model files is a plain Ruby object, not a model (model-files.ts' plainModelClasses) */
  plain(className: string): boolean;
  /** the attributes its class (or a module it mixes in) declares with Globalize's `translates`; undefined when its class is unread */
  translated(className: string): ReadonlySet<string> | undefined;
}

/**
 * What the application's model files say of a model class (undefined when migguard cannot read the class: no
 * file where Zeitwerk would have it; then nothing is known either way).
 */
export function railsModelReader(files: ReadonlyMap<string, SourceFile>): RailsModelReader {
  const byPath = new Map<string, SourceFile>();
  for (const [path, file] of files) {
    const at = path.indexOf("app/models/");
    if (at !== -1 && (at === 0 || path[at - 1] === "/")) byPath.set(path.slice(at), file);
  }
  const scopes = new Map<string, ClassNode | ModuleNode | undefined>();
  const scopeOf = (name: string) => {
    if (!scopes.has(name)) {
      const file = candidatePaths(name).map((p) => byPath.get(p)).find(Boolean);
      let found: ClassNode | ModuleNode | undefined;
      try {
        found = file ? definition(parseRuby(file.content).value, name) : undefined;
      } catch {
        found = undefined; // a file Prism cannot read tells nothing
      }
      scopes.set(name, found);
    }
    return scopes.get(name);
  };
  const memo = new Map<string, ReadonlySet<string> | undefined>();
  const included = (className: string) => {
    if (memo.has(className)) return memo.get(className);
    const model = scopeOf(className);
    let out: Set<string> | undefined;
    if (model instanceof ClassNode) {
      out = new Set<string>();
      const pending: Array<ClassNode | ModuleNode> = [model];
      const seen = new Set<string>([className]);
      while (pending.length) {
        const scope = pending.pop()!;
        const parent = scope instanceof ClassNode ? lastName(scope.superclass) : undefined;
        for (const name of [...includedNames(scope), ...(parent ? [parent] : [])]) {
          if (seen.has(name)) continue;
          seen.add(name);
          if (name !== parent) out.add(name);
          const next = scopeOf(name);
          if (next) pending.push(next);
        }
      }
    }
    memo.set(className, out);
    return out;
  };
  // the class's own methods and those of the modules it mixes in (a concern's `has_one :meeting_type`, which replaced the column)
  const methods = (className: string) => {
    const model = scopeOf(className);
    if (!(model instanceof ClassNode)) return undefined;
    const out = definedMethods(model);
    for (const name of included(className) ?? []) {
      const scope = scopeOf(name);
      if (scope instanceof ModuleNode) for (const method of definedMethods(scope)) out.add(method);
    }
    return out;
  };
  const modelFiles = [...files.values()].filter((f) => isModelPath(f.path));
  let plainClasses: ReadonlySet<string> | undefined;
  const plain = (className: string) => (plainClasses ??= plainModelClasses(modelFiles)).has(className);
  const translated = (className: string) => {
    const model = scopeOf(className);
    if (!(model instanceof ClassNode)) return undefined;
    const out = translatedNames(model);
    for (const name of included(className) ?? []) {
      const scope = scopeOf(name);
      if (scope instanceof ModuleNode) for (const attribute of translatedNames(scope)) out.add(attribute);
    }
    return out;
  };
  return { included, methods, plain, translated };
}
