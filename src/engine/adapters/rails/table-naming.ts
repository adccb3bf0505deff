/**
 * How a Rails project names every model's table, read with Prism from config/application.rb and its initializers:
 * `config.active_record.pluralize_table_names = false` (Course -> course, not courses), and an application-wide
 * `table_name_prefix` / `table_name_suffix` (`config.active_record.table_name_prefix = "app_"`,
 * `ActiveRecord::Base.table_name_prefix = "app_"`). A model's own `self.table_name =`, its modules' and base classes'
 * settings (model-files.ts) come first; these are the defaults under them.
 */
import { CallNode, ConstantPathNode, ConstantReadNode, type Node } from "@ruby/prism";
import type { SourceFile } from "../../model.js";
import { activeRecordSettingsRootOf, isActiveRecordSettingsPath } from "./model-path.js";
import { tableize, underscore } from "./inflections.js";
import { parseRuby } from "./prism.js";
import { rubyChildren } from "./ruby-children.js";
import { RubySource } from "./ruby-source.js";
import { EMPTY_ENV, evaluate } from "./values.js";

export interface TableNaming {
  /** false: a model's table is its singular name (config.active_record.pluralize_table_names = false) */
  pluralize?: boolean;
  prefix?: string;
  suffix?: string;
}

export const DEFAULT_NAMING: TableNaming = {};

const SETTERS: Record<string, keyof TableNaming> = {
  "pluralize_table_names=": "pluralize",
  "table_name_prefix=": "prefix",
  "table_name_suffix=": "suffix",
};

/** `ActiveRecord::Base` itself, or `<anything>.active_record` (config.active_record, Rails.application.config.active_record). */
function isActiveRecordDefaults(receiver: Node | null): boolean {
  if (receiver instanceof CallNode) return receiver.name === "active_record" && receiver.receiver !== null && (receiver.arguments_?.arguments_.length ?? 0) === 0;
  if (receiver instanceof ConstantPathNode) return receiver.name === "Base" && receiver.parent instanceof ConstantReadNode && receiver.parent.name === "ActiveRecord";
  return false;
}

const read = new WeakMap<SourceFile, TableNaming>();

function namingIn(file: SourceFile): TableNaming {
  let naming = read.get(file);
  if (naming) return naming;
  naming = {};
  // most initializers set nothing of the kind: parse only those that name a setting
  if (file.content.includes("pluralize_table_names") || file.content.includes("table_name_prefix") || file.content.includes("table_name_suffix")) {
    const result = parseRuby(file.content);
    const src = new RubySource(file.content);
    const stack: Node[] = [result.value];
    while (stack.length) {
      const node = stack.pop()!;
      const setting = node instanceof CallNode ? SETTERS[node.name] : undefined;
      if (node instanceof CallNode && setting && isActiveRecordDefaults(node.receiver)) {
        const value = evaluate(node.arguments_?.arguments_[0], EMPTY_ENV, src);
        if (setting === "pluralize" && value.kind === "bool") naming.pluralize = value.value;
        if (setting !== "pluralize" && (value.kind === "str" || value.kind === "sym")) naming[setting] = value.value;
      }
      for (const child of rubyChildren(node)) stack.push(child);
    }
  }
  read.set(file, naming);
  return naming;
}

/**
 * The naming the settings files among `files` give the project whose root is `root` (a model's path above app/models/):
 * config/application.rb first, then its initializers, which run after it, in the order Rails loads them (by name).
 */
export function tableNamingOf(files: readonly SourceFile[], root: string): TableNaming {
  return tableNamingIn(files.filter((f) => isActiveRecordSettingsPath(f.path) && activeRecordSettingsRootOf(f.path) === root));
}

/** The naming the settings files of one project give (config/application.rb, then the initializers by name). */
export function tableNamingIn(files: readonly SourceFile[]): TableNaming {
  const own = files.filter((f) => isActiveRecordSettingsPath(f.path));
  if (own.length === 0) return DEFAULT_NAMING;
  const isApplication = (f: SourceFile) => !f.path.includes("config/initializers/");
  const ordered = own.sort((a, b) => Number(isApplication(b)) - Number(isApplication(a)) || a.path.localeCompare(b.path));
  return Object.assign({}, ...ordered.map(namingIn)) as TableNaming;
}

/**
 * The table Active Record gives a model class that names none itself, under the project's naming: Course -> courses,
 * or course with pluralize_table_names = false; the application's prefix and suffix around it.
 */
export function namedTable(constant: string, naming: TableNaming = DEFAULT_NAMING): string {
  const last = constant.split("::").pop() ?? constant;
  return `${naming.prefix ?? ""}${naming.pluralize === false ? underscore(last) : tableize(last)}${naming.suffix ?? ""}`;
}
