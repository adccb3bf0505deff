/**
 * A project's own database CLI that wraps Alembic's commands (OpenStack's `octavia-db-manage upgrade head`,
 * `neutron-db-manage upgrade heads`): the console script's module imports Alembic's `command` module and hands it the
 * subcommand by name (`getattr(alembic_cmd, cmd)(config, ...)`), which no call can be followed to
 * (python-cli-migrate.ts). Run with `upgrade` and an Alembic revision target (`head`, `heads`, `+1`, a revision id),
 * it is Alembic's upgrade. Read with tree-sitter's Python grammar; nothing is run.
 */
import type { SourceFile } from "../model.js";
import { dirOf } from "../paths.js";
import { withPythonTree } from "../adapters/python/parser.js";
import { moduleMatches, type ConsoleScript } from "./python-console-scripts.js";

/** the revision targets Alembic's upgrade takes: head(s), a branch's `name@head`, a relative step, a revision id */
const REVISION_TARGET = /^(?:heads?|[\w-]+@heads?|\+\d+|[0-9a-f]{6,40})$/;

/** The line where the module imports Alembic's command module, if it does. */
function alembicCommandImport(content: string): number | undefined {
  return withPythonTree(content, (root) => {
    for (const statement of root.descendantsOfType(["import_statement", "import_from_statement"])) {
      const names = statement.childrenForFieldName("name").map((n) => (n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text));
      const from = statement.type === "import_from_statement" ? statement.childForFieldName("module_name")?.text : undefined;
      if (from === "alembic" ? names.includes("command") : from === undefined && names.includes("alembic.command")) return statement.startPosition.row + 1;
    }
    return undefined;
  });
}

export interface AlembicWrapperRun {
  /** the subcommand and target: `upgrade head` */
  command: string[];
  path: string;
  line: number;
}

/** The console script run with `words` runs Alembic's upgrade through a module that imports Alembic's commands. */
export function alembicWrapperUpgrade(script: ConsoleScript, words: readonly string[], files: readonly SourceFile[]): AlembicWrapperRun | undefined {
  const [subcommand, target] = words.filter((w) => !w.startsWith("-"));
  if (subcommand !== "upgrade" || target === undefined || !REVISION_TARGET.test(target)) return undefined;
  const module = script.module.replace(/\./g, "/");
  const file = files.find((f) => [`${module}.py`, `${module}/__init__.py`].some((m) => moduleMatches(f.path, m, dirOf(script.path))));
  const line = file ? alembicCommandImport(file.content) : undefined;
  return file && line !== undefined ? { command: [subcommand, target], path: file.path, line } : undefined;
}
