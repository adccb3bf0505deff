/**
 * The ways a start script can run, read with tree-sitter's Bash grammar (the WASM tree-sitter-bash ships): a `case`
 * runs one arm per start, so a migration in one arm and a server in another never run in one container; an arm
 * whose patterns all name development or tests (`'web-dev')`), and an `if` branch taken only on such a value
 * (`if [ "$DJANGO_ENV" = "development" ]`), never run in production. CourtListener's entrypoint migrates only in its
 * `web-dev` arm; `web-prod` execs gunicorn, and production migrates from CI before a rolling `kubectl set image`.
 * Each run is the script's text with the branches it does not take blanked (same length, so offsets keep their
 * lines), read by the line-based deploy commands (deploy-commands.ts). Loaded only when a deploy decision meets a
 * start script (deploy-readers.ts).
 */
import type { Node, Parser } from "web-tree-sitter";
import { grammarParser } from "../adapters/tree-sitter-grammar.js";
import { isDevelopmentName } from "./deploy-paths.js";

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Load the grammar once; later calls share the same promise. */
export const loadShellParser = (): Promise<void> =>
  (loading ??= grammarParser("tree-sitter-bash/tree-sitter-bash.wasm").then((loaded) => {
    parser = loaded;
  }));

/** runs read at most: the choices of a script's `case` statements multiply */
const MAX_RUNS = 32;

/** A pattern's or operand's text without its quotes (`'web-dev'`, `"development"`). */
const unquoted = (node: Node): string => node.text.replace(/^(["'])(.*)\1$/s, "$2");

/** `web-dev`, `development`, `test`: a value that names development or tests, never production. */
const isDevelopmentValue = (text: string): boolean => text !== "" && !/[*?[$]/.test(text) && isDevelopmentName(text);

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

/** The parts of a script that run only in development or tests: such case arms and if branches. */
function developmentParts(root: Node): Node[] {
  const out: Node[] = [];
  for (const arm of root.descendantsOfType("case_item")) if (arm && isDevelopmentArm(arm)) out.push(arm);
  for (const statement of root.descendantsOfType("if_statement")) {
    if (!statement) continue;
    const condition = statement.childrenForFieldName("condition")[0];
    const test = condition ? developmentTest(condition) : undefined;
    if (test === "equal") out.push(...thenBody(statement));
    if (test === "not-equal") out.push(...statement.namedChildren.filter((c): c is Node => c !== null && (c.type === "elif_clause" || c.type === "else_clause")));
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
 * The script's text once per way it can run in production: one arm of each `case` taken (development arms never),
 * development branches of an `if` left out. The text as written when it does not parse.
 */
export function productionRuns(text: string): string[] {
  if (!parser) throw new Error("the shell reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  const tree = parser.parse(text);
  if (!tree) return [text];
  try {
    if (tree.rootNode.hasError) return [text];
    const development = developmentParts(tree.rootNode);
    const span = (n: Node) => [n.startIndex, n.endIndex] as const;
    const always = development.map(span);
    // each case: the arms it may take, each leaving the others out
    let runs: Array<Array<readonly [number, number]>> = [always];
    for (const statement of tree.rootNode.descendantsOfType("case_statement")) {
      const arms = statement?.namedChildren.filter((c): c is Node => c !== null && c.type === "case_item") ?? [];
      const taken = arms.filter((arm) => !isDevelopmentArm(arm));
      if (arms.length < 2 || taken.length === 0 || runs.length * taken.length > MAX_RUNS) continue;
      runs = runs.flatMap((run) => taken.map((arm) => [...run, ...arms.filter((other) => other.id !== arm.id).map(span)]));
    }
    return runs.map((spans) => (spans.length ? blanked(text, spans) : text));
  } finally {
    tree.delete();
  }
}
