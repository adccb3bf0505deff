/**
 * A start script's calls of its own shell functions, read as the commands they run: tracim's entrypoint migrates with
 * `alembic_as_user "upgrade head"`, where `alembic_as_user() { as_user "alembic -c /etc/tracim/backend.ini $1"; }`
 * and `as_user() { su $TRACIM_USER -s /bin/bash -c "$1"; }`. Each call of a function the script defines (or a script
 * it sources defines, when that script is among the files read) is replaced by the function's body with the call's
 * arguments in place of `$1`, `$2`, `"$@"`; a command that runs a command string (`su -c`, `sh -c`, `bash -lc`,
 * `runuser -c`, also behind `sudo`, `gosu`, `exec`...) by that string; a few levels deep. The result is a script of
 * its own, read as the script is (shell-branches.ts), with a map back to the offsets of the script as written.
 * Read with tree-sitter's Bash grammar. A definition runs nothing where it is written: that of a function whose calls
 * were followed is blanked; one never followed (called by a name built at run time) is left as it is.
 */
import type { Node, Parser } from "web-tree-sitter";
import { baseOf } from "../paths.js";

/** calls and command strings followed inside one another, at most (a recursive function stops here) */
const MAX_DEPTH = 6;
/** characters the expansions may add to a script, at most: past it the script is read as written */
const MAX_GROWTH = 50_000;

/** A script's text with its calls expanded, and where an offset of it lies in the script as written. */
export interface ExpandedScript {
  text: string;
  /** the offset in the script as written: inside an expansion, where the call starts */
  original(offset: number): number;
  /** the spans of `text` that stand for a call as written (the function's body, the command string) */
  expansions: ReadonlyArray<readonly [number, number]>;
}

/** The content of a script read beside this one, by its file name (`common.sh`), for the scripts it sources. */
export type ScriptLibrary = (name: string) => string | undefined;

interface Reading {
  parser: Parser;
  functions: Map<string, string>;
  /** the functions whose calls were followed */
  followed: Set<string>;
}

interface Argument {
  /** the word's value, quotes removed (`"upgrade head"`: `upgrade head`) */
  value: string;
  /** the word as written */
  written: string;
}

const nonNull = (nodes: Array<Node | null>): Node[] => nodes.filter((n): n is Node => n !== null);

/** A word's value as the shell passes it: quotes removed, backslash escapes undone; an expansion as written. */
export function wordValue(node: Node): string {
  switch (node.type) {
    case "raw_string":
      return node.text.slice(1, -1);
    case "string":
      return node.text.slice(1, -1).replace(/\\([\\"$`])/g, "$1");
    case "word":
      return node.text.replace(/\\(.)/g, "$1");
    case "concatenation":
      return nonNull(node.namedChildren).map(wordValue).join("");
    default:
      return node.text;
  }
}

/** The parameter an expansion reads when it is a positional one: `$1`, `${2}` (a number), `$@`, `$*`. */
function positional(node: Node): string | undefined {
  if (node.type !== "simple_expansion" && node.type !== "expansion") return undefined;
  const named = nonNull(node.namedChildren);
  if (named.length !== 1 || (node.type === "expansion" && !/^\$\{\s*[\w@*]+\s*\}$/.test(node.text))) return undefined;
  const name = named[0].text;
  return /^[1-9]$/.test(name) || name === "@" || name === "*" ? name : undefined;
}

const inString = (node: Node): boolean => {
  for (let p = node.parent; p; p = p.parent) if (p.type === "string") return true;
  return false;
};

/** escaped for a double-quoted string, or for a bare word that the shell then splits on spaces */
const quotedValue = (value: string) => value.replace(/[\\"$`]/g, "\\$&");
const bareValue = (value: string) => value.replace(/[;&|<>()$`\\"'{}#*?[\]~!]/g, "\\$&");

/** `text` with the spans replaced, in order; spans inside an earlier one are left out. */
function replaced(text: string, edits: Array<{ start: number; end: number; text: string }>): string {
  let out = "";
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    if (edit.start < at) continue;
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** A function's body with a call's arguments in place of its positional parameters (a missing one is empty). */
function substituted(body: string, args: readonly Argument[], parser: Parser): string | undefined {
  const tree = parser.parse(body);
  if (!tree) return undefined;
  try {
    if (tree.rootNode.hasError) return undefined;
    const edits: Array<{ start: number; end: number; text: string }> = [];
    const value = (name: string) => (name === "@" || name === "*" ? args.map((a) => a.value).join(" ") : (args[Number(name) - 1]?.value ?? ""));
    // "$@" alone in its quotes: each argument as one word, as the caller wrote it
    for (const string of nonNull(tree.rootNode.descendantsOfType("string"))) {
      const parts = nonNull(string.namedChildren);
      if (parts.length === 1 && positional(parts[0]) === "@" && string.text.length === parts[0].text.length + 2) edits.push({ start: string.startIndex, end: string.endIndex, text: args.map((a) => a.written).join(" ") });
    }
    for (const expansion of nonNull(tree.rootNode.descendantsOfType(["simple_expansion", "expansion"]))) {
      const name = positional(expansion);
      if (name === undefined) continue;
      const text = inString(expansion) ? quotedValue(value(name)) : bareValue(value(name));
      edits.push({ start: expansion.startIndex, end: expansion.endIndex, text });
    }
    return replaced(body, edits);
  } finally {
    tree.delete();
  }
}

/** a shell that runs its `-c` string */
const SHELL = /^(?:sh|bash|dash|ash|zsh|ksh)$/;
/** commands that run the user's login shell on their `-c` string */
const SWITCH_USER = /^(?:su|runuser)$/;
/** commands that run the command their arguments name (as another user, without a new process...) */
const RUNNER = /^(?:exec|sudo|doas|gosu|su-exec|chpst|s6-setuidgid|setuidgid|setpriv|env|nohup|nice|ionice|time|timeout|runuser)$/;

/**
 * The command string a command runs through a shell or `su`: `su $USER -s /bin/bash -c "$1"`, `bash -lc '...'`,
 * `sudo -u app sh -c "..."`, `exec gosu app bash -c "..."`. Undefined for any other command.
 */
function commandString(words: readonly Argument[]): string | undefined {
  const names = words.map((w) => baseOf(w.value));
  // the shell or su: the command itself, or a word after a runner (never an argument of echo or grep)
  const at = SHELL.test(names[0] ?? "") || SWITCH_USER.test(names[0] ?? "") ? 0 : RUNNER.test(names[0] ?? "") ? names.findIndex((n) => SHELL.test(n) || SWITCH_USER.test(n)) : -1;
  if (at < 0) return undefined;
  for (let i = at + 1; i < words.length; i++) {
    const word = words[i].value;
    if (word.startsWith("--command=")) return word.slice("--command=".length);
    const flag = word === "-c" || word === "--command" || word === "--session-command" || (SHELL.test(names[at]) && /^-[a-z]*c[a-z]*$/.test(word));
    if (flag) return words[i + 1]?.value;
  }
  return undefined;
}

/** Whether a command string runs a command it names (`alembic upgrade head`), not only one it is given (`"$@"`). */
function namesACommand(text: string, parser: Parser): boolean {
  const tree = parser.parse(text);
  if (!tree) return false;
  try {
    return !tree.rootNode.hasError && nonNull(tree.rootNode.descendantsOfType("command_name")).some((n) => /^[\w./-]+$/.test(n.text));
  } finally {
    tree.delete();
  }
}

/** What a command runs in place of its text: a function's body, a command string; undefined when it runs itself. */
function expansionOf(command: Node, reading: Reading, depth: number): string | undefined {
  const name = command.childForFieldName("name");
  if (!name) return undefined;
  const args = nonNull(command.childrenForFieldName("argument")).map((a) => ({ value: wordValue(a), written: a.text }));
  const body = reading.functions.get(name.text);
  if (body !== undefined) reading.followed.add(name.text);
  const inner = body !== undefined ? substituted(body, args, reading.parser) : commandString([{ value: wordValue(nonNull(name.namedChildren)[0] ?? name), written: name.text }, ...args]);
  // a string that only names what it is given (`sh -c "$@"`) says nothing more than the command as written
  if (inner === undefined || (body === undefined && !namesACommand(inner, reading.parser))) return undefined;
  // one command as the call was: a comment in the string ends at its line, not at the rest of the call's line
  return `{ ${expandedText(inner, reading, depth + 1)}\n}`;
}

/** The calls of `root` outside function definitions, each with what it runs. */
function callEdits(root: Node, reading: Reading, depth: number): Array<{ start: number; end: number; text: string }> {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const visit = (node: Node) => {
    if (node.type === "function_definition") return;
    if (node.type === "command") {
      const text = expansionOf(node, reading, depth);
      if (text !== undefined) return void edits.push({ start: node.startIndex, end: node.endIndex, text });
    }
    for (const child of nonNull(node.namedChildren)) visit(child);
  };
  visit(root);
  return edits;
}

/** `text` (a body, a command string) with its calls expanded, a level deeper; as written past MAX_DEPTH or when it does not parse. */
function expandedText(text: string, reading: Reading, depth: number): string {
  if (depth > MAX_DEPTH) return text;
  const tree = reading.parser.parse(text);
  if (!tree) return text;
  try {
    return tree.rootNode.hasError ? text : replaced(text, callEdits(tree.rootNode, reading, depth));
  } finally {
    tree.delete();
  }
}

/** The functions a script defines, after those of the scripts it sources (`. ./lib.sh`, `source "$dir/common.sh"`) that `library` holds. */
function definitions(root: Node, parser: Parser, library: ScriptLibrary, seen: Set<string>, into: Map<string, string>): void {
  for (const command of nonNull(root.descendantsOfType("command"))) {
    const name = command.childForFieldName("name")?.text;
    const file = command.childrenForFieldName("argument")[0];
    if ((name !== "source" && name !== ".") || !file) continue;
    const base = baseOf(wordValue(file));
    const content = seen.has(base) ? undefined : library(base);
    if (content === undefined) continue;
    seen.add(base);
    const tree = parser.parse(content);
    if (!tree) continue;
    try {
      if (!tree.rootNode.hasError) definitions(tree.rootNode, parser, library, seen, into);
    } finally {
      tree.delete();
    }
  }
  for (const definition of nonNull(root.descendantsOfType("function_definition"))) {
    const name = definition.childForFieldName("name")?.text;
    const body = definition.childForFieldName("body");
    if (name && body) into.set(name, body.text);
  }
}

/**
 * The script with its function calls and command strings expanded (see above); undefined when it has none, does
 * not parse, or its expansion does not parse or grows past MAX_GROWTH: the script is then read as written.
 */
export function expandCalls(text: string, root: Node, parser: Parser, library: ScriptLibrary): ExpandedScript | undefined {
  const functions = new Map<string, string>();
  definitions(root, parser, library, new Set(), functions);
  const reading = { parser, functions, followed: new Set<string>() };
  const calls = callEdits(root, reading, 0);
  if (calls.length === 0) return undefined;
  // a function read at its calls is no step where it is defined: its definition is blanked (same length, lines
  // kept), so the migration is named at the call; one never followed stays as written
  const followedDefinitions = nonNull(root.descendantsOfType("function_definition")).filter((d) => reading.followed.has(d.childForFieldName("name")?.text ?? ""));
  const blanks = followedDefinitions.map((d) => ({ start: d.startIndex, end: d.endIndex, text: d.text.replace(/[^\n]/g, " ") }));
  const edits = [...calls, ...blanks].sort((a, b) => a.start - b.start);
  // where each expansion lies in the new text
  const placed: Array<{ start: number; end: number; from: number; to: number }> = [];
  let delta = 0;
  for (const edit of edits) {
    placed.push({ start: edit.start, end: edit.end, from: edit.start + delta, to: edit.start + delta + edit.text.length });
    delta += edit.text.length - (edit.end - edit.start);
  }
  if (delta > MAX_GROWTH) return undefined;
  const expanded = replaced(text, edits);
  const check = parser.parse(expanded);
  const parses = check !== null && !check.rootNode.hasError;
  check?.delete();
  if (!parses) return undefined;
  const original = (offset: number) => {
    let shift = 0;
    for (const p of placed) {
      if (offset < p.from) break;
      if (offset < p.to) return p.start;
      shift = p.to - p.end;
    }
    return offset - shift;
  };
  return { text: expanded, original, expansions: placed.map((p) => [p.from, p.to] as const) };
}
