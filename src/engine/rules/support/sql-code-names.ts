/**
 * Plain SQL migrations name no model: whether the application's code beside them (lint reads it from the
 * repository, a review is given the pull request's head) still names a table or column they drop, in the forms
 * its ORM maps (orm-name-forms.ts; a common word only beside its table, table-context.ts). Nobody naming it in code
 * that was read makes the drop the planned last step of a removal; code that names it keeps the error, and the
 * message says where.
 *
 * A Prisma migration has its schema beside it (`prisma/schema.prisma`, or `prisma/schema/*.prisma`), read with
 * prisma-migration-schema.ts: Prisma's client selects every scalar field a model declares, so a field (or model) the schema
 * still declares is read by running code, whatever the rest of the code names: the error, citing the declaration.
 * One the schema no longer has is gone from the client, as a Django field gone from its model: with no code naming
 * it (raw SQL on the table, another client), the planned last step. `.prisma` files are never searched as text:
 * another model's field of the same name is not this column.
 */
import type { SourceFile } from "../../model.js";
import type { Usage } from "../../code/usage-search.js";
import { MAX_ORM_USAGES, isTemplatePath, ormNameUsages, scriptsReadNoDatabase, type NameContext } from "../../code/orm-name-forms.js";
import { prismaDelegate, prismaModelOf, selectedField, type PrismaModel } from "../../code/prisma-model.js";
import { isPrismaSchemaPath } from "../../code/prisma-schema-loader.js";
import { isNonCodeFile } from "../../code/non-code-files.js";
import { foreignAssetFiles } from "../../code/foreign-asset-files.js";
import { prismaMigrationSchema, unquoted } from "./prisma-migration-schema.js";
import { singularize } from "../../adapters/rails/inflections.js";
import { dirOf } from "../../paths.js";
import { migrationSqlPerFolder } from "../../migration-order.js";
import { modelName } from "./fix.js";
import type { RuleContext } from "./rule.js";
import { isRustPath } from "../../code/rust-syntax.js";
import { rustReach } from "../../code/cargo-crate-graph.js";
import { isCargoManifestPath } from "../../deploy/rust-crates.js";
import { plannedSqlxFolders } from "../../repository/sqlx-plan.js";

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
  /**
   * where a template names the column on a variable whose model migguard cannot tell (`{{ item.title }}` of a web UI
   * beside SQL migrations): weak, no evidence that the code reads this table, and no proof that it does not either
   */
  weakUsages: readonly Usage[];
  /** in a review, where the base branch's versions of the code files the change edits or deletes name it */
  baseUsages: readonly Usage[];
  /** what was searched, for messages */
  forms: string;
  /** a Prisma migration whose schema was read: the schema's files, and the model of the table if it still has one */
  prisma?: { schema: string; table: string; model?: PrismaModel };
  /** the Prisma schema's declaration of what is dropped: the client selects it (in usages too, first) */
  declared?: Usage;
}

const cache = new WeakMap<readonly SourceFile[], Map<string, CodeNames>>();

/** Where the schema still declares the table's model, or the column's field: the client reads it. */
function declaration(model: PrismaModel | undefined, column: string | undefined): Usage | undefined {
  if (!model || model.ignored) return undefined;
  if (column === undefined) return { path: model.path, line: model.line, text: `model ${model.name} {` };
  const field = selectedField(model, column);
  return field && { path: model.path, line: field.line, text: field.text };
}

/** Whether a code file can reach the database of the migrations in `folder`: a Rust file only from a crate that can (every other file can). */
function rustCodeReach(ctx: RuleContext, folder: string): (file: SourceFile) => boolean {
  const crates = ctx.repository.rustCrates();
  const manifests = crates.filter((f) => isCargoManifestPath(f.path));
  const reach = manifests.length ? rustReach(ctx.migration.path, manifests, plannedSqlxFolders(crates).get(folder) ?? []) : undefined;
  return (file) => !reach || !isRustPath(file.path) || reach(file.path);
}

/** For a plain SQL migration, where the application's code names `table` (or `table.column`); undefined for other frameworks. */
export function sqlCodeNames(ctx: RuleContext, table: string, column?: string): CodeNames | undefined {
  if (ctx.framework !== "sql") return undefined;
  const all = ctx.repository.applicationCode();
  const base = ctx.facts.change.baseCodeFiles;
  if (all.length === 0 && base.length === 0) return undefined;
  let known = cache.get(all);
  if (!known) cache.set(all, (known = new Map()));
  // the migrations' own folder is history, not code (the edges leave migrations out; a review's tree may not)
  // (Prisma's and drizzle-kit 1.0's is the folder of the migrations' folders: prisma/migrations/<version>_<name>/migration.sql)
  const folder = migrationSqlPerFolder(ctx.migration) ? dirOf(dirOf(ctx.migration.path)) : dirOf(ctx.migration.path);
  // as written (PostgreSQL keeps a quoted name's case: Prisma's "JobVersion"), without schema or quotes
  const name = unquoted(table);
  const key = `${folder}\0${ctx.migration.layout}\0${name}\0${column ?? ""}`;
  const hit = known.get(key);
  if (hit) return hit;
  const outsideMigrations = (f: SourceFile) => !folder || !f.path.startsWith(`${folder}/`);
  const schema = prismaMigrationSchema(ctx, all);
  const baseSchema = prismaMigrationSchema(ctx, base);
  const model = schema && prismaModelOf(schema.models, name);
  // a .prisma file is read as a schema, never as text: another model's `status` is not this one's
  // data, prose and test data (YAML pipeline fixtures' `version:` keys) name words, never read the column
  // another language's source shipped as assets (docs.rs' Sublime syntax tests in PHP): data, not code that runs
  const foreign = foreignAssetFiles(all);
  // in a Cargo workspace, only the crates that can reach the migrations' database (code/cargo-crate-graph.ts)
  const reaches = rustCodeReach(ctx, folder);
  const code = all.filter((f) => outsideMigrations(f) && !isPrismaSchemaPath(f.path) && !isNonCodeFile(f.path) && !foreign(f) && reaches(f));
  // Prisma code names the field (`isPublic`), which @map may give another column name (`is_public`)
  const field = column !== undefined ? model?.fields.find((f) => f.column === column && !f.relation)?.name : undefined;
  const names = column ? [...new Set([column, ...(field ? [field] : [])])] : [name];
  // a dropped table's model class: `OidcDeviceCode` for oidc_device_codes (gorm, JPA, EF Core, ActiveRecord, SQLAlchemy)
  const classNames = column ? [] : [modelName(name)].filter((c) => c !== name);
  // what code calls the table: its model (a class, Prisma's model) and Prisma's client delegate (`prisma.jobVersion`)
  const models = [...new Set([modelName(name), model?.name ?? (/^[A-Z]/.test(name) ? name : undefined)].filter((m): m is string => Boolean(m)))];
  // with the Prisma schema read, its client is generated from it: what the schema no longer has, only SQL reaches
  const context: NameContext = { table: name, tableNames: [...new Set([singularize(name), ...models, ...models.map(prismaDelegate)])], ...(schema ? { sqlOnly: true } : {}), ...(ctx.migration.database === "postgresql" && /[A-Z]/.test(name) ? { quoted: true } : {}) };
  const declared = declaration(model, column);
  const baseDeclared = baseSchema ? declaration(prismaModelOf(baseSchema.models, name), column) : undefined;
  // a project whose scripts import no database client (a browser's admin beside a Java server) names API fields in them
  const apiOnly = scriptsReadNoDatabase(all);
  const found = ormNameUsages(code, names, classNames, context, apiOnly);
  // a template's variable may be a record of any table, or an API's object: only a dropped table's own name is tied there
  const weak = (u: Usage) => column !== undefined && isTemplatePath(u.path);
  const usages = found.filter((u) => !weak(u));
  const baseForeign = foreignAssetFiles(base);
  const baseCode = base.filter((f) => outsideMigrations(f) && !isPrismaSchemaPath(f.path) && !isNonCodeFile(f.path) && !baseForeign(f) && reaches(f));
  const answer: CodeNames = {
    sources: code.filter((f) => SOURCE.test(f.path)).length,
    complete: ctx.repository.applicationCodeComplete(),
    usages: declared ? [declared, ...usages] : usages,
    weakUsages: found.filter(weak),
    // the servers run the base branch's code until the deploy: a reader the change removes still reads it until then
    baseUsages: [...(baseDeclared ? [baseDeclared] : []), ...(baseCode.length ? ormNameUsages(baseCode, names, classNames, context, apiOnly).filter((u) => !weak(u)) : [])],
    forms: [...names, ...classNames].join(" or "),
    ...(schema ? { prisma: { schema: schema.paths, table: name, ...(model ? { model } : {}) } } : {}),
    ...(declared ? { declared } : {}),
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
export function stillNamed(names: CodeNames | undefined): { sentence: string; details: string[]; weak?: true; oldCodeOnly?: true } | undefined {
  if (names && names.usages.length === 0 && !names.complete && names.sources > 0)
    return { sentence: ` None of the ${names.sources} source files of application code read names ${names.forms}, but the search stopped at a limit (max_code_files, or the size of the walk) before the end of the code: what it did not read may still use it.`, details: [] };
  if (names && names.usages.length === 0 && names.baseUsages.length > 0) {
    const shown = names.baseUsages.slice(0, IN_MESSAGE).map((u) => `${u.path}:${u.line}`).join(", ");
    return {
      sentence: ` This change removes the last code that names ${names.forms}, but the servers run the base branch's until the deploy: ${shown}${names.baseUsages.length > IN_MESSAGE ? ` and ${names.baseUsages.length - IN_MESSAGE} more` : ""}. Drop it in a later change, once that deploy is out.`,
      details: names.baseUsages.map((u) => `${u.path}:${u.line} (base branch): ${u.text}`),
      // only the code the deploy replaces names it: a deploy that stops the old servers first has no reader left
      oldCodeOnly: true,
    };
  }
  if (names && names.usages.length === 0 && names.weakUsages.length > 0) {
    const shown = names.weakUsages.slice(0, IN_MESSAGE).map((u) => `${u.path}:${u.line}`).join(", ");
    const more = names.weakUsages.length > IN_MESSAGE ? ` and ${names.weakUsages.length - IN_MESSAGE} more` : "";
    return {
      sentence: ` Templates name ${names.forms} where migguard could not tell whose (a variable of any model or API object): ${shown}${more}; check that none of them reads this table.`,
      details: names.weakUsages.map((u) => `${u.path}:${u.line}: ${u.text} (could not tell whose)`),
      weak: true,
    };
  }
  if (!names || names.usages.length === 0) return undefined;
  const { declared } = names;
  const details = names.usages.map((u) => `${u.path}:${u.line}: ${u.text}`);
  // Prisma's client selects every scalar field its schema declares: the declaration is the read, whatever else names it
  const prisma = declared ? ` The Prisma schema still declares it (${declared.path}:${declared.line}: ${declared.text}), and Prisma's client selects every field a model declares, so running code reads it.` : "";
  const usages = names.usages.filter((u) => u !== declared);
  if (usages.length === 0) return { sentence: prisma, details };
  const shown = usages.slice(0, IN_MESSAGE).map((u) => `${u.path}:${u.line}`).join(", ");
  // the search keeps a bounded number (a column named `type`): past it, how many more is unknown
  const more = usages.length >= MAX_ORM_USAGES ? " and more" : usages.length > IN_MESSAGE ? ` and ${usages.length - IN_MESSAGE} more` : "";
  return {
    sentence: `${prisma} Application code still names ${names.forms}: ${shown}${more}.`,
    details,
  };
}

/** Planned when application source was read, all of it, and none of it names it: the removal from the code shipped. */
export function unnamedInCode(names: CodeNames | undefined): string | undefined {
  if (!names || names.sources === 0 || !names.complete || names.usages.length > 0 || names.weakUsages.length > 0 || names.baseUsages.length > 0) return undefined;
  const files = `${names.sources} source file${names.sources === 1 ? "" : "s"} of application code read`;
  // the schema no longer declares it: Prisma's client does not select it (as a Django model without the field), and only SQL is left
  if (names.prisma) return `the Prisma schema (${names.prisma.schema}) no longer declares it, so Prisma's client does not read it, and none of the ${files} names ${names.forms} in SQL on ${names.prisma.table}`;
  return `none of the ${files} names ${names.forms}, in any form its ORM maps`;
}
