/**
 * The project's own commands that apply the migrations, where a deploy file runs them: a Django management command
 * whose module calls `call_command("migrate")` (`manage.py complete_initialization`: django-commands.ts,
 * django-command-migrate.ts), and a Python console script whose subcommand reaches Flask-Migrate's or Alembic's
 * upgrade (`mwdb-core configure`: python-console-scripts.ts, python-cli-migrate.ts). Read for compose gates
 * (compose-gate.ts) and entrypoints that migrate then serve (offline-entrypoint.ts), each command once.
 */
import type { SourceFile } from "../model.js";
import { deployPython } from "./deploy-readers.js";
import { djangoCommandName, djangoCommandsRun, isDjangoCommandPath } from "./django-commands.js";
import { consoleScriptRuns, consoleScripts, type ConsoleScript } from "./python-console-scripts.js";

export interface ProjectMigration {
  /** where the command starts in the text */
  index: number;
  /** what it runs and where that migrates, in words: "runs `manage.py x`, which calls migrate at a.py:3" */
  what: string;
}

type Where = { path: string; line: number };

export class ProjectCommands {
  /** the project's Django command modules, by command name (apps may define one name twice) */
  private readonly djangoCommands = new Map<string, SourceFile[]>();
  private readonly djangoMigrates = new Map<string, Where | undefined>();
  private readonly scripts: ConsoleScript[];
  private readonly scriptMigrates = new Map<string, string | undefined>();
  /** the Python reader is loaded only when Python files are among the deploy files */
  private readonly python: boolean;

  constructor(private readonly files: readonly SourceFile[]) {
    for (const file of files) {
      const name = isDjangoCommandPath(file.path) ? djangoCommandName(file.path) : undefined;
      if (name !== undefined) this.djangoCommands.set(name, [...(this.djangoCommands.get(name) ?? []), file]);
    }
    this.python = files.some((f) => f.path.endsWith(".py"));
    this.scripts = this.python ? consoleScripts(files, deployPython().setupPyScripts) : [];
  }

  /** Where the project's Django command `name` calls migrate, if it does: the first module of that name that does. */
  private djangoMigration(name: string): Where | undefined {
    if (!this.djangoMigrates.has(name)) {
      let found: Where | undefined;
      for (const file of this.djangoCommands.get(name) ?? []) {
        const line = deployPython().migrateCallLine(file);
        if (line !== undefined) {
          found = { path: file.path, line };
          break;
        }
      }
      this.djangoMigrates.set(name, found);
    }
    return this.djangoMigrates.get(name);
  }

  /** What the console script run with `words` migrates through, in words, if it does. */
  private scriptMigration(script: ConsoleScript, words: readonly string[]): string | undefined {
    const key = [script.name, ...words].join(" ");
    if (!this.scriptMigrates.has(key)) {
      const found = deployPython().consoleScriptMigration(script, words, this.files);
      const run = [script.name, ...(found?.command ?? [])].join(" ");
      const declared = `the project's console script (${script.path}:${script.line}: ${script.module}:${script.function})`;
      // a CLI that hands Alembic's commands the subcommand by name (alembic-wrapper-cli.ts)
      const wrapper = found ? undefined : deployPython().alembicWrapperUpgrade(script, words, this.files);
      this.scriptMigrates.set(
        key,
        found
          ? `runs \`${run}\`, ${declared}, which calls ${found.call} at ${found.path}:${found.line}`
          : wrapper && `runs \`${[script.name, ...wrapper.command].join(" ")}\`, ${declared}, whose module runs Alembic's commands (imported at ${wrapper.path}:${wrapper.line})`,
      );
    }
    return this.scriptMigrates.get(key);
  }

  /** The first of the project's commands in `text` that applies the migrations, if any. */
  migrationIn(text: string): ProjectMigration | undefined {
    const found: ProjectMigration[] = [];
    for (const name of djangoCommandsRun(text)) {
      const command = this.djangoCommands.size > 0 && this.python ? this.djangoMigration(name) : undefined;
      if (command) found.push({ index: text.search(new RegExp(`\\b${name}\\b`)), what: `runs \`manage.py ${name}\`, which calls migrate at ${command.path}:${command.line}` });
    }
    for (const run of consoleScriptRuns(text, this.scripts)) {
      const what = this.scriptMigration(run.script, run.words);
      if (what) found.push({ index: run.index, what });
    }
    return found.sort((a, b) => a.index - b.index)[0];
  }
}
