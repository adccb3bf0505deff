/**
 * Reads Active Record models (`app/models/**.rb`) with Prism to answer one question for rules: which
 * columns does the model of a table tell Active Record to ignore (`self.ignored_columns += [...]`)?
 * strong_migrations' first step before removing a column; without it, running servers keep selecting it.
 */
import {
  CallNode,
  CallOperatorWriteNode,
  ClassNode,
  DefNode,
  ModuleNode,
  SelfNode,
  StatementsNode,
  StringNode,
  type Node,
} from "@ruby/prism";
import type { SourceFile } from "../../model.js";
import { constantName } from "./data-calls.js";
import { NO_INFLECTIONS, tableize, underscore, type ProjectInflections } from "./inflections.js";
import { inflectionsRootOf, isInflectionsPath, readInflections } from "./project-inflections.js";
import { parseRuby } from "./prism.js";
import { RubySource } from "./ruby-source.js";
import { EMPTY_ENV, evaluate, namesOf } from "./values.js";
import { isModelPath } from "./model-path.js";
import { ACTIVE_RECORD_MACROS, plainSuperclass } from "./plain-superclass.js";
import { tableNamingOf, type TableNaming } from "./table-naming.js";

export interface ModelFile {
  path: string;
  className: string;
  /** the table (self.table_name), or the names Rails may derive: `variants`, and `spree_variants` for Spree::Variant */
  tables: string[];
  ignoredColumns: Set<string>;
  /**
   * The lines that open the class as its file writes them (`module Spree`, `class Claim < Spree.base_class`): a
   * fix that adds to the model reopens it with its own superclass (another one raises TypeError) and nesting
   * (a relative `< Base` resolves inside `module Spree` only).
   */
  opening: string[];
  /** its body sets table_name or ignored_columns, or declares an association or scope: Active Record's, whatever superclass this file writes */
  declaresTable?: boolean;
}

export { isModelPath } from "./model-path.js";

/** The acronyms of the project's inflections file among `files` whose project root is `root` (none without one). */
export function projectAcronyms(files: readonly SourceFile[], root: string): readonly string[] {
  const file = files.find((f) => isInflectionsPath(f.path) && inflectionsRootOf(f.path) === root);
  return file ? (readInflections(file).acronyms ?? []) : [];
}

const bodyOf = (node: Node | null): Node[] => (node instanceof StatementsNode ? node.body : node ? [node] : []);

/** The columns an `ignored_columns` statement lists, if the statement is one. */
function ignored(node: Node, src: RubySource): string[] {
  // self.ignored_columns = [...]
  if (node instanceof CallNode && node.receiver instanceof SelfNode && node.name === "ignored_columns=")
    return namesOf(evaluate(node.arguments_?.arguments_[0], EMPTY_ENV, src)) ?? [];
  // self.ignored_columns += [...] / |= [...]
  if (node instanceof CallOperatorWriteNode && node.receiver instanceof SelfNode && node.readName === "ignored_columns")
    return namesOf(evaluate(node.value, EMPTY_ENV, src)) ?? [];
  // self.ignored_columns << "x"
  if (node instanceof CallNode && node.name === "<<" && node.receiver instanceof CallNode && node.receiver.name === "ignored_columns")
    return namesOf(evaluate(node.arguments_?.arguments_[0], EMPTY_ENV, src)) ?? [];
  // helpers apps define for it (GitLab's `ignore_column :name, remove_with: ...`)
  if (node instanceof CallNode && !node.receiver && (node.name === "ignore_column" || node.name === "ignore_columns"))
    return (node.arguments_?.arguments_ ?? []).flatMap((a) => namesOf(evaluate(a, EMPTY_ENV, src)) ?? []);
  return [];
}

/** What names a table around a model's own: `prefix` before it and `suffix` after it, as far as the code sets them. */
interface Affixes {
  prefix?: string;
  suffix?: string;
}

/** The affixes modules and classes set, by full name, and each class's superclass as written (for the class attributes it inherits). */
interface AffixSettings {
  /** `def self.table_name_prefix; "facts_"; end` (or _suffix) in a module or class: Active Record asks the nearest enclosing one that answers */
  defined: Map<string, Affixes>;
  /** `self.table_name_prefix = "legacy_"` (or _suffix) in a class body: a class attribute its subclasses inherit */
  assigned: Map<string, Affixes>;
  /** class -> its superclass as written and the namespace it is written in */
  superclasses: Map<string, { written: string; namespace: string }>;
  /** `self.pluralize_table_names = false` in a class body (an abstract base class): a class attribute its subclasses inherit */
  pluralize: Map<string, boolean>;
}

/** The affix a member defines or sets: `def self.table_name_prefix` returning one string, or `self.table_name_prefix = "..."`. */
function affixOf(member: Node, src: RubySource): { how: "defined" | "assigned"; which: keyof Affixes; value: string } | undefined {
  if (member instanceof DefNode && member.receiver instanceof SelfNode && (member.name === "table_name_prefix" || member.name === "table_name_suffix")) {
    const body = bodyOf(member.body);
    if (body.length === 1 && body[0] instanceof StringNode) return { how: "defined", which: member.name === "table_name_prefix" ? "prefix" : "suffix", value: body[0].unescaped.value };
  }
  if (member instanceof CallNode && member.receiver instanceof SelfNode && (member.name === "table_name_prefix=" || member.name === "table_name_suffix=")) {
    const value = namesOf(evaluate(member.arguments_?.arguments_[0], EMPTY_ENV, src))?.[0];
    if (value !== undefined) return { how: "assigned", which: member.name === "table_name_prefix=" ? "prefix" : "suffix", value };
  }
  return undefined;
}

/** `self.pluralize_table_names = true|false` in a class body: its value, else undefined. */
function pluralizeSetting(member: Node, src: RubySource): boolean | undefined {
  if (!(member instanceof CallNode && member.receiver instanceof SelfNode && member.name === "pluralize_table_names=")) return undefined;
  const value = evaluate(member.arguments_?.arguments_[0], EMPTY_ENV, src);
  return value.kind === "bool" ? value.value : undefined;
}

/**
 * The table_name_prefix and table_name_suffix modules and classes define or set (`module Facts; def
 * self.table_name_prefix; "facts_"; end; end`, `self.table_name_prefix = "legacy_"` in an abstract base class), by
 * full name: Active Record puts them around the tables of the models within (Facts::Edition -> facts_editions) or
 * below (a subclass inherits the class attribute).
 */
function affixesIn(nodes: Node[], namespace: string, src: RubySource, out: AffixSettings): void {
  for (const node of nodes) {
    if (!(node instanceof ModuleNode || node instanceof ClassNode)) continue;
    const name = constantName(node.constantPath);
    if (!name) continue;
    const full = `${namespace}${name}`;
    if (node instanceof ClassNode && node.superclass) out.superclasses.set(full, { written: src.textOf(node.superclass).replace(/^::/, ""), namespace });
    for (const member of bodyOf(node.body)) {
      const pluralize = pluralizeSetting(member, src);
      if (pluralize !== undefined) out.pluralize.set(full, pluralize);
      const affix = affixOf(member, src);
      if (!affix) continue;
      const map = out[affix.how];
      map.set(full, { ...map.get(full), [affix.which]: affix.value });
    }
    affixesIn(bodyOf(node.body), `${full}::`, src, out);
  }
}

/** The affix the nearest enclosing module or class that defines one gives (`A::B::` asks A::B, then A); undefined when none does. */
function definedAffix(namespace: string, which: keyof Affixes, settings: AffixSettings): string | undefined {
  const parts = namespace.replace(/::$/, "").split("::").filter(Boolean);
  for (let n = parts.length; n > 0; n--) {
    const found = settings.defined.get(parts.slice(0, n).join("::"))?.[which];
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The class Ruby finds for `written` inside `namespace` (Legacy::Base, then Base) among the classes read; undefined when none. */
function resolvedClass(written: string, namespace: string, settings: AffixSettings): string | undefined {
  const parts = namespace.replace(/::$/, "").split("::").filter(Boolean);
  for (let n = parts.length; n >= 0; n--) {
    const candidate = [...parts.slice(0, n), written].join("::");
    if (settings.superclasses.has(candidate) || settings.assigned.has(candidate) || settings.defined.has(candidate)) return candidate;
  }
  return undefined;
}

/** A class attribute of `className`: set in its own body or inherited from a superclass that sets it; undefined when none read sets it. */
function inherited<T>(className: string, settings: AffixSettings, own: (className: string) => T | undefined): T | undefined {
  const seen = new Set<string>();
  for (let current: string | undefined = className; current && !seen.has(current); ) {
    seen.add(current);
    const value = own(current);
    if (value !== undefined) return value;
    const parent = settings.superclasses.get(current);
    current = parent && resolvedClass(parent.written, parent.namespace, settings);
  }
  return undefined;
}

const assignedAffix = (className: string, which: keyof Affixes, settings: AffixSettings): string | undefined => inherited(className, settings, (c) => settings.assigned.get(c)?.[which]);

/**
 * Active Record's affix for a model: the nearest enclosing module's that answers (module_parents first), else the
 * class attribute (its own or inherited, else the application's: config.active_record.table_name_prefix); undefined
 * when the code read sets none.
 */
const affixFor = (className: string, outer: string, which: keyof Affixes, settings: AffixSettings, app: TableNaming): string | undefined =>
  definedAffix(outer, which, settings) ?? assignedAffix(className, which, settings) ?? app[which];

/** Whether Active Record pluralizes the model's table name: its class attribute (own or inherited), else the application's setting. */
const pluralizes = (className: string, settings: AffixSettings, app: TableNaming): boolean =>
  inherited(className, settings, (c) => settings.pluralize.get(c)) ?? app.pluralize ?? true;

/** What names the tables of one project's models: its inflections and its application-wide Active Record settings. */
interface ProjectNaming {
  own: ProjectInflections;
  app: TableNaming;
}

function modelsIn(nodes: Node[], namespace: string, path: string, src: RubySource, out: ModelFile[], naming: ProjectNaming, affixes: AffixSettings, opening: string[] = []): void {
  const { own, app } = naming;
  for (const node of nodes) {
    if (node instanceof ModuleNode) {
      const name = constantName(node.constantPath);
      modelsIn(bodyOf(node.body), name ? `${namespace}${name}::` : namespace, path, src, out, naming, affixes, [...opening, `module ${src.textOf(node.constantPath)}`]);
    } else if (node instanceof ClassNode) {
      const written = constantName(node.constantPath);
      if (!written) continue;
      // `class Facts::Edition` names its namespace in its own path
      const className = `${namespace}${written}`;
      const name = className.split("::").pop()!;
      const outer = className.slice(0, className.length - name.length);
      const prefix = affixFor(className, outer, "prefix", affixes, app);
      const suffix = affixFor(className, outer, "suffix", affixes, app) ?? "";
      // a namespace module often sets table_name_prefix (Spree::Variant -> spree_variants): the one the code sets, else both names
      const guessed = outer ? `${underscore(outer.replace(/::$/, "")).replace(/\//g, "_")}_` : "";
      // pluralize_table_names = false (publish-teacher-training's config/application.rb): Course -> course
      const derived = `${pluralizes(className, affixes, app) ? tableize(name, own) : underscore(name)}${suffix}`;
      const header = `class ${src.textOf(node.constantPath)}${node.superclass ? ` < ${src.textOf(node.superclass)}` : ""}`;
      const model: ModelFile = {
        path,
        className,
        tables: prefix !== undefined ? [`${prefix}${derived}`] : guessed ? [derived, `${guessed}${derived}`] : [derived],
        ignoredColumns: new Set(),
        opening: [...opening, header],
      };
      for (const statement of bodyOf(node.body)) {
        if (statement instanceof CallNode && statement.receiver instanceof SelfNode && statement.name === "table_name=") {
          const table = namesOf(evaluate(statement.arguments_?.arguments_[0], EMPTY_ENV, src))?.[0];
          if (table) model.tables = [table];
          model.declaresTable = true;
        }
        // an association or a scope is Active Record's too (a model reopened without its superclass in this file)
        if (statement instanceof CallNode && !statement.receiver && ACTIVE_RECORD_MACROS.has(statement.name)) model.declaresTable = true;
        for (const column of ignored(statement, src)) {
          model.ignoredColumns.add(column);
          model.declaresTable = true;
        }
      }
      out.push(model);
      modelsIn(bodyOf(node.body), `${className}::`, path, src, out, naming, affixes, model.opening);
    }
  }
}

/**
 * Whether a class read is a plain Ruby object (plain-superclass.ts): no definition read gives it a superclass, or the
 * one it gives is Ruby's own or a class read that is plain itself. A superclass not read (ActiveRecord::Base, a gem's
 * model) may be Active Record's: not plain.
 */
function isPlain(className: string, settings: AffixSettings, seen = new Set<string>()): boolean {
  if (seen.has(className)) return false;
  seen.add(className);
  const parent = settings.superclasses.get(className);
  if (plainSuperclass(parent?.written)) return true;
  const resolved = resolvedClass(parent!.written, parent!.namespace, settings);
  return resolved !== undefined && isPlain(resolved, settings, seen);
}

interface ModelsRead {
  models: ModelFile[];
  /** classes of the model files that are plain Ruby objects, by their last name (`SubjectGroup`) */
  plain: Set<string>;
}

const cache = new WeakMap<readonly SourceFile[], ModelsRead>();

/** Every Active Record model class of the given application files (parsed once per list of files); plain Ruby classes left out. */
export function readModelFiles(files: readonly SourceFile[]): ModelFile[] {
  return readModels(files).models;
}

/** The last names of the classes of the model files that are plain Ruby objects, not models (panoptes' SubjectGroup). */
export function plainModelClasses(files: readonly SourceFile[]): ReadonlySet<string> {
  return readModels(files).plain;
}

function readModels(files: readonly SourceFile[]): ModelsRead {
  const cached = cache.get(files);
  if (cached) return cached;
  const out: ModelFile[] = [];
  // the project's own inflections name its tables (EvaluationCriterion -> evaluation_criteria with criterion/criteria irregular)
  const inflections = files.filter((f) => isInflectionsPath(f.path)).map((f) => ({ root: inflectionsRootOf(f.path), own: readInflections(f) }));
  const models = files.filter((f) => isModelPath(f.path)).map((file) => ({ file, result: parseRuby(file.content) }));
  // the modules' table_name_prefix and _suffix, wherever they are defined (app/models/facts.rb for
  // app/models/facts/edition.rb), and the classes' (an abstract base class in a file of its own)
  const affixes: AffixSettings = { defined: new Map(), assigned: new Map(), superclasses: new Map(), pluralize: new Map() };
  for (const { file, result } of models) affixesIn(result.value.statements.body, "", new RubySource(file.content), affixes);
  const naming = new Map<string, TableNaming>();
  for (const { file, result } of models) {
    const src = new RubySource(file.content);
    const root = file.path.slice(0, Math.max(0, file.path.lastIndexOf("app/models/"))).replace(/\/$/, "");
    const own = inflections.find((i) => i.root === root)?.own ?? NO_INFLECTIONS;
    // config/application.rb and the initializers among the files: the project's defaults for every model
    if (!naming.has(root)) naming.set(root, tableNamingOf(files, root));
    modelsIn(result.value.statements.body, "", file.path, src, out, { own, app: naming.get(root)! }, affixes);
  }
  // a class some definition marks as Active Record's (its table_name, ignored_columns) stays, plain superclass or not
  const marked = new Set(out.filter((m) => m.declaresTable).map((m) => m.className));
  const plainNames = new Set(out.filter((m) => !marked.has(m.className) && isPlain(m.className, affixes)).map((m) => m.className));
  const read: ModelsRead = { models: out.filter((m) => !plainNames.has(m.className)), plain: new Set([...plainNames].map((n) => n.split("::").pop()!)) };
  cache.set(files, read);
  return read;
}
