/**
 * A fix cut into the parts that run in different places, as the fix marks them: the code in the statement's place,
 * each `then a new migration` (fix-steps.ts: a whole file after the newest migration of the folder, so it runs at
 * the head of the history), and each `add to the down migration` (the down rules: it runs after the up and the down).
 * One cut for every check that runs fixes: the rule cases in PGlite (__tests__/rule-fixes.pglite.test.ts) and the
 * bench's real migrations (scripts/fix-runs.ts).
 */

/** How a fix marks where each of its parts goes (fix-steps.ts `then a new migration`, the down rules' `add to the down migration`). */
const NEW_MIGRATION = /^-- then a new migration, .*:$/;
const ADD_TO_DOWN = /^-- add to the down migration:$/;
/**
 * How a fix that takes the place of another statement of the migration too says so (index-replacement.ts: `in place
 * of line 1's DROP INDEX i and this CREATE INDEX`, `without line 1's DROP INDEX`): that statement does not run with it.
 */
/**
 * How a fix says a part of it goes later in the same migration, after the statement on a line (rename-table's view,
 * after the migration's own DROP COLUMNs of the table): the statements up to that line run before it.
 */
const AFTER_LINE = /^-- after line (\d+) of this migration\b/;
const ALSO_IN_PLACE_OF = /^-- .*\b(?:in place of|without) line (\d+)'s /;

export interface FixParts {
  /** the code in the statement's place (or, for a fix of the down, the down itself) */
  inPlace: string;
  /** each later migration the fix writes, in order: they run at the head of the history, after the migration and the later ones */
  newMigrations: string[];
  /** what goes into the down: it runs after the up and the down */
  addToDown: string[];
  /** the lines of the migration's other statements whose place the fix takes too (they do not run with it) */
  alsoReplaces: number[];
  /** the part that goes after the migration's statement on `line` (absent when the fix has none) */
  afterLine?: { line: number; sql: string };
}

/** The fix cut at its part headers (each header line stays with its part as a comment). */
export function fixParts(fix: string): FixParts {
  const parts: FixParts = { inPlace: "", newMigrations: [], addToDown: [], alsoReplaces: [] };
  let current: string[] = [];
  type Kind = "inPlace" | "afterLine" | "newMigrations" | "addToDown";
  let kind: Kind = "inPlace";
  let afterLine = 0;
  const close = () => {
    const text = current.join("\n");
    if (kind === "inPlace") parts.inPlace = text;
    else if (kind === "afterLine") parts.afterLine = { line: afterLine, sql: text };
    else parts[kind].push(text);
  };
  for (const line of fix.split("\n")) {
    const replaced = ALSO_IN_PLACE_OF.exec(line);
    if (replaced) parts.alsoReplaces.push(Number(replaced[1]));
    const after: RegExpExecArray | null = kind === "inPlace" ? AFTER_LINE.exec(line) : null;
    const next: Kind | undefined = NEW_MIGRATION.test(line) ? "newMigrations" : ADD_TO_DOWN.test(line) ? "addToDown" : after ? "afterLine" : undefined;
    if (next) {
      close();
      kind = next;
      current = [];
      if (after) afterLine = Number(after[1]);
    }
    current.push(line);
  }
  close();
  return parts;
}

/**
 * The fix leaves its statement where it is: it has no code for the statement's place, only parts that go elsewhere
 * (down-does-not-restore's `add to the down migration`), so the statement runs as written before them.
 */
export const keepsItsStatement = (parts: FixParts): boolean => parts.inPlace.trim() === "" && (parts.newMigrations.length > 0 || parts.addToDown.length > 0);
