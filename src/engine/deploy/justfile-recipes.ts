/**
 * A justfile's recipes (just, the command runner: https://just.systems), read by just's grammar (its GRAMMAR.md) for
 * what the deploy needs: each recipe's name, the recipes it depends on (run before its body, or after it when they
 * follow `&&`) and the commands of its body. No grammar for justfiles is published on npm (tree-sitter-just is not,
 * and tree-sitter-make's Makefile grammar errs on just's attributes, `:=` and space-indented bodies), so the items are
 * read here: a line at column 0 is an attribute (`[group("Services")]`), a setting, alias, import, module, assignment
 * or comment, or a recipe's header, `@`? NAME parameter* `:` dependency*; the indented lines after a header are its
 * body. A header is scanned character by character, quotes and parentheses kept whole, so a parameter's default
 * (`port="80:80"`) never ends it.
 */

export interface JustRecipe {
  name: string;
  /** 1-based line of the header */
  line: number;
  /** the recipes run before the body, in order */
  before: string[];
  /** the recipes run after it (those after `&&`) */
  after: string[];
  /** the body's commands, without their `@` / `-` prefixes, one per line (a shebang recipe's script lines) */
  body: string[];
}

const isNameStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_-]/.test(c);
/** keywords that open an item other than a recipe when a space follows */
const OTHER_ITEMS = new Set(["set", "alias", "export", "import", "mod", "unexport"]);

/** The offset of the `:` that ends a recipe header (quotes, parentheses and braces kept whole), or -1 for an assignment (`:=`) or none. */
function headerColon(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === "`") {
      const end = text.indexOf(c, i + 1);
      if (end === -1) return -1;
      i = end;
    } else if (c === "(" || c === "{") depth++;
    else if (c === ")" || c === "}") depth--;
    else if (c === ":" && depth === 0) return text[i + 1] === "=" ? -1 : i;
    else if (c === "#" && depth === 0) return -1;
  }
  return -1;
}

/** The dependencies after a header's `:`: names, `(name args...)`, the ones after `&&` run after the body. */
function dependencies(text: string): { before: string[]; after: string[] } {
  const out = { before: [] as string[], after: [] as string[] };
  let list = out.before;
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === "#") break;
    if (c === "&" && text[i + 1] === "&") {
      list = out.after;
      i += 2;
    } else if (c === "(") {
      // `(test args)`: the recipe is the first name inside, the rest its arguments
      let j = i + 1;
      while (text[j] === " " || text[j] === "\t") j++;
      const start = j;
      while (isNameChar(text[j])) j++;
      if (j > start) list.push(text.slice(start, j));
      let depth = 1;
      for (j = i + 1; j < text.length && depth > 0; j++) depth += text[j] === "(" ? 1 : text[j] === ")" ? -1 : 0;
      i = j;
    } else if (isNameStart(c)) {
      const start = i;
      while (isNameChar(text[i])) i++;
      list.push(text.slice(start, i));
    } else i++;
  }
  return out;
}

/** A body line as the shell gets it: its indentation and just's `@` (quiet) and `-` (ignore errors) prefixes dropped. */
const command = (line: string) => line.trim().replace(/^[@-]{1,2}/, "");

/** The recipes of a justfile, by name. */
export function justRecipes(content: string): Map<string, JustRecipe> {
  const recipes = new Map<string, JustRecipe>();
  const lines = content.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].replace(/\r$/, "");
    if (text === "" || text[0] === " " || text[0] === "\t" || text[0] === "#" || text[0] === "[") continue;
    let at = text[0] === "@" ? 1 : 0;
    if (!isNameStart(text[at])) continue;
    const start = at;
    while (isNameChar(text[at])) at++;
    const name = text.slice(start, at);
    if (OTHER_ITEMS.has(name) && (text[at] === " " || text[at] === "\t")) continue;
    const colon = headerColon(text, at);
    if (colon === -1) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j].replace(/\r$/, "");
      if (line.trim() === "") continue;
      if (line[0] !== " " && line[0] !== "\t") break;
      body.push(command(line));
    }
    // a shebang recipe runs its body as one script: its lines are its commands, the `#!` line is none
    if (body[0]?.startsWith("#!")) body.shift();
    recipes.set(name, { name, line: i + 1, ...dependencies(text.slice(colon + 1)), body: body.filter((l) => !l.startsWith("#")) });
    i = j - 1;
  }
  return recipes;
}

/** how deep recipes that call recipes are followed */
const MAX_DEPTH = 8;

/**
 * The recipe the words of a command run with `just` (`just prod-api-up`, `just --justfile ./justfile serve`): the first
 * word after `just` and its options that is no option, or undefined.
 */
export function justInvocation(words: readonly string[]): string | undefined {
  const at = words.indexOf("just");
  if (at === -1) return undefined;
  for (let i = at + 1; i < words.length; i++) {
    const word = words[i];
    // options that take a value (the justfile, the working directory), and `--set NAME VALUE`, which takes two
    if (word === "--set") i += 2;
    else if (/^(?:-f|--justfile|-d|--working-directory|--dotenv-filename|--dotenv-path|--shell|--shell-arg|--command|-c)$/.test(word)) i++;
    else if (!word.startsWith("-") && !word.includes("=")) return word;
  }
  return undefined;
}

/** What running `name` runs, in order: its dependencies, its body (a `just <recipe>` line followed), its `&&` dependencies. */
export function recipeCommands(recipes: ReadonlyMap<string, JustRecipe>, name: string, depth = 0): string[] {
  const recipe = recipes.get(name);
  if (!recipe || depth > MAX_DEPTH) return [];
  const follow = (names: string[]) => names.flatMap((n) => recipeCommands(recipes, n, depth + 1));
  const body = recipe.body.flatMap((line) => {
    const called = justInvocation(line.split(/\s+/));
    return called !== undefined && recipes.has(called) ? recipeCommands(recipes, called, depth + 1) : [line];
  });
  return [...follow(recipe.before), ...body, ...follow(recipe.after)];
}
