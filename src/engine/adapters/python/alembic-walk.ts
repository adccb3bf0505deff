/**
 * Walks an Alembic `upgrade()` / `downgrade()` body statement by statement: `op.*` calls, `batch_alter_table`
 * blocks, `autocommit_block()` (its operations run outside Alembic's transaction), helper functions of the
 * same file (followed with their arguments bound), loops over literal lists, and data access through
 * `op.get_bind()` / a Session (SQL strings parsed, anything else a data migration).
 */
import type { HiddenOperation, OperationInput, ParseProblem, ValuesGuard } from "../../model.js";
import { rowsSelected } from "../sql/selected-rows.js";
import { duplicatesSelected } from "../sql/duplicate-rows.js";
import { DEFAULT_CONVENTION, type NamingConvention } from "./alembic-naming-convention.js";
import { alembicOperation, executeHasParams, executeOperations, nameOf, type OpContext } from "./alembic-ops.js";
import { inSchema } from "./sqlalchemy.js";
import { lastSegment, qualifiedName } from "./imports.js";
import { lookupProblem, runsSource } from "./indirect.js";
import { assignments, type PyModule } from "./module.js";
import { callParts, locOf, parameterNames, statementsOf, unparen } from "./nodes.js";
import type { PyNode } from "./parser.js";
import { statementsBeforeError } from "./recovery.js";
import { bindTarget, dictViewItems, literalItems } from "./loop-items.js";
import { builtOnTable, coreSelect, everyRowSelect, EXECUTES, executedUnderFetches, ormInsert, queryDml, queryRead } from "./sqlalchemy-dml.js";
import { asBool, asString, evaluate, importedRoot, kwarg, type ProjectCode, type PyValue } from "./values.js";
import { append } from "../../append.js";
import { loopItemCall } from "./loop-item-call.js";
import { isolationLevelSet } from "./isolation-level.js";
import { decideCondition, literalCondition } from "./literal-condition.js";
import { branchSizeGuard, rowCountOf, valueRowsOf } from "./size-guard.js";
import type { SettingsDialect } from "./alembic-settings-dialect.js";
import { isInspector, schemaQuestionIn, type SchemaAsk } from "./schema-questions.js";

interface WalkState {
  inTransaction: boolean;
  /** the line of a COMMIT (or ROLLBACK) the function sent as SQL, behind SQLAlchemy's back (see `afterRawCommit`) */
  rawCommit?: number;
  batch?: { alias: string; table: string; block?: PyNode };
  bindings: Map<string, PyValue>;
  /** names bound to a connection or session: calls on them read or write data */
  handles: Map<string, HandleKind>;
  /** helper functions being followed (no recursion) */
  calling: Set<string>;
  /** names bound to the database's dialect name (`dialect = op.get_bind().dialect.name`) */
  dialects: Set<string>;
  /** names bound to the database URL, whose text starts with the dialect (`url = str(op.get_bind().engine.url)`) */
  urls: Set<string>;
  /** names bound to a table's row count (`n = conn.execute(sa.text("SELECT COUNT(*) FROM t")).scalar()`): the table */
  counts: Map<string, string>;
  /** the variables of the unrolled loops around the statement (not a followed helper's), each with its loop's iterable as written */
  loops?: ReadonlyMap<string, string>;
  /** names bound to a SQLAlchemy inspector (`insp = sa.inspect(bind)`) */
  inspectors: Set<string>;
  /** names bound to an answer of a schema question (`has_col = insp.has_column("t", "c")`): the question */
  answers: Map<string, SchemaAsk>;
  /** the function put Alembic's connection in AUTOCOMMIT (`execution_options(isolation_level="AUTOCOMMIT")`): another level given later begins a transaction again */
  autocommitLevel?: boolean;
}

/**
 * What walking a statement tells of the function's end: true when PostgreSQL surely reaches a `return` in it
 * (`if bind.dialect.name != "sqlite": return`), so nothing after it runs there. Returned rather than set on the
 * state, which `with` blocks and loop items copy: a flag on a copy was lost when the block ended.
 */
type Returned = boolean;

const POSTGRES = new Set(["postgresql", "postgres"]);

/**
 * What a handle is, for its commit() / rollback(): Alembic's own connection (`op.get_bind()`) ends the revision's
 * transaction on either; a Session bound to that connection only passes rollback() on (SQLAlchemy's
 * join_transaction_mode "rollback_only", as 1.x did with subtransactions); any other connection or session has
 * a transaction of its own.
 */
type HandleKind = "migration-connection" | "migration-session" | "other";

/** builtins a condition may call (`isinstance`, `len`) */
const PY_BUILTINS = new Set(["len", "isinstance", "hasattr", "getattr", "str", "int", "bool", "any", "all", "callable", "type"]);

const MAX_DEPTH = 8;
/** loop bodies walked per item, all loops of a function together (nested ones multiply): a hostile file stays cheap */
const MAX_LOOP_ITERATIONS = 200;
/** what a loop's body may do on rows without making the loop unknown schema work */
const DATA_KINDS = new Set(["dml", "data_migration", "transaction_control"]);
/** methods of a connection / session that do not touch rows */
const QUIET_METHODS = new Set(["close", "commit", "rollback", "flush", "begin", "begin_nested", "expunge", "expunge_all", "expire", "expire_all", "dispose", "get_bind", "in_transaction", "connection",
  // the connection's configuration (tildes' `connection.execution_options(isolation_level="AUTOCOMMIT")` before ALTER TYPE ... ADD VALUE)
  "execution_options", "get_execution_options", "get_isolation_level", "get_transaction", "get_nested_transaction", "in_nested_transaction"]);
/** calls that never change the database (SQLAlchemy constructs only build statements; executing them is what counts) */
/** Alembic's schema operations, as methods of its `op` (alembic-ops.ts reads each). */
const SCHEMA_OPERATIONS = new Set(["add_column", "drop_column", "alter_column", "create_table", "drop_table", "rename_table", "create_index", "drop_index", "create_foreign_key", "create_unique_constraint", "create_primary_key", "create_check_constraint", "create_exclude_constraint", "drop_constraint"]);

// SQLAlchemy's constructs under any of the modules that export them (Wazo's `sa.sql.table('infos', sa.sql.column(...))`)
const HARMLESS = /^(sqlalchemy\.(?:sql\.(?:expression\.)?|schema\.)?(table|column|Table|Column|MetaData|text|literal_column|select|update|delete|insert|and_|or_|not_|case|cast|func\..*)|sqlalchemy\.(select|update|delete|insert)\(\)(\.\w+\(\))*\.\w+|print|len|str|int|float|bool|list|dict|set|tuple|range|sorted|enumerate|zip|isinstance|getattr|setattr|hasattr|super|min|max|abs|round|sum|any|all|map|filter|reversed|repr|format|next|iter|type|json\..*|datetime\..*|uuid\..*|logging\..*|logger\..*|log\..*|warnings\..*|alembic\.context\..*|alembic\.op\.get_context\(\)\..*)$/;

/** a comprehension (list, set, dict or generator) */
const isComprehension = (node: PyNode) => node.type === "list_comprehension" || node.type === "set_comprehension" || node.type === "dictionary_comprehension" || node.type === "generator_expression";

export class AlembicWalker {
  readonly ops: OperationInput[] = [];
  readonly errors: ParseProblem[] = [];
  readonly notes: ParseProblem[] = [];
  /** operations hidden from a static reading (getattr, exec, SQL built at run time): `hidden-operation` */
  readonly hidden: HiddenOperation[] = [];
  private readonly hiddenSeen = new Set<string>();
  /** loop iterations left to unroll (MAX_LOOP_ITERATIONS per walked function) */
  private loopBudget = MAX_LOOP_ITERATIONS;
  /** loops being unrolled around the statement walked, and whether one inside them ran out of budget */
  private unrolling = 0;
  private exhausted = false;

  /** `project`: the project's modules, where names the revision imports from them are read (project-modules.ts) */
  /** `dialect`: the conditions on the project's settings env.py ties to the database (alembic-settings-dialect.ts) */
  constructor(
    private readonly module: PyModule,
    private readonly project?: ProjectCode,
    private readonly dialect?: SettingsDialect,
    /** the names env.py's target_metadata gives what op.create_table defines unnamed */
    private readonly naming: NamingConvention = DEFAULT_CONVENTION,
  ) {}

  walkFunction(def: PyNode, inTransaction = true): void {
    // a syntax error can fold the first statements into an ERROR beside the body (`def upgrade(): a(); b("""...`)
    const statements = [...def.children.filter((c) => c.isError), ...statementsOf(def.childForFieldName("body"))];
    this.walkBody(def.childForFieldName("name")?.text ?? "", statements, inTransaction);
  }

  /** The statements of function `name`'s body (a whole body, or what parsed of one before a syntax error). */
  walkBody(name: string, statements: readonly PyNode[], inTransaction = true): void {
    this.loopBudget = MAX_LOOP_ITERATIONS;
    const state: WalkState = {
      inTransaction,
      bindings: new Map(this.module.bindings),
      handles: new Map(),
      calling: new Set([name]),
      dialects: new Set(),
      urls: new Set(),
      counts: new Map(),
      inspectors: new Set(),
      answers: new Map(),
    };
    this.walkStatements(statements, state, (statement, i) => this.commitsOnlyBeforeAutocommit(statement, statements, i, state));
  }

  /**
   * `op.get_bind().commit()` followed only by `autocommit_block()`s (warehouse's pattern): the block commits
   * Alembic's transaction at that point itself and nothing runs in it afterwards, so the commit changes nothing.
   */
  private commitsOnlyBeforeAutocommit(statement: PyNode, statements: readonly PyNode[], at: number, state: WalkState): boolean {
    const call = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    const fn = call?.type === "call" ? call.childForFieldName("function") : null;
    if (!fn || fn.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "commit") return false;
    const object = fn.childForFieldName("object");
    if (!object || this.handleKind(object, state) !== "migration-connection") return false;
    // the statements after it, by index: slicing the rest for every statement was quadratic
    if (at + 1 >= statements.length) return false;
    for (let i = at + 1; i < statements.length; i++) {
      const s = statements[i];
      if (s.type !== "with_statement" || !s.descendantsOfType("with_item").some((item) => this.isAutocommitBlock(item))) return false;
    }
    return true;
  }

  private isAutocommitBlock(item: PyNode): boolean {
    const value = item.childForFieldName("value");
    const expr = value?.type === "as_pattern" ? value.namedChildren[0] : value;
    return expr ? qualifiedName(expr, this.module.imports) === "alembic.op.get_context().autocommit_block()" : false;
  }

  private opContext(state: WalkState): OpContext {
    return {
      inTransaction: state.inTransaction,
      batchTable: state.batch?.table,
      errors: this.errors,
      notes: this.notes,
      hide: (problem) => this.keepHidden(problem),
      bound: (name) => state.bindings.get(name),
      modelTable: (className) => this.modelTable(className),
      naming: this.naming,
    };
  }

  /** `class User(Base): __tablename__ = "users"` in the migration file. */
  private modelTable(className: string): string | undefined {
    const body = this.module.classes.get(className)?.childForFieldName("body");
    const tablename = body ? assignments(body).find((a) => a.name === "__tablename__") : undefined;
    return tablename ? asString(evaluate(tablename.value, { imports: this.module.imports })) : undefined;
  }

  private eval(node: PyNode, state: WalkState): PyValue {
    return evaluate(node, { imports: this.module.imports, bindings: state.bindings, project: this.project, module: this.module });
  }

  /** The block's statements up to a return PostgreSQL surely reaches; whether it reached one. */
  private walkBlock(block: PyNode | null, state: WalkState): Returned {
    return this.walkStatements(statementsOf(block), state);
  }

  /** Statements one after another (`skip`: one read as nothing), until one surely returns. */
  private walkStatements(statements: readonly PyNode[], state: WalkState, skip?: (statement: PyNode, index: number) => boolean): Returned {
    // `if conn.execute(...).scalar(): raise ...`: the operations after it run where the check found no value
    let guarded: { at: number; guards: ValuesGuard[] } | undefined;
    let returned = false;
    let decided: { at: number; ask: SchemaAsk } | undefined;
    for (const [i, statement] of statements.entries()) {
      if (skip?.(statement, i)) continue;
      if (this.walkStatement(statement, state)) {
        returned = true;
        break;
      }
      // `if insp.has_column("t", "c"): return`: the operations after it run as the answer decides
      if (statement.type === "if_statement" && !decided && statementsOf(statement.childForFieldName("consequence")).at(-1)?.type === "return_statement") {
        const ask = this.ifSchemaQuestion(statement, state);
        if (ask) decided = { at: this.ops.length, ask };
      }
      const guards = statement.type === "if_statement" ? this.raiseGuards(statement, state) : [];
      if (guards.length) guarded = { at: guarded?.at ?? this.ops.length, guards: [...(guarded?.guards ?? []), ...guards] };
    }
    if (guarded) for (let i = guarded.at; i < this.ops.length; i++) this.ops[i] = { ...this.ops[i], valuesGuards: [...guarded.guards, ...(this.ops[i].valuesGuards ?? [])] };
    if (decided) for (let i = decided.at; i < this.ops.length; i++) if (!this.ops[i].schemaQuestion) this.ops[i] = { ...this.ops[i], schemaQuestion: decided.ask };
    return returned;
  }

  /**
   * `if <check>: ... raise ...` with no elif or else, whose check is truthy exactly when a column holds a value (or a
   * table a row): `conn.execute(sa.text("SELECT 1 FROM t WHERE c IS NOT NULL")).scalar()`, `not` flipping it.
   */
  private raiseGuards(statement: PyNode, state: WalkState): ValuesGuard[] {
    if (statement.childrenForFieldName("alternative").length) return [];
    const body = statementsOf(statement.childForFieldName("consequence"));
    if (body.at(-1)?.type !== "raise_statement") return [];
    let condition = statement.childForFieldName("condition");
    let raisesWhenRows = true;
    while (condition && unparen(condition).type === "not_operator") {
      condition = unparen(condition).childForFieldName("argument");
      raisesWhenRows = !raisesWhenRows;
    }
    if (!condition || !raisesWhenRows) return [];
    const n = unparen(condition);
    const rows = n.type === "call" ? valueRowsOf(this.eval(n, state)) : undefined;
    return rows ? [{ ...rows, text: statement.childForFieldName("condition")!.text.replace(/\s+/g, " "), line: statement.startPosition.row + 1 }] : [];
  }

  private walkStatement(statement: PyNode, state: WalkState): Returned {
    switch (statement.type) {
      case "expression_statement": {
        let expr = statement.namedChildren[0];
        if (expr?.type === "await") expr = expr.namedChildren[0];
        if (!expr) return false;
        if (expr.type === "assignment") this.assignment(expr, state);
        else if (expr.type === "call") this.call(expr, state);
        else if (isComprehension(expr)) this.comprehensionStatement(statement, expr, state);
        else this.scanData(statement, state);
        return false;
      }
      case "with_statement":
        return this.withStatement(statement, state);
      case "if_statement":
        return this.ifStatement(statement, state);
      case "for_statement":
        // a loop may run no time at all: a return in its body ends the function only maybe
        this.forStatement(statement, state);
        return false;
      case "while_statement":
        this.unknownLoop(statement, (inner) => this.walkBlock(statement.childForFieldName("body"), inner), state);
        return false;
      case "try_statement":
        return this.tryStatement(statement, state);
      case "function_definition":
      case "class_definition":
      case "decorated_definition":
      case "import_statement":
      case "import_from_statement":
      case "pass_statement":
        return false;
      case "continue_statement":
      case "break_statement":
        // the rest of the loop's body does not run for this item (`if table == "webhook": continue` decided for it);
        // the loop's walk of its body ignores what its body returns, so this ends no more than that body
        return true;
      case "return_statement":
        // reached on PostgreSQL (a branch decided for it, or no branch at all): the rest of the function does not run
        if (statement.namedChildren.length) this.scanData(statement, state);
        return true;
      case "ERROR": {
        // the complete statements a syntax error folded into the ERROR are read as usual; the rest only scanned
        const complete = statementsBeforeError(statement);
        for (const s of complete) if (this.walkStatement(s, state)) return true;
        for (const child of statement.namedChildren.slice(complete.length)) this.scanData(child, state);
        return false;
      }
      default:
        this.scanData(statement, state);
        return false;
    }
  }

  /**
   * `try:` ... `except:` ... `else:` ... `finally:`. An exception may leave the body before its return, so the
   * handlers are read too; `else` runs when the body ends without returning or raising. The function surely returns
   * when the body (or its `else`) and every handler return, or when `finally` does.
   */
  private tryStatement(statement: PyNode, state: WalkState): Returned {
    const blockOf = (clause: PyNode) => clause.namedChildren.find((c) => c.type === "block") ?? null;
    const clauses = statement.namedChildren;
    const orElse = clauses.find((c) => c.type === "else_clause");
    const body = statement.childForFieldName("body");
    const at = this.ops.length;
    const bodyReturns = this.walkBlock(body, state);
    // an inner try set its own, closer to the operation
    const caught = caughtBy(statement, body);
    if (caught) for (let i = at; i < this.ops.length; i++) if (!this.ops[i].caught) this.ops[i] = { ...this.ops[i], caught };
    const normal = bodyReturns || (orElse !== undefined && this.walkBlock(blockOf(orElse), state));
    let handled = true;
    for (const clause of clauses) if (clause.type === "except_clause" && !this.walkBlock(blockOf(clause), state)) handled = false;
    const finallyClause = clauses.find((c) => c.type === "finally_clause");
    const finallyReturns = finallyClause ? this.walkBlock(blockOf(finallyClause), state) : false;
    return finallyReturns || (normal && handled);
  }

  /** `insp = sa.inspect(bind)`, `cols = [c["name"] for c in insp.get_columns("t")]`: what the name now stands for. */
  private bindSchemaQuestion(name: string, value: PyNode, state: WalkState): void {
    state.inspectors.delete(name);
    state.answers.delete(name);
    if (isInspector(value)) state.inspectors.add(name);
    else {
      const ask = schemaQuestionIn(value, state.inspectors, state.answers);
      if (ask) state.answers.set(name, ask);
    }
  }

  /** The schema question an `if` chain's conditions ask (`if not insp.has_column("t", "c"):`), if any. */
  private ifSchemaQuestion(statement: PyNode, state: WalkState): SchemaAsk | undefined {
    const conditions = [statement.childForFieldName("condition"), ...statement.childrenForFieldName("alternative").map((alt) => (alt.type === "elif_clause" ? alt.childForFieldName("condition") : null))];
    for (const condition of conditions) {
      const ask = condition ? schemaQuestionIn(condition, state.inspectors, state.answers) : undefined;
      if (ask) return ask;
    }
    return undefined;
  }

  /**
   * An `if` whose conditions ask about the schema decides by the answer every operation its branches run: each
   * carries the question (an inner `if`'s, closer to it, was set first).
   */
  private ifStatement(statement: PyNode, state: WalkState): Returned {
    const at = this.ops.length;
    const ask = this.ifSchemaQuestion(statement, state);
    const returned = this.ifBranches(statement, state);
    if (ask) for (let i = at; i < this.ops.length; i++) if (!this.ops[i].schemaQuestion) this.ops[i] = { ...this.ops[i], schemaQuestion: ask };
    return returned;
  }

  /**
   * Branches on the database (`if bind.dialect.name == "mysql":`) are decided for PostgreSQL; other conditions
   * cannot be known, so every branch is read.
   */
  private ifBranches(statement: PyNode, state: WalkState): Returned {
    const branches: Array<{ condition: PyNode | null; body: PyNode | null }> = [
      { condition: statement.childForFieldName("condition"), body: statement.childForFieldName("consequence") },
    ];
    for (const alt of statement.childrenForFieldName("alternative")) {
      if (alt.type === "elif_clause") branches.push({ condition: alt.childForFieldName("condition"), body: alt.childForFieldName("consequence") });
      else branches.push({ condition: null, body: alt.childForFieldName("body") ?? alt.namedChildren.find((c) => c.type === "block") ?? null });
    }
    const earlier: PyNode[] = [];
    // the function surely returns when every branch PostgreSQL may take returns and one of them is surely taken: a
    // return in a branch PostgreSQL may skip ends nothing, the statements after the if are read too
    let everyTakenReturns = true;
    for (const branch of branches) {
      const value = branch.condition ? (this.onPostgres(branch.condition, state) ?? this.inLoopItem(branch.condition, state)) : true;
      if (value === false) continue;
      const at = this.ops.length;
      if (!this.walkBlock(branch.body, state)) everyTakenReturns = false;
      const guard = branchSizeGuard(earlier, branch.condition, (node) => this.rowCount(node, state));
      // a guard closer to the operation (an inner `if`) was set first
      if (guard) for (let i = at; i < this.ops.length; i++) this.ops[i] = { sizeGuard: guard, ...this.ops[i] };
      // the first branch's own condition, undecided, that downgrade() can test as written (an elif's also needs the earlier ones false)
      else if (value === undefined && branch.condition && earlier.length === 0 && this.readsModuleNamesOnly(branch.condition)) {
        const outer = unparen(branch.condition).text;
        for (let i = at; i < this.ops.length; i++) {
          const inner = this.ops[i].runsIf;
          this.ops[i] = { ...this.ops[i], runsIf: inner ? `(${outer}) and (${inner})` : outer };
        }
      }
      if (value === true) return everyTakenReturns; // later branches are not taken
      if (branch.condition) earlier.push(branch.condition);
    }
    return false; // no branch surely taken: PostgreSQL may pass them all
  }

  /**
   * A condition on the variables of the unrolled loops around it (pybossa's `if table != "webhook":` in `for table in
   * tables:`), decided for the item being walked when every operand is a literal there: a branch the item does not
   * take is not walked, so what it binds (`query = ...`) does not stand for the others' items.
   */
  private inLoopItem(condition: PyNode, state: WalkState): boolean | undefined {
    const loops = state.loops;
    if (!loops?.size) return undefined;
    const readsLoopVariable = condition.descendantsOfType("identifier").some((id) => {
      if (!id || !loops.has(id.text)) return false;
      const parent = id.parent;
      return !(parent?.type === "attribute" && parent.childForFieldName("attribute")?.id === id.id) && !(parent?.type === "keyword_argument" && parent.childForFieldName("name")?.id === id.id);
    });
    return readsLoopVariable || (unparen(condition).type === "identifier" && loops.has(unparen(condition).text)) ? literalCondition(condition, (n) => this.eval(n, state)) : undefined;
  }

  /**
   * Every name the condition reads is the module's (a function, class, value or import of the revision) or a builtin,
   * none a local of the function: downgrade() can evaluate it as written.
   */
  private readsModuleNamesOnly(condition: PyNode): boolean {
    if (condition.descendantsOfType(["lambda", "list_comprehension", "generator_expression", "named_expression"]).some((n) => n !== null)) return false;
    return condition.descendantsOfType("identifier").every((id) => {
      if (!id) return true;
      const parent = id.parent;
      // `x.attr`'s attribute and a keyword argument's name are no names read
      if (parent?.type === "attribute" && parent.childForFieldName("attribute")?.id === id.id) return true;
      if (parent?.type === "keyword_argument" && parent.childForFieldName("name")?.id === id.id) return true;
      const name = id.text;
      return this.module.functions.has(name) || this.module.classes.has(name) || this.module.bindings.has(name) || this.module.imports.lookup(name) !== undefined || PY_BUILTINS.has(name);
    });
  }

  /** The table whose rows an expression counts: a name bound to a count, or the count query itself. */
  private rowCount(node: PyNode, state: WalkState): string | undefined {
    const n = unparen(node);
    if (n.type === "identifier") return state.counts.get(n.text);
    return n.type === "call" ? rowCountOf(this.eval(n, state)) : undefined;
  }

  /** The value of a condition on PostgreSQL, when it only asks which database this is. */
  private onPostgres(node: PyNode, state: WalkState): boolean | undefined {
    return decideCondition(node, (n) => this.onPostgresLeaf(n, state));
  }

  /** onPostgres of a condition that is not a `not`, `and` or `or`. */
  private onPostgresLeaf(n: PyNode, state: WalkState): boolean | undefined {
    // `settings.letta_pg_uri_no_default`, `settings.database_engine == DatabaseChoice.POSTGRES`: what env.py proves
    const decided = this.dialect?.decide(n, (name) => this.importedName(name, state));
    if (decided !== undefined) return decided;
    if (n.type === "call") return this.startsWithOnPostgres(n, state);
    if (n.type !== "comparison_operator") return undefined;
    const operands = n.namedChildren;
    const operator = n.childrenForFieldName("operators")[0]?.text;
    if (operands.length !== 2 || !operator) return undefined;
    // `url.startswith("sqlite") is False`, `... == True`
    const literal = operands[1].type === "true" ? true : operands[1].type === "false" ? false : undefined;
    if (literal !== undefined) {
      const v = this.onPostgres(operands[0], state);
      if (v === undefined) return undefined;
      if (operator === "is" || operator === "==") return v === literal;
      if (operator === "is not" || operator === "!=") return v !== literal;
      return undefined;
    }
    const isDialect = (x: PyNode) => this.databaseText(x, state) === "dialect";
    const other = isDialect(operands[0]) ? operands[1] : isDialect(operands[1]) ? operands[0] : undefined;
    if (!other) return undefined;
    const value = this.eval(other, state);
    const names = value.kind === "str" ? [value.value] : value.kind === "list" ? value.items.flatMap((i) => (i.kind === "str" ? [i.value] : [])) : undefined;
    if (!names) return undefined;
    const postgres = names.some((name) => POSTGRES.has(name));
    switch (operator) {
      case "==":
      case "in":
        return postgres;
      case "!=":
      case "not in":
        return !postgres;
      default:
        return undefined;
    }
  }

  /** The qualified name of an imported name (`settings.x` -> `letta.settings.settings.x`); undefined for one bound here. */
  private importedName(node: PyNode, state: WalkState): string | undefined {
    const root = importedRoot(node, { imports: this.module.imports, bindings: state.bindings });
    // a handle (`engine = op.get_bind()`) hides an import of its name as a binding does
    return root !== undefined && !state.handles.has(root) ? qualifiedName(node, this.module.imports) : undefined;
  }

  /**
   * `url.startswith("mysql")`, `str(bind.engine.url).startswith(("postgres", "postgresql"))`,
   * `dialect.startswith("postgres")`: a database URL begins with its dialect name ("postgresql+psycopg2://...";
   * "postgres://" before SQLAlchemy 1.4), so a prefix decides the branch unless it names a driver.
   */
  private startsWithOnPostgres(call: PyNode, state: WalkState): boolean | undefined {
    const parts = callParts(call);
    const fn = call.childForFieldName("function");
    if (!parts || fn?.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "startswith") return undefined;
    const subject = fn.childForFieldName("object");
    const kind = subject ? this.databaseText(subject, state) : undefined;
    if (!kind || parts.positional.length !== 1) return undefined;
    const value = this.eval(parts.positional[0], state);
    const prefixes = value.kind === "str" ? [value.value] : value.kind === "list" ? value.items.map((i) => (i.kind === "str" ? i.value : undefined)) : [undefined];
    const answers = prefixes.map((prefix) => {
      if (prefix === undefined) return undefined;
      if ("postgresql".startsWith(prefix)) return true;
      if (prefix.startsWith("postgres")) return kind === "dialect" ? false : undefined;
      return false;
    });
    return answers.includes(true) ? true : answers.every((a) => a === false) ? false : undefined;
  }

  /** Whether a node holds the dialect's name or the database URL (or its driver name), which begins with it. */
  private databaseText(node: PyNode, state: WalkState): "dialect" | "url" | undefined {
    const n = unparen(node);
    if (n.type === "identifier") return state.dialects.has(n.text) ? "dialect" : state.urls.has(n.text) ? "url" : undefined;
    if (n.text.endsWith("dialect.name") || n.text.endsWith("engine.name")) return "dialect";
    if (n.text.endsWith(".url.drivername")) return "url";
    if (n.type === "call" && n.childForFieldName("function")?.text === "str") {
      const arg = callParts(n)?.positional[0];
      if (arg && unparen(arg).type === "attribute" && unparen(arg).text.endsWith(".url")) return "url";
    }
    return undefined;
  }

  private assignment(node: PyNode, state: WalkState): void {
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    if (!right) return;
    const r = unparen(right);
    const name = left?.type === "identifier" ? left.text : undefined;
    if (name) this.bindSchemaQuestion(name, r, state);
    const database = this.databaseText(r, state);
    if (name && database) {
      (database === "dialect" ? state.dialects : state.urls).add(name);
      return;
    }
    const handle = this.handleKind(r, state);
    if (name && handle) {
      state.handles.set(name, handle);
      state.bindings.delete(name);
      if (r.type === "call") this.isolationChange(r, handle, state);
      return;
    }
    // `meta.bind = op.get_bind()` (SQLAlchemy 1.x's bound MetaData): `meta.bind.execute(...)` runs on that connection
    if (left?.type === "attribute" && handle) {
      state.handles.set(left.text, handle);
      return;
    }
    if (name) state.counts.delete(name);
    // evaluated once: what a row count reads and what the name is bound to (call() never binds names)
    const value = name ? this.eval(r, state) : undefined;
    // a row count read for a size check: a SELECT, which changes nothing
    const counted = value && r.type === "call" ? rowCountOf(value) : undefined;
    if (name && counted !== undefined) {
      state.counts.set(name, counted);
      state.bindings.delete(name);
      return;
    }
    if (r.type === "call") this.call(r, state);
    else this.scanData(r, state);
    if (name) state.bindings.set(name, value!);
  }

  /** `op.get_bind()`, `op.get_context().bind`, `Session(bind=...)`, `sessionmaker(...)()`, `engine.connect()`: what it gives. */
  private handleKind(node: PyNode, state: WalkState): HandleKind | undefined {
    const n = unparen(node);
    if (n.type === "identifier") return state.handles.get(n.text);
    const q = qualifiedName(n, this.module.imports);
    if (!q) return undefined;
    if (n.type === "attribute") return /^alembic\.op\.get_context\(\)\.(bind|connection)$/.test(q) ? "migration-connection" : undefined;
    if (n.type !== "call") return undefined;
    const fn = q.slice(0, -2);
    const last = lastSegment(fn);
    // `op.get_bind().execution_options(isolation_level="AUTOCOMMIT")`: the same connection, configured
    if (last === "execution_options") {
      const object = n.childForFieldName("function")?.childForFieldName("object");
      return object ? this.handleKind(object, state) : undefined;
    }
    if (last === "get_bind") return q.startsWith("alembic.op.") ? "migration-connection" : "other";
    if (last === "connect" || fn.endsWith("sessionmaker()") || last === "scoped_session") return "other";
    if (last !== "Session") return undefined;
    // Session(bind=conn) / Session(conn): joined to Alembic's transaction when conn is Alembic's connection
    const parts = callParts(n);
    const bind = parts?.keywords.get("bind") ?? parts?.positional[0];
    return bind && this.handleKind(bind, state) === "migration-connection" ? "migration-session" : "other";
  }

  /**
   * A `with` block, walked on a copy of the state that carries what the block changes (its batch table, its handles,
   * autocommit). What its statements do to the transaction outlives the block (a COMMIT sent as SQL in it leaves
   * what follows after that COMMIT), except in `autocommit_block()`: Alembic commits its transaction on entering
   * the block and begins it again on leaving it, so a COMMIT sent before is behind both.
   */
  private withStatement(statement: PyNode, state: WalkState): Returned {
    let next: WalkState = state;
    let autocommit = false;
    // the block's own items: a `with` nested in its body applies to that body only
    const clause = statement.children.find((c) => c.type === "with_clause");
    for (const item of clause?.namedChildren.filter((c) => c.type === "with_item") ?? []) {
      const value = item.childForFieldName("value");
      if (!value) continue;
      const expr = value.type === "as_pattern" ? value.namedChildren[0] : value;
      const alias = value.type === "as_pattern" ? value.childForFieldName("alias")?.namedChildren[0]?.text : undefined;
      const q = expr ? qualifiedName(expr, this.module.imports) : undefined;
      if (!expr || !q) continue;
      if (q === "alembic.op.get_context().autocommit_block()") {
        autocommit = true;
        next = { ...next, inTransaction: false, rawCommit: undefined };
      } else if (q === "alembic.op.batch_alter_table()" && expr.type === "call") {
        const call = this.eval(expr, state);
        const table = call.kind === "call" ? inSchema(nameOf(kwarg(call, "table_name", 0)), call) : undefined;
        if (alias && table) next = { ...next, batch: { alias, table, block: statement } };
      } else {
        const handle = alias ? this.handleKind(expr, state) : undefined;
        if (alias && handle) next = { ...next, handles: new Map([...next.handles, [alias, handle]]) };
        // `with op.get_bind().execution_options(isolation_level="AUTOCOMMIT") as conn:` (next is a copy here)
        if (alias && handle && expr.type === "call") this.isolationChange(expr, handle, next);
      }
    }
    const returned = this.walkBlock(statement.childForFieldName("body"), next);
    if (!autocommit) {
      state.inTransaction = next.inTransaction;
      state.rawCommit = next.rawCommit;
      state.autocommitLevel = next.autocommitLevel;
    } else if (state.rawCommit !== undefined) {
      state.rawCommit = undefined;
      state.inTransaction = true;
    }
    return returned;
  }


  /**
   * The batch block `call` is a statement of, written without that statement: what runs before anything put
   * after the block. Undefined when the call is nested deeper (a loop, a helper) or shares its lines.
   */
  private batchBlock(call: PyNode, batch: WalkState["batch"]): { alias: string; loc: { line: number; endLine: number }; without: string } | undefined {
    const block = batch?.block;
    const statement = call.parent;
    const body = block?.childForFieldName("body");
    if (!block || !body || statement?.type !== "expression_statement" || statement.parent?.id !== body.id) return undefined;
    const [from, to] = [statement.startPosition.row, statement.endPosition.row];
    const others = statementsOf(body).filter((s) => s.id !== statement.id);
    if (others.some((s) => s.endPosition.row >= from && s.startPosition.row <= to)) return undefined;
    const lines = this.module.root.text.split("\n");
    const indent = block.startPosition.column;
    const kept = others.length
      ? lines
          .slice(block.startPosition.row, block.endPosition.row + 1)
          .filter((_, i) => i + block.startPosition.row < from || i + block.startPosition.row > to)
          .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
          .join("\n")
          .trimEnd()
      : "";
    return { alias: batch.alias, loc: locOf(block), without: kept };
  }

  private forStatement(statement: PyNode, state: WalkState): void {
    const left = statement.childForFieldName("left");
    const right = statement.childForFieldName("right");
    const body = statement.childForFieldName("body");
    const items = right ? this.eval(right, state) : undefined;
    // `for p in session.query(Plugin).all():` whose body only reads p's attributes: the query writes nothing (an
    // assignment `p.x = ...` or `session.delete(p)` would, at the next flush)
    const readOnly = right && left?.type === "identifier" && queryRead(items!, this.opContext(state)) && onlyAttributeReads(left.text, body);
    if (right && !readOnly) this.scanData(right, state);
    const at = this.ops.length;
    const unrolled = left && right ? this.unrolledBindings(left, right, items!, state) : undefined;
    const walkBody = (inner: WalkState) => void this.walkBlock(body, inner);
    if (!(unrolled && right && this.unroll(statement, right.text, walkBody, unrolled, state))) this.unknownLoop(statement, walkBody, state);
    // `for user in conn.execute(t.select()):` updating `t` where its key is the row's (`.where(t.c.email == user.email)`):
    // one update per row of the whole table, so together they write every row (Mailu's 12e9a4f6ed73)
    const everyRowOf = left?.type === "identifier" && body && items ? this.rowsOfWholeTable(items, state) : undefined;
    if (!everyRowOf || !keyedOnLoopRow(body!, left!.text)) return;
    for (let i = at; i < this.ops.length; i++) {
      const op = this.ops[i];
      if (op.kind === "dml" && op.verb === "update" && op.hasWhere && op.table === everyRowOf) this.ops[i] = { ...op, everyRowInLoop: true };
    }
  }

  /** `conn.execute(t.select())` (its rows fetched or not): the table whose every row it returns */
  private rowsOfWholeTable(items: PyValue, state: WalkState): string | undefined {
    const executed = items.kind === "call" ? (executedUnderFetches(items) ?? items) : undefined;
    if (!executed || !EXECUTES.has(lastSegment(executed.callee))) return undefined;
    const statement = kwarg(executed, "statement", 0);
    return statement ? everyRowSelect(statement, this.opContext(state)) : undefined;
  }

  /**
   * A comprehension written as a statement for what its element does (osparc's `[op.execute(...) for old, new in
   * migration_map.items()]`): a for loop whose body is the element. One `for` clause, and `if` clauses after it, is
   * unrolled like a for statement, an item whose `if` is false there skipped (`for t in TABLES if t != "audit"`);
   * any other is read as a loop over what is not known.
   */
  private comprehensionStatement(statement: PyNode, expr: PyNode, state: WalkState): void {
    const element = expr.childForFieldName("body");
    const clauses = expr.namedChildren.filter((c) => c.type === "for_in_clause" || c.type === "if_clause");
    const filters = clauses.slice(1).flatMap((c) => (c.type === "if_clause" && c.namedChildren[0] ? [c.namedChildren[0]] : []));
    const walkBody = (inner: WalkState) => {
      if (!element || filters.some((f) => this.inLoopItem(f, inner) === false)) return;
      if (element.type === "call") this.call(element, inner);
      else this.scanData(element, inner);
    };
    const clause = clauses[0]?.type === "for_in_clause" && filters.length === clauses.length - 1 ? clauses[0] : undefined;
    const left = clause?.childForFieldName("left");
    const right = clause?.childForFieldName("right");
    if (right) this.scanData(right, state);
    const unrolled = left && right ? this.unrolledBindings(left, right, this.eval(right, state), state) : undefined;
    if (unrolled && right && this.unroll(statement, right.text, walkBody, unrolled, state)) return;
    this.unknownLoop(statement, walkBody, state);
  }

  /**
   * A loop over what only running it tells (a query, a helper's result, too many items, a `while`): how often and on
   * what its body changes the schema is unknown work, so no rule may say the migration does or does not do
   * something it might do. Its body is still read once (what it does to rows, the operations on names it writes out).
   */
  private unknownLoop(statement: PyNode, walkBody: (state: WalkState) => void, state: WalkState): void {
    const at = this.ops.length;
    walkBody(state);
    if (this.ops.slice(at).some((op) => !DATA_KINDS.has(op.kind)))
      this.ops.splice(at, 0, { loc: locOf(statement), text: statement.text, inTransaction: state.inTransaction, kind: "raw", statement: statement.type === "while_statement" ? "while" : "for", opaque: true });
  }

  /**
   * Walks a loop over a literal iterable once per item, with the loop's names bound. Loops inside it share the
   * budget: when any of them would pass it, the outermost loop being unrolled takes back what its items produced
   * and returns false (the loop is then read as over what is not known).
   */
  private unroll(loop: PyNode, over: string, walkBody: (state: WalkState) => void, items: ReadonlyArray<Map<string, PyValue>>, state: WalkState): boolean {
    if (items.length > this.loopBudget) {
      if (this.unrolling > 0) this.exhausted = true;
      return false;
    }
    const mark = { ops: this.ops.length, hidden: this.hidden.length, notes: this.notes.length, errors: this.errors.length, budget: this.loopBudget };
    this.loopBudget -= items.length;
    this.unrolling++;
    const loops = new Map([...(state.loops ?? []), ...[...(items[0]?.keys() ?? [])].map((n): [string, string] => [n, over])]);
    for (const names of items) {
      walkBody({ ...state, bindings: new Map([...state.bindings, ...names]), loops });
      if (this.exhausted) break;
    }
    this.unrolling--;
    if (!this.exhausted) {
      // the outermost loop unrolled (it finishes last): a fix keeps it around the operations it produced
      if (this.unrolling === 0) for (let i = mark.ops; i < this.ops.length; i++) this.ops[i] = { ...this.ops[i], loop: locOf(loop) };
      return true;
    }
    if (this.unrolling > 0) return true; // the enclosing loop takes it all back
    this.exhausted = false;
    this.ops.length = mark.ops;
    for (const h of this.hidden.splice(mark.hidden)) this.hiddenSeen.delete(`${h.line}\0${h.message}`);
    this.notes.length = mark.notes;
    this.errors.length = mark.errors;
    this.loopBudget = mark.budget;
    return false;
  }

  /** The loop target's bindings for each item of a literal iterable; undefined when the items or their shape are unknown. */
  private unrolledBindings(left: PyNode, right: PyNode, items: PyValue, state: WalkState): Array<Map<string, PyValue>> | undefined {
    const values = literalItems(items) ?? dictViewItems(right, (n) => this.eval(n, state));
    if (!values) return undefined;
    const out: Array<Map<string, PyValue>> = [];
    for (const value of values) {
      const names = bindTarget(left, value);
      if (!names) return undefined;
      out.push(names);
    }
    return out;
  }

  private call(node: PyNode, state: WalkState): void {
    const parts = callParts(node);
    if (!parts) return;
    const fn = unparen(parts.function);
    // batch_op.add_column(...)
    if (state.batch && fn.type === "attribute" && fn.childForFieldName("object")?.text === state.batch.alias) {
      const value = this.eval(node, state);
      const name = fn.childForFieldName("attribute")?.text ?? "";
      if (value.kind === "call") {
        const block = this.batchBlock(node, state.batch);
        append(this.ops, this.asLoopItem(node, alembicOperation(name, value, this.opContext(state)), state).map((o) => (block ? { ...o, batchBlock: block } : o)));
      }
      return;
    }
    if (this.indirectCall(node, fn, state)) return;
    if (this.modelTableCreate(node, fn, state)) return;
    const q = qualifiedName(fn, this.module.imports);
    if (q?.startsWith("alembic.op.") && !q.slice("alembic.op.".length).includes("(")) {
      const value = this.eval(node, state);
      if (value.kind === "call") this.pushOps(this.asLoopItem(node, alembicOperation(q.slice("alembic.op.".length), value, this.opContext(state)), state), state);
      return;
    }
    if (this.handleCall(node, fn, q, state)) return;
    if (fn.type === "identifier" && this.module.functions.has(fn.text) && !state.calling.has(fn.text)) {
      this.followHelper(fn.text, node, state);
      return;
    }
    // arguments may hold data access (`print(conn.execute(...))`)
    this.scanData(node, state);
    // `t.update().where(...).values(...)` on a Table of the file only builds a statement: it runs when executed
    if (q && !HARMLESS.test(q) && !builtOnTable(this.eval(node, state))) {
      // a call we cannot see into: it may change anything (and may undo anything in a downgrade)
      this.ops.push({ loc: locOf(node), text: node.text, inTransaction: state.inTransaction, kind: "raw", statement: "Call" });
      const receiver = fn.type === "attribute" ? unparen(fn.childForFieldName("object")!) : undefined;
      const method = fn.childForFieldName("attribute")?.text ?? "";
      // `ops.create_index(...)`: Alembic's operation on an object the file does not say is Alembic's op (an env.py
      // that passes it under another name): unchecked, and said so rather than passed unread
      if (receiver?.type === "identifier" && SCHEMA_OPERATIONS.has(method))
        this.hide(node, { message: `\`${receiver.text}.${method}(...)\` reads like Alembic's \`op.${method}\`, but nothing in this file says \`${receiver.text}\` is Alembic's op (an import, or a parameter named op), so the operation is not checked`, fix: `# migguard reads Alembic's operations through op: name the parameter op (def upgrade(op, ...)) or import it (from alembic import op)` });
    }
  }

  /**
   * `Organization.__table__.create(bind)`: SQLAlchemy's CREATE TABLE for a mapped class of the file (its
   * `__tablename__`), as `op.create_table` would; `checkfirst=True` skips it when the table exists. Its columns are
   * the model's, not read here: what matters to the later steps is that the table is new and empty.
   */
  private modelTableCreate(node: PyNode, fn: PyNode, state: WalkState): boolean {
    if (fn.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "create") return false;
    const target = unparen(fn.childForFieldName("object")!);
    if (target.type !== "attribute" || target.childForFieldName("attribute")?.text !== "__table__") return false;
    const model = target.childForFieldName("object");
    const table = model?.type === "identifier" ? this.modelTable(model.text) : undefined;
    if (!table) return false;
    const value = this.eval(node, state);
    const ifNotExists = (value.kind === "call" && asBool(value.kwargs.get("checkfirst"))) || false;
    this.ops.push({ loc: locOf(node), text: node.text, inTransaction: state.inTransaction, kind: "create_table", table, ifNotExists });
    return true;
  }

  /**
   * `getattr(op, "drop_table")("users")` (checked as op.drop_table when the name is written) and `exec("...")` /
   * `eval("...")` (Python in a string: not checked): reported as hidden operations.
   */
  private indirectCall(node: PyNode, fn: PyNode, state: WalkState): boolean {
    const raw = () => this.ops.push({ loc: locOf(node), text: node.text, inTransaction: state.inTransaction, kind: "raw", statement: "Call" });
    // only a call whose function is itself a call can be a lookup: the others are not evaluated twice
    const value = fn.type === "call" ? this.eval(node, state) : undefined;
    if (value?.kind === "call" && value.lookup) {
      this.hide(node, lookupProblem(value.lookup, node.text, "an operation"));
      if (value.callee.startsWith("alembic.op.")) append(this.ops, alembicOperation(value.callee.slice("alembic.op.".length), value, this.opContext(state)));
      else raw();
      return true;
    }
    if (runsSource(qualifiedName(fn, this.module.imports), this.module.imports)) {
      this.hide(node, { message: `\`${fn.text}\` runs Python source held in a string, so the operations in it cannot be checked statically` });
      raw();
      return true;
    }
    return false;
  }

  private hide(node: PyNode, problem: { message: string; fix?: string }): void {
    const loc = locOf(node);
    this.keepHidden({ line: loc.line, endLine: loc.endLine, ...problem });
  }

  /** Each place and message once, in a set: a loop unrolled over a list hides the same call once per item, and a hostile file may hide 100,000, so no scan per one. */
  private keepHidden(problem: HiddenOperation): void {
    const key = `${problem.line}\0${problem.message}`;
    if (this.hiddenSeen.has(key)) return;
    this.hiddenSeen.add(key);
    this.hidden.push(problem);
  }

  /** A call on a connection or session: execute(SQL) is parsed, other calls read or write rows. */
  private handleCall(node: PyNode, fn: PyNode, q: string | undefined, state: WalkState): boolean {
    if (fn.type !== "attribute") return false;
    const root = rootIdentifier(fn);
    const migrationConnection = q?.startsWith("alembic.op.get_bind().") || q?.startsWith("alembic.op.get_context().bind.");
    const object = fn.childForFieldName("object");
    const kind: HandleKind | undefined = migrationConnection ? "migration-connection" : ((root !== undefined ? state.handles.get(root) : undefined) ?? (object?.type === "attribute" ? state.handles.get(object.text) : undefined));
    if (!kind) return false;
    this.isolationChange(node, kind, state);
    const called = fn.childForFieldName("attribute")?.text ?? "";
    const direct = object?.type !== "call" || migrationConnection;
    if (direct && this.transactionControl(node, called, kind, state)) return true;
    if (QUIET_METHODS.has(called)) return true;
    const evaluated = this.eval(node, state);
    if (evaluated.kind !== "call") return true;
    const query = queryDml(evaluated, this.opContext(state)) ?? ormInsert(evaluated, this.opContext(state));
    if (query) {
      this.ops.push({ loc: evaluated.loc, text: evaluated.text, inTransaction: state.inTransaction, kind: "dml", ...query, viaCode: true });
      return true;
    }
    // `connection.scalars(stmt).one_or_none()`, `connection.exec_driver_sql(sql).fetchone()`: fetching the result
    // writes nothing, the statement run is what counts
    const value = executedUnderFetches(evaluated) ?? evaluated;
    const method = value === evaluated ? called : lastSegment(value.callee);
    if (EXECUTES.has(method)) {
      const statement = kwarg(value, "statement", 0);
      const ops = executeOperations(statement, value, this.opContext(state), { params: executeHasParams(value) });
      // `rows = conn.execute(sa.text("SELECT ... FROM tags"))`: rows read for the code after it, as sa.select's below
      const selected = rowsSelected(ops);
      if (selected?.length) {
        const duplicates = duplicatesSelected(ops[0]?.text ?? "");
        this.ops.push({ loc: value.loc, text: value.text, inTransaction: state.inTransaction, kind: "data_migration", language: "python", description: `${root ?? "connection"}.${method}(SELECT ... FROM ${selected.join(", ")})`, reversible: true, readOnly: true, tables: selected, ...(duplicates ? { readsDuplicatesOf: duplicates } : {}) });
        return true;
      }
      if (ops.length) {
        // only SQL sent on Alembic's own connection ends Alembic's transaction
        if (kind === "migration-connection") this.pushOps(ops, state);
        else append(this.ops, ops);
        return true;
      }
      // `rp = bind.execute(sa.select(t))`: rows read, none written (what the code then does with them is its own statement)
      const read = statement ? coreSelect(statement, this.opContext(state)) : undefined;
      if (read) {
        this.ops.push({ loc: value.loc, text: value.text, inTransaction: state.inTransaction, kind: "data_migration", language: "python", description: `${root ?? "connection"}.${method}(select)`, reversible: true, readOnly: true, tables: read.table ? [read.table] : [] });
        return true;
      }
    }
    this.ops.push({
      loc: evaluated.loc,
      text: evaluated.text,
      inTransaction: state.inTransaction,
      kind: "data_migration",
      language: "python",
      description: `${root ?? "connection"}.${called}(...)`,
      reversible: false,
      // an ORM session's delete(obj) deletes the object's row (of a table the object does not name here), nothing else
      ...(kind === "migration-session" && called === "delete" ? { deletes: [{ call: `${root ?? "session"}.delete` }] } : {}),
    });
    return true;
  }

  /**
   * Operations of one call, marked when they follow a COMMIT sent as SQL; a COMMIT or ROLLBACK among them (SQL the
   * driver passes on without knowing what it is) leaves the statements after it in autocommit, a BEGIN opens a
   * transaction again. SQLAlchemy's own commit() is not one: the next statement begins a new transaction.
   */
  /** The call's operations with the call as this loop item runs it, when it reads a loop's variables. */
  private asLoopItem(node: PyNode, ops: OperationInput[], state: WalkState): OperationInput[] {
    const item = state.loops ? loopItemCall(node, state.loops, (name) => state.bindings.get(name)) : undefined;
    return item ? ops.map((o) => ({ ...o, loopItem: item })) : ops;
  }

  private pushOps(ops: readonly OperationInput[], state: WalkState): void {
    for (const op of ops) {
      this.ops.push(state.rawCommit !== undefined ? { ...op, afterRawCommit: state.rawCommit } : op);
      if (op.kind !== "transaction_control" || !op.embeddedSql) continue;
      if (op.action === "commit" || op.action === "rollback") {
        if (state.inTransaction || state.rawCommit !== undefined) state.rawCommit = op.loc.line;
        state.inTransaction = false;
      } else if (op.action === "begin") {
        state.inTransaction = true;
        state.rawCommit = undefined;
      }
    }
  }

  /**
   * `execution_options(isolation_level=...)` on Alembic's connection (or a Session's on it): AUTOCOMMIT leaves every
   * later statement out of a transaction, each committed as it runs (tildes' ALTER TYPE ... ADD VALUE, the way
   * before PostgreSQL 12); another level given after it begins a transaction again at the next statement.
   */
  private isolationChange(node: PyNode, kind: HandleKind, state: WalkState): void {
    if (kind === "other") return;
    const level = isolationLevelSet(node, (n) => this.eval(n, state));
    if (level === "AUTOCOMMIT") {
      state.inTransaction = false;
      state.autocommitLevel = true;
    } else if (level !== undefined && state.autocommitLevel) {
      state.inTransaction = true;
      state.autocommitLevel = false;
    }
  }

  /** `connection.commit()` / `.rollback()` on Alembic's connection, `session.rollback()` on a Session joined to it. */
  private transactionControl(node: PyNode, method: string, kind: HandleKind, state: WalkState): boolean {
    const ends = kind === "migration-connection" ? method === "commit" || method === "rollback" : kind === "migration-session" && method === "rollback";
    if (!ends) return false;
    this.ops.push({ loc: locOf(node), text: node.text, inTransaction: state.inTransaction, kind: "transaction_control", action: method as "commit" | "rollback" });
    return true;
  }

  /** Data access nested in an expression (a loop's iterable, an argument): one data operation for the statement. */
  private scanData(node: PyNode, state: WalkState): void {
    const calls = node.type === "call" ? [node, ...node.descendantsOfType("call")] : node.descendantsOfType("call");
    for (const call of calls) {
      const fn = call.childForFieldName("function");
      if (!fn) continue;
      const q = qualifiedName(fn, this.module.imports);
      if (this.handleCall(call, unparen(fn), q, state)) return;
    }
  }

  private followHelper(name: string, node: PyNode, state: WalkState): void {
    const def = this.module.functions.get(name)!;
    if (state.calling.size >= MAX_DEPTH) return;
    const parts = callParts(node)!;
    const params = parameterNames(def);
    const bindings = new Map(this.module.bindings);
    const handles = new Map<string, HandleKind>();
    let batch: WalkState["batch"];
    // parameter defaults first, then the call's arguments
    for (const p of def.childForFieldName("parameters")?.namedChildren ?? []) {
      if (p.type !== "default_parameter" && p.type !== "typed_default_parameter") continue;
      const pname = p.childForFieldName("name")?.text;
      const value = p.childForFieldName("value");
      if (pname && value) bindings.set(pname, evaluate(value, { imports: this.module.imports, bindings: this.module.bindings, project: this.project }));
    }
    const bind = (param: string | undefined, arg: PyNode) => {
      if (!param) return;
      const a = unparen(arg);
      if (a.type === "identifier" && state.batch?.alias === a.text) batch = { alias: param, table: state.batch.table };
      else {
        const handle = this.handleKind(a, state);
        if (handle) handles.set(param, handle);
        else bindings.set(param, this.eval(a, state));
      }
    };
    parts.positional.forEach((arg, i) => bind(params[i], arg));
    for (const [key, arg] of parts.keywords) bind(key, arg);
    this.walkBlock(def.childForFieldName("body"), {
      inTransaction: state.inTransaction,
      batch,
      bindings,
      handles,
      calling: new Set([...state.calling, name]),
      dialects: new Set(),
      urls: new Set(),
      counts: new Map(),
      inspectors: new Set(),
      answers: new Map(),
    });
  }
}

/** `name` is used in `block` only to read its attributes (`p.id` in an expression, never assigned or called). */
function onlyAttributeReads(name: string, block: PyNode | null): boolean {
  if (!block) return true;
  return block.descendantsOfType("identifier").every((id) => {
    if (id.text !== name) return true;
    const parent = id.parent;
    if (parent?.type !== "attribute" || parent.childForFieldName("object")?.id !== id.id) return false;
    const grand = parent.parent;
    if (grand?.type === "call" && grand.childForFieldName("function")?.id === parent.id) return false;
    // the target of an assignment (`p.x = 1`, `p.x += 1`) or of a del
    if ((grand?.type === "assignment" || grand?.type === "augmented_assignment") && grand.childForFieldName("left")?.id === parent.id) return false;
    return grand?.type !== "delete_statement";
  });
}

function rootIdentifier(node: PyNode): string | undefined {
  let current: PyNode | null = node;
  while (current && (current.type === "attribute" || current.type === "call")) {
    current = current.type === "attribute" ? current.childForFieldName("object") : current.childForFieldName("function");
  }
  return current?.type === "identifier" ? current.text : undefined;
}

/**
 * The `try:` goes on after its body's failure when one of its `except` clauses does not surely raise: `pass`, a log
 * line, or a raise only under a condition (`if "does not exist" in str(e): log.info(...) else: raise`), the author
 * expecting the error. Whether the body runs in a SAVEPOINT (`with conn.begin_nested():`), which keeps a transaction
 * on PostgreSQL usable after the error.
 */
function caughtBy(statement: PyNode, body: PyNode | null): { line: number; savepoint: boolean } | undefined {
  const goesOn = statement.namedChildren.some((clause) => {
    if (clause.type !== "except_clause") return false;
    const block = clause.namedChildren.find((c) => c.type === "block");
    return !statementsOf(block ?? null).some((s) => s.type === "raise_statement");
  });
  if (!goesOn) return undefined;
  const savepoint = (body?.descendantsOfType("with_item") ?? []).some((item) => {
    const value = item?.childForFieldName("value");
    const call = value?.type === "as_pattern" ? value.namedChildren[0] : value;
    const fn = call?.type === "call" ? call.childForFieldName("function") : null;
    return fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "begin_nested";
  });
  return { line: statement.startPosition.row + 1, savepoint };
}

/** A `.where(...)` / `.filter(...)` / `.filter_by(...)` in the loop's body whose condition reads the loop's row (`user.email`). */
function keyedOnLoopRow(body: PyNode, row: string): boolean {
  return body.descendantsOfType("call").some((call) => {
    const fn = call.childForFieldName("function");
    const name = fn?.type === "attribute" ? fn.childForFieldName("attribute")?.text : undefined;
    if (name !== "where" && name !== "filter" && name !== "filter_by") return false;
    return (call.childForFieldName("arguments")?.descendantsOfType("attribute") ?? []).some((a) => a.childForFieldName("object")?.type === "identifier" && a.childForFieldName("object")?.text === row);
  });
}
