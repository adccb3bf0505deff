/**
 * Finds the migration class of a file and what Rails reads from it: the version in
 * `ActiveRecord::Migration[7.1]`, `disable_ddl_transaction!`, the `change` / `up` / `down` methods
 * (instance or the old `def self.up`), helper methods, and models the migration defines for itself
 * (`class Event < ApplicationRecord; self.table_name = "events_v2"; end`), and the class body's own commands.
 */
import { AssocNode, BlockNode, CallNode, ClassNode, KeywordHashNode, SymbolNode, ConstantWriteNode, DefNode, ElseNode, FloatNode, IfNode, IntegerNode, ModuleNode, SelfNode, StatementsNode, type Node, type ProgramNode } from "@ruby/prism";
import { constantName } from "./data-calls.js";
import { ddlTransactionSetting } from "./project-base-class.js";
import { namedTable, type TableNaming } from "./table-naming.js";
import { camelize, singularize } from "./inflections.js";
import { loadTimeStatements } from "./load-time.js";
import type { RubySource } from "./ruby-source.js";
import { evaluate, nameOf, EMPTY_ENV } from "./values.js";

export interface MigrationClass {
  node: ClassNode;
  /** "7.1" from ActiveRecord::Migration[7.1] */
  frameworkVersion?: string;
  /** the superclass constant as written, without `[x.y]`: `ActiveRecord::Migration`, or a project's own base (`Caseflow::Migration`) */
  superclassName?: string;
  disableDdlTransaction: boolean;
  /** the class body's statements, with those of a `X.class_eval do ... end` of it */
  body: Node[];
  methods: { change?: DefNode; up?: DefNode; down?: DefNode };
  helpers: Map<string, DefNode>;
  /** model constant -> table, for models defined inside the migration */
  models: Map<string, string>;
  /** model constant -> its has_many / has_one associations (name -> the model constant they reach), for models defined inside the migration */
  associations: Map<string, Map<string, string>>;
  /** `TABLES = %i[posts comments]` in the class body: literals the methods may loop over */
  constants: Map<string, Node>;
  /** class-body statements that run migration commands when Rails loads the file (load-time.ts) */
  loadTime: Node[];
}

const bodyOf = (node: Node | null): Node[] => (node instanceof StatementsNode ? node.body : node ? [node] : []);

/** The superclass names a migration: ActiveRecord::Migration, ActiveRecord::Migration[x.y], or an app's own base. */
function migrationSuperclass(superclass: Node | null, src: RubySource): { isMigration: boolean; version?: string } {
  if (superclass instanceof CallNode && superclass.name === "[]") {
    const base = constantName(superclass.receiver);
    const arg = superclass.arguments_?.arguments_[0];
    const version = base === "ActiveRecord::Migration" && (arg instanceof FloatNode || arg instanceof IntegerNode) ? src.textOf(arg) : undefined;
    return { isMigration: Boolean(base?.endsWith("Migration")), version };
  }
  const name = constantName(superclass);
  return { isMigration: Boolean(name && /Migration$/.test(name)) };
}

function classesIn(nodes: Node[]): ClassNode[] {
  const out: ClassNode[] = [];
  for (const node of nodes) {
    if (node instanceof ClassNode) out.push(node);
    else if (node instanceof ModuleNode) out.push(...classesIn(bodyOf(node.body)));
    // engines' migrations pick their superclass by Rails version: `if ... class X < Migration[4.2]; end else ... end`
    else if (node instanceof IfNode) out.push(...classesIn([...bodyOf(node.statements), ...(node.subsequent ? [node.subsequent] : [])]));
    else if (node instanceof ElseNode) out.push(...classesIn(bodyOf(node.statements)));
  }
  return out;
}

/** `X.class_eval do ... end` bodies by class name: the methods of a class declared elsewhere in the file. */
function classEvalBodies(nodes: Node[]): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  for (const node of nodes) {
    if (!(node instanceof CallNode) || node.name !== "class_eval" || !(node.block instanceof BlockNode)) continue;
    const name = constantName(node.receiver);
    if (name) out.set(name, [...(out.get(name) ?? []), ...bodyOf(node.block.body)]);
  }
  return out;
}

const definesMigrationMethods = (cls: ClassNode, reopened: Map<string, Node[]>) =>
  [...bodyOf(cls.body), ...(reopened.get(constantName(cls.constantPath) ?? "") ?? [])].some((n) => n instanceof DefNode && ["change", "up", "down"].includes(n.name));

/** `naming`: how the project names a model's table (config/application.rb's pluralize_table_names), for the model classes the migration defines. */
export function findMigrationClass(program: ProgramNode, src: RubySource, naming?: TableNaming): MigrationClass | undefined {
  const classes = classesIn(program.statements.body);
  const reopenedAll = classEvalBodies(program.statements.body);
  const chosen = classes.find((c) => migrationSuperclass(c.superclass, src).isMigration) ?? classes.find((c) => definesMigrationMethods(c, reopenedAll));
  if (!chosen) return undefined;
  const found: MigrationClass = {
    node: chosen,
    frameworkVersion: migrationSuperclass(chosen.superclass, src).version,
    superclassName: constantName(chosen.superclass instanceof CallNode && chosen.superclass.name === "[]" ? chosen.superclass.receiver : chosen.superclass),
    disableDdlTransaction: false,
    body: [],
    methods: {},
    helpers: new Map(),
    models: new Map(),
    associations: new Map(),
    constants: new Map(),
    loadTime: [],
  };
  const reopened = reopenedAll.get(constantName(chosen.constantPath) ?? "") ?? [];
  const body = [...bodyOf(chosen.body), ...reopened];
  found.body = body;
  found.loadTime = loadTimeStatements(body);
  for (const node of body) {
    const setting = ddlTransactionSetting(node);
    // a value computed at run time (`= ENV[...]`) leaves the transaction Rails' default
    if (setting !== undefined) found.disableDdlTransaction = setting === true;
    else if (node instanceof DefNode && (!node.receiver || node.receiver instanceof SelfNode)) {
      if (node.name === "change" || node.name === "up" || node.name === "down") found.methods[node.name] ??= node;
      else found.helpers.set(node.name, node);
    } else if (node instanceof ConstantWriteNode) found.constants.set(node.name, node.value);
    else if (node instanceof ClassNode) {
      const name = constantName(node.constantPath);
      if (name) {
        found.models.set(name, innerTableName(node, src) ?? namedTable(name, naming));
        found.associations.set(name, innerAssociations(node, src));
      }
    }
  }
  return found;
}

/**
 * The has_many / has_one associations a model class of the migration declares, by name, with the model each reaches:
 * its `class_name:`, else Rails' default (`has_many :members` -> Member, `has_one :account` -> Account). One that goes
 * `through:` another creates the join's rows, not the target's, and is left out, as is one whose options are not literal.
 */
function innerAssociations(cls: ClassNode, src: RubySource): Map<string, string> {
  const out = new Map<string, string>();
  for (const node of bodyOf(cls.body)) {
    if (!(node instanceof CallNode) || node.receiver || (node.name !== "has_many" && node.name !== "has_one")) continue;
    const [first, ...rest] = node.arguments_?.arguments_ ?? [];
    const name = first instanceof SymbolNode ? first.unescaped.value : undefined;
    if (!name) continue;
    const options = new Map<string, Node>();
    let literal = rest.length <= 1;
    for (const arg of rest) {
      if (!(arg instanceof KeywordHashNode)) literal = false;
      else
        for (const element of arg.elements) {
          const key = element instanceof AssocNode && element.key instanceof SymbolNode ? element.key.unescaped.value : undefined;
          if (key && element instanceof AssocNode) options.set(key, element.value);
          else literal = false;
        }
    }
    if (!literal || options.has("through")) continue;
    const className = options.get("class_name");
    const target = className ? nameOf(evaluate(className, EMPTY_ENV, src)) : camelize(node.name === "has_many" ? singularize(name) : name);
    if (target) out.set(name, target);
  }
  return out;
}

/** `self.table_name = "x"` inside a model class */
function innerTableName(cls: ClassNode, src: RubySource): string | undefined {
  for (const node of bodyOf(cls.body)) {
    if (node instanceof CallNode && node.receiver instanceof SelfNode && node.name === "table_name=") {
      const value = nameOf(evaluate(node.arguments_?.arguments_[0], EMPTY_ENV, src));
      if (value) return value;
    }
  }
  return undefined;
}
