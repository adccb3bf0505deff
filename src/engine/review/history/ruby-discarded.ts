/**
 * Ruby code that runs nothing: an expression statement with no call, assignment or yield in it (a local or instance
 * variable read, a literal) whose value nobody uses. Adding or removing one changes nothing a database could see, and
 * a `when` / `else` branch made only of such expressions behaves as an empty one. `discardedNodes` lists the nodes of
 * a statement that can go without changing what it does, for ruby-units.ts to leave out of a canonical form.
 *
 * A value is used where it is the last expression of a body whose value matters: an argument, an assignment, a
 * block whose method reads what it returns, a method's return value. The statements of a migration's `up`, `down`
 * and `change` are not (Rails ignores what they return), nor the block of an iterator (`each`, `find_each`).
 */
import {
  ArrayNode,
  AssocNode,
  BeginNode,
  BlockNode,
  CallNode,
  CaseNode,
  ClassNode,
  ConstantPathNode,
  ConstantReadNode,
  ConstantWriteNode,
  ElseNode,
  EnsureNode,
  FalseNode,
  FloatNode,
  HashNode,
  IfNode,
  ImaginaryNode,
  InstanceVariableReadNode,
  IntegerNode,
  LocalVariableReadNode,
  ModuleNode,
  NilNode,
  ParenthesesNode,
  RationalNode,
  RegularExpressionNode,
  RescueNode,
  SelfNode,
  StatementsNode,
  StringNode,
  SymbolNode,
  TrueNode,
  UnlessNode,
  UntilNode,
  WhenNode,
  WhileNode,
  type Node,
} from "@ruby/prism";
import { rubyChildren } from "../../adapters/rails/ruby-children.js";
import { rubyStatements } from "../../adapters/rails/ruby-statements.js";
import type { RubySource } from "../../adapters/rails/ruby-source.js";

/** Methods that call their block for each element and return the receiver (or nil): the block's value is dropped. */
const ITERATORS = new Set(["each", "find_each", "find_in_batches", "in_batches", "each_record", "each_with_index", "each_slice", "each_pair", "each_key", "each_value", "reverse_each", "times", "upto", "downto", "loop"]);

/** A node whose evaluation calls nothing, assigns nothing and cannot raise: a variable read or a literal. */
export function runsNothing(node: Node): boolean {
  if ([LocalVariableReadNode, InstanceVariableReadNode, SelfNode, NilNode, TrueNode, FalseNode, IntegerNode, FloatNode, RationalNode, ImaginaryNode, StringNode, SymbolNode, RegularExpressionNode].some((kind) => node instanceof kind))
    return true;
  if (node instanceof ArrayNode) return node.elements.every(runsNothing);
  if (node instanceof HashNode) return node.elements.every((e) => e instanceof AssocNode && runsNothing(e.key) && runsNothing(e.value));
  if (node instanceof ParenthesesNode) return node.body === null || rubyStatements(node.body).every(runsNothing);
  return false;
}

/**
 * Constants of literal scalar values the file defines in class and module bodies, by their full lexical path
 * (`AddAmountRemaining::StoreCredit::ALLOCATION_ACTION`), each as a key two equal values share.
 */
export function fileLiteralConstants(root: Node, src: RubySource): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Map<string, number>();
  const walk = (node: Node, scope: string[]) => {
    if (node instanceof ClassNode || node instanceof ModuleNode) {
      const inner = [...scope, src.textOf(node.constantPath).replace(/^::/, "")];
      if (node.body) walk(node.body, inner);
      return;
    }
    if (node instanceof ConstantWriteNode) {
      const path = [...scope, node.name].join("::");
      seen.set(path, (seen.get(path) ?? 0) + 1);
      const key = scalarKey(node.value);
      if (key !== undefined) out.set(path, key);
      return;
    }
    for (const child of rubyChildren(node)) walk(child, scope);
  };
  walk(root, []);
  // a constant written twice holds what ran last: not read here
  for (const [path, n] of seen) if (n > 1) out.delete(path);
  return out;
}

/** A literal scalar as a key equal values share (`1` and `1.0` match each other in a `when`); undefined for anything else. */
function scalarKey(node: Node): string | undefined {
  if (node instanceof CallNode && node.name === "freeze" && node.receiver && !node.arguments_ && !node.block) return scalarKey(node.receiver);
  if (node instanceof StringNode) return `string:${node.unescaped.value}`;
  if (node instanceof SymbolNode) return `symbol:${node.unescaped.value}`;
  if (node instanceof IntegerNode || node instanceof FloatNode) return `number:${Number(node.value)}`;
  if (node instanceof NilNode) return "nil";
  if (node instanceof TrueNode) return "true";
  if (node instanceof FalseNode) return "false";
  return undefined;
}

/** A constant reference as written (`StoreCredit::ALLOCATION_ACTION`); undefined for `::X` or a computed parent. */
function constantPath(node: Node): string | undefined {
  if (node instanceof ConstantReadNode) return node.name;
  if (node instanceof ConstantPathNode && node.parent && node.name) {
    const parent = constantPath(node.parent);
    return parent === undefined ? undefined : `${parent}::${node.name}`;
  }
  return undefined;
}

export interface DiscardContext {
  /** the file's literal constants (fileLiteralConstants) */
  constants: ReadonlyMap<string, string>;
  /** the class or module path the code is in (the migration class), innermost last */
  scope: readonly string[];
}

/**
 * The value a `when` condition matches, when reading it runs nothing: a literal, or a constant of the file reached
 * the way Ruby looks it up from the code's scope (innermost first). Undefined when migguard cannot know it.
 */
function conditionKey(node: Node, ctx: DiscardContext): string | undefined {
  const literal = scalarKey(node);
  if (literal !== undefined) return literal;
  const ref = constantPath(node);
  if (ref === undefined) return undefined;
  for (let depth = ctx.scope.length; depth >= 0; depth--) {
    const key = ctx.constants.get([...ctx.scope.slice(0, depth), ref].join("::"));
    if (key !== undefined) return key;
  }
  return undefined;
}

/**
 * The nodes of `statement` that can go without changing what it does: expression statements that run nothing and
 * whose value is dropped, `else` branches left empty, and `when` branches left empty whose values no later branch
 * that does something matches (a `case` with a subject, every condition a literal or a literal constant of the file,
 * no `else` that does something). `used`: whether the statement's own value is read.
 */
export function discardedNodes(statement: Node, used: boolean, ctx: DiscardContext): Set<Node> {
  const dropped = new Set<Node>();
  const empty = (body: Node | null) => body === null || (body instanceof StatementsNode ? body.body.every((s) => dropped.has(s)) : dropped.has(body));
  const walk = (node: Node | null, valueUsed: boolean): void => {
    if (node === null) return;
    if (node instanceof StatementsNode) {
      node.body.forEach((s, i) => {
        const last = valueUsed && i === node.body.length - 1;
        if (!last && runsNothing(s)) dropped.add(s);
        else walk(s, last);
      });
    } else if (node instanceof CaseNode) {
      walk(node.predicate, true);
      for (const when of node.conditions) {
        if (!(when instanceof WhenNode)) walk(when, true);
        else {
          when.conditions.forEach((c) => walk(c, true));
          walk(when.statements, valueUsed);
        }
      }
      walk(node.elseClause, valueUsed);
      if (node.elseClause && empty(node.elseClause.statements)) dropped.add(node.elseClause);
      if (node.predicate) dropEmptyWhens(node, ctx, empty).forEach((w) => dropped.add(w));
    } else if (node instanceof IfNode || node instanceof UnlessNode) {
      walk(node.predicate, true);
      walk(node.statements, valueUsed);
      const other = node instanceof IfNode ? node.subsequent : node.elseClause;
      walk(other, valueUsed);
      // `else` with nothing in it gives nil, as no `else` does
      if (other instanceof ElseNode && empty(other.statements)) dropped.add(other);
    } else if (node instanceof ElseNode) walk(node.statements, valueUsed);
    else if (node instanceof BeginNode) {
      // with an `else`, the begin's value is the else's
      walk(node.statements, valueUsed && !node.elseClause);
      walk(node.rescueClause, valueUsed);
      walk(node.elseClause, valueUsed);
      walk(node.ensureClause, false);
    } else if (node instanceof RescueNode) {
      node.exceptions.forEach((e) => walk(e, true));
      walk(node.reference, true);
      walk(node.statements, valueUsed);
      walk(node.subsequent, valueUsed);
    } else if (node instanceof EnsureNode) walk(node.statements, false);
    else if (node instanceof WhileNode || node instanceof UntilNode) {
      walk(node.predicate, true);
      walk(node.statements, false);
    } else if (node instanceof ParenthesesNode) walk(node.body, valueUsed);
    else if (node instanceof CallNode && node.block instanceof BlockNode && ITERATORS.has(node.name)) {
      walk(node.receiver, true);
      walk(node.arguments_, true);
      walk(node.block.parameters, true);
      walk(node.block.body, false);
    } else for (const child of rubyChildren(node)) walk(child, true);
  };
  if (!used && runsNothing(statement)) dropped.add(statement);
  else walk(statement, used);
  return dropped;
}

/**
 * The `when` branches of a `case` with a subject that do nothing (no statements once those that run nothing are left
 * out) and can go: every condition of the case reads a known value (reading it runs nothing, and `===` on a literal
 * compares), no `else` that does something takes what they matched, and no later branch that does something matches
 * one of their values. What such a branch matched then reaches no branch, as before.
 */
function dropEmptyWhens(node: CaseNode, ctx: DiscardContext, empty: (body: Node | null) => boolean): WhenNode[] {
  const whens = node.conditions.filter((w): w is WhenNode => w instanceof WhenNode);
  if (whens.length !== node.conditions.length) return [];
  if (node.elseClause && !empty(node.elseClause.statements)) return [];
  const keys = whens.map((w) => w.conditions.map((c) => conditionKey(c, ctx)));
  if (keys.some((k) => k.some((key) => key === undefined))) return [];
  return whens.filter((when, i) => {
    if (!empty(when.statements)) return false;
    const mine = new Set(keys[i]);
    return whens.every((later, j) => j <= i || empty(later.statements) || keys[j].every((key) => !mine.has(key!)));
  });
}

/** The class and module names around `target` (itself included), outermost first: where its code looks constants up. */
export function lexicalScope(root: Node, target: Node, src: RubySource): string[] {
  const path: string[] = [];
  const find = (node: Node, scope: string[]): boolean => {
    const inner = node instanceof ClassNode || node instanceof ModuleNode ? [...scope, src.textOf(node.constantPath).replace(/^::/, "")] : scope;
    if (node === target) {
      path.push(...inner);
      return true;
    }
    return rubyChildren(node).some((child) => find(child, inner));
  };
  find(root, []);
  return path;
}
