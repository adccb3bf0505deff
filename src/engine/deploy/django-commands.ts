/**
 * A project's own Django management commands that a deploy runs (`python manage.py complete_initialization`, in
 * DefectDojo's initializer entrypoint): a command whose `handle` calls `call_command("migrate")` applies the
 * migrations as `manage.py migrate` does. The deploy files name the commands they run; the command's module is
 * `<app>/management/commands/<name>.py` (Django's layout), read by django-command-migrate.ts with tree-sitter's
 * Python grammar. Here only names and paths: no parser.
 */
import { baseOf } from "../paths.js";

/** Django's own commands: no project file to read (a project may override one; migrate is read as migrate anyway) */
const BUILT_IN = new Set(["migrate", "runserver", "shell", "dbshell", "check", "collectstatic", "loaddata", "dumpdata", "makemigrations", "createsuperuser", "test", "showmigrations", "sqlmigrate", "compilemessages"]);

/**
 * `manage.py <name>` or `django-admin <name>`: the commands a shell line runs (a word, not an option), also in an
 * exec form's list as a file holds it (`["python", "manage.py", "upgrade"]` in a Dockerfile or a Kubernetes manifest)
 */
const RUNS_COMMAND = /\b(?:manage\.py|django-admin(?:\.py)?)(?:\s+|["']\s*,\s*["']?)([A-Za-z_]\w*)\b/g;

/** The project commands (not Django's own) that a deploy file's text runs, in the order written. */
export function djangoCommandsRun(text: string): string[] {
  const names = [...text.matchAll(RUNS_COMMAND)].map((m) => m[1]).filter((name) => !BUILT_IN.has(name));
  return [...new Set(names)];
}

const COMMAND_PATH = /(?:^|\/)management\/commands\/([A-Za-z_]\w*)\.py$/;

/** A Django management command's module (`dojo/management/commands/complete_initialization.py`). */
export const isDjangoCommandPath = (path: string): boolean => COMMAND_PATH.test(path) && baseOf(path) !== "__init__.py";

/** The command a module defines: its file's name. */
export const djangoCommandName = (path: string): string | undefined => COMMAND_PATH.exec(path)?.[1];
