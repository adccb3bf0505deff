/**
 * golang-migrate's CLI in a deploy's shell text, read from the words the shell passes (tree-sitter's Bash grammar):
 * `migrate -path db/migrations -database "$DATABASE_URL" up`. The database URL is quoted in most projects (it holds
 * `?` and `&`, which the shell would read itself): `"$DATABASE_URL"`, `'${DB_URL}'`, `-database="$URL"` are one word
 * whose quotes are the shell's, so the command is read from its words, never from the line as written.
 * The CLI's flags come before its command (Go's flag package), each with a value but -verbose, -version and -help;
 * it applies the migrations when it has a source (`-path` or `-source`) and its command is `up`. The program is the
 * command's name or a word of it (`exec migrate ...`, `gosu app /usr/local/bin/migrate ...`, the official image in
 * `docker run ... migrate/migrate:v4.17.0 -path=/migrations ...`); a shell's `-c` string is read as the commands it
 * runs (`sh -c 'migrate ... up && ./server'`, also joined from a Dockerfile's exec form: `sh -c migrate ... up`).
 * Loaded with the shell reader (deploy-readers.ts).
 */
import type { Node } from "web-tree-sitter";
import { baseOf } from "../paths.js";
import { mayRunGolangMigrate } from "./golang-migrate-mention.js";
import { shellParser } from "./shell-branches.js";
import { wordValue } from "./shell-functions.js";

/** Where a command runs golang-migrate up: its span in the text read, and the command as written. */
export interface GolangMigrateUp {
  index: number;
  text: string;
}

/** the flags of the CLI that take no value */
const VALUELESS = new Set(["verbose", "version", "help"]);
/** the flags that name the migrations' source */
const SOURCE = new Set(["path", "source"]);
/** commands that only print their words: a migrate named there runs nothing */
const PRINTS = new Set(["echo", "printf"]);
const SHELL = new Set(["sh", "bash", "dash", "ash", "zsh", "ksh"]);
/** `sh -c ...` inside `sh -c ...`, at most */
const MAX_DEPTH = 3;

const nonNull = (nodes: Array<Node | null>): Node[] => nodes.filter((n): n is Node => n !== null);

/** The program's word: golang-migrate's binary by its file name, or its image (`migrate/migrate`, with a tag). */
const isMigrateProgram = (word: string): boolean => baseOf(word) === "migrate" || /^(?:[\w.-]+\/)?migrate\/migrate(?::[\w.-]+)?$/.test(word);

/** Whether the CLI's arguments (after the program) apply the migrations: a source, then the command `up`. */
function appliesMigrations(args: readonly string[]): boolean {
  let source = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (!word.startsWith("-")) return source && word === "up";
    const assigned = word.indexOf("=");
    const flag = (assigned < 0 ? word : word.slice(0, assigned)).replace(/^--?/, "");
    if (SOURCE.has(flag)) source = true;
    // the flag's value is the next word, unless it was given with `=` or the flag takes none
    if (assigned < 0 && !VALUELESS.has(flag)) i++;
  }
  return false;
}

/** The string a shell command runs (`sh -c '...'`), with where it starts in the text read; else undefined. */
function shellString(command: Node, words: readonly Node[], text: string): { text: string; offset: number } | undefined {
  const at = words.findIndex((w) => SHELL.has(baseOf(wordValue(w))));
  if (at < 0) return undefined;
  const flag = words.findIndex((w, i) => i > at && /^-[a-z]*c[a-z]*$/.test(wordValue(w)));
  const script = words[flag + 1];
  if (flag < 0 || !script) return undefined;
  if (script.type === "string" || script.type === "raw_string") return { text: wordValue(script), offset: script.startIndex + 1 };
  // a Dockerfile's exec form joined into words (`sh -c migrate -path ...`): the rest of the command is the string
  return { text: text.slice(script.startIndex, command.endIndex), offset: script.startIndex };
}

function find(text: string, depth: number): GolangMigrateUp | undefined {
  if (!mayRunGolangMigrate(text)) return undefined;
  const tree = shellParser().parse(text);
  if (!tree) return undefined;
  try {
    // a text with an error (a CI expression `${{ secrets.URL }}` in a run step) still has its commands read
    for (const command of nonNull(tree.rootNode.descendantsOfType("command"))) {
      const words = nonNull([command.childForFieldName("name"), ...command.childrenForFieldName("argument")]);
      const values = words.map(wordValue);
      if (PRINTS.has(baseOf(values[0] ?? ""))) continue;
      const program = values.findIndex(isMigrateProgram);
      if (program >= 0 && appliesMigrations(values.slice(program + 1))) return { index: words[program].startIndex, text: text.slice(words[program].startIndex, command.endIndex) };
      const inner = depth < MAX_DEPTH ? shellString(command, words, text) : undefined;
      const found = inner && find(inner.text, depth + 1);
      if (found) return { ...found, index: inner.offset + found.index };
    }
    return undefined;
  } finally {
    tree.delete();
  }
}

/** The first command of `text` that runs golang-migrate up, if any. */
export const golangMigrateUp = (text: string): GolangMigrateUp | undefined => find(text, 0);
