/**
 * What a word of JavaScript or TypeScript is, read with Babel's parser: a property name (`.prepare`, the key of
 * `{ prepare: true }` or of a destructuring, a type's or class's property), text inside a string or template
 * literal (with the literal's whole text, to tell a field name or SQL from prose), a comment, JSX prose, or
 * anything else (a local name, a function or type name, part of a regular expression). Loaded only when a plain
 * SQL migration drops something (script-syntax-loader.ts): a lint that drops nothing never loads Babel.
 */
import { parse, type ParserPlugin } from "@babel/parser";
import { isScriptPath } from "./script-syntax-loader.js";
import { isDatabaseClientModule } from "./script-database-clients.js";
import type { SourceFile } from "../model.js";

export type ScriptPlace =
  | { kind: "property" }
  /** `callArgument`: the string is a call's first argument (`knex('prefixes')`, `.from('prefixes')`, `@Entity('prefixes')`) */
  | { kind: "string"; text: string; callArgument?: true }
  | { kind: "comment" }
  | { kind: "prose" }
  | { kind: "other" };

interface AstNode {
  type: string;
  start?: number | null;
  end?: number | null;
  [key: string]: unknown;
}

const NOT_CHILDREN = new Set(["loc", "start", "end", "extra", "leadingComments", "trailingComments", "innerComments", "comments", "tokens", "range"]);
const isNode = (value: unknown): value is AstNode => typeof value === "object" && value !== null && typeof (value as AstNode).type === "string";

export interface ScriptSyntax {
  /** what the text at [start, end) is */
  placeOf(start: number, end: number): ScriptPlace;
  /** the module imports a GraphQL client: the fields it names are the API's, which the server's resolvers map */
  graphqlClient: boolean;
  /** the module imports or requires a database client, query builder or ORM (`pg`, `knex`, `@prisma/client`) */
  databaseClient: boolean;
}

/** GraphQL clients of a browser or app (Apollo's, urql, their Angular/Vue/Svelte bindings): code that reads an API, not a database. */
const GRAPHQL_CLIENTS = /^(?:apollo-angular|@apollo\/client|urql|@urql\/[\w-]+|villus|@vue\/apollo-composable|vue-apollo|svelte-apollo)(?:\/|$)/;

/** The module a node imports, requires or re-exports from, as written. */
function moduleOf(node: AstNode): string | undefined {
  const text = (n: unknown) => (isNode(n) && n.type === "StringLiteral" ? (n.value as string) : undefined);
  if (node.type === "ImportDeclaration" || node.type === "ExportAllDeclaration" || node.type === "ExportNamedDeclaration") return text(node.source);
  if (node.type === "TSImportEqualsDeclaration") return isNode(node.moduleReference) ? text(node.moduleReference.expression) : undefined;
  if (node.type === "ImportExpression") return text(node.source);
  if (node.type !== "CallExpression") return undefined;
  const callee = node.callee as AstNode;
  const [first] = (node.arguments as unknown[]) ?? [];
  return (callee.type === "Identifier" && callee.name === "require") || callee.type === "Import" ? text(first) : undefined;
}

interface Piece {
  start: number;
  end: number;
  place: ScriptPlace;
}

/** Property keys a record's field shows up as: member access, object keys (and shorthand), destructuring, type and class properties. */
function propertyKeys(node: AstNode): unknown[] {
  switch (node.type) {
    case "MemberExpression":
    case "OptionalMemberExpression":
      return node.computed ? [] : [node.property];
    case "ObjectProperty":
    case "TSPropertySignature":
    case "ClassProperty":
    case "ClassAccessorProperty":
      return node.computed ? [] : [node.key];
    default:
      return [];
  }
}

function pluginsFor(path: string): ParserPlugin[] {
  if (/\.[cm]?ts$/.test(path)) return ["typescript", "decorators-legacy"];
  if (/\.tsx$/.test(path)) return ["typescript", "decorators-legacy", "jsx"];
  return ["jsx"];
}

/** Babel's reading of a JavaScript or TypeScript file; undefined for another language or one it cannot read. */
export function scriptSyntax(file: SourceFile): ScriptSyntax | undefined {
  if (!isScriptPath(file.path)) return undefined;
  let root: AstNode & { comments?: AstNode[] };
  try {
    root = parse(file.content, { sourceType: "unambiguous", plugins: pluginsFor(file.path), errorRecovery: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true }) as unknown as AstNode;
  } catch {
    return undefined;
  }
  const pieces: Piece[] = [];
  const properties = new Set<number>();
  const callArguments = new Set<number>();
  let databaseClient = false;
  for (const comment of root.comments ?? []) pieces.push({ start: comment.start ?? 0, end: comment.end ?? 0, place: { kind: "comment" } });
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!databaseClient) databaseClient = isDatabaseClientModule(moduleOf(node) ?? "");
    for (const key of propertyKeys(node)) if (isNode(key) && key.type === "Identifier") properties.add(key.start ?? -1);
    // a call's first argument: where a query builder takes its table (the call is popped before its arguments)
    if (node.type === "CallExpression" || node.type === "OptionalCallExpression" || node.type === "NewExpression") {
      const [first] = (node.arguments as unknown[]) ?? [];
      if (isNode(first) && first.type === "StringLiteral") callArguments.add(first.start ?? -1);
    }
    if (node.type === "StringLiteral")
      pieces.push({ start: node.start ?? 0, end: node.end ?? 0, place: { kind: "string", text: node.value as string, ...(callArguments.has(node.start ?? -1) ? { callArgument: true as const } : {}) } });
    else if (node.type === "TemplateLiteral") {
      // the template's whole text: SQL split by `${...}` still names its table in another part
      const quasis = node.quasis as AstNode[];
      const text = quasis.map((q) => (q.value as { raw: string }).raw).join(" ");
      for (const quasi of quasis) pieces.push({ start: quasi.start ?? 0, end: quasi.end ?? 0, place: { kind: "string", text } });
    } else if (node.type === "JSXText") pieces.push({ start: node.start ?? 0, end: node.end ?? 0, place: { kind: "prose" } });
    for (const key in node) {
      const value = node[key];
      if (typeof value !== "object" || value === null || NOT_CHILDREN.has(key)) continue;
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) stack.push(child);
      } else if (isNode(value)) stack.push(value);
    }
  }
  pieces.sort((a, b) => a.start - b.start);
  const body = ((root as AstNode & { program?: AstNode }).program?.body ?? []) as AstNode[];
  const graphqlClient = body.some((n) => n.type === "ImportDeclaration" && GRAPHQL_CLIENTS.test(((n.source as AstNode | undefined)?.value as string | undefined) ?? ""));
  return {
    graphqlClient,
    databaseClient,
    placeOf(start, end) {
      // the last piece starting at or before `start` (pieces do not overlap: a template's expressions are not its quasis)
      let lo = 0;
      let hi = pieces.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (pieces[mid].start <= start) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found !== -1 && end <= pieces[found].end) return pieces[found].place;
      return properties.has(start) ? { kind: "property" } : { kind: "other" };
    },
  };
}
