/**
 * Walks a migration method (`change`, `up`, `down`) statement by statement and turns it into Steps:
 * schema commands through the command table, `execute` through the PostgreSQL adapter, data changes written
 * in Ruby, and the control flow Rails gives them (`reversible`, `up_only`, `revert`, `transaction`,
 * `safety_assured`, `change_table`). Conditionals are followed into every branch; calls Rails does not
 * define (an app's own helpers) become `raw` operations so they never raise a false alarm.
 */
import {
  ArrayNode,
  BeginNode,
  BlockNode,
  CallNode,
  CaseNode,
  ConstantReadNode,
  ElseNode,
  EnsureNode,
  ForNode,
  IfNode,
  LocalVariableWriteNode,
  OptionalParameterNode,
  ParenthesesNode,
  RequiredParameterNode,
  RescueModifierNode,
  RescueNode,
  ReturnNode,
  SelfNode,
  StatementsNode,
  UnlessNode,
  UntilNode,
  WhenNode,
  WhileNode,
  YieldNode,
  AndNode,
  OrNode,
  type DefNode,
  type Node,
} from "@ruby/prism";
import type { ExistenceGuard, HiddenOperation, OperationInput, ParseProblem, SizeGuard, SourceRange } from "../../model.js";
import { blockParams } from "./block-params.js";
import { callArgs, localName, type CallArgs } from "./call-args.js";
import { COMMANDS, TABLE_METHODS } from "./commands/index.js";
import { isIrreversible, step, type CommandContext, type Irreversible, type OpBase, type Step } from "./commands/context.js";
import { withoutParentheses } from "./without-parentheses.js";
import { dedupeGroupings } from "./dedupe-grouping.js";
import { chainOf, classifyDataCall, CONNECTION_SQL, constantName, heldRelation, recordModel, type ModelTables } from "./data-calls.js";
import { recordRepeats } from "./record-repeats.js";
import { embeddedOperations, rubySql, type RubySql } from "./embedded-sql.js";
import { columnNegatedIn, columnsFilteredToNull, columnsFilteredToValues } from "./null-filter.js";
import { narrowedOnlyToNulls, updateWrites } from "./update-all-constants.js";
import { inlinedLocals } from "./inlined-locals.js";
import { harmlessRerun, overwritesEveryRow, rerunWrites } from "./harmless-rerun.js";
import { foundRecordWrite } from "./found-record.js";
import { guardsOtherDatabase, predicateBody, testsOwnDatabase } from "./other-database.js";
import type { RubySource } from "./ruby-source.js";
import { COLUMN_METHODS } from "./table-definition.js";
import { EMPTY_ENV, evaluate, nameOf, Options, type Env, type RubyValue } from "./values.js";
import { isTableExistenceCheck, readExistenceCheck, withOptionGuard } from "./existence-guard.js";
import { railsSizeGuard } from "./size-guard.js";
import { railsValuesGuards } from "./values-guard.js";
import { append } from "../../append.js";
import { rowsSelected } from "../sql/selected-rows.js";

export type Direction = "change" | "up" | "down";

interface Scope {
  inTransaction: boolean;
  assured: boolean;
  env: Map<string, RubyValue>;
  /** inside up_only / dir.up: the author chose what happens on rollback */
  oneWay: boolean;
  /** `reversible do |dir|`: where `dir.up { }` and `dir.down { }` steps go */
  dir?: { name: string; up: Step[]; down: Step[] };
  /** `change_table :t do |t|`: `t.*` calls are commands on this table */
  table?: { name: string; table: string };
  /** inside a helper called with a block: what its `yield` runs, in the caller's scope */
  yields?: { block: BlockNode; scope: Scope };
}

export interface InterpreterSetup {
  src: RubySource;
  railsVersion: number;
  /** false after disable_ddl_transaction! */
  transactional: boolean;
  /** other methods of the migration class, inlined where they are called */
  helpers: ReadonlyMap<string, DefNode>;
  /** literal constants of the migration class, visible to every method */
  constants?: ReadonlyMap<string, RubyValue>;
  models: ModelTables;
}

/** Calls that print, wait or load code: nothing to check (their blocks still are). */
const QUIET = new Set([
  "say", "say_with_time", "puts", "print", "p", "pp", "sleep", "require", "require_relative", "reset_column_information",
  "suppress_messages", "announce", "write", "raise", "fail", "connection", "disable_ddl_transaction!", "logger", "with_lock_retries",
  "loop", "lambda", "proc", "attr_accessor", "private", "protected", "public", "include", "extend",
]);

const LOOP_METHODS = new Set(["each", "each_with_index", "map", "each_pair"]);

/**
 * `INDEXES = { users: %i[a b] }.freeze`, then `INDEXES.each do |table, columns|`: a literal hash iterated with a key and
 * a value runs the body once per entry, as the array of its [key, value] pairs would (keys written as symbols)
 */
function pairsOfHash(items: RubyValue, method: string, params: number): RubyValue {
  if (items.kind !== "hash" || params < 2 || (method !== "each" && method !== "each_pair" && method !== "map")) return items;
  return { kind: "array", items: [...items.entries].map(([key, value]) => ({ kind: "array", items: [{ kind: "sym", value: key }, value] })) };
}

export const opsOf = (steps: Step[]): OperationInput[] => steps.flatMap((s) => s.ops);

/** Code that runs only when an object exists, or only when it is missing. */
type Guard = "exists" | "missing";

const opposite = (guard: Guard): Guard => (guard === "exists" ? "missing" : "exists");

/** A guard and, for `data_source_exists?(:t)` / `table_exists?(:t)`, the table it checks. */
interface GuardOn {
  guard: Guard;
  table?: string;
}

const TABLE_CHECKS = new Set(["data_source_exists?", "table_exists?"]);

/** A call on the migration or its connection (`column_exists?`, `connection.column_exists?`, `ActiveRecord::Base.connection.…`). */
const onConnection = (receiver: Node | null): boolean =>
  !receiver || receiver instanceof SelfNode || localName(receiver) === "connection" || (receiver instanceof CallNode && receiver.name === "connection" && !receiver.arguments_);

/** A change_table block's table object (`t` of `change_table :users do |t|`): the block parameter's name and its table. */
type BlockTable = Scope["table"];

/** `t.column_exists?(:c)` inside `change_table :t do |t|`: the table the check is on; undefined for any other receiver. */
const tableChecked = (node: CallNode, table: BlockTable): string | undefined =>
  table !== undefined && localName(node.receiver) === table.name && isTableExistenceCheck(node.name) ? table.table : undefined;

/** `index_exists?(...)`, `connection.column_exists?(...)`, `!table_exists?(...)`, `t.column_exists?(...)`: which way the check goes. */
function existenceCheck(predicate: Node | null, src: RubySource, blockTable?: BlockTable): GuardOn | undefined {
  const node = withoutParentheses(predicate);
  if (!(node instanceof CallNode)) return undefined;
  if (node.name === "!") {
    const inner = existenceCheck(node.receiver, src, blockTable);
    return inner && { ...inner, guard: opposite(inner.guard) };
  }
  if (tableChecked(node, blockTable) !== undefined) return { guard: "exists" };
  const receiver = localName(node.receiver);
  if (node.receiver && !(node.receiver instanceof SelfNode) && receiver !== "connection") return undefined;
  if (!/_exists\?$|^extension_enabled\?$/.test(node.name)) return undefined;
  const table = TABLE_CHECKS.has(node.name) ? nameOf(evaluate(node.arguments_?.arguments_[0], EMPTY_ENV, src)) : undefined;
  return { guard: "exists", ...(table ? { table } : {}) };
}

/**
 * The existence checks that must hold for code to run where `predicate` is `truth` (existence-guard.ts says what
 * each checks): `if a && b` needs both, `unless a || b` needs neither; `unless a && b` needs nothing migguard can
 * name. Conditions that are no existence checks are left out: what is recorded is necessary, never more.
 */
function requiredChecks(predicate: Node | null, truth: boolean, src: RubySource, env: Env, table?: BlockTable): ExistenceGuard[] {
  const node = withoutParentheses(predicate);
  if (node instanceof AndNode) return truth ? [...requiredChecks(node.left, true, src, env, table), ...requiredChecks(node.right, true, src, env, table)] : [];
  if (node instanceof OrNode) return truth ? [] : [...requiredChecks(node.left, false, src, env, table), ...requiredChecks(node.right, false, src, env, table)];
  if (!(node instanceof CallNode)) return [];
  if (node.name === "!") return requiredChecks(node.receiver, !truth, src, env, table);
  const onTable = tableChecked(node, table);
  const check = onTable !== undefined ? readExistenceCheck(node, env, src, onTable) : onConnection(node.receiver) ? readExistenceCheck(node, env, src) : undefined;
  return check ? [{ ...check, runsWhen: truth ? "exists" : "missing" }] : [];
}

/** What a branch runs under: the guard that makes its operations idempotent, and the checks recorded on each of them. */
interface BranchGuard {
  on?: GuardOn;
  checks: ExistenceGuard[];
  /** the bound on a table's row count it runs under (`if Event.count < 1_000_000`) */
  size?: SizeGuard;
}

function branchGuard(predicate: Node | null, truth: boolean, src: RubySource, env: Env, models: ModelTables, table?: BlockTable): BranchGuard {
  const check = existenceCheck(predicate, src, table);
  const size = railsSizeGuard(predicate, truth, models, src, env);
  return { on: check && (truth ? check : { ...check, guard: opposite(check.guard) }), checks: requiredChecks(predicate, truth, src, env, table), ...(size ? { size } : {}) };
}

const guardsAnything = (guard: BranchGuard): boolean => guard.on !== undefined || guard.checks.length > 0 || guard.size !== undefined;

/** `return if ...` / `return unless ...`: the guard on the statements after it. */
function earlyReturnGuard(statement: Node, src: RubySource, env: Env, models: ModelTables, table?: BlockTable): BranchGuard | undefined {
  if (!(statement instanceof IfNode || statement instanceof UnlessNode) || !(statement.statements instanceof StatementsNode)) return undefined;
  if (statement.statements.body.length !== 1 || !(statement.statements.body[0] instanceof ReturnNode)) return undefined;
  if (statement instanceof IfNode ? statement.subsequent : statement.elseClause) return undefined;
  // `return if exists` leaves the rest for when it is missing; `return unless exists` for when it exists
  const guard = branchGuard(statement.predicate, statement instanceof UnlessNode, src, env, models, table);
  return guardsAnything(guard) ? guard : undefined;
}

/**
 * Operations that only run when their object exists (drops) or is missing (creations) are idempotent: say so.
 * A guard that a table is missing, on code that creates that table (`return if data_source_exists?(:spree_addresses)`
 * before a squashed schema that creates it with the rest): the code is an install step, run only on a database that
 * never went through it, so the tables it creates are new there. The `force:` drop Rails' schema dump writes before
 * each of them drops nothing: it leaves the model, and what follows the creation is judged on a new, empty table.
 */
function guarded(steps: Step[], { on, checks, size }: BranchGuard): Step[] {
  const guard = on?.guard;
  const creates = (table: string) => steps.some((s) => s.ops.some((op) => op.kind === "create_table" && op.table.toLowerCase() === table.toLowerCase()));
  const install = guard === "missing" && on?.table !== undefined && creates(on.table);
  const forceDrop = (op: OperationInput, next: OperationInput | undefined): boolean =>
    op.kind === "drop_table" && op.ifExists === true && op.tables.length === 1 && next?.kind === "create_table" && next.table === op.tables[0] && next.loc.line === op.loc.line;
  // the check, outside the guards the operation already has (a guard inside the branch was applied first)
  // a size guard closer to the operation (an inner branch) was set first
  const sized = (op: OperationInput): OperationInput => (size && !op.sizeGuard ? { ...op, sizeGuard: size } : op);
  const record = (op: OperationInput): OperationInput => sized(checks.length ? { ...op, guards: [...checks, ...(op.guards ?? [])] } : op);
  const mark = (op: OperationInput): OperationInput => {
    if (guard === "exists" && (op.kind === "drop_index" || op.kind === "drop_table" || op.kind === "drop_column" || op.kind === "drop_constraint" || op.kind === "drop_object")) return record({ ...op, ifExists: true });
    if (guard === "missing" && (op.kind === "add_index" || op.kind === "create_table" || op.kind === "add_column")) return record({ ...op, ifNotExists: true });
    return record(op);
  };
  return steps.map((s) => {
    const ops = s.ops.filter((op, i) => !(install && forceDrop(op, s.ops[i + 1]))).map(mark);
    return { ...s, ops, ...(goneOnRollback(ops, checks) ? { revert: [] } : {}) };
  });
}

/**
 * A step of `change` that runs only while the object it drops exists (`remove_column :t, :c if column_exists?(:t, :c)`,
 * `drop_table :t if table_exists?(:t)`). Rails rolls `change` back by running it again under its CommandRecorder,
 * which forwards `column_exists?` to the live connection (CommandRecorder#method_missing) while it only records the
 * commands: the check reads the schema the up left, where the object is gone, so the command is never recorded and
 * nothing is inverted (no IrreversibleMigration for a missing type either): the rollback leaves it dropped.
 */
function goneOnRollback(ops: readonly OperationInput[], checks: readonly ExistenceGuard[]): boolean {
  const checked = (op: OperationInput): boolean =>
    checks.some((c) => {
      if (c.runsWhen !== "exists") return false;
      const table = c.table.toLowerCase();
      if (op.kind === "drop_column") return c.predicate === "column_exists?" && table === op.table.toLowerCase() && c.column === op.column;
      if (op.kind === "drop_table") return TABLE_CHECKS.has(c.predicate) && op.tables.length === 1 && table === op.tables[0].toLowerCase();
      return false;
    });
  return ops.length > 0 && ops.every(checked);
}

/** Early returns followed one after another in a method body (each re-reads the statements after it). */
const MAX_CHAINED_RETURNS = 8;

/** Calls that name the method to run as a value: `send(:drop_table, :users)`. */
const SEND = new Set(["send", "public_send", "__send__"]);
/** Calls that run Ruby source held in a string (with a block, the code is there to read). */
const EVAL = new Set(["eval", "instance_eval", "class_eval", "module_eval"]);
/** `method(:execute)`: a method object, later `.call`ed. */
const METHOD_OBJECT = new Set(["method", "public_method"]);

export class Interpreter {
  readonly notes: ParseProblem[] = [];
  readonly errors: ParseProblem[] = [];
  /** code only another database runs (`if using_mysql?`, after `return unless mysql?`): never run here */
  readonly otherDatabaseBranches: SourceRange[] = [];
  /** operations the Ruby hides from a static reading (send, eval, SQL built at run time): `hidden-operation` */
  readonly hidden: HiddenOperation[] = [];
  private direction: Direction = "change";
  private readonly inlining = new Set<string>();

  constructor(private readonly setup: InterpreterSetup) {}

  run(body: Node | null, direction: Direction): Step[] {
    this.direction = direction;
    const out: Step[] = [];
    this.statements(body, { inTransaction: this.setup.transactional, assured: false, env: new Map(this.setup.constants ?? []), oneWay: false }, out);
    return out;
  }

  /**
   * The class body's commands, run as Rails loads the file (load-time.ts): before the migration's transaction opens,
   * so outside it whatever `disable_ddl_transaction!` says, and never recorded for a rollback.
   */
  runAtLoad(statements: readonly Node[]): Step[] {
    this.direction = "up";
    const out: Step[] = [];
    this.sequence(statements, { inTransaction: false, assured: false, env: new Map(this.setup.constants ?? []), oneWay: true }, out);
    return out;
  }

  private get src(): RubySource {
    return this.setup.src;
  }

  private note(node: Node, message: string): void {
    this.notes.push({ line: this.src.loc(node).line, message });
  }

  /** Once per place and message: a helper called in a loop hides the same operation each time. */
  private hide(node: Node, message: string, fix?: string): void {
    const loc = this.src.loc(node);
    this.addHidden({ line: loc.line, endLine: loc.endLine, message, ...(fix ? { fix } : {}) });
  }

  /** Each place and message once, in a set: a hostile file may hide 100,000 operations, so no scan per one. */
  private readonly hiddenSeen = new Set<string>();
  private addHidden(problem: HiddenOperation): void {
    const key = `${problem.line}\0${problem.message}`;
    if (this.hiddenSeen.has(key)) return;
    this.hiddenSeen.add(key);
    this.hidden.push(problem);
  }

  private base(node: Node, scope: Scope): OpBase {
    const receiver = node instanceof CallNode ? localName(node.receiver) : undefined;
    const frameworkCall = node instanceof CallNode ? (receiver ? `${receiver}.${node.name}` : node.name) : undefined;
    // with no locals bound nothing is inlined: skip walking the node's whole subtree (create_table's block)
    const inlined = scope.env.size ? inlinedLocals(node, scope.env, this.src) : undefined;
    return { loc: this.src.loc(node), text: this.src.textOf(node), inTransaction: scope.inTransaction, assured: scope.assured, frameworkCall, ...(inlined ? { inlined } : {}) };
  }

  private context(scope: Scope): CommandContext {
    return {
      src: this.src,
      env: scope.env,
      railsVersion: this.setup.railsVersion,
      base: (node) => this.base(node, scope),
      note: (node, message) => this.note(node, message),
      tableBlock: (block, table) => {
        const inner: Step[] = [];
        const name = blockParams(block)[0];
        // without a block parameter the block's calls have the migration as receiver: `change_table :t, bulk: true do
        // add_column :t, :c, :string end` runs each add_column as the migration's own command, not as a table call
        this.statements(block.body, name ? { ...scope, table: { name, table } } : scope, inner);
        return inner;
      },
    };
  }

  /** What Rails runs on rollback for code its command recorder never sees. */
  private notRecorded(node: Node, scope: Scope, what: string): Step["revert"] {
    if (scope.oneWay) return [];
    return { irreversible: `${what} is not recorded by Rails' command recorder: a rollback runs it again instead of undoing it`, loc: this.src.loc(node), rerun: true };
  }

  private statements(node: Node | null | undefined, scope: Scope, out: Step[]): void {
    if (!node) return;
    if (node instanceof StatementsNode) return this.sequence(node.body, scope, out);
    this.statement(node, scope, out);
  }

  /** Statements in order; `return unless index_exists?(...)`: what follows runs only when the object exists (or is missing). */
  private sequence(body: readonly Node[], scope: Scope, out: Step[], chained = 0): void {
    for (const [i, statement] of body.entries()) {
      // a second early return after it guards what follows it too (Active Storage's `return unless table_exists?`
      // then `return if column_exists?`); a hostile chain of thousands is followed a few deep, then read as statements
      // `return unless using_mysql?` / `return if postgres?`: what follows runs only on another database
      if (this.returnsHere(statement)) {
        const rest = body.slice(i + 1);
        if (rest.length) this.otherDatabaseBranches.push({ ...this.src.loc(rest[0]), endLine: this.src.loc(rest[rest.length - 1]).endLine });
        return;
      }
      const early = chained < MAX_CHAINED_RETURNS ? earlyReturnGuard(statement, this.src, scope.env, this.setup.models, scope.table) : undefined;
      if (early) {
        const rest: Step[] = [];
        this.sequence(body.slice(i + 1), scope, rest, chained + 1);
        append(out, guarded(rest, early));
        return;
      }
      // an unconditional `return`: what it returns is evaluated, the statements after it never run (dead code is no
      // operation: email-alert-api kept a data migration's old code below a `return` on its first line)
      if (statement instanceof ReturnNode) {
        for (const value of statement.arguments_?.arguments_ ?? []) this.statement(value, scope, out);
        return;
      }
      this.statement(statement, scope, out);
      // `raise if Feed.where.not(c: nil).any?`: what follows runs only where the column holds no value
      const values = chained < MAX_CHAINED_RETURNS ? railsValuesGuards(statement, this.setup.models, this.src, scope.env) : [];
      if (values.length) {
        const rest: Step[] = [];
        this.sequence(body.slice(i + 1), scope, rest, chained + 1);
        append(out, rest.map((s) => ({ ...s, ops: s.ops.map((op) => ({ ...op, valuesGuards: [...values, ...(op.valuesGuards ?? [])] })) })));
        return;
      }
    }
  }

  /** A bare `return` under a test that is true on this database (`return if postgres?`, `return unless using_mysql?`). */
  private returnsHere(statement: Node): boolean {
    if (!(statement instanceof IfNode || statement instanceof UnlessNode) || !(statement.statements instanceof StatementsNode)) return false;
    if (statement.statements.body.length !== 1 || !(statement.statements.body[0] instanceof ReturnNode) || statement.statements.body[0].arguments_) return false;
    if (statement instanceof IfNode ? statement.subsequent : statement.elseClause) return false;
    const { other, own } = this.databaseTest(statement.predicate);
    return statement instanceof IfNode ? own : other;
  }

  /** A branch under an existence check (`if index_exists?(...)`): its operations are idempotent. */
  private branch(node: Node | null | undefined, scope: Scope, out: Step[], guard: BranchGuard): void {
    if (!guardsAnything(guard)) return this.statements(node, scope, out);
    const inner: Step[] = [];
    this.statements(node, scope, inner);
    append(out, guarded(inner, guard));
  }

  private statement(node: Node, scope: Scope, out: Step[]): void {
    if (node instanceof CallNode) return this.call(node, scope, out);
    // a branch for MySQL/SQLite never runs here, nor the else of a test for this database (`if AppConfig.postgres?`);
    // every other branch might
    if (node instanceof IfNode) {
      const { other, own } = this.databaseTest(node.predicate);
      this.branch(this.unlessOtherDatabase(other, node.statements), scope, out, branchGuard(node.predicate, true, this.src, scope.env, this.setup.models, scope.table));
      return this.branch(this.unlessOtherDatabase(own, node.subsequent), scope, out, branchGuard(node.predicate, false, this.src, scope.env, this.setup.models, scope.table));
    }
    if (node instanceof UnlessNode) {
      const { other, own } = this.databaseTest(node.predicate);
      this.branch(this.unlessOtherDatabase(own, node.statements), scope, out, branchGuard(node.predicate, false, this.src, scope.env, this.setup.models, scope.table));
      return this.branch(this.unlessOtherDatabase(other, node.elseClause), scope, out, branchGuard(node.predicate, true, this.src, scope.env, this.setup.models, scope.table));
    }
    if (node instanceof WhenNode) return this.statements(this.unlessOtherDatabase(node.conditions.some((c) => this.databaseTest(c).other), node.statements), scope, out);
    if (node instanceof ElseNode || node instanceof EnsureNode) return this.statements(node.statements, scope, out);
    if (node instanceof CaseNode) return [...node.conditions, node.elseClause].forEach((n) => this.statements(n, scope, out));
    if (node instanceof BeginNode) return [node.statements, node.rescueClause, node.elseClause, node.ensureClause].forEach((n) => this.statements(n, scope, out));
    if (node instanceof RescueNode) return [node.statements, node.subsequent].forEach((n) => this.statements(n, scope, out));
    if (node instanceof ParenthesesNode) return this.statements(node.body, scope, out);
    if (node instanceof WhileNode || node instanceof UntilNode || node instanceof ForNode) return this.statements(node.statements, scope, out);
    if (node instanceof RescueModifierNode) return this.statement(node.expression, scope, out);
    if (node instanceof YieldNode) return scope.yields ? this.statements(scope.yields.block.body, scope.yields.scope, out) : undefined;
    if (node instanceof AndNode || node instanceof OrNode) return [node.left, node.right].forEach((n) => this.statement(n, scope, out));
    if (node instanceof LocalVariableWriteNode) {
      scope.env.set(node.name, evaluate(node.value, scope.env, this.src));
      if (node.value instanceof CallNode) this.statement(node.value, scope, out);
    }
  }

  /**
   * What a condition says of the database (other-database.ts): it names another database (its branch never runs
   * here), or tests for this one alone (its else never runs here). A method of the migration it calls stands for its body.
   */
  private databaseTest(predicate: Node): { other: boolean; own: boolean } {
    const test = predicateBody(predicate, this.setup.helpers);
    return { other: guardsOtherDatabase(test), own: testsOwnDatabase(test) };
  }

  /** The branch, or nothing when only another database runs it (its place kept: the up ran nothing of it here). */
  private unlessOtherDatabase(otherOnly: boolean, branch: Node | null | undefined): Node | null | undefined {
    if (otherOnly && branch) this.otherDatabaseBranches.push(this.src.loc(branch));
    return otherOnly ? null : branch;
  }

  /** A method of the migration, run where it is called; its `yield` runs the caller's block there. */
  private inline(name: string, helper: DefNode, node: CallNode, scope: Scope, out: Step[]): void {
    this.inlining.add(name);
    const yields = node.block instanceof BlockNode ? { block: node.block, scope } : undefined;
    this.statements(helper.body, { ...scope, yields }, out);
    this.inlining.delete(name);
  }

  private block(node: CallNode, scope: Scope, out: Step[]): void {
    if (node.block instanceof BlockNode) this.statements(node.block.body, scope, out);
  }

  private call(node: CallNode, scope: Scope, out: Step[]): void {
    if (this.indirectCall(node, scope, out)) return;
    const receiver = localName(node.receiver);
    if (scope.table && receiver === scope.table.name) return this.tableCall(node, scope, out);
    if (scope.dir && receiver === scope.dir.name && (node.name === "up" || node.name === "down")) {
      if (node.block instanceof BlockNode) this.statements(node.block.body, { ...scope, oneWay: true }, node.name === "up" ? scope.dir.up : scope.dir.down);
      return;
    }
    if (!node.receiver || node.receiver instanceof SelfNode) return this.selfCall(node, scope, out);
    this.receiverCall(node, scope, out);
  }

  /**
   * A migration method reached indirectly: `send(:drop_table, :users)`, `connection.public_send(:execute, sql)`,
   * `method(:execute).call(sql)`, or Ruby in a string given to `eval`. Reported as hidden (a reviewer searching the
   * diff does not see it, and a computed name cannot be checked at all); a method named literally is still checked.
   */
  private indirectCall(node: CallNode, scope: Scope, out: Step[]): boolean {
    if (SEND.has(node.name) && this.onMigration(node.receiver)) {
      const args = callArgs(node, scope.env, this.src);
      const name = nameOf(args.args[0]);
      const rest = { ...args, args: args.args.slice(1), argNodes: args.argNodes.slice(1) };
      if (!name) {
        this.hide(node, `\`${node.name}\` calls a method whose name is computed at run time, so this operation cannot be checked statically`);
        out.push(step([{ kind: "raw", ...this.base(node, scope), statement: node.name, opaque: true }], []));
        return true;
      }
      this.hide(node, `\`${node.name}(:${name}, ...)\` calls ${name} indirectly: a reviewer searching the diff for ${name} does not see it (migguard checked it as ${name})`, this.directCall(name, (node.arguments_?.arguments_ ?? []).slice(1), node));
      this.dispatch(name, node, rest, scope, out);
      return true;
    }
    const target = node.name === "call" && node.receiver instanceof CallNode && METHOD_OBJECT.has(node.receiver.name) && this.onMigration(node.receiver.receiver) ? node.receiver : undefined;
    if (target) {
      const name = nameOf(callArgs(target, scope.env, this.src).args[0]);
      const args = callArgs(node, scope.env, this.src);
      if (!name) {
        this.hide(node, `\`${this.src.textOf(target)}.call\` runs a method whose name is computed at run time, so this operation cannot be checked statically`);
        out.push(step([{ kind: "raw", ...this.base(node, scope), statement: "call", opaque: true }], []));
        return true;
      }
      this.hide(node, `\`${this.src.textOf(target)}.call\` runs ${name} through a method object: a reviewer searching the diff for ${name} does not see it (migguard checked it as ${name})`, this.directCall(name, node.arguments_?.arguments_ ?? [], node));
      this.dispatch(name, node, args, scope, out);
      return true;
    }
    if (EVAL.has(node.name) && !(node.block instanceof BlockNode) && (node.arguments_?.arguments_.length ?? 0) > 0) {
      this.hide(node, `\`${node.name}\` runs Ruby source held in a string, so the operations in it cannot be checked statically`);
      out.push(step([{ kind: "raw", ...this.base(node, scope), statement: node.name, opaque: true }], []));
      return true;
    }
    return false;
  }

  /** `send` on the migration itself or on its connection (`connection`, `ActiveRecord::Base.connection`). */
  private onMigration(receiver: Node | null): boolean {
    if (!receiver || receiver instanceof SelfNode) return true;
    return receiver instanceof CallNode && receiver.name === "connection" && !receiver.arguments_;
  }

  /** `drop_table(:users)`: the call written directly, with its arguments and block as written. */
  private directCall(name: string, argNodes: readonly Node[], node: CallNode): string {
    const block = node.block ? ` ${this.src.textOf(node.block)}` : "";
    return `${name}(${argNodes.map((n) => this.src.textOf(n)).join(", ")})${block}`;
  }

  /** Run migration method `name` with `args`, as if it had been called by name. */
  private dispatch(name: string, node: CallNode, args: CallArgs, scope: Scope, out: Step[]): void {
    if (name === "execute") return this.execute(node, args.argNodes[0], scope, out, true);
    if (CONNECTION_SQL.has(name)) return this.execute(node, args.argNodes[0], scope, out, false);
    if (COMMANDS.has(name)) return this.command(name, node, args, scope, out);
    const helper = this.setup.helpers.get(name);
    if (helper && !this.inlining.has(name)) return this.inline(name, helper, node, scope, out);
    out.push(step([{ kind: "raw", ...this.base(node, scope), statement: name, opaque: true }], []));
  }

  private selfCall(node: CallNode, scope: Scope, out: Step[]): void {
    const name = node.name;
    switch (name) {
      case "reversible":
        return this.reversible(node, scope, out);
      case "up_only": {
        if (this.direction === "down") return;
        const inner: Step[] = [];
        this.block(node, { ...scope, oneWay: true }, inner);
        out.push(step(opsOf(inner), []));
        return;
      }
      case "safety_assured":
        return this.block(node, { ...scope, assured: true }, out);
      case "transaction":
        return this.block(node, { ...scope, inTransaction: true }, out);
      case "revert":
        return this.revert(node, scope, out);
      case "execute":
        return this.execute(node, callArgs(node, scope.env, this.src).argNodes[0], scope, out, true);
    }
    if (name.startsWith("exec_") || name.startsWith("select_")) {
      if (CONNECTION_SQL.has(name)) return this.execute(node, callArgs(node, scope.env, this.src).argNodes[0], scope, out, false);
    }
    if (COMMANDS.has(name)) return this.command(name, node, callArgs(node, scope.env, this.src), scope, out);
    const helper = this.setup.helpers.get(name);
    if (helper && !this.inlining.has(name)) return this.inline(name, helper, node, scope, out);
    if (QUIET.has(name) || name.endsWith("?")) return this.block(node, scope, out);
    if (node.block instanceof BlockNode) return this.block(node, scope, out);
    // an application's own migration helper (Mastodon's update_index, GitLab's add_concurrent_index): not modelled
    const given = givenNames(callArgs(node, scope.env, this.src));
    out.push(step([{ kind: "raw", ...this.base(node, scope), statement: name, opaque: true, ...(given ? { givenNames: given } : {}) }], []));
    this.note(node, `${name} is not an ActiveRecord migration method; migguard does not know what it does and did not check it`);
  }

  private command(name: string, node: CallNode, args: CallArgs, scope: Scope, out: Step[]): void {
    const handler = COMMANDS.get(name)!;
    const steps = handler({ name, args: args.args, opts: args.opts, block: args.block, node }, this.context(scope));
    if (steps) {
      // `if_not_exists: true` / `if_exists: true`: the operation runs under the check Rails makes for it
      const flagged = args.opts.flag("if_not_exists") === true || args.opts.flag("if_exists") === true;
      const line = this.src.loc(node).line;
      // create_table's own indexes are added with `if_not_exists: td.if_not_exists` (SchemaStatements#create_table)
      const tableIfNotExists = name === "create_table" && args.opts.flag("if_not_exists") === true;
      const flaggedOp = (op: OperationInput): OperationInput => withOptionGuard(tableIfNotExists && op.kind === "add_index" ? { ...op, ifNotExists: true } : op, line);
      append(out, flagged ? steps.map((s) => ({ ...s, ops: s.ops.map(flaggedOp) })) : steps);
      return;
    }
    out.push(step([{ kind: "raw", ...this.base(node, scope), statement: name, opaque: true }], []));
    this.note(node, `${name}: its table or column names are computed at run time, so it was not checked`);
  }

  /** `t.string :name`, `t.remove :x`, `t.index ...` inside change_table */
  private tableCall(node: CallNode, scope: Scope, out: Step[]): void {
    const table: RubyValue = { kind: "sym", value: scope.table!.table };
    const args = callArgs(node, scope.env, this.src);
    const method = node.name;
    const run = (name: string, positional: RubyValue[], opts = args.opts) => this.command(name, node, { ...args, args: positional, opts }, scope, out);
    if (COLUMN_METHODS.has(method) || method === "column") {
      const names = method === "column" ? args.args.slice(0, 1) : args.args;
      const type: RubyValue = method === "column" ? (args.args[1] ?? { kind: "nil" }) : { kind: "sym", value: method };
      for (const column of names) {
        run("add_column", [table, column, type], args.opts.without("index"));
        const index = args.opts.get("index");
        if (index && index.kind !== "nil" && !(index.kind === "bool" && !index.value))
          run("add_index", [table, column], index.kind === "hash" ? new Options(index.entries) : new Options());
      }
      return;
    }
    const mapped = TABLE_METHODS.get(method);
    if (!mapped) {
      if (!method.endsWith("?")) this.note(node, `t.${method} inside change_table is not modelled`);
      return;
    }
    if (method === "references" || method === "belongs_to" || method === "remove_references" || method === "remove_belongs_to") {
      for (const ref of args.args) run(mapped, [table, ref]);
      return;
    }
    run(mapped, [table, ...args.args]);
  }

  private reversible(node: CallNode, scope: Scope, out: Step[]): void {
    if (!(node.block instanceof BlockNode)) return;
    const name = blockParams(node.block)[0] ?? "";
    const dir = { name, up: [] as Step[], down: [] as Step[] };
    const rest: Step[] = [];
    this.statements(node.block.body, { ...scope, dir }, rest);
    if (this.direction === "down") out.push(step(opsOf(dir.down), []));
    else if (this.direction === "up") out.push(step(opsOf(dir.up), []));
    else out.push(step(opsOf(dir.up), opsOf(dir.down)));
    append(out, rest);
  }

  /** `revert do ... end`: runs the inverse of its block now, and the block itself on rollback. */
  private revert(node: CallNode, scope: Scope, out: Step[]): void {
    if (!(node.block instanceof BlockNode)) {
      out.push(step([{ kind: "raw", ...this.base(node, scope), statement: "revert" }], []));
      this.note(node, "revert of another migration class: its operations were not checked");
      return;
    }
    const inner: Step[] = [];
    this.statements(node.block.body, scope, inner);
    const blocked = inner.find((s) => isIrreversible(s.revert));
    if (blocked) {
      // Rails raises ActiveRecord::IrreversibleMigration while migrating: the up itself fails
      out.push(step([{ kind: "raw", ...this.base(node, scope), statement: "revert" }], blocked.revert));
      this.note(node, `revert cannot invert its block: ${(blocked.revert as Irreversible).irreversible}`);
      return;
    }
    out.push(step([...inner].reverse().flatMap((s) => s.revert as OperationInput[]), opsOf(inner)));
  }

  private execute(node: CallNode, sqlNode: Node | undefined, scope: Scope, out: Step[], recorded: boolean): void {
    const what = recorded ? "execute" : `${this.src.textOf(node).split("(")[0].split(" ")[0]}`;
    const revert: Step["revert"] = recorded
      ? scope.oneWay
        ? []
        : { irreversible: "execute is not reversible: Rails cannot know which SQL undoes it", loc: this.src.loc(node) }
      : this.notRecorded(node, scope, what);
    const sql = rubySql(sqlNode, scope.env, this.src) ?? this.helperSql(sqlNode, scope);
    if (!sql) {
      out.push(step([{ kind: "raw", ...this.base(node, scope), statement: "EXECUTE" }], revert));
      // a read (select_value(query)) changes nothing: only SQL that may write is worth a warning
      if (/^select_/.test(node.name)) this.note(node, `the SQL of ${what} is computed at run time, so it was not checked`);
      else {
        const built = sqlNode ? ` (\`${this.src.textOf(sqlNode).split("\n")[0].slice(0, 60)}\`)` : "";
        this.hide(node, `the SQL given to ${what} is built at run time${built}, so it cannot be checked statically`);
      }
      return;
    }
    const result = embeddedOperations(sql, { ...scope, frameworkCall: node.name });
    append(this.errors, result.errors);
    append(this.notes, result.notes);
    for (const h of result.hidden) this.addHidden(h);
    // `select_rows("SELECT ... FROM tags")`: the rows come back to the Ruby around the call, which may write them
    // elsewhere (a loop over them): a read of the tables, writing nothing itself (a recorded `execute` stays a
    // statement: in `change` the recorder cannot invert it)
    const selected = recorded ? undefined : rowsSelected(result.ops);
    if (selected) {
      const what = this.src.textOf(node).split("\n")[0].trim();
      out.push(step([{ kind: "data_migration", ...this.base(node, scope), language: "ruby", description: what, reversible: true, readOnly: true, tables: selected }], revert));
      return;
    }
    // SQL Ruby completes at run time: fixes that move it move the call as written, its interpolations kept
    const hostCall = sql.dynamic ? this.src.textWithHeredocs(node) : undefined;
    out.push(step(hostCall ? result.ops.map((op) => ({ ...op, hostCall })) : result.ops, revert));
    // execute "COMMIT" ends the migration's transaction for the statements after it (the pg gem opens no new
    // one, so they autocommit); execute "BEGIN" opens one again
    const control = result.ops.filter((op) => op.kind === "transaction_control").pop();
    if (control?.kind === "transaction_control") {
      if (control.action === "begin") scope.inTransaction = true;
      else if (control.action === "commit" || control.action === "rollback") scope.inTransaction = false;
    }
  }

  /**
   * `execute update_events("address", "street")`: the SQL a method of the migration returns (its last expression, a
   * string or heredoc), with the method's parameters bound to the call's arguments.
   */
  private helperSql(node: Node | undefined, scope: Scope): RubySql | undefined {
    if (!(node instanceof CallNode) || (node.receiver && !(node.receiver instanceof SelfNode)) || this.inlining.has(node.name)) return undefined;
    const helper = this.setup.helpers.get(node.name);
    const body = helper?.body instanceof StatementsNode ? helper.body.body : [];
    if (!helper || body.length === 0) return undefined;
    const env = new Map(scope.env);
    const args = callArgs(node, scope.env, this.src).args;
    const params = helper.parameters;
    for (const [i, param] of [...(params?.requireds ?? []), ...(params?.optionals ?? [])].entries()) {
      if (param instanceof RequiredParameterNode) env.set(param.name, args[i] ?? { kind: "code", text: param.name, node: param });
      else if (param instanceof OptionalParameterNode) env.set(param.name, args[i] ?? evaluate(param.value, scope.env, this.src));
    }
    for (const statement of body.slice(0, -1)) if (statement instanceof LocalVariableWriteNode) env.set(statement.name, evaluate(statement.value, env, this.src));
    let last: Node | null = body[body.length - 1];
    if (last instanceof ReturnNode) last = last.arguments_?.arguments_.length === 1 ? last.arguments_.arguments_[0] : null;
    this.inlining.add(node.name);
    try {
      return rubySql(last, env, this.src);
    } finally {
      this.inlining.delete(node.name);
    }
  }

  /**
   * What a loop runs over: a literal, or a method of the migration without arguments that returns one
   * (`def columns; [[:users, :email], ...]; end`, then `columns.each do |table, column|`).
   */
  private loopItems(receiver: Node, scope: Scope): RubyValue {
    const items = evaluate(receiver, scope.env, this.src);
    if (items.kind === "array" || !(receiver instanceof CallNode) || receiver.receiver || receiver.arguments_ || receiver.block || this.inlining.has(receiver.name)) return items;
    const helper = this.setup.helpers.get(receiver.name);
    const body = helper?.body instanceof StatementsNode ? helper.body.body : [];
    if (!helper || helper.parameters || body.length !== 1) return items;
    let last: Node | null = body[0];
    if (last instanceof ReturnNode) last = last.arguments_?.arguments_.length === 1 ? last.arguments_.arguments_[0] : null;
    return last instanceof ArrayNode ? evaluate(last, scope.env, this.src) : items;
  }

  private receiverCall(node: CallNode, scope: Scope, out: Step[]): void {
    // `Class.new(ActiveRecord::Base) do self.table_name = "t" end`: the block is the body of a model class defined in
    // the migration; its calls configure that class, they change no schema
    if (node.name === "new" && node.block instanceof BlockNode && node.receiver instanceof ConstantReadNode && node.receiver.name === "Class") return;
    // [:a, :b].each do |column| ... end over literals: run the body once per element
    if (LOOP_METHODS.has(node.name) && node.block instanceof BlockNode && node.receiver) {
      const params = blockParams(node.block);
      const items = pairsOfHash(this.loopItems(node.receiver, scope), node.name, params.length);
      if (node.receiver instanceof ArrayNode || items.kind === "array") {
        if (items.kind !== "array") return;
        for (const item of items.items) {
          const env = new Map(scope.env);
          // `each do |table, column|` over pairs: each name takes its element, as Ruby destructures
          if (params.length > 1 && item.kind === "array") params.forEach((p, i) => p && env.set(p, item.items[i] ?? { kind: "nil" }));
          else if (params[0]) env.set(params[0], item);
          this.statements(node.block.body, { ...scope, env }, out);
        }
        return;
      }
    }
    if (node.name === "transaction" && node.block instanceof BlockNode) return this.block(node, { ...scope, inTransaction: true }, out);
    const data = classifyDataCall(
      node,
      this.setup.models,
      (local) => {
        const held = scope.env.get(local);
        return held?.kind === "code" ? recordModel(held.node) : undefined;
      },
      // a loop over a literal list of model classes binds each class in turn
      (local) => {
        const held = scope.env.get(local);
        return held?.kind === "code" ? constantName(held.node) : undefined;
      },
      // a relation of a model held in a local (`broken = Audit.where(...)`): its writes are the model's
      (local) => {
        const held = scope.env.get(local);
        return held?.kind === "code" ? heldRelation(held.node) : undefined;
      },
    );
    if (!data) {
      // `select_rows("SELECT ...").each do |row| ... end`: the rows are read before the block runs on them
      if (LOOP_METHODS.has(node.name) && node.receiver instanceof CallNode && CONNECTION_SQL.has(node.receiver.name)) this.call(node.receiver, scope, out);
      if (node.block instanceof BlockNode) this.block(node, scope, out);
      else if (this.gemHelper(node)) {
        // a gem's or the app's class method that changes the schema (globalize's create_translation_table!)
        out.push(step([{ kind: "raw", ...this.base(node, scope), statement: `${constantName(node.receiver)}.${node.name}`, opaque: true }], []));
        this.note(node, `${node.name} is not an ActiveRecord migration method; migguard does not know what it does and did not check it`);
      }
      return;
    }
    const base = this.base(node, scope);
    const what = this.src.textOf(node).split("\n")[0].trim();
    // the migration's own `connection` is the command recorder while Rails runs `change` backwards: its execute is
    // recorded (and cannot be inverted), like a bare execute; any other connection runs the SQL again on rollback
    const ownConnection = node.name === "execute" && node.receiver instanceof CallNode && node.receiver.name === "connection" && !node.receiver.receiver;
    if (data.kind === "connection-sql") return this.execute(node, data.sqlArg, scope, out, ownConnection);
    // run again on rollback, some data code changes nothing the first run had not: the adapter drops it from the
    // irreversible steps when what it names is still there in the up's schema
    const revert = this.notRecorded(node, scope, what);
    if (isIrreversible(revert)) {
      // a record found by its conditions, deleted or renamed through `&.`: run again, the finder finds nothing
      const found = foundRecordWrite(node, scope.env, this.src);
      if (found?.kind === "renamed") revert.undo = found.undo;
      const harmless = found?.kind === "deleted" ? { table: data.table ?? "", columns: [] } : harmlessRerun(node, data, scope.env, this.src);
      if (harmless) revert.harmless = harmless;
      const writes = rerunWrites(node, data, scope.env, this.src, this.setup.models);
      if (writes) revert.writes = writes;
    }
    // the duplicates a delete removes, by the columns it groups them by: the unique key it makes room for
    const deletesRows = data.kind === "loop" ? data.deletes.length > 0 : data.verb === "delete";
    const dedupesBy = deletesRows ? dedupeGroupings(node, scope.env, this.src, this.setup.models) : [];
    const dedupe = dedupesBy.length ? { dedupesBy } : {};
    if (data.kind === "loop") {
      const repeats = loopRepeats(node, this.src);
      const everyRow = overwritesEveryRow(node, scope.env, this.src) ? { overwritesEveryRow: true } : {};
      out.push(step([{ kind: "data_migration", ...base, ...everyRow, ...(data.prefixedTable ? { prefixedTable: data.prefixedTable } : {}), language: "ruby", description: what, reversible: scope.oneWay, tables: data.table ? [data.table] : [], writes: data.writes, batched: data.batched, ...(data.inBatches ? { loopsInBatches: true } : {}), ...(data.insertsOnly ? { insertsOnly: true } : {}), ...(repeats ? { repeats } : {}), ...(data.deletes.length ? { deletes: data.deletes.map((d) => ({ call: this.src.textOf(d.call).split("\n")[0].trim(), ...(d.table ? { table: d.table } : {}) })) } : {}), ...(data.overwrites && data.table ? { overwrites: data.overwrites.map((o) => ({ call: this.src.textOf(o.call).split("\n")[0].trim(), table: data.table, ...(o.columns ? { columns: o.columns } : {}) })) } : {}), ...(data.copies ? { copies: data.copies } : {}), ...dedupe }], revert));
      return;
    }
    const nullColumns = data.table && data.verb !== "insert" ? columnsFilteredToNull(node, scope.env, this.src) : [];
    if (isIrreversible(revert) && nullColumns.length) revert.nullRows = { table: data.table!, columns: nullColumns };
    const emptied = data.table && data.verb === "delete" ? columnsFilteredToValues(node, scope.env, this.src) : [];
    const written = updateWrites(node, scope.env, this.src, data.table);
    const constants = data.verb === "update" ? written.constants : {};
    // where(c: nil) alone: the rows with NULLs there (on a column just added, every row)
    const onlyNulls = nullColumns.length > 0 && narrowedOnlyToNulls(node, scope.env, this.src);
    // where.not(c: ...).update_all: the rows NULL in c are left as they were
    const negated = data.table && data.verb === "update" ? columnNegatedIn(node, scope.env, this.src) : undefined;
    out.push(
      step(
        [
          {
            kind: "dml",
            ...base,
            ...(data.prefixedTable ? { prefixedTable: data.prefixedTable } : {}),
            verb: data.verb,
            table: data.table,
            hasWhere: data.hasWhere,
            columns: written.columns,
            viaCode: true,
            ...(emptied.length ? { removesRowsWithValue: emptied } : {}),
            ...dedupe,
            ...(Object.keys(constants).length ? { constants } : {}),
            ...(onlyNulls ? { onlyNullRowsOf: nullColumns, whereOnlyNullTests: true } : {}),
            ...(negated ? { skipsNullRowsOf: [negated.column], ...(negated.withNullRows ? { withNullRows: negated.withNullRows } : {}) } : {}),
          },
        ],
        revert,
      ),
    );
  }

  /**
   * `Model.drop_translation_table!`, `Translation.add_translation_fields!`: a bang method called on a class is work
   * the migration does (a gem's or the app's schema helper), which we cannot see into. Reads and plain calls are not.
   */
  private gemHelper(node: CallNode): boolean {
    return node.name.endsWith("!") && constantName(node.receiver) !== undefined && !node.name.startsWith("reset_") && node.name !== "clear_cache!";
  }

}

/** The write of a loop over records (`Invoice.find_each do |invoice| ... end`) that changes its record again on a second run. */
function loopRepeats(call: CallNode, src: RubySource): string | undefined {
  const loop = chainOf(call).calls.find((c) => c.block instanceof BlockNode);
  const block = loop?.block instanceof BlockNode ? loop.block : undefined;
  return block ? recordRepeats(block, blockParams(block)[0], src) : undefined;
}

/** A literal Ruby value: names, numbers, flags, and lists and hashes of them (no code, no value computed at run time). */
function isLiteral(value: RubyValue): boolean {
  if (value.kind === "array") return value.items.every(isLiteral);
  if (value.kind === "hash") return [...value.entries.values()].every(isLiteral);
  return value.kind === "sym" || value.kind === "str" || value.kind === "int" || value.kind === "float" || value.kind === "bool" || value.kind === "nil";
}

function namesIn(value: RubyValue): string[] {
  if (value.kind === "sym" || value.kind === "str") return [value.value];
  if (value.kind === "array") return value.items.flatMap(namesIn);
  if (value.kind === "hash") return [...value.entries.values()].flatMap(namesIn);
  return [];
}

/**
 * An app helper called Rails' way, a table first and nothing but literals after it (caseflow's `add_safe_index
 * :correspondences, [:prior_correspondence_id], name: "..."`): the names it was given, among which are the tables it
 * works on. undefined when an argument is code or the first is no name: it may then work on any table.
 */
function givenNames(args: CallArgs): string[] | undefined {
  const first = args.args[0];
  if (!first || (first.kind !== "sym" && first.kind !== "str")) return undefined;
  if (!args.args.every(isLiteral) || ![...args.opts.entries.values()].every(isLiteral)) return undefined;
  return [...new Set([...args.args, ...args.opts.entries.values()].flatMap(namesIn))];
}
