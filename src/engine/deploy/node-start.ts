/**
 * A Node application's start code that applies the migrations before the server listens, read with Babel's parser
 * (JavaScript and TypeScript): knex's `migrate.latest()`, umzug's `up()`, TypeORM's `runMigrations()`, drizzle's
 * `migrate(...)` from a `drizzle-orm/<driver>/migrator` module, run before `listen(...)`.
 * "Before" is the order the code runs in, as far as one file shows it: within one function the statements' order;
 * a migration inside a named function counts where that function is called (`await migrate(); app.listen()`), and a
 * migration in the `listen` callback runs after the server listens. A migrate command the start code runs through
 * child_process or execa (`exec("npx prisma migrate deploy", cb)`: peppermint) counts when the server's function
 * waits for it before `listen` (shellMigration). Loaded only when a deploy decision meets a
 * JavaScript or TypeScript file (deploy-readers.ts).
 */
import { parse, type ParserPlugin } from "@babel/parser";
import type { SourceFile } from "../model.js";
import { resolveImport } from "./node-import-paths.js";

/** The parts of a Babel node this reader uses. */
interface AstNode {
  type: string;
  start?: number | null;
  loc?: { start: { line: number } } | null;
  [key: string]: unknown;
}

type Migrator = "knex" | "umzug" | "TypeORM" | "drizzle" | "Prisma" | "Sequelize" | "node-pg-migrate";

export interface StartMigration {
  /** the file of the migration call, when it is not the start file (another module's function the start code calls) */
  path?: string;
  /** 1-based line of the migration call */
  line: number;
  /** where the start file calls that function */
  calledAt?: { path: string; line: number };
  migrator: Migrator;
  /** the call as a reader knows it (`migrate.latest()`) */
  call: string;
}

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ObjectMethod", "ClassMethod", "ClassPrivateMethod"]);
const NOT_CHILDREN = new Set(["loc", "start", "end", "extra", "leadingComments", "trailingComments", "innerComments", "comments", "tokens", "range"]);
const isNode = (value: unknown): value is AstNode => typeof value === "object" && value !== null && typeof (value as AstNode).type === "string";

function parseModule(file: SourceFile): AstNode | undefined {
  const typescript = /\.[cm]?tsx?$/.test(file.path);
  const plugins: ParserPlugin[] = typescript ? ["typescript", "decorators-legacy"] : ["jsx"];
  if (/\.tsx$/.test(file.path)) plugins.push("jsx");
  try {
    return parse(file.content, { sourceType: "unambiguous", plugins, errorRecovery: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true }) as unknown as AstNode;
  } catch {
    // not JavaScript this parser reads: no start code here
    return undefined;
  }
}

/** Every node with its parent, in source order. */
function nodesOf(root: AstNode): { nodes: AstNode[]; parent: Map<AstNode, AstNode> } {
  const nodes: AstNode[] = [];
  const parent = new Map<AstNode, AstNode>();
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    const children: AstNode[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (NOT_CHILDREN.has(key)) continue;
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) children.push(child);
    }
    for (const child of children) parent.set(child, node);
    stack.push(...children.reverse());
  }
  return { nodes: nodes.sort((a, b) => (a.start ?? 0) - (b.start ?? 0)), parent };
}

const name = (node: unknown): string | undefined => (isNode(node) && node.type === "Identifier" ? (node.name as string) : isNode(node) && node.type === "PrivateName" ? name(node.id) : undefined);
const stringValue = (node: unknown): string | undefined => (isNode(node) && node.type === "StringLiteral" ? (node.value as string) : undefined);
const isCall = (node: AstNode) => node.type === "CallExpression" || node.type === "OptionalCallExpression";
const isMember = (node: unknown): node is AstNode => isNode(node) && (node.type === "MemberExpression" || node.type === "OptionalMemberExpression");
/** `x.name(...)` or `x?.name(...)`: the property called */
const calledProperty = (call: AstNode): string | undefined => (isMember(call.callee) && !call.callee.computed ? name(call.callee.property) : undefined);

/** The modules a file imports (import declarations and `require("x")`), with the local names bound from each. */
function importsOf(nodes: readonly AstNode[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const bind = (source: string, local: string | undefined) => {
    const names = out.get(source) ?? new Set<string>();
    if (local) names.add(local);
    out.set(source, names);
  };
  for (const node of nodes) {
    if (node.type === "ImportDeclaration") {
      const source = stringValue(node.source);
      if (source === undefined) continue;
      bind(source, undefined);
      for (const specifier of (node.specifiers as AstNode[]) ?? []) bind(source, name(specifier.local));
    }
    if (node.type === "VariableDeclarator" && isNode(node.init) && isCall(node.init) && name(node.init.callee) === "require") {
      const source = stringValue((node.init.arguments as AstNode[])[0]);
      if (source === undefined) continue;
      bind(source, name(node.id));
      if (isNode(node.id) && node.id.type === "ObjectPattern") for (const property of node.id.properties as AstNode[]) bind(source, name(property.value));
    }
  }
  return out;
}

const DRIZZLE_MIGRATOR = /^drizzle-orm\/[\w-]+(?:\/[\w-]+)?\/migrator$/;
/** Prisma's programmatic migrate engine (`import { Migrate } from '@prisma/migrate/dist/Migrate'`), what `prisma migrate deploy` runs */
const PRISMA_MIGRATE = /^@prisma\/migrate(?:\/|$)/;

/** The migrator a call runs, if it is one. */
function migratorOf(call: AstNode, imports: Map<string, Set<string>>): { migrator: Migrator; call: string } | undefined {
  const property = calledProperty(call);
  if (property === "latest" && isMember(call.callee) && isMember(call.callee.object) && name(call.callee.object.property) === "migrate") return { migrator: "knex", call: "migrate.latest()" };
  if (property === "runMigrations") return { migrator: "TypeORM", call: "runMigrations()" };
  if (property === "up" && imports.has("umzug")) return { migrator: "umzug", call: "up()" };
  if (property === "applyMigrations" && [...imports.keys()].some((source) => PRISMA_MIGRATE.test(source))) return { migrator: "Prisma", call: "applyMigrations()" };
  const callee = name(call.callee);
  if (callee && [...imports].some(([source, names]) => DRIZZLE_MIGRATOR.test(source) && names.has(callee))) return { migrator: "drizzle", call: `${callee}()` };
  return undefined;
}

/**
 * The migrate commands of Node's migrators, as a start file runs them through child_process or execa: the command
 * alone or first after a package runner (`npx`, `yarn`, `pnpm exec`, `npm exec`, `bunx`) or after `&&` / `;`.
 */
const RUNNER = String.raw`(?:^|&&|;)\s*(?:(?:npx|bunx|yarn|pnpm(?:\s+exec)?|npm\s+exec(?:\s+--)?)\s+(?:--?[\w-]+\s+)*)?`;
const NODE_MIGRATE_COMMANDS: ReadonlyArray<[Migrator, RegExp]> = [
  ["Prisma", new RegExp(`${RUNNER}prisma\\s+migrate\\s+deploy\\b`)],
  ["knex", new RegExp(`${RUNNER}knex\\s+(?:--?[\\w-]+(?:[= ]\\S+)?\\s+)*migrate:latest\\b`)],
  ["Sequelize", new RegExp(`${RUNNER}sequelize(?:-cli)?\\s+db:migrate(?![:\\w])`)],
  ["drizzle", new RegExp(`${RUNNER}drizzle-kit\\s+migrate\\b`)],
  ["TypeORM", new RegExp(`${RUNNER}typeorm(?:-ts-node-(?:commonjs|esm))?\\s+(?:--?[\\w-]+(?:[= ]\\S+)?\\s+)*migration:run\\b`)],
  ["node-pg-migrate", new RegExp(`${RUNNER}node-pg-migrate\\s+(?:--?[\\w-]+(?:[= ]\\S+)?\\s+)*up\\b`)],
];

/** child_process's and execa's functions that block until the command ends: no await needed */
const SYNC_COMMANDS = new Set(["execSync", "spawnSync", "execFileSync", "execaSync", "execaCommandSync"]);

/** A string written whole: a literal, or a template without `${...}` (a command built at run time is not read). */
function wholeString(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === "StringLiteral") return node.value as string;
  if (node.type === "TemplateLiteral" && (node.expressions as unknown[]).length === 0) return literalText(node);
  return undefined;
}

/** The names a file binds to child_process's or execa's functions, or to the module itself; `promisify(exec)` too. */
function commandRunners(nodes: readonly AstNode[], imports: Map<string, Set<string>>): Set<string> {
  const bound = new Set([...imports].filter(([source]) => CHILD_PROCESS.has(source)).flatMap(([, names]) => [...names]));
  if (bound.size === 0) return bound;
  for (const node of nodes) {
    // `const execAsync = promisify(exec)` / `util.promisify(cp.exec)`: the promise-returning form of a bound function
    if (node.type !== "VariableDeclarator" || !isNode(node.init) || !isCall(node.init)) continue;
    const callee = name(node.init.callee) ?? calledProperty(node.init);
    const wrapped = (node.init.arguments as unknown[])[0];
    const wraps = isNode(wrapped) && (bound.has(name(wrapped) ?? "") || (isMember(wrapped) && bound.has(name(wrapped.object) ?? "")));
    const local = name(node.id);
    if (callee === "promisify" && wraps && local) bound.add(local);
  }
  return bound;
}

/** The migrate command a call runs through child_process or execa, with the migrator it belongs to. */
function shellMigrationCall(call: AstNode, runners: ReadonlySet<string>): { migrator: Migrator; command: string; sync: boolean } | undefined {
  const callee = name(call.callee) ?? calledProperty(call);
  if (!callee) return undefined;
  // a bound function (`exec`, `execAsync`) or one called on the bound module (`cp.execSync`)
  const bound = name(call.callee) !== undefined ? runners.has(callee) : isMember(call.callee) && runners.has(name(call.callee.object) ?? "") && RUNS_COMMAND.has(callee);
  if (!bound) return undefined;
  const [first, args] = call.arguments as unknown[];
  const text = wholeString(first);
  if (text === undefined) return undefined;
  const words = isNode(args) && args.type === "ArrayExpression" ? (args.elements as unknown[]).map(wholeString) : [];
  if (words.some((w) => w === undefined)) return undefined;
  const command = [text, ...words].join(" ").trim();
  const found = NODE_MIGRATE_COMMANDS.find(([, pattern]) => pattern.test(command));
  return found && { migrator: found[0], command, sync: SYNC_COMMANDS.has(callee) };
}

/** `node` with the parentheses and TypeScript casts around it left out: the expression its parent sees */
function outerOf(node: AstNode, parent: Map<AstNode, AstNode>): AstNode {
  let at = node;
  for (let up = parent.get(at); up && ["ParenthesizedExpression", "TSAsExpression", "TSNonNullExpression", "TSSatisfiesExpression"].includes(up.type); up = parent.get(at)) at = up;
  return at;
}

const isAwaited = (node: AstNode, parent: Map<AstNode, AstNode>) => parent.get(outerOf(node, parent))?.type === "AwaitExpression";

/**
 * Where the server's function waits for a command call: the call itself when it blocks (`execSync`) or is awaited
 * (`await execa(...)`), else the awaited `new Promise(...)` whose executor runs it, directly or in a callback of a
 * call there (peppermint: `await new Promise((resolve) => exec("npx prisma migrate deploy", cb))`, resolved from the
 * callbacks). Undefined when nothing waits: `exec(...)` alone returns before the command ends.
 */
function awaitedAt(call: AstNode, sync: boolean, parent: Map<AstNode, AstNode>): AstNode | undefined {
  if (sync || isAwaited(call, parent)) return call;
  for (let fn = parent.get(call); fn; fn = parent.get(fn)) {
    if (!FUNCTION_TYPES.has(fn.type)) continue;
    const holder = parent.get(fn);
    if (holder?.type === "NewExpression" && name(holder.callee) === "Promise" && (holder.arguments as unknown[])[0] === fn) return isAwaited(holder, parent) ? holder : undefined;
    // only a callback (a function passed to a call) may lie between the command and the executor
    if (!holder || !isCall(holder) || !(holder.arguments as unknown[]).includes(fn)) return undefined;
  }
  return undefined;
}

/**
 * A migrate command the start file runs through child_process or execa and waits for (awaitedAt) before a `listen`
 * of the same function (a command in another function, or not waited for, may still run when the server listens).
 */
function shellMigration(tree: Parsed, imports: Map<string, Set<string>>, listens: readonly AstNode[]): StartMigration | undefined {
  const runners = commandRunners(tree.nodes, imports);
  if (runners.size === 0) return undefined;
  const enclosing = (node: AstNode): AstNode | undefined => {
    for (let up = tree.parent.get(node); up; up = tree.parent.get(up)) if (FUNCTION_TYPES.has(up.type)) return up;
    return undefined;
  };
  for (const call of tree.nodes.filter(isCall)) {
    const shell = shellMigrationCall(call, runners);
    const waited = shell && awaitedAt(call, shell.sync, tree.parent);
    if (!shell || !waited) continue;
    const fn = enclosing(waited);
    if (!listens.some((listen) => enclosing(listen) === fn && (waited.start ?? 0) < (listen.start ?? 0))) continue;
    const callee = name(call.callee) ?? calledProperty(call);
    return { line: call.loc?.start.line ?? 1, migrator: shell.migrator, call: `${callee}(${JSON.stringify(shell.command)})` };
  }
  return undefined;
}

/** The name a function is called by: its own, the variable or property it is assigned to, the method's key. */
function functionName(fn: AstNode, parent: Map<AstNode, AstNode>): string | undefined {
  if (fn.type === "FunctionDeclaration" || fn.type === "FunctionExpression") {
    const own = name(fn.id);
    if (own) return own;
  }
  if (fn.type === "ObjectMethod" || fn.type === "ClassMethod" || fn.type === "ClassPrivateMethod") return name(fn.key);
  const up = parent.get(fn);
  if (up?.type === "VariableDeclarator") return name(up.id);
  if (up?.type === "AssignmentExpression") return name(up.left) ?? (isMember(up.left) ? name(up.left.property) : undefined);
  if (up?.type === "ClassProperty" || up?.type === "ObjectProperty") return name(up.key);
  return undefined;
}

/**
 * Whether `first` runs before `second`: within one function by position. A call in a deeper function moves out to
 * where that function runs: a named function to its first call in the file (`await migrate()`), any other (a
 * callback) to where it is written (`.then(() => app.listen())`, `app.listen(port, () => ...)`).
 */
function runsBefore(first: AstNode, second: AstNode, calls: readonly AstNode[], parent: Map<AstNode, AstNode>): boolean {
  const enclosing = (node: AstNode): AstNode | undefined => {
    for (let up = parent.get(node); up; up = parent.get(up)) if (FUNCTION_TYPES.has(up.type)) return up;
    return undefined;
  };
  const within = (node: AstNode, fn: AstNode | undefined): boolean => {
    if (!fn) return true;
    for (let up = parent.get(node); up; up = parent.get(up)) if (up === fn) return true;
    return false;
  };
  /** where a function runs: the earliest call of its name outside it, else where it is written */
  const runsAt = (fn: AstNode): AstNode => {
    const called = functionName(fn, parent);
    return (called && calls.find((c) => !within(c, fn) && (name(c.callee) === called || calledProperty(c) === called))) || fn;
  };
  let a = first;
  let b = second;
  for (let step = 0; step < 12; step++) {
    const fa = enclosing(a);
    const fb = enclosing(b);
    if (fa === fb) return (a.start ?? 0) < (b.start ?? 0);
    if (fb && within(b, fa)) b = runsAt(fb);
    else if (fa) a = runsAt(fa);
    else return (a.start ?? 0) < (b.start ?? 0);
  }
  return false;
}

interface Parsed {
  nodes: AstNode[];
  parent: Map<AstNode, AstNode>;
}

/** each file parsed once per analysis: the start code and the shell commands are read from the same tree */
const parsedFiles = new WeakMap<SourceFile, Parsed | null>();

function parsed(file: SourceFile): Parsed | undefined {
  if (!parsedFiles.has(file)) {
    const root = parseModule(file);
    parsedFiles.set(file, root ? nodesOf(root) : null);
  }
  return parsedFiles.get(file) ?? undefined;
}

const CHILD_PROCESS = new Set(["child_process", "node:child_process", "execa"]);
const RUNS_COMMAND = new Set(["exec", "execSync", "spawn", "spawnSync", "execFile", "execFileSync", "execa", "execaSync", "execaCommand", "execaCommandSync"]);

/** A string argument as written: a literal, or a template's fixed parts (`${...}` left out). */
function literalText(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === "StringLiteral") return node.value as string;
  if (node.type === "TemplateLiteral") return (node.quasis as AstNode[]).map((q) => (q.value as { cooked?: string; raw: string }).cooked ?? (q.value as { raw: string }).raw).join(" ");
  return undefined;
}

/**
 * The shell commands a Node script runs through child_process or execa, in source order: `execSync("prisma migrate
 * deploy")`, `spawnSync("npx", ["knex", "migrate:latest"])` (umami's scripts/check-db.js).
 */
export function shellCommands(file: SourceFile): string[] {
  const tree = parsed(file);
  if (!tree) return [];
  const imports = importsOf(tree.nodes);
  const bound = new Set([...imports].filter(([source]) => CHILD_PROCESS.has(source)).flatMap(([, names]) => [...names]));
  if (bound.size === 0) return [];
  const out: string[] = [];
  for (const call of tree.nodes.filter(isCall)) {
    const callee = name(call.callee) ?? calledProperty(call);
    // the function itself imported (`import { execSync }`), or called on the module (`cp.execSync(...)`)
    const imported = (name(call.callee) !== undefined && bound.has(callee!)) || (isMember(call.callee) && bound.has(name(call.callee.object) ?? ""));
    if (!callee || !RUNS_COMMAND.has(callee) || !imported) continue;
    const [command, args] = call.arguments as unknown[];
    const text = literalText(command);
    if (text === undefined) continue;
    const words = isNode(args) && args.type === "ArrayExpression" ? (args.elements as unknown[]).map(literalText).filter((w): w is string => w !== undefined) : [];
    out.push([text, ...words].join(" "));
  }
  return out;
}

const within = (node: AstNode, fn: AstNode, parent: Map<AstNode, AstNode>): boolean => {
  for (let up = parent.get(node); up; up = parent.get(up)) if (up === fn) return true;
  return false;
};

/** how many calls a migration is followed through from the start file, across modules or within one (zipline's
 * index.ts registers plugins/prisma.ts's plugin, which calls util.ts's `migrations()`, which applies them) */
const FOLLOWED_CALLS = 3;

/** packages that wrap a plugin function in a call of their own (`export default fastifyPlugin(prismaPlugin, {...})`) */
const PLUGIN_WRAPPERS = new Set(["fastify-plugin"]);

/** The functions of `tree` named `called`. */
const functionsNamed = (tree: Parsed, called: string): AstNode[] => tree.nodes.filter((n) => FUNCTION_TYPES.has(n.type) && functionName(n, tree.parent) === called);

/**
 * The functions a module exports as its default: `export default function x`, `export default x`, `module.exports =
 * x`, or the function a plugin wrapper wraps (`export default fastifyPlugin(x, ...)`, fastify-plugin imported).
 */
function defaultExports(tree: Parsed): AstNode[] {
  const imports = importsOf(tree.nodes);
  const wrappers = new Set([...imports].filter(([source]) => PLUGIN_WRAPPERS.has(source)).flatMap(([, names]) => [...names]));
  const functionsOf = (value: unknown): AstNode[] => {
    if (!isNode(value)) return [];
    if (FUNCTION_TYPES.has(value.type)) return [value];
    const local = name(value);
    if (local) return functionsNamed(tree, local);
    if (isCall(value) && wrappers.has(name(value.callee) ?? "")) return functionsOf((value.arguments as unknown[])[0]);
    return [];
  };
  const out: AstNode[] = [];
  for (const node of tree.nodes) {
    if (node.type === "ExportDefaultDeclaration") out.push(...functionsOf(node.declaration));
    const exportsModule = node.type === "AssignmentExpression" && isMember(node.left) && name(node.left.object) === "module" && name(node.left.property) === "exports";
    if (exportsModule) out.push(...functionsOf(node.right));
  }
  return out;
}

/**
 * A migration call inside one of `functions` of `file`, or in a function they call: of the same file (uptime-kuma's
 * `Database.patch()` runs `knex.migrate.latest()`) or one another module of the project exports.
 */
function migrationIn(file: SourceFile, functions: readonly AstNode[], files: ReadonlyMap<string, SourceFile>, depth = FOLLOWED_CALLS): (StartMigration & { path: string }) | undefined {
  const tree = parsed(file);
  if (!tree) return undefined;
  const imports = importsOf(tree.nodes);
  const calls = tree.nodes.filter(isCall);
  for (const fn of functions) {
    const inside = calls.filter((c) => within(c, fn, tree.parent));
    for (const call of inside) {
      const migration = migratorOf(call, imports);
      if (migration) return { path: file.path, line: call.loc?.start.line ?? 1, ...migration };
    }
    if (depth > 1)
      for (const call of inside) {
        const next = name(call.callee) ?? calledProperty(call);
        const local = next && next !== functionName(fn, tree.parent) ? migrationIn(file, functionsNamed(tree, next), files, depth - 1) : undefined;
        const found = local ?? importedMigration(call, imports, file.path, files, depth - 1);
        if (found) return found;
      }
  }
  return undefined;
}

/**
 * A call of a function or method that another file of the project exports and that migrates there: `runMigrations()`
 * bound by an import, `Database.patch()` on a module's default export or namespace, or a Fastify plugin an import
 * binds passed to `register(...)` (Fastify runs every registered plugin when the server boots, before `listen`
 * listens: zipline's `server.register(prismaPlugin)`).
 */
function importedMigration(call: AstNode, imports: Map<string, Set<string>>, from: string, files: ReadonlyMap<string, SourceFile>, depth = FOLLOWED_CALLS): (StartMigration & { path: string }) | undefined {
  const plugin = calledProperty(call) === "register" ? name((call.arguments as unknown[])[0]) : undefined;
  const local = plugin ?? name(call.callee) ?? (isMember(call.callee) ? name(call.callee.object) : undefined);
  const called = plugin ?? name(call.callee) ?? calledProperty(call);
  if (!local || !called) return undefined;
  for (const [source, names] of imports) {
    if (!names.has(local)) continue;
    const target = resolveImport(from, source, files);
    const tree = target && target.path !== from ? parsed(target) : undefined;
    if (!tree) continue;
    // a plugin is the function its module exports: by its own name, or the default export an import binds under any name
    const functions = plugin ? [...functionsNamed(tree, plugin), ...defaultExports(tree)] : functionsNamed(tree, called);
    const found = migrationIn(target!, functions, files, depth);
    if (found) return found;
  }
  return undefined;
}

/**
 * The migration this file's code runs before its server listens, if any: a migration call in the file, or a call of
 * a function that another file (`files`, by path; with the tsconfig.json files that map bare imports) exports and
 * that migrates there, a few calls away.
 */
export function startMigration(file: SourceFile, files: readonly SourceFile[] = []): StartMigration | undefined {
  const tree = parsed(file);
  if (!tree) return undefined;
  const { nodes, parent } = tree;
  const calls = nodes.filter(isCall);
  const listens = calls.filter((c) => calledProperty(c) === "listen");
  if (listens.length === 0) return undefined;
  const imports = importsOf(nodes);
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const call of calls) {
    const migration = migratorOf(call, imports);
    const imported = migration ? undefined : importedMigration(call, imports, file.path, byPath);
    if (!migration && !imported) continue;
    if (!listens.some((listen) => runsBefore(call, listen, calls, parent))) continue;
    const line = call.loc?.start.line ?? 1;
    return migration ? { line, ...migration } : { ...imported!, calledAt: { path: file.path, line } };
  }
  return shellMigration(tree, imports, listens);
}
