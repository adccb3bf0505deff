/**
 * Review, Rails: the old table of a rename has a model on the base branch (what the servers run until the deploy),
 * and none of the base branch's application code uses it: no caller of the class, no association or query naming
 * the table (publish-teacher-training's RecentSearch, a model written ahead of its feature). Those servers never
 * query the table, so renaming it breaks nothing while the deploy rolls out.
 *
 * Only on solid evidence: a review (the change's files are known), the application's code read whole, and every
 * code file the change edits or removes read as the base branch has it (a caller the change moved to the new name
 * would otherwise hide); the base branch's code is the head's without the files the change adds or edits, with
 * those base versions. Ruby is read with Prism (table-references.ts: a local or a method named like the table is
 * not a use); other files (templates, scripts) by the whole word. config/ and db/ are not searched: they list names
 * (analytics exports, schema dumps), they do not query them (as planned-removal.ts); nor tests, which no server runs.
 */
import type { SourceFile } from "../../model.js";
import { isActiveRecordSettingsPath, isModelPath } from "../../adapters/rails/model-path.js";
import { pluralize, singularize, underscore } from "../../adapters/rails/inflections.js";
import { rubyReaders } from "../../adapters/rails/ruby-readers.js";
import { isSearchableCodePath } from "../../code/searchable.js";
import { isTestPath } from "../../code/test-paths.js";
import { escapeRegExp } from "../../regexp.js";
import { nameKey } from "./facts.js";
import type { RuleContext } from "./rule.js";
import { baseBranchCode } from "./base-branch-code.js";

export interface UnusedModel {
  className: string;
  path: string;
  /** how many files of the base branch's code were searched */
  searched: number;
}

/** Code that may query a table on a server: not configuration, not the migrations and dumps under db/, not tests. */
const searched = (path: string) => !/(?:^|\/)(?:db|config)\//.test(path) && !isTestPath(path);

/** The old table's model on the base branch when no code of the base branch uses it; undefined otherwise, or when that is not known. */
export function unusedModelAtBase(ctx: RuleContext, table: string): UnusedModel | undefined {
  const { files, baseCodeFiles } = ctx.facts.change;
  const atBase = baseBranchCode(ctx);
  if (!files || !atBase) return undefined;
  const head = ctx.repository.applicationCode();
  const base = new Map(baseCodeFiles.map((f) => [f.path, f]));
  // a code file the change edits or removes whose base version was not read: the base branch's callers are unknown
  if ([...files.edited].some((path) => searched(path) && isSearchableCodePath(path, ctx.config) && !base.has(path))) return undefined;
  // the table's model there, named as Active Record names it (config/application.rb's pluralize_table_names: the head's settings)
  const name = nameKey(table).split(".").pop() ?? table;
  const models = rubyReaders()
    .readModelFiles([...atBase.filter((f) => isModelPath(f.path)), ...head.filter((f) => isActiveRecordSettingsPath(f.path))])
    .filter((m) => m.tables.at(-1) === name);
  if (models.length !== 1) return undefined;
  const [model] = models;
  const className = model.className.split("::").pop()!;
  const code = atBase.filter((f) => searched(f.path) && f.path !== model.path);
  // the table's name, and the association names Active Record derives from it and from the class (has_many :recent_searches)
  const own = underscore(className);
  const words = [...new Set([name, singularize(name), pluralize(singularize(name)), own, pluralize(own)])];
  const mayName = (text: string) => text.includes(className) || words.some((w) => text.includes(w));
  const wholeWord = new RegExp(`(?<![\\w$])(?:${[className, ...words].map(escapeRegExp).join("|")})(?![\\w$])`);
  const names = (f: SourceFile) => {
    if (!mayName(f.content)) return false;
    if (/\.(rb|rake)$/.test(f.path)) {
      const read = words.map((w) => rubyReaders().rubyNamesTable(f.content, w, w, className));
      // a file Prism cannot parse counts by its words
      if (read.every((r) => r !== undefined)) return read.some(Boolean);
    }
    return wholeWord.test(f.content);
  };
  if (code.some(names)) return undefined;
  return { className: model.className, path: model.path, searched: code.length };
}
