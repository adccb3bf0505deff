/**
 * The Prisma schema reader (prisma-schema.ts, with its parser), loaded on demand: the analysis waits for
 * `prismaSchemaToLoad` before the rules of a Prisma migration whose schema is in the code it reads (analyze.ts), so
 * a lint of other migrations never loads it (test/cli/startup.test.ts). Until it is loaded, or when the schema does
 * not parse, callers have no schema: they read the code as for any SQL migration.
 */
import type * as prismaSchemaModule from "./prisma-schema.js";
import type { SourceFile } from "../model.js";
import type { PrismaModel } from "./prisma-model.js";
import { loadOnce } from "../load-once.js";

let reader: typeof prismaSchemaModule | undefined;

export const loadPrismaSchema = loadOnce(async () => {
  reader ??= await import("./prisma-schema.js");
});

/** What to wait for before the rules need it: undefined once it is loaded. */
export const prismaSchemaToLoad = (): Promise<void> | undefined => (reader ? undefined : loadPrismaSchema());

/** A file of a Prisma schema: `schema.prisma`, or one of a multi-file schema's. */
export const isPrismaSchemaPath = (path: string): boolean => path.endsWith(".prisma");

/** The models of a schema's files; undefined when the reader is not loaded or a file does not parse (what it declares is unknown). */
export function prismaSchemaModels(files: readonly SourceFile[]): PrismaModel[] | undefined {
  if (!reader) return undefined;
  try {
    return reader.readPrismaSchema(files);
  } catch (error) {
    if (error instanceof reader.PrismaSchemaSyntaxError) return undefined;
    throw error;
  }
}
