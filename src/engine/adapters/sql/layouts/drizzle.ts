/**
 * Drizzle (drizzle-kit generate, applied by drizzle-orm's migrator or `drizzle-kit migrate`): `<tag>.sql` files in a
 * folder whose `meta/_journal.json` lists them (`entries`: idx, when in epoch ms, tag), statements separated by the
 * line `--> statement-breakpoint` (a SQL comment to PostgreSQL's parser). The migrator applies them in the journal's
 * order, and on PostgreSQL runs ALL pending migrations in ONE transaction (pg-core dialect's migrate:
 * `session.transaction` around the loop over migrations), with no switch to leave it: CONCURRENTLY cannot run there.
 * There are no down migrations.
 */
import type { Database } from "../../../model.js";
import { blankRanges, type SqlLayoutInput, type SqlSections } from "./sections.js";
import { loadOnce } from "../../../load-once.js";

/** The journal's path inside a Drizzle migrations folder. */
export const DRIZZLE_JOURNAL = "meta/_journal.json";

/** Who runs the migrations, as fixes name it (it runs every pending migration in one transaction). */
export const DRIZZLE_RUNNER = "drizzle-orm's migrator (migrate() or drizzle-kit migrate)";

/** drizzle-kit's journal file: `<folder>/meta/_journal.json`. */
export const isDrizzleJournalPath = (path: string): boolean => path === DRIZZLE_JOURNAL || path.endsWith(`/${DRIZZLE_JOURNAL}`);

/** The migrations folder a journal describes (the folder above meta/). */
export const drizzleFolderOfJournal = (journalPath: string): string => journalPath.slice(0, journalPath.length - DRIZZLE_JOURNAL.length).replace(/\/$/, "");

export interface DrizzleJournalEntry {
  idx: number;
  /** when drizzle-kit generated it (epoch ms): the migrator compares it with the newest applied one */
  when: number;
  tag: string;
}

export interface DrizzleJournal {
  /** the database the journal names; undefined for a dialect migguard does not name (turso is SQLite) */
  database?: Database;
  dialect?: string;
  entries: DrizzleJournalEntry[];
}

/** The journal's reader (its zod schema): loaded only when a journal is among the files, so a lint without one loads no zod (test/cli/startup.test.ts). */
let journalReader: typeof import("./drizzle-journal-file.js") | undefined;

export const loadDrizzleJournalReader = loadOnce(async () => {
  journalReader ??= await import("./drizzle-journal-file.js");
});

/** Whether a journal is among `files`: its reader must be loaded before the analysis reads it. */
export const holdsDrizzleJournal = (files: ReadonlyArray<{ path: string }> | undefined): boolean => (files ?? []).some((f) => isDrizzleJournalPath(f.path));

/** The journal's entries and database; undefined when it is not a journal drizzle-kit writes. */
export function readDrizzleJournal(content: string): DrizzleJournal | undefined {
  if (!journalReader) throw new Error("the Drizzle journal reader is not loaded: call loadDrizzleJournalReader() first (analyze does when a journal is among the files)");
  return journalReader.readJournal(content);
}

/** drizzle-kit's separator between statements, which the migrator splits the file on before sending each part. */
export const DRIZZLE_BREAKPOINT = "--> statement-breakpoint";

/** The UTF-8 byte ranges of the separators: the migrator never sends them (MySQL reads `-->` as no comment). */
function breakpointRanges(content: string): Array<[number, number]> {
  const bytes = Buffer.from(content, "utf8");
  const marker = Buffer.from(DRIZZLE_BREAKPOINT, "utf8");
  const out: Array<[number, number]> = [];
  for (let at = bytes.indexOf(marker); at !== -1; at = bytes.indexOf(marker, at + marker.length)) out.push([at, at + marker.length]);
  return out;
}

export function splitDrizzle(input: SqlLayoutInput): SqlSections {
  const ranges = breakpointRanges(input.content);
  return {
    up: [{ text: ranges.length ? blankRanges(input.content, ranges) : input.content, transaction: "wrapped" }],
    down: { kind: "unsupported", reason: "Drizzle has no down migrations" },
    notes: [],
  };
}

/**
 * A new Drizzle migration: drizzle-kit names it and adds its journal entry (the migrator reads only the journal's
 * entries), so the fix says to make it with `drizzle-kit generate --custom` rather than naming a file.
 */
export const drizzleFile = (folder: string, name: string, up: string): string =>
  [`-- a new migration: run \`drizzle-kit generate --custom --name ${name}\`, which writes the file in ${folder || "the migrations folder"} and its entry in ${DRIZZLE_JOURNAL}, then put in it:`, up].join("\n");
