/**
 * How far migguard follows input that no person writes by hand (machine-made or hostile): one place, so the
 * code and the README's "Hostile input" section agree. Past a limit, the file or the statement gets a
 * `too-complex` finding instead of being skipped silently, and no other file is affected.
 */

/**
 * Levels of nesting in a syntax tree (Prism nodes, tree-sitter nodes, libpg-query's JSON). The deepest file of
 * the bench corpus (3,100 real migrations) is 27 levels in Ruby and Python and 40 in libpg-query's JSON; every
 * walker over a tree is safe at this depth with room to spare on Node's default stack.
 */
export const MAX_TREE_DEPTH = 400;

/**
 * `.github/migguard.yml`, which a pull request may propose and the App parses on its main thread: real configs
 * are under 2 KiB, a few levels deep, with a few dozen keys. Past any of these the whole config is reported as
 * invalid and the defaults apply; YAML aliases may expand to 100 nodes (the yaml library's own default).
 */
export const CONFIG_LIMITS = { bytes: 32 * 1024, depth: 16, values: 2000, aliases: 100 } as const;

/**
 * Why a symbolic link is never read, in the CLI, the Action and the App alike: its target may lie outside the
 * repository (a pull request's `db/migrations/1_x.up.sql -> ../../.git/config` would put the checkout's token in
 * a report), and inside it, it is another file than the one reviewed. The link is listed as not analysed.
 */
export const SYMLINK_NOT_READ = "a symbolic link: migguard never follows links (the target may be outside the repository); not analysed";

/**
 * A part of the input migguard will not follow (a tree nested deeper than MAX_TREE_DEPTH, a parser that ran out
 * of stack): the file, or the statement, gets a `too-complex` finding on `line`.
 */
export class TooComplexError extends Error {
  constructor(
    message: string,
    readonly line = 1,
  ) {
    super(message);
    this.name = "TooComplexError";
  }
}

/** V8's own stack overflow: a recursion the input drove too deep (a safety net; walkers are bounded first). */
export const isStackOverflow = (error: unknown): boolean => error instanceof RangeError && /call stack size/i.test(error.message);

/**
 * The project's own Python modules one analysis reads for what a migration imports (a helper returning SQL, a
 * RunSQL subclass): larger than `bytes` is not a helper worth reading, and past `count` distinct modules the rest
 * stay unread. The CLI (from the working tree) and the App (fetched at the head commit) hold to the same numbers,
 * so a pull request gets the same findings from both; a module left unread is named in the finding it hides.
 */
export const PROJECT_MODULE_LIMITS = { bytes: 256 * 1024, count: 40 } as const;
/** why a module over PROJECT_MODULE_LIMITS.bytes is not read (its size when the reader knows it) */
export const projectModuleTooLarge = (bytes?: number): string => `${bytes === undefined ? "" : `${bytes} bytes, `}larger than the ${PROJECT_MODULE_LIMITS.bytes / 1024} KB migguard reads of a helper module`;
/** why a module past PROJECT_MODULE_LIMITS.count is not read */
export const PROJECT_MODULES_PAST_COUNT = `past the ${PROJECT_MODULE_LIMITS.count} project modules migguard reads in one analysis`;
