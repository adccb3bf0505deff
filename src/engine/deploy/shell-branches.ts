/**
 * The ways a start script can run, read with tree-sitter's Bash grammar (the WASM tree-sitter-bash ships): a `case`
 * runs one arm per start, and an `if` with an `else` or `elif` one branch, so a migration in one arm and a server in
 * another never run in one container; an arm whose patterns all name development, tests or a test runner
 * (`'web-dev')`, hope's Cypress arm `"cy")`), and an `if` branch taken only on such a value
 * (`if [ "$DJANGO_ENV" = "development" ]`), never run in production. CourtListener's entrypoint migrates only in its
 * `web-dev` arm; `web-prod` execs gunicorn, and production migrates from CI before a rolling `kubectl set image`.
 * The script's calls of its own functions and its `su -c` / `sh -c` strings are first read as what they run
 * (shell-functions.ts: tracim's `alembic_as_user "upgrade head"`). Each run is that text with the branches it does not
 * take blanked (same length, so offsets keep their lines; `original` maps them back to the script as written), and
 * the arguments of commands that name files (`ln -s /etc/uwsgi/...`) and `[ ... ]` tests blanked, read by the
 * line-based deploy commands (deploy-commands.ts); beside it the same run with its quoted text and `echo`/`printf`
 * lines blanked too, where only the commands it runs count. Loaded only when a deploy decision meets a start script
 * (deploy-readers.ts).
 */
import type { Node, Parser } from "web-tree-sitter";
import { grammarOnDemand } from "../adapters/tree-sitter-grammar.js";
import { isDevelopmentName, isTestRunnerName } from "./deploy-paths.js";
import { expandCalls, type ExpandedScript, type ScriptLibrary } from "./shell-functions.js";

const grammar = grammarOnDemand("tree-sitter-bash/tree-sitter-bash.wasm");

/** Load the grammar once; later calls share the same promise. */
export const loadShellParser = (): Promise<void> => grammar.load();

/** The loaded Bash parser, for the readers loaded with this one (golang-migrate-cli.ts). */
export function shellParser(): Parser {
  const parser = grammar.parser;
  if (!parser) throw new Error("the shell reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  return parser;
}

/** runs read at most: the choices of a script's `case` statements multiply */
const MAX_RUNS = 32;

/** A pattern's or operand's text without its quotes (`'web-dev'`, `"development"`). */
const unquoted = (node: Node): string => node.text.replace(/^(["'])(.*)\1$/s, "$2");

/** `web-dev`, `development`, `test`, `cypress`: a value that names development, tests or a test runner, never production. */
const isDevelopmentValue = (text: string): boolean => text !== "" && !/[*?[$]/.test(text) && (isDevelopmentName(text) || isTestRunnerName(text));

/** A case arm all of whose patterns name development or tests. */
function isDevelopmentArm(arm: Node): boolean {
  const patterns = arm.childrenForFieldName("value").filter((p): p is Node => p !== null);
  return patterns.length > 0 && patterns.every((p) => isDevelopmentValue(unquoted(p)));
}

/** A test comparing something with a development value: `=`/`==` (the branch is development's) or `!=` (the others are). */
function developmentTest(condition: Node): "equal" | "not-equal" | undefined {
  for (const test of [condition, ...condition.descendantsOfType("binary_expression")]) {
    if (test?.type !== "binary_expression") continue;
    const operator = test.childForFieldName("operator")?.text;
    const sides = [test.childForFieldName("left"), test.childForFieldName("right")].filter((s): s is Node => s !== null);
    if (!sides.some((side) => isDevelopmentValue(unquoted(side)))) continue;
    if (operator === "=" || operator === "==") return "equal";
    if (operator === "!=") return "not-equal";
  }
  return undefined;
}

/** The statements an `if` runs when its condition holds (its body, apart from the condition and the elif/else clauses). */
function thenBody(statement: Node): Node[] {
  const conditions = new Set(statement.childrenForFieldName("condition").map((c) => c?.id));
  return statement.namedChildren.filter((c): c is Node => c !== null && !conditions.has(c.id) && c.type !== "elif_clause" && c.type !== "else_clause" && c.type !== "comment");
}

/**
 * The branches of an `if` with an `else` or `elif`, as the spans each covers: its `then` body, each `elif`, the `else`.
 * An `if` without one is a step the script may skip, not a choice between ways of starting: none.
 */
function ifBranches(statement: Node): Array<readonly [number, number]> {
  const clauses = statement.namedChildren.filter((c): c is Node => c !== null && (c.type === "elif_clause" || c.type === "else_clause"));
  const body = thenBody(statement);
  if (clauses.length === 0 || body.length === 0) return [];
  return [[body[0].startIndex, body[body.length - 1].endIndex] as const, ...clauses.map((c) => [c.startIndex, c.endIndex] as const)];
}

/** The spans of a script that run only in development or tests: such case arms and if branches. */
function developmentParts(root: Node): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  for (const arm of root.descendantsOfType("case_item")) if (arm && isDevelopmentArm(arm)) out.push([arm.startIndex, arm.endIndex]);
  for (const statement of root.descendantsOfType("if_statement")) {
    if (!statement) continue;
    const condition = statement.childrenForFieldName("condition")[0];
    const test = condition ? developmentTest(condition) : undefined;
    const body = thenBody(statement);
    if (test === "equal" && body.length > 0) out.push([body[0].startIndex, body[body.length - 1].endIndex]);
    if (test === "not-equal") out.push(...statement.namedChildren.filter((c): c is Node => c !== null && (c.type === "elif_clause" || c.type === "else_clause")).map((c) => [c.startIndex, c.endIndex] as const));
  }
  return out;
}

/** `text` with the spans blanked: every character but a line break becomes a space. */
function blanked(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  const chars = [...text.split("")];
  for (const [start, end] of spans) for (let i = start; i < end; i++) if (chars[i] !== "\n") chars[i] = " ";
  return chars.join("");
}

/**
 * commands whose arguments name files, packages or processes, never a program they start: `ln -s /etc/uwsgi/...`,
 * `rm -f /etc/uwsgi/apps-enabled/...` (tracim's entrypoint) name a server's folder, not a server start
 */
const NAMES_FILES = /^(?:ln|rm|cp|mv|mkdir|rmdir|touch|chown|chmod|chgrp|sed|cat|tee|head|tail|grep|find|ls|stat|readlink|realpath|test|\[|apt-get|apt|apk|yum|dnf|pip|pip3|a2enmod|a2dismod|a2ensite|a2dissite|ps|pgrep|pkill|kill|killall|which|wait-for-it|envsubst)$/;

/** quoted text, and the commands that only print: a server named there is not started */
function printedParts(root: Node): Node[] {
  const quoted = root.descendantsOfType(["string", "raw_string", "ansi_c_string", "heredoc_body"]).filter((n): n is Node => n !== null);
  const printing = root.descendantsOfType("command").filter((c): c is Node => c !== null && /^(?:echo|printf)$/.test(c.childForFieldName("name")?.text ?? ""));
  return [...quoted, ...printing];
}

/** the arguments of commands that name files, and the tests that read them: a server named there is not started */
function fileParts(root: Node): Node[] {
  const commands = root.descendantsOfType("command").filter((c): c is Node => c !== null && NAMES_FILES.test(c.childForFieldName("name")?.text ?? ""));
  const fileArguments = commands.flatMap((c) => c.childrenForFieldName("argument").filter((a): a is Node => a !== null));
  // `[ -L /etc/uwsgi/apps-enabled/tracim_webdav.ini ]`: a test reads files, it runs nothing
  const tests = root.descendantsOfType("test_command").filter((n): n is Node => n !== null);
  return [...fileArguments, ...tests];
}

/** One way a start script runs: its text with the branches it does not take blanked, and that text's commands alone. */
export interface ShellRun {
  text: string;
  /** `text` with quoted text and `echo`/`printf` commands blanked too: what is run, not what is printed */
  commands: string;
  /** where an offset of `text` lies in the script as written: `text` reads its function calls as the commands they run (shell-functions.ts) */
  original(offset: number): number;
}

const asWritten = (offset: number) => offset;

/**
 * The script's text once per way it can run in production: one arm of each `case` and one branch of each `if` that
 * has an `else` taken (development arms and branches never), development branches of a lone `if` left out. Its calls
 * of its own functions (and of those of the scripts it sources that `library` holds, by file name) and its command
 * strings (`su -c "..."`) read as what they run, the branches inside them all kept: a function's `if` is a step of
 * each call, not a way the container starts. The text as written when it does not parse.
 */
export function productionRuns(written: string, library: ScriptLibrary = () => undefined): ShellRun[] {
  const parser = grammar.parser;
  if (!parser) throw new Error("the shell reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  const asIs = [{ text: written, commands: written, original: asWritten }];
  const writtenTree = parser.parse(written);
  if (!writtenTree) return asIs;
  let expanded: ExpandedScript | undefined;
  try {
    if (writtenTree.rootNode.hasError) return asIs;
    expanded = expandCalls(written, writtenTree.rootNode, parser, library);
  } finally {
    writtenTree.delete();
  }
  const text = expanded?.text ?? written;
  const original = expanded?.original ?? asWritten;
  const tree = parser.parse(text);
  if (!tree) return asIs;
  try {
    const span = (n: Node) => [n.startIndex, n.endIndex] as const;
    const development = developmentParts(tree.rootNode);
    const isDevelopment = ([start, end]: readonly [number, number]) => development.some(([s, e]) => s <= start && end <= e);
    const inExpansion = (n: Node) => (expanded?.expansions ?? []).some(([s, e]) => s <= n.startIndex && n.endIndex <= e);
    // each case and each if with an else, outside what a call expands to: the arms or branches it may take, each
    // leaving the others out
    const choices: Array<Array<readonly [number, number]>> = [
      ...tree.rootNode.descendantsOfType("case_statement").filter((statement): statement is Node => statement !== null && !inExpansion(statement)).map((statement) => statement.namedChildren.filter((c): c is Node => c !== null && c.type === "case_item").map(span)),
      ...tree.rootNode.descendantsOfType("if_statement").filter((statement): statement is Node => statement !== null && !inExpansion(statement)).map(ifBranches),
    ];
    let runs: Array<Array<readonly [number, number]>> = [development];
    for (const branches of choices) {
      const taken = branches.filter((b) => !isDevelopment(b));
      if (branches.length < 2 || taken.length === 0 || runs.length * taken.length > MAX_RUNS) continue;
      runs = runs.flatMap((run) => taken.map((branch) => [...run, ...branches.filter((other) => other !== branch)]));
    }
    const printed = printedParts(tree.rootNode).map(span);
    const files = fileParts(tree.rootNode).map(span);
    return runs.map((spans) => ({ text: spans.length || files.length ? blanked(text, [...spans, ...files]) : text, commands: blanked(text, [...spans, ...files, ...printed]), original }));
  } finally {
    tree.delete();
  }
}
