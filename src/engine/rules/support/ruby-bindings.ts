/**
 * Where the locals a statement of a Rails migration reads get their value. A fix that shows that statement (or a
 * part of it: change_column_null's fill value) elsewhere, in a new migration or on its own, names those locals
 * where nothing binds them: Ruby reads a bare `current_time` there as a method call, and it raises NameError.
 * Prism says which locals the statement reads and which statements write them: an assignment earlier in a body
 * around it is carried (with what it reads in turn), an `if`/`unless` whose condition assigns one is kept around
 * the code, and a block's or a method's parameter, or a local written inside a branch or a loop, is unknown
 * outside the code that runs it. Its own module because Prism's classes load with it: reached through the Ruby
 * readers.
 */
import {
  BlockNode,
  CallNode,
  DefNode,
  IfNode,
  LambdaNode,
  LocalVariableAndWriteNode,
  LocalVariableOperatorWriteNode,
  LocalVariableOrWriteNode,
  LocalVariableReadNode,
  LocalVariableTargetNode,
  LocalVariableWriteNode,
  MultiWriteNode,
  RequiredParameterNode,
  StatementsNode,
  UnlessNode,
  type Node,
} from "@ruby/prism";
import { parseRuby } from "../../adapters/rails/prism.js";
import { rubyChildren } from "../../adapters/rails/ruby-children.js";
import type { SourceRange } from "../../model.js";
import { SourceLines } from "../../source-lines.js";
import { rubyNodeLines, rubyNodeText } from "./moved-ruby-code.js";

export interface RubyBindings {
  /** the values `up` passes the helper method holding the statement, as assignments to its parameters (`record_type = "Post"`) */
  parameters: string[];
  /**
   * the statements that assign the locals read, to run before the code, in source order, dedented, with their
   * lines (a caller checks that they hold no operation of the migration: none is repeated) and the locals they bind
   */
  assignments: { text: string; lines: SourceRange; binds: string[] }[];
  /** the `if`/`unless` lines whose condition assigns a local read, outermost first (`if configured_service = ...`) */
  conditions: string[];
  /** the locals nothing carried binds: a block's or a method's parameter, one written in a branch or a loop */
  unknown: string[];
}

/** The local a statement writes as a whole (`x = ...`, `x ||= ...`, `a, b = ...`), the names it writes. */
function directWrites(node: Node): string[] {
  if (node instanceof LocalVariableWriteNode || node instanceof LocalVariableOperatorWriteNode || node instanceof LocalVariableOrWriteNode || node instanceof LocalVariableAndWriteNode) return [node.name];
  if (node instanceof MultiWriteNode) return [...node.lefts, node.rest, ...node.rights].flatMap((t) => (t instanceof LocalVariableTargetNode ? [t.name] : []));
  return [];
}

/** Every local a node writes in its own scope (not inside a method defined in it). */
function writesIn(node: Node, into = new Set<string>()): Set<string> {
  for (const name of directWrites(node)) into.add(name);
  if (node instanceof LocalVariableTargetNode) into.add(node.name);
  if (!(node instanceof DefNode)) for (const child of rubyChildren(node)) writesIn(child, into);
  return into;
}

/** The locals a node reads from outside itself: reads whose depth reaches past the blocks they sit in. */
function outerReads(node: Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: Node, blocks: number) => {
    if (n instanceof LocalVariableReadNode && n.depth >= blocks) names.add(n.name);
    if (n instanceof DefNode) return;
    const inner = n instanceof BlockNode || n instanceof LambdaNode ? blocks + 1 : blocks;
    for (const child of rubyChildren(n)) visit(child, inner);
  };
  visit(node, 0);
  return names;
}

/** The bare names a piece of Ruby parsed alone calls (what a local of the migration reads as, outside it). */
function bareNames(code: string): Set<string> {
  const names = new Set<string>();
  const visit = (n: Node) => {
    if (n instanceof CallNode && n.isVariableCall()) names.add(n.name);
    for (const child of rubyChildren(n)) visit(child);
  };
  visit(parseRuby(code).value);
  return names;
}

/** The methods of the migration's direction that runs its operations: `up`, or `change` run forward. */
const FORWARD = new Set(["up", "change"]);

/**
 * The arguments `up` (or `change`) passes a helper method's required parameters, by name, when it calls the helper
 * exactly once and each argument reads no local (a literal, a constant): that value is the parameter's wherever the
 * helper's code runs forward. Undefined otherwise.
 */
function helperArguments(program: Node | undefined, helper: DefNode): Map<string, Node> | undefined {
  const calls: CallNode[] = [];
  const visit = (n: Node) => {
    if (n instanceof CallNode && !n.receiver && n.name === helper.name) calls.push(n);
    if (!(n instanceof DefNode)) for (const child of rubyChildren(n)) visit(child);
  };
  const walk = (n: Node) => {
    if (n instanceof DefNode) {
      if (FORWARD.has(n.name) && !n.receiver && n.body) visit(n.body);
      return;
    }
    for (const child of rubyChildren(n)) walk(child);
  };
  if (program) walk(program);
  const params = helper.parameters;
  if (calls.length !== 1 || !params || params.optionals.length || params.rest || params.posts.length || params.keywords.length || params.keywordRest || params.block) return undefined;
  const args = calls[0].arguments_?.arguments_ ?? [];
  if (args.length !== params.requireds.length || args.some((a) => outerReads(a).size > 0)) return undefined;
  const names = params.requireds.map((p) => (p instanceof RequiredParameterNode ? p.name : undefined));
  if (names.some((n) => n === undefined)) return undefined;
  return new Map(names.map((n, i) => [n!, args[i]]));
}

/**
 * The bindings of the locals that the statement starting on `at.line` reads (only those `code` names, when given:
 * a part of the statement taken out of it), for as many statements of the migration as asked with one parse.
 * Undefined when the source does not parse; the bindings undefined when no statement starts on that line.
 */
export function rubyBindingsIn(source: string): ((at: Pick<SourceRange, "line">, code?: string) => RubyBindings | undefined) | undefined {
  const parsed = parseRuby(source);
  if (parsed.errors.length) return undefined;
  const lines = new SourceLines(source);
  return (at, code) => bindingsAt(parsed.value, lines, at, code);
}

function bindingsAt(program: Node, lines: SourceLines, at: Pick<SourceRange, "line">, code?: string): RubyBindings | undefined {
  const firstLine = (n: Node) => lines.lineOfByte(n.location.startOffset);
  const lastLine = (n: Node) => rubyNodeLines(lines, n).endLine;
  const textOf = (n: Node) => rubyNodeText(lines, n);
  // the chain of nodes from the program down to the deepest statement holding the line
  const chain: Node[] = [program];
  for (;;) {
    const next = rubyChildren(chain[chain.length - 1]).find((c) => firstLine(c) <= at.line && at.line <= lastLine(c));
    if (!next) break;
    chain.push(next);
  }
  const targetAt = chain.findLastIndex((n, i) => i > 0 && chain[i - 1] instanceof StatementsNode && firstLine(n) === at.line);
  if (targetAt < 0) return undefined;
  const target = chain[targetAt];
  const wanted = code === undefined ? undefined : bareNames(code);
  const pending = new Set([...outerReads(target)].filter((n) => !wanted || wanted.has(n)));
  const carried: Node[] = [];
  const conditions: string[] = [];
  const parameters: string[] = [];
  const unknown = new Set<string>();
  const addReads = (node: Node) => {
    for (const name of outerReads(node)) pending.add(name);
  };
  for (let i = targetAt - 1; i >= 0 && pending.size; i--) {
    const around = chain[i];
    const inside = chain[i + 1];
    if (around instanceof StatementsNode) {
      // earlier statements of the same body, last first: the last assignment before the code is the value it reads
      const siblings = around.body.slice(0, around.body.indexOf(inside));
      for (const sibling of siblings.reverse()) {
        const direct = directWrites(sibling).filter((n) => pending.has(n));
        for (const name of writesIn(sibling)) if (pending.has(name) && !direct.includes(name)) (unknown.add(name), pending.delete(name));
        if (!direct.length) continue;
        carried.unshift(sibling);
        for (const name of direct) pending.delete(name);
        addReads(sibling);
      }
    } else if ((around instanceof IfNode || around instanceof UnlessNode) && inside === around.statements) {
      // `if configured_service = ...`: the code runs only where the condition bound it, so the condition stays around it
      const bound = [...writesIn(around.predicate)].filter((n) => pending.has(n));
      if (bound.length) {
        conditions.unshift(`${around instanceof IfNode ? "if" : "unless"} ${textOf(around.predicate)}`);
        for (const name of bound) pending.delete(name);
        addReads(around.predicate);
      }
    } else if (around instanceof DefNode) {
      // a helper's parameter: the value `up` passes it, when `up` calls it once with an argument that reads no local
      const passed = helperArguments(chain[1], around);
      for (const name of around.locals) {
        if (!pending.has(name)) continue;
        pending.delete(name);
        const argument = passed?.get(name);
        if (argument) parameters.push(`${name} = ${textOf(argument)}`);
        else unknown.add(name);
      }
      break;
    } else if (around instanceof BlockNode || around instanceof LambdaNode) {
      // a block's parameter (a loop's variable) has its value only where the block runs
      for (const name of around.locals) if (pending.has(name)) (unknown.add(name), pending.delete(name));
    }
  }
  for (const name of pending) unknown.add(name);
  return {
    parameters,
    assignments: carried.map((n) => ({ text: textOf(n), lines: rubyNodeLines(lines, n), binds: directWrites(n) })),
    conditions,
    unknown: [...unknown],
  };
}
