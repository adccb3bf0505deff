/**
 * The database adapters a Rails app's Gemfile installs in production: `gem "pg"`, `gem "sqlite3"`, `gem "mysql2"`,
 * `gem "trilogy"` outside the development and test groups (`group :development, :test do`, `group: :test`).
 * An app that ships two of them runs on both (read with Prism).
 */
import { AssocNode, CallNode, KeywordHashNode, StringNode, SymbolNode, ArrayNode, type Node } from "@ruby/prism";
import { rubyChildren } from "../adapters/rails/ruby-children.js";
import { parseRuby } from "../adapters/rails/prism.js";
import type { Database } from "../model.js";

const ADAPTER_GEMS: Record<string, Database> = { pg: "postgresql", sqlite3: "sqlite", mysql2: "mysql", trilogy: "mysql", "activerecord-postgis-adapter": "postgresql" };
const DEVELOPMENT = new Set(["development", "test"]);

const symbols = (node: Node | undefined): string[] =>
  node instanceof SymbolNode ? [node.unescaped.value] : node instanceof StringNode ? [node.unescaped.value] : node instanceof ArrayNode ? node.elements.flatMap((e) => symbols(e)) : [];

/** `group: :test` / `groups: [:development, :test]` among a gem's options. */
const groupsOption = (call: CallNode): string[] =>
  (call.arguments_?.arguments_ ?? []).flatMap((a) =>
    a instanceof KeywordHashNode ? a.elements.flatMap((e) => (e instanceof AssocNode && e.key instanceof SymbolNode && /^groups?$/.test(e.key.unescaped.value) ? symbols(e.value) : [])) : [],
  );

/** The adapter gems of a node's subtree; `development`: inside a development/test-only group. */
function adapterGems(node: Node, development: boolean, out: Set<Database>): void {
  if (node instanceof CallNode && !node.receiver) {
    const args = node.arguments_?.arguments_ ?? [];
    if (node.name === "group" && node.block) {
      const groups = args.flatMap((a) => symbols(a));
      const only = groups.length > 0 && groups.every((g) => DEVELOPMENT.has(g));
      for (const child of rubyChildren(node)) adapterGems(child, development || only, out);
      return;
    }
    const first = args[0];
    if (node.name === "gem" && first instanceof StringNode && !development) {
      const database = ADAPTER_GEMS[first.unescaped.value];
      const groups = groupsOption(node);
      if (database && !(groups.length > 0 && groups.every((g) => DEVELOPMENT.has(g)))) out.add(database);
    }
  }
  for (const child of rubyChildren(node)) adapterGems(child, development, out);
}

export function gemfileDatabases(content: string): Database[] {
  const result = parseRuby(content);
  if (result.errors.length) return [];
  const out = new Set<Database>();
  adapterGems(result.value, false, out);
  return [...out];
}
