/**
 * Plain SQL migrations name no model: whether the application's code beside them (lint reads it from the
 * repository, a review is given the pull request's head) still names a table or column they drop, in the forms
 * its ORM maps (orm-name-forms.ts). Nobody naming it in code that was read makes the drop the planned last step
 * of a removal; code that names it keeps the error, and the message says where.
 */
import type { SourceFile } from "../../model.js";
import type { Usage } from "../../code/usage-search.js";
import { MAX_ORM_USAGES, ormNameUsages } from "../../code/orm-name-forms.js";
import { dirOf } from "../../paths.js";
import { nameKey } from "./facts.js";
import { modelName } from "./fix.js";
import type { RuleContext } from "./rule.js";

/**
 * Files in a programming language: what runs and reads the database. Configuration, shell, templates and SQL
 * alone (a repository of migrations and deploy scripts) are no evidence that the application was read.
 */
const SOURCE = /\.(?:go|java|kt|kts|scala|groovy|cs|fs|vb|php|[mc]?[jt]sx?|vue|svelte|dart|py|rb|rs|ex|exs|swift|clj|cljs|lua|pl|pm|c|cc|cpp|h|hpp|m|mm)$/;

export interface CodeNames {
  /** the application's source files read (none: nothing says anything) */
  sources: number;
  /** no bound stopped the reading: the files not read could name anything */
  complete: boolean;
  /** where the code read names it */
  usages: readonly Usage[];
  /** in a review, where the base branch's versions of the code files the change edits or deletes name it */
  baseUsages: readonly Usage[];
  /** what was searched, for messages */
  forms: string;
}

const cache = new WeakMap<readonly SourceFile[], Map<string, CodeNames>>();

/** For a plain SQL migration, where the application's code names `table` (or `table.column`); undefined for other frameworks. */
export function sqlCodeNames(ctx: RuleContext, table: string, column?: string): CodeNames | undefined {
  if (ctx.framework !== "sql") return undefined;
  const all = ctx.repository.applicationCode();
  const base = ctx.facts.change.baseCodeFiles;
  if (all.length === 0 && base.length === 0) return undefined;
  let known = cache.get(all);
  if (!known) cache.set(all, (known = new Map()));
  // the migrations' own folder is history, not code (the edges leave migrations out; a review's tree may not)
  const folder = dirOf(ctx.migration.path);
  const name = nameKey(table).split(".").pop() ?? table;
  const key = `${folder}\0${name}\0${column ?? ""}`;
  const hit = known.get(key);
  if (hit) return hit;
  const outsideMigrations = (f: SourceFile) => !folder || !f.path.startsWith(`${folder}/`);
  const code = all.filter(outsideMigrations);
  const names = column ? [column] : [name];
  // a dropped table's model class: `OidcDeviceCode` for oidc_device_codes (gorm, JPA, EF Core, ActiveRecord, SQLAlchemy)
  const classNames = column ? [] : [modelName(name)].filter((c) => c !== name);
  const answer: CodeNames = {
    sources: code.filter((f) => SOURCE.test(f.path)).length,
    complete: ctx.repository.applicationCodeComplete(),
    usages: ormNameUsages(code, names, classNames),
    // the servers run the base branch's code until the deploy: a reader the change removes still reads it until then
    baseUsages: base.length ? ormNameUsages(base.filter(outsideMigrations), names, classNames) : [],
    forms: [...names, ...classNames].join(" or "),
  };
  known.set(key, answer);
  return answer;
}

/** Usages shown in a message; all go to the details. */
const IN_MESSAGE = 5;

/**
 * The sentence an error adds when code still names what it drops, and the usages for the details; or, when a
 * bound stopped the reading before anything named it, that the rest was not searched. Undefined otherwise.
 */
export function stillNamed(names: CodeNames | undefined): { sentence: string; details: string[] } | undefined {
  if (names && names.usages.length === 0 && !names.complete && names.sources > 0)
    return { sentence: ` None of the ${names.sources} source files of application code read names ${names.forms}, but the search stopped at a limit (max_code_files, or the size of the walk) before the end of the code: what it did not read may still use it.`, details: [] };
  if (names && names.usages.length === 0 && names.baseUsages.length > 0) {
    const shown = names.baseUsages.slice(0, IN_MESSAGE).map((u) => `${u.path}:${u.line}`).join(", ");
    return {
      sentence: ` This change removes the last code that names ${names.forms}, but the servers run the base branch's until the deploy: ${shown}${names.baseUsages.length > IN_MESSAGE ? ` and ${names.baseUsages.length - IN_MESSAGE} more` : ""}. Drop it in a later change, once that deploy is out.`,
      details: names.baseUsages.map((u) => `${u.path}:${u.line} (base branch): ${u.text}`),
    };
  }
  if (!names || names.usages.length === 0) return undefined;
  const { usages } = names;
  const shown = usages.slice(0, IN_MESSAGE).map((u) => `${u.path}:${u.line}`).join(", ");
  // the search keeps a bounded number (a column named `type`): past it, how many more is unknown
  const more = usages.length >= MAX_ORM_USAGES ? " and more" : usages.length > IN_MESSAGE ? ` and ${usages.length - IN_MESSAGE} more` : "";
  return {
    sentence: ` Application code still names ${names.forms}: ${shown}${more}.`,
    details: usages.map((u) => `${u.path}:${u.line}: ${u.text}`),
  };
}

/** Planned when application source was read, all of it, and none of it names it: the removal from the code shipped. */
export function unnamedInCode(names: CodeNames | undefined): string | undefined {
  if (!names || names.sources === 0 || !names.complete || names.usages.length > 0 || names.baseUsages.length > 0) return undefined;
  return `none of the ${names.sources} source file${names.sources === 1 ? "" : "s"} of application code read names ${names.forms}, in any form its ORM maps`;
}
