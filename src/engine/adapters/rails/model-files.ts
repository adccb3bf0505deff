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
}

export { isModelPath } from "./model-path.js";

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

/**
 * The table_name_prefix each module defines (`module Facts; def self.table_name_prefix; "facts_"; end; end`), by
 * the module's full name: Active Record prefixes the tables of the module's models with it (Facts::Edition ->
 * facts_editions).
 */
function prefixesIn(nodes: Node[], namespace: string, out: Map<string, string>): void {
  for (const node of nodes) {
    if (!(node instanceof ModuleNode || node instanceof ClassNode)) continue;
    const name = constantName(node.constantPath);
    if (!name) continue;
    const full = `${namespace}${name}`;
    for (const member of bodyOf(node.body)) {
      const value = member instanceof DefNode && member.receiver instanceof SelfNode && member.name === "table_name_prefix" ? bodyOf(member.body) : [];
      if (value.length === 1 && value[0] instanceof StringNode) out.set(full, value[0].unescaped.value);
    }
    prefixesIn(bodyOf(node.body), `${full}::`, out);
  }
}

/** The prefix of the nearest enclosing module that defines one (`A::B::` asks A::B, then A); undefined when none does. */
function definedPrefix(namespace: string, prefixes: ReadonlyMap<string, string>): string | undefined {
  const parts = namespace.replace(/::$/, "").split("::").filter(Boolean);
  for (let n = parts.length; n > 0; n--) {
    const found = prefixes.get(parts.slice(0, n).join("::"));
    if (found !== undefined) return found;
  }
  return undefined;
}

function modelsIn(nodes: Node[], namespace: string, path: string, src: RubySource, out: ModelFile[], own: ProjectInflections, prefixes: ReadonlyMap<string, string>, opening: string[] = []): void {
  for (const node of nodes) {
    if (node instanceof ModuleNode) {
      const name = constantName(node.constantPath);
      modelsIn(bodyOf(node.body), name ? `${namespace}${name}::` : namespace, path, src, out, own, prefixes, [...opening, `module ${src.textOf(node.constantPath)}`]);
    } else if (node instanceof ClassNode) {
      const written = constantName(node.constantPath);
      if (!written) continue;
      // `class Facts::Edition` names its namespace in its own path
      const className = `${namespace}${written}`;
      const name = className.split("::").pop()!;
      const outer = className.slice(0, className.length - name.length);
      const defined = definedPrefix(outer, prefixes);
      // a namespace module often sets table_name_prefix (Spree::Variant -> spree_variants): the one it defines, else both names
      const guessed = outer ? `${underscore(outer.replace(/::$/, "")).replace(/\//g, "_")}_` : "";
      const derived = tableize(name, own);
      const header = `class ${src.textOf(node.constantPath)}${node.superclass ? ` < ${src.textOf(node.superclass)}` : ""}`;
      const model: ModelFile = {
        path,
        className,
        tables: defined !== undefined ? [`${defined}${derived}`] : guessed ? [derived, `${guessed}${derived}`] : [derived],
        ignoredColumns: new Set(),
        opening: [...opening, header],
      };
      for (const statement of bodyOf(node.body)) {
        if (statement instanceof CallNode && statement.receiver instanceof SelfNode && statement.name === "table_name=") {
          const table = namesOf(evaluate(statement.arguments_?.arguments_[0], EMPTY_ENV, src))?.[0];
          if (table) model.tables = [table];
        }
        for (const column of ignored(statement, src)) model.ignoredColumns.add(column);
      }
      out.push(model);
      modelsIn(bodyOf(node.body), `${className}::`, path, src, out, own, prefixes, model.opening);
    }
  }
}

const cache = new WeakMap<readonly SourceFile[], ModelFile[]>();

/** Every model class of the given application files (parsed once per list of files). */
export function readModelFiles(files: readonly SourceFile[]): ModelFile[] {
  const cached = cache.get(files);
  if (cached) return cached;
  const out: ModelFile[] = [];
  // the project's own inflections name its tables (EvaluationCriterion -> evaluation_criteria with criterion/criteria irregular)
  const inflections = files.filter((f) => isInflectionsPath(f.path)).map((f) => ({ root: inflectionsRootOf(f.path), own: readInflections(f) }));
  const models = files.filter((f) => isModelPath(f.path)).map((file) => ({ file, result: parseRuby(file.content) }));
  // the modules' table_name_prefix, wherever they are defined (app/models/facts.rb for app/models/facts/edition.rb)
  const prefixes = new Map<string, string>();
  for (const { result } of models) prefixesIn(result.value.statements.body, "", prefixes);
  for (const { file, result } of models) {
    const src = new RubySource(file.content);
    const root = file.path.slice(0, Math.max(0, file.path.lastIndexOf("app/models/"))).replace(/\/$/, "");
    const own = inflections.find((i) => i.root === root)?.own ?? NO_INFLECTIONS;
    modelsIn(result.value.statements.body, "", file.path, src, out, own, prefixes);
  }
  cache.set(files, out);
  return out;
}
