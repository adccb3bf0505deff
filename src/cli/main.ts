/**
 * The `migguard` command line. Exit codes: 0 no error findings, 1 error findings, 2 usage errors.
 * Each command's code is imported when that command runs, so `--version` or `rules` never load a parser
 * and a lint of SQL files never loads the review, execution or SARIF code.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { CommandResult } from "./lint-command.js";
import { setUpProcess } from "./process-setup.js";
import { OUTPUT_FORMATS, type OutputFormat } from "./output.js";
import { CommandFailure, UsageError } from "./usage-error.js";
import { VERSION } from "./version.js";

const HELP = `migguard ${VERSION}: stop dangerous database migrations before they merge

Usage:
  migguard lint [--format text|json|sarif] [--config FILE] [--execute] [--verbose] [--snapshot FILE] PATH...
      Lint migration files; directories are walked and non-migrations ignored. With --execute, also
      run each SQL migration up -> down -> up in embedded PostgreSQL (PGlite; or MIGGUARD_DATABASE_URL /
      DATABASE_URL) after the earlier migrations of its folder, and print the locks each statement took.
  migguard review --base REF [--format text|json|sarif] [--config FILE] [--snapshot FILE]
      Review what changed between REF (from its merge base with HEAD) and the working tree, as the
      GitHub App reviews a pull request: the changed migrations plus edited history, version order,
      schema dump drift and application code that still uses what a migration drops.
  migguard snapshot --database-url URL --out FILE
      Read production's schema, table sizes, row estimates and per-column NULL share and distinct
      counts from the catalogs (read-only, never a row's value) into FILE.
  migguard drift --snapshot FILE [--format text|json|sarif] [--config FILE] PATH...
      Build the schema the migrations under PATH produce and report every difference from the
      production snapshot (an index made by hand, a widened column).
  migguard rules
      List every rule with its category and default severity.
  migguard explain RULE_ID
      Print a rule's page: why it is dangerous, examples, the safe alternative, how to waive it.

Options:
  -f, --format    text (default), json or sarif
  -c, --config    config file (default: the nearest .github/migguard.yml)
      --execute   lint: run the migrations for real (see above)
      --verbose   lint: also say which database each migrations folder runs on, and why
      --base      review: the branch, tag or commit the change is compared with (e.g. origin/main)
      --snapshot  lint, review, drift: a production snapshot file (from migguard snapshot): lock findings
                  get table sizes and time estimates, small tables drop to info, NULLs and duplicates
                  predict failures, what production lacks is drift (default: config snapshot)
      --database-url  snapshot: the production database (default: MIGGUARD_SNAPSHOT_DATABASE_URL)
      --out       snapshot: the file to write
  -h, --help      this help
  -v, --version   print the version

Exit status: 0 when there is no error finding, 1 when there is, 2 on a usage error (or when snapshot
cannot read the database).
`;

function formatOf(value: string | undefined): OutputFormat {
  const format = (value ?? "text") as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`unknown --format "${value}" (use ${OUTPUT_FORMATS.join(", ")})`);
  return format;
}

export async function run(argv: string[], options: { cwd?: string } = {}): Promise<CommandResult> {
  const [command, ...rest] = argv;
  if (!command || command === "-h" || command === "--help" || command === "help") return { output: HELP, exitCode: command ? 0 : 2 };
  if (command === "-v" || command === "--version") return { output: `${VERSION}\n`, exitCode: 0 };
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      format: { type: "string", short: "f" },
      config: { type: "string", short: "c" },
      base: { type: "string" },
      execute: { type: "boolean" },
      verbose: { type: "boolean" },
      snapshot: { type: "string" },
      "database-url": { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { output: HELP, exitCode: 0 };
  switch (command) {
    case "lint":
      if (positionals.length === 0) throw new UsageError("lint needs at least one PATH");
      // every framework's adapter parses SQL: PostgreSQL's parser compiles in the background while the lint's
      // code loads (its failure, if any, is reported by the load that awaits it)
      void import("../engine/adapters/sql/pg-query-wasm.js").then((wasm) => wasm.pgQueryModule()).catch(() => undefined);
      return (await import("./lint-command.js")).lintCommand({ paths: positionals, format: formatOf(values.format), config: values.config, cwd: options.cwd, execute: values.execute, verbose: values.verbose, snapshot: values.snapshot });
    case "rules":
      return (await import("./rules-command.js")).rulesCommand();
    case "explain":
      return (await import("./rules-command.js")).explainCommand(positionals[0]);
    case "review":
      if (!values.base) throw new UsageError("review needs --base REF (the branch the change goes into, e.g. --base origin/main)");
      if (positionals.length > 0) throw new UsageError(`review takes no paths (got ${positionals.join(" ")}); it reviews what changed since --base`);
      return (await import("./review-command.js")).reviewCommand({ base: values.base, format: formatOf(values.format), config: values.config, cwd: options.cwd, snapshot: values.snapshot });
    case "snapshot":
      if (positionals.length > 0) throw new UsageError(`snapshot takes no paths (got ${positionals.join(" ")})`);
      // loaded on demand: the database driver and PGlite are not needed by the other commands
      return (await import("./snapshot-command.js")).snapshotCommand({ databaseUrl: values["database-url"], out: values.out, cwd: options.cwd });
    case "drift":
      if (!values.snapshot) throw new UsageError("drift needs --snapshot FILE (from migguard snapshot)");
      if (positionals.length === 0) throw new UsageError("drift needs at least one PATH: the migrations (or schema dump) to compare with the snapshot");
      return (await import("./drift-command.js")).driftCommand({ paths: positionals, snapshot: values.snapshot, format: formatOf(values.format), config: values.config, cwd: options.cwd });
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** The process entry (bin/migguard.js): runs the command, writes its output, returns the exit status. */
export async function main(argv = process.argv.slice(2)): Promise<number> {
  setUpProcess();
  try {
    const result = await run(argv);
    process.stdout.write(result.output);
    return result.exitCode;
  } catch (error) {
    if (error instanceof CommandFailure) {
      process.stderr.write(`migguard: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError || (error instanceof Error && "code" in error && String((error as { code: unknown }).code).startsWith("ERR_PARSE_ARGS"))) {
      process.stderr.write(`migguard: ${error.message}\n\n${HELP}`);
      return 2;
    }
    process.stderr.write(`migguard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  } finally {
    // lint --execute against MIGGUARD_DATABASE_URL holds an admin connection that would keep the process alive
    if (argv.includes("--execute")) await (await import("../execute/default-executor.js")).closeDefaultExecutor().catch(() => undefined);
  }
}

// Run when executed directly (`tsx src/cli/main.ts ...`); bin/migguard.js runs main() through the bundle instead. No
// top-level await: the bundle builds this module into a script (code-cache.ts), where there is none.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main().then((exitCode) => (process.exitCode = exitCode));
