/**
 * Reads a Rails project's config/initializers/inflections.rb with Prism: the irregular and uncountable words it
 * declares (`inflect.irregular "criterion", "criteria"`) and its acronyms (`inflect.acronym "API"`, how a migration's
 * class name is camelized from its file name), so that a model class maps to the table Rails gives it
 * (EvaluationCriterion -> evaluation_criteria) and a table to its model's real class name.
 * Regex rules (`inflect.plural /^(ox)$/i, '\1en'`) are Ruby regexes: not translated, they stay unknown.
 */
import { CallNode, type Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";
import type { SourceFile } from "../../model.js";
import type { ProjectInflections } from "./inflections.js";
import { NO_INFLECTIONS } from "./inflections.js";
import { parseRuby } from "./prism.js";
import { RubySource } from "./ruby-source.js";
import { EMPTY_ENV, evaluate, namesOf } from "./values.js";

export { isInflectionsPath } from "./model-path.js";

/** The folder of the project an inflections file belongs to (what is above config/initializers/). */
export const inflectionsRootOf = (path: string): string => path.replace(/\/?config\/initializers\/inflections\.rb$/, "");

const read = new WeakMap<SourceFile, ProjectInflections>();

/** The file's inflections, read once per file (each migration's `railsAcronyms` and every model read ask again). */
export function readInflections(file: SourceFile): ProjectInflections {
  let inflections = read.get(file);
  if (!inflections) read.set(file, (inflections = parseInflections(file)));
  return inflections;
}

function parseInflections(file: SourceFile): ProjectInflections {
  const src = new RubySource(file.content);
  const irregular: Array<[string, string]> = [];
  const uncountable = new Set<string>();
  const acronyms: string[] = [];
  const stack: Node[] = [parseRuby(file.content).value];
  while (stack.length) {
    const node = stack.pop()!;
    if (node instanceof CallNode && node.receiver) {
      const args = (node.arguments_?.arguments_ ?? []).map((a) => namesOf(evaluate(a, EMPTY_ENV, src)));
      if (node.name === "irregular" && args.length === 2 && args[0]?.length === 1 && args[1]?.length === 1) irregular.push([args[0][0].toLowerCase(), args[1][0].toLowerCase()]);
      if (node.name === "uncountable") for (const words of args) for (const word of words ?? []) uncountable.add(word.toLowerCase());
      if (node.name === "acronym" && args.length === 1 && args[0]?.length === 1) acronyms.push(args[0][0]);
    }
    for (const child of rubyChildren(node)) stack.push(child);
  }
  return irregular.length || uncountable.size || acronyms.length ? { irregular, uncountable, acronyms } : NO_INFLECTIONS;
}
