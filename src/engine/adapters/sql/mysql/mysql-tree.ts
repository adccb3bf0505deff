/** Small questions asked of MySQL parse trees (ANTLR contexts of the MySQL Workbench grammar). */
import type { ParserRuleContext } from "antlr4ts";
import type { ParseTree } from "antlr4ts/tree/ParseTree.js";

export class MysqlTree {
  constructor(
    private readonly ruleNames: readonly string[],
    /** the statement's text: slices keep the author's spacing */
    readonly source: string,
  ) {}

  isRule(node: ParseTree | undefined): node is ParserRuleContext {
    return node !== undefined && (node as ParserRuleContext).ruleIndex !== undefined;
  }

  name(node: ParseTree | undefined): string {
    return this.isRule(node) ? this.ruleNames[node.ruleIndex] : "";
  }

  children(node: ParseTree | undefined): ParseTree[] {
    if (!node) return [];
    const out: ParseTree[] = [];
    for (let i = 0; i < node.childCount; i++) out.push(node.getChild(i));
    return out;
  }

  /** Direct child rule of that name. */
  child(node: ParseTree | undefined, name: string): ParserRuleContext | undefined {
    return this.children(node).find((c): c is ParserRuleContext => this.name(c) === name);
  }

  /** First descendant rule of that name (depth first, the node itself excluded). */
  find(node: ParseTree | undefined, name: string): ParserRuleContext | undefined {
    for (const c of this.children(node)) {
      if (this.name(c) === name) return c as ParserRuleContext;
      const deeper = this.find(c, name);
      if (deeper) return deeper;
    }
    return undefined;
  }

  /** Every descendant rule of that name, not looking inside the ones found. */
  findAll(node: ParseTree | undefined, name: string, out: ParserRuleContext[] = []): ParserRuleContext[] {
    for (const c of this.children(node)) {
      if (this.name(c) === name) out.push(c as ParserRuleContext);
      else this.findAll(c, name, out);
    }
    return out;
  }

  /** Upper-cased keywords that are direct terminal children (ADD, COLUMN, DROP, PRIMARY, ...). */
  keywords(node: ParseTree | undefined): string[] {
    return this.children(node)
      .filter((c) => !this.isRule(c))
      .map((c) => c.text.toUpperCase());
  }

  /** Every terminal's upper-cased text below the node, in order. */
  words(node: ParseTree | undefined, out: string[] = []): string[] {
    for (const c of this.children(node)) {
      if (this.isRule(c)) this.words(c, out);
      else out.push(c.text.toUpperCase());
    }
    return out;
  }

  /** The node's source text as written. */
  slice(node: ParserRuleContext | undefined): string {
    if (!node?.start || !node.stop) return "";
    return this.source.slice(node.start.startIndex, node.stop.stopIndex + 1);
  }

  /** A name as MySQL resolves it: each identifier part unquoted, joined by dots (`db`.`users` -> db.users). */
  qualified(node: ParseTree | undefined): string {
    if (!node) return "";
    const parts = this.name(node) === "identifier" ? [node] : this.findAll(node, "identifier");
    if (parts.length === 0) return unquote(node.text);
    return parts.map((p) => unquote(p.text)).join(".");
  }
}

/** One identifier without its quotes (`a``b` -> a`b). */
export function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && ((t.startsWith("`") && t.endsWith("`")) || (t.startsWith('"') && t.endsWith('"')))) return t.slice(1, -1).replace(/``/g, "`").replace(/""/g, '"');
  return t;
}
