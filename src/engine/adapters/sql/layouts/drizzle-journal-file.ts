/** drizzle-kit's meta/_journal.json, read and checked with its zod schema (drizzle.ts loads this module only when a journal is there). */
import { z } from "zod";
import type { Database } from "../../../model.js";
import type { DrizzleJournal } from "./drizzle.js";

const JournalSchema = z.object({
  dialect: z.string().optional(),
  entries: z.array(z.object({ idx: z.number().int(), when: z.number(), tag: z.string() }).passthrough()),
});

/** drizzle-kit's dialect names (postgresql, mysql, sqlite, turso, singlestore, gel) as migguard's databases. */
function databaseOf(dialect: string | undefined): Database | undefined {
  if (dialect === "postgresql" || dialect === "pg") return "postgresql";
  if (dialect === "mysql" || dialect === "singlestore") return "mysql";
  if (dialect === "sqlite" || dialect === "turso") return "sqlite";
  return undefined;
}

/** The journal's entries and database; undefined when it is not a journal drizzle-kit writes. */
export function readJournal(content: string): DrizzleJournal | undefined {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return undefined;
  }
  const parsed = JournalSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const database = databaseOf(parsed.data.dialect);
  return { ...(database ? { database } : {}), ...(parsed.data.dialect ? { dialect: parsed.data.dialect } : {}), entries: parsed.data.entries.map(({ idx, when, tag }) => ({ idx, when, tag })) };
}
