/**
 * The Prisma schema beside a Prisma migration (`<root>/migrations/<ts>_<name>/migration.sql`): the `.prisma` files
 * under `<root>`, outside its migrations, read for their models (prisma-schema-loader.ts). What the drop rules ask
 * (does the client still select it: sql-code-names.ts) and what a fix names (the field to change with the SQL, or
 * Prisma's next `migrate dev` writes the change back: json-column).
 */
import type { SourceFile } from "../../model.js";
import { prismaModelOf, type PrismaField, type PrismaModel } from "../../code/prisma-model.js";
import { isPrismaSchemaPath, prismaSchemaModels } from "../../code/prisma-schema-loader.js";
import { dirOf } from "../../paths.js";
import type { RuleContext } from "./rule.js";

export interface PrismaMigrationSchema {
  /** the schema's files, for messages */
  paths: string;
  models: PrismaModel[];
}

/** Per code read and migrations folder: every drop of a lint asks about the same schema. */
const read = new WeakMap<readonly SourceFile[], Map<string, PrismaMigrationSchema | undefined>>();

/**
 * The schema of `ctx`'s migration in `files` (the code read, or a review's base branch). Undefined for other layouts,
 * when `files` hold none, or when it was not read (the reader not loaded, a file that does not parse).
 */
export function prismaMigrationSchema(ctx: RuleContext, files: readonly SourceFile[]): PrismaMigrationSchema | undefined {
  if (ctx.migration.layout !== "prisma") return undefined;
  const migrations = dirOf(dirOf(ctx.migration.path));
  const root = dirOf(migrations);
  let byFolder = read.get(files);
  if (!byFolder) read.set(files, (byFolder = new Map()));
  if (!byFolder.has(migrations)) {
    const schema = files.filter((f) => isPrismaSchemaPath(f.path) && (!root || f.path.startsWith(`${root}/`)) && !f.path.startsWith(`${migrations}/`));
    const models = schema.length ? prismaSchemaModels(schema) : undefined;
    byFolder.set(migrations, models && { paths: [...new Set(schema.map((f) => f.path))].join(", "), models });
  }
  return byFolder.get(migrations);
}

/** How a Prisma migration's schema declares `table`.`column` (names as written, quotes left out). */
export interface PrismaColumnDeclaration {
  /** the schema, when it was read */
  schema?: PrismaMigrationSchema;
  model?: PrismaModel;
  field?: PrismaField;
}

/** The schema's model and field for a column of `ctx`'s migration; undefined when the migration is no Prisma one. */
export function prismaColumnDeclaration(ctx: RuleContext, table: string, column: string): PrismaColumnDeclaration | undefined {
  if (ctx.migration.layout !== "prisma") return undefined;
  const schema = prismaMigrationSchema(ctx, ctx.repository.applicationCode());
  const model = schema && prismaModelOf(schema.models, unquoted(table));
  const field = model?.fields.find((f) => f.column === unquoted(column) && !f.relation);
  return { ...(schema ? { schema } : {}), ...(model ? { model } : {}), ...(field ? { field } : {}) };
}

/** A name as Prisma's schema maps it: the last part of a qualified name, without quotes (Prisma quotes every name, so its case is kept). */
export const unquoted = (name: string) => (name.split(".").pop() ?? name).replace(/"/g, "");
