/**
 * The Ruby half of moved-code.ts: which statements of a Rails migration move, and the locals, stub classes,
 * constants and helper methods they read, read with Prism. Its own module because Prism's classes load with it,
 * and a lint without Rails migrations must not load Prism: moved-code reaches it through the Ruby readers.
 */
import {
  BlockNode,
  ClassNode,
  ConstantPathNode,
  LambdaNode,
  ConstantReadNode,
  ConstantWriteNode,
  CallNode,
  DefNode,
  LocalVariableReadNode,
  LocalVariableWriteNode,
  ModuleNode,
  StatementsNode,
  type Node,
} from "@ruby/prism";
import { rubyChildren } from "../../adapters/rails/ruby-children.js";
import { parseRuby } from "../../adapters/rails/prism.js";
import type { Operation, SourceRange } from "../../model.js";
import { SourceLines } from "../../source-lines.js";
import { associationClasses } from "./ruby-association-classes.js";
import { dedentFrom, repeatable, unitsHolding, within, type MovedCode, type Unmovable } from "./moved-code.js";

interface RubyUnit {
  node: Node;
  range: SourceRange;
}

/** What a piece of Ruby reads: locals, constants, receiver-less method calls; and the locals it binds itself. */
interface RubyReads {
  locals: Set<string>;
  written: Set<string>;
  constants: Set<string>;
  calls: Set<string>;
}

/** Locals bound by assignment, block and method parameters, `for` targets, rescue variables. */
const bindsLocal = (node: Node): string | undefined => {
  const kind = node.constructor.name;
  const named = (node as unknown as { name?: unknown }).name;
  if (typeof named !== "string") return undefined;
  return /^LocalVariable(Write|Target|OperatorWrite|AndWrite|OrWrite)Node$/.test(kind) || /ParameterNode$/.test(kind) ? named : undefined;
};

function rubyReads(nodes: readonly Node[], into: RubyReads = { locals: new Set(), written: new Set(), constants: new Set(), calls: new Set() }): RubyReads {
  const walk = (node: Node) => {
    const bound = bindsLocal(node);
    if (bound) into.written.add(bound);
    // a block's or lambda's parameters and block-locals (Prism lists them on the node)
    if (node instanceof BlockNode || node instanceof LambdaNode) for (const local of node.locals) into.written.add(local);
    if (node instanceof LocalVariableReadNode) into.locals.add(node.name);
    else if (node instanceof ConstantReadNode) into.constants.add(node.name);
    else if (node instanceof CallNode && !node.receiver) into.calls.add(node.name);
    // a method body is its own scope: read when the method itself is carried
    if (node instanceof DefNode) return;
    // the root of `Foo::Bar` is what the class body may define
    if (node instanceof ConstantPathNode) {
      if (node.parent) walk(node.parent);
      return;
    }
    for (const child of rubyChildren(node)) walk(child);
  };
  for (const n of nodes) walk(n);
  return into;
}

/** Methods that change the Array, Hash, Set or String they are called on (`ids << id`, `seen.add(x)`, `h[k] = v`). */
const MUTATORS = new Set(["<<", "[]=", "push", "append", "prepend", "unshift", "insert", "concat", "add", "store", "update", "replace", "clear", "delete"]);

/**
 * The statement changes the value of local `name` in place, or assigns it again (`ids << vote.votable_id` in a
 * loop, `total += n`): code that runs after it reads what it computed, not what the local's assignment gave.
 */
function fillsInPlace(node: Node, name: string): boolean {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n instanceof CallNode && n.receiver instanceof LocalVariableReadNode && n.receiver.name === name && (MUTATORS.has(n.name) || n.name.endsWith("!"))) return true;
    if (/^LocalVariable(OperatorWrite|AndWrite|OrWrite|Write)Node$/.test(n.constructor.name) && (n as unknown as { name: string }).name === name) return true;
    if (/^Index(OperatorWrite|AndWrite|OrWrite)Node$/.test(n.constructor.name)) {
      const receiver = (n as unknown as { receiver: Node | null }).receiver;
      if (receiver instanceof LocalVariableReadNode && receiver.name === name) return true;
    }
    stack.push(...rubyChildren(n));
  }
  return false;
}

const endOf = (node: Node) => node.location.startOffset + node.location.length;

/** Where a node's text ends, heredoc bodies included (Prism's location of a heredoc covers its opener only). */
export function endWithHeredocs(node: Node): number {
  let end = endOf(node);
  const closing = (node as unknown as { closingLoc?: { startOffset: number; length: number } | null }).closingLoc;
  if (closing) end = Math.max(end, closing.startOffset + closing.length);
  for (const child of rubyChildren(node)) end = Math.max(end, endWithHeredocs(child));
  return end;
}

/** The lines a node spans, heredoc bodies included. */
export function rubyNodeLines(lines: SourceLines, node: Node): SourceRange {
  return { line: lines.lineOfByte(node.location.startOffset), endLine: lines.lineOfByte(Math.max(node.location.startOffset, endWithHeredocs(node) - 1)) };
}

/** A node's text, heredoc bodies included, dedented by the column it starts at (to be shown elsewhere). */
export function rubyNodeText(lines: SourceLines, node: Node): string {
  const start = node.location.startOffset;
  const before = lines.sliceBytes(0, start);
  return dedentFrom(lines.sliceBytes(start, endWithHeredocs(node)).replace(/\n$/, ""), before.length - (before.lastIndexOf("\n") + 1));
}

/**
 * The picked statements and the later ones of the same body that read a local they assign (the SQL assigned to a
 * local, then `execute(sql)`): the operation's text is where its value is written, but the statement that runs it
 * must move with it, or the migration left behind reads a local it no longer assigns.
 */
function withLaterReaders(units: readonly RubyUnit[], picked: RubyUnit[]): RubyUnit[] {
  const first = units.indexOf(picked[0]);
  let last = units.indexOf(picked[picked.length - 1]);
  for (;;) {
    const written = rubyReads(units.slice(first, last + 1).map((u) => u.node)).written;
    const reader = units.findLastIndex((u, i) => i > last && [...rubyReads([u.node]).locals].some((n) => written.has(n)));
    if (reader < 0) return units.slice(first, last + 1);
    last = reader;
  }
}

/**
 * `leaveStaying`: a statement between the moved ones that holds only operations that stay (an add_column a later data
 * step needs, on a table no earlier one touches) stays where it is, in the migration left behind, instead of moving.
 */
export function rubyMoved(source: string, ops: readonly Operation[], staying: readonly Operation[], leaveStaying = false): Omit<MovedCode, "ops"> | Unmovable | undefined {
  const result = parseRuby(source);
  if (result.errors.length) return undefined;
  const lines = new SourceLines(source);
  const rangeOfNode = (node: Node) => rubyNodeLines(lines, node);
  const textOf = (node: Node) => rubyNodeText(lines, node);
  // the migration class: the class whose body holds the operations
  const classes: ClassNode[] = [];
  const collectClasses = (node: Node) => {
    if (node instanceof ClassNode) classes.push(node);
    if (node instanceof ClassNode || node instanceof ModuleNode || node instanceof StatementsNode || node.constructor.name === "ProgramNode")
      for (const child of rubyChildren(node)) collectClasses(child);
  };
  collectClasses(result.value);
  const cls = classes.find((c) => ops.every((op) => within(op.loc, rangeOfNode(c))));
  const members = cls?.body instanceof StatementsNode ? cls.body.body : [];
  const method = members.find((m): m is DefNode => m instanceof DefNode && ops.every((op) => within(op.loc, rangeOfNode(m))));
  const body = method?.body instanceof StatementsNode ? method.body.body : [];
  if (!method || body.length === 0) return undefined;
  const units: RubyUnit[] = body.map((node) => ({ node, range: rangeOfNode(node) }));
  const spanned = unitsHolding(units, ops);
  if (!spanned) return undefined;
  const holdsOnlyStaying = (u: RubyUnit) => !ops.some((op) => within(op.loc, u.range)) && staying.some((op) => within(op.loc, u.range));
  const held = leaveStaying ? spanned.filter((u) => !holdsOnlyStaying(u)) : spanned;
  const picked = leaveStaying ? withLaterReaders(units, held).filter((u) => held.includes(u) || !holdsOnlyStaying(u)) : withLaterReaders(units, held);
  const readsOfNodes = (nodes: readonly Node[]) => rubyReads(nodes);
  const reads = readsOfNodes(picked.map((u) => u.node));
  // locals assigned by earlier statements of the method (`users = User.where(...)`), themselves closed over
  const firstLine = Math.min(...picked.map((u) => u.range.line));
  const before = units.filter((u) => u.range.endLine < firstLine && repeatable(u.range, staying));
  const earlier = before.filter((u) => u.node instanceof LocalVariableWriteNode);
  // statements that fill a local in place (`Comment.all.each { |c| subscribers[c.id] += [...] }` after
  // `subscribers = Hash.new`): the moved code reads what they computed, so they move with the local
  const fillers = (name: string) => before.filter((u) => !(u.node instanceof LocalVariableWriteNode) && rubyReads([u.node]).locals.has(name));
  // statements that stay (they hold a data change migration 1 keeps) and fill the local in place: the moved code
  // would read the local's first value, not what they collected (inaturalist's vote ids, gathered while duplicates
  // are deleted, then reindexed): it cannot move without them
  const filledByStaying = (name: string, writers: readonly RubyUnit[]) => {
    const from = Math.max(...writers.map((w) => w.range.line));
    return units.some((u) => u.range.line > from && u.range.endLine < firstLine && !repeatable(u.range, staying) && !picked.includes(u) && fillsInPlace(u.node, name));
  };
  const takenLocals = new Set<RubyUnit>();
  const unbound: string[] = [];
  const constants = new Set(reads.constants);
  const calls = new Set(reads.calls);
  const queue = [...reads.locals].filter((n) => !reads.written.has(n));
  const seenLocals = new Set<string>();
  while (queue.length) {
    const name = queue.shift()!;
    if (seenLocals.has(name)) continue;
    seenLocals.add(name);
    const writers = earlier.filter((u) => (u.node as LocalVariableWriteNode).name === name);
    if (writers.length === 0 || filledByStaying(name, writers)) {
      unbound.push(name);
      continue;
    }
    for (const w of [...writers, ...fillers(name)]) {
      if (takenLocals.has(w)) continue;
      takenLocals.add(w);
      const inner = readsOfNodes([w.node]);
      queue.push(...[...inner.locals].filter((n) => n !== name && !inner.written.has(n)));
      for (const c of inner.constants) constants.add(c);
      for (const c of inner.calls) calls.add(c);
    }
  }
  if (unbound.length) return { unbound };
  // class-body definitions: constants (stub models), nested classes and modules, helper methods
  const defines = (member: Node): { constant?: string; method?: string } =>
    member instanceof ConstantWriteNode
      ? { constant: member.name }
      : member instanceof ClassNode || member instanceof ModuleNode
        ? { constant: member.constantPath instanceof ConstantReadNode ? member.constantPath.name : undefined }
        : member instanceof DefNode && !member.receiver
          ? { method: member.name }
          : {};
  const carried = new Set<Node>();
  const pending = { constants: [...constants], calls: [...calls] };
  const seen = new Set<string>();
  while (pending.constants.length || pending.calls.length) {
    const constant = pending.constants.shift();
    const call = constant === undefined ? pending.calls.shift() : undefined;
    const key = constant !== undefined ? `C${constant}` : `M${call}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const member of members) {
      if (member === method || carried.has(member)) continue;
      const d = defines(member);
      if ((constant !== undefined && d.constant === constant) || (call !== undefined && d.method === call)) {
        if (member instanceof DefNode && ["up", "down", "change"].includes(member.name)) continue;
        carried.add(member);
        // what the definition reads in turn: a helper method's calls and constants, a stub's superclass
        const inner = rubyReads(member instanceof DefNode ? [member.body].filter((b): b is Node => b !== null) : rubyChildren(member));
        pending.constants.push(...inner.constants, ...associationClasses(member));
        pending.calls.push(...inner.calls);
      }
    }
  }
  // the locals (and the statements filling them) move out when nothing left behind reads them: migration 1 would
  // compute them for nothing, over every row it reads
  // (each local with its fillers: one the statements left behind still read stays there too, and what it reads)
  const localNames = new Set([...takenLocals].flatMap((u) => (u.node instanceof LocalVariableWriteNode ? [u.node.name] : [])));
  const namesOf = (u: RubyUnit) => (u.node instanceof LocalVariableWriteNode ? [u.node.name] : [...rubyReads([u.node]).locals].filter((n) => localNames.has(n)));
  const leaving = new Set(takenLocals);
  for (let changed = true; changed; ) {
    changed = false;
    const readByLeft = rubyReads(units.filter((u) => !picked.includes(u) && !leaving.has(u)).map((u) => u.node)).locals;
    for (const u of leaving)
      if (namesOf(u).some((n) => readByLeft.has(n))) {
        leaving.delete(u);
        changed = true;
      }
  }
  return {
    statements: picked.map((u) => textOf(u.node)),
    lines: [...picked.map((u) => u.range), ...units.filter((u) => leaving.has(u)).map((u) => u.range)],
    locals: units.filter((u) => takenLocals.has(u)).map((u) => textOf(u.node)),
    definitions: members.filter((m) => carried.has(m)).map(textOf),
  };
}

/** A statement of a method's body: its text (dedented), its lines, and the locals it reads that it does not bind. */
export interface RubyMethodStatement {
  text: string;
  range: SourceRange;
  reads: string[];
  binds: string[];
}

/**
 * The statements of the migration class's `def <name>` (or `def self.<name>`, the form of older migrations), as
 * written; undefined when the source does not parse or no class defines the method.
 */
export function rubyMethodStatements(source: string, name: string): RubyMethodStatement[] | undefined {
  const result = parseRuby(source);
  if (result.errors.length) return undefined;
  const lines = new SourceLines(source);
  let found: DefNode | undefined;
  const visit = (node: Node) => {
    if (found) return;
    if (node instanceof DefNode && node.name === name) {
      found = node;
      return;
    }
    if (node instanceof ClassNode || node instanceof ModuleNode || node instanceof StatementsNode || node.constructor.name === "ProgramNode")
      for (const child of rubyChildren(node)) visit(child);
  };
  visit(result.value);
  if (!found) return undefined;
  const body = found.body instanceof StatementsNode ? found.body.body : [];
  return body.map((node) => {
    const reads = rubyReads([node]);
    return { text: rubyNodeText(lines, node), range: rubyNodeLines(lines, node), reads: [...reads.locals].filter((n) => !reads.written.has(n)), binds: [...reads.written] };
  });
}
