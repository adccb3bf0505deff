/**
 * A migration may subclass the project's own base class (`class AddIndex < Caseflow::Migration`, with
 * `class Caseflow::Migration < ActiveRecord::Migration[5.1]` in lib/caseflow/migration.rb). Rails' Migrator asks the
 * migration itself whether to wrap it in a transaction (`use_transaction?`: `migration.disable_ddl_transaction`), so a
 * base that answers `true` for its subclasses (`def disable_ddl_transaction; true; end`, or `disable_ddl_transaction!`
 * in its body) runs every one of them outside a transaction. The base is read with Prism where Rails would autoload
 * it from (its constant's path under lib/, app/models/, ...), else from the project's Ruby files given that define it;
 * one not found leaves the answer unknown.
 */
import { ClassNode, CallNode, DefNode, FalseNode, ModuleNode, NilNode, SelfNode, TrueNode, type Node } from "@ruby/prism";
import type { ProjectFileReader } from "../python/project-modules.js";
import { constantName } from "./data-calls.js";
import { underscore } from "./inflections.js";
import { parseRuby } from "./prism.js";
import { rubyStatements as bodyOf } from "./ruby-statements.js";

/** A Ruby file the analysis already holds (code or repository files), searched when the constant's path has no file. */
export interface RubyFile {
  path: string;
  content: string;
}

export interface ProjectClassLookup {
  read?: ProjectFileReader;
  /** the project's Ruby files at hand, searched for the class's definition */
  files?: () => readonly RubyFile[];
}

/** Where Rails autoloads (or a project requires) a constant's file from, under the project's root. */
const BASE_FOLDERS = ["lib", "app/models", "app/lib", "app/migrations", "db", "db/migrate"];

/** base classes followed above the migration's own: a chain longer than this stays unknown */
const MAX_DEPTH = 4;

export const isFrameworkMigration = (name: string): boolean => /^(?:::)?ActiveRecord::Migration$/.test(name);

/** What a class body says of the transaction: an instance method's answer, or the class-level setting. */
interface TransactionSay {
  /** `def disable_ddl_transaction` returning true/false (undefined: it computes something not read) */
  instance?: boolean | "unknown";
  /** `disable_ddl_transaction!` or `def self.disable_ddl_transaction` */
  classLevel?: boolean | "unknown";
}


/** The literal a method returns as its last statement: true, false (nil too), or unknown. */
function literalReturn(def: DefNode): boolean | "unknown" {
  const last = bodyOf(def.body).at(-1);
  if (last instanceof TrueNode) return true;
  if (last instanceof FalseNode || last instanceof NilNode || last === undefined) return false;
  return "unknown";
}

/**
 * What one statement of a class body sets the class-level setting to: `disable_ddl_transaction!`, or its setter
 * `self.disable_ddl_transaction = true` (ActiveRecord::Migration's class attr_accessor that the bang method sets);
 * undefined when it sets nothing.
 */
export function ddlTransactionSetting(node: Node): boolean | "unknown" | undefined {
  if (!(node instanceof CallNode)) return undefined;
  if (!node.receiver && node.name === "disable_ddl_transaction!") return true;
  if (!(node.receiver instanceof SelfNode) || node.name !== "disable_ddl_transaction=" || node.arguments_?.arguments_.length !== 1) return undefined;
  const value = node.arguments_.arguments_[0];
  if (value instanceof TrueNode) return true;
  if (value instanceof FalseNode || value instanceof NilNode) return false;
  return "unknown";
}

/** What a class body (the migration's or a base's) says of the DDL transaction. */
export function transactionSay(body: readonly Node[]): TransactionSay {
  const say: TransactionSay = {};
  for (const node of body) {
    const setting = ddlTransactionSetting(node);
    if (setting !== undefined) say.classLevel = setting;
    else if (node instanceof DefNode && node.name === "disable_ddl_transaction") {
      if (node.receiver instanceof SelfNode) say.classLevel = literalReturn(node);
      else if (!node.receiver) say.instance = literalReturn(node);
    }
  }
  return say;
}

/** The class named `name` (as qualified by its modules) among a program's statements. */
function classNamed(nodes: readonly Node[], name: string, prefix = ""): ClassNode | undefined {
  for (const node of nodes) {
    if (!(node instanceof ClassNode || node instanceof ModuleNode)) continue;
    const own = constantName(node.constantPath);
    if (!own) continue;
    const qualified = prefix ? `${prefix}::${own}` : own;
    if (node instanceof ClassNode && qualified === name) return node;
    if (name.startsWith(`${qualified}::`)) {
      const inner = classNamed(bodyOf(node.body), name, qualified);
      if (inner) return inner;
    }
  }
  return undefined;
}

function classIn(content: string, name: string): ClassNode | undefined {
  const result = parseRuby(content);
  return result.errors.length ? undefined : classNamed(result.value.statements.body, name);
}

/** The base class's definition: at its constant's path where Rails loads it, else in a given Ruby file that defines it. */
function findClass(name: string, root: string, lookup: ProjectClassLookup): ClassNode | undefined {
  const relative = `${underscore(name)}.rb`;
  for (const folder of BASE_FOLDERS) {
    const text = lookup.read?.(`${root ? `${root}/` : ""}${folder}/${relative}`);
    if (typeof text !== "string") continue;
    const found = classIn(text, name);
    if (found) return found;
  }
  const last = name.split("::").at(-1)!;
  for (const file of lookup.files?.() ?? []) {
    if (!file.path.endsWith(".rb") || !file.content.includes(last) || !file.content.includes("class")) continue;
    if (root && !file.path.startsWith(`${root}/`)) continue;
    const found = classIn(file.content, name);
    if (found) return found;
  }
  return undefined;
}

/** What a chain of project classes says, merged the way Ruby looks methods up (the nearest class first). */
interface ChainSay extends TransactionSay {
  /** the chain was read up to ActiveRecord::Migration */
  complete: boolean;
}

/** per reader: what a base class's chain says, read once for all the migrations that subclass it */
const chains = new WeakMap<object, Map<string, ChainSay | undefined>>();

function chainSay(superclass: string, root: string, lookup: ProjectClassLookup): ChainSay | undefined {
  const say: ChainSay = { complete: false };
  let name: string | undefined = superclass;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (name === undefined) return undefined;
    if (isFrameworkMigration(name)) return { ...say, complete: true };
    const base = findClass(name.replace(/^::/, ""), root, lookup);
    if (!base) return say.instance !== undefined ? say : undefined;
    const own = transactionSay(bodyOf(base.body));
    say.instance ??= own.instance;
    say.classLevel ??= own.classLevel;
    name = constantName(base.superclass instanceof CallNode && base.superclass.name === "[]" ? base.superclass.receiver : base.superclass);
  }
  return say.instance !== undefined ? say : undefined;
}

/**
 * Whether Rails runs a migration outside its transaction, from its own body and its project superclass as written:
 * true or false when the answer is read (an instance method `disable_ddl_transaction`, the nearest first, else the
 * class-level setting up to ActiveRecord::Migration), undefined when the base is not found or answers with code.
 */
export function disablesDdlTransaction(own: readonly Node[], superclass: string, root: string, lookup: ProjectClassLookup): boolean | undefined {
  const key = lookup.read ?? lookup;
  let known = chains.get(key);
  if (!known) chains.set(key, (known = new Map()));
  const at = `${root}\u0000${superclass}`;
  if (!known.has(at)) known.set(at, chainSay(superclass, root, lookup));
  const base = known.get(at);
  const mine = transactionSay(own);
  const instance = mine.instance ?? base?.instance;
  const answer = instance ?? (base?.complete ? (mine.classLevel ?? base.classLevel ?? false) : undefined);
  return answer === "unknown" ? undefined : answer;
}
