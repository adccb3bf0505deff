/**
 * Whether a dropped table's own name, or its model's class name, found in Ruby can be the table (the usage search
 * found the word; usage-reference.ts reads the file with Prism and asks here). Ruby reaches a table through its
 * model's constant, an association or query that names it (`has_many :authorizations`, `joins(:authorizations)`,
 * `user.authorizations`), or SQL on it in a string. Not through:
 * - a local, a parameter or an instance variable of its name (panoptes' `subject_groups = ...`, groups built in memory);
 * - the routes (config/routes.rb): `controllers authorizations: 'authorizations'` names Doorkeeper's controller;
 * - a key of a hash or of a header (`req.headers["Authorization"]`, `{ "Authorization" => token }`);
 * - a word of prose or a symbol that is a data key (`render json: { authorizations: ... }`).
 */
import {
  ArgumentsNode, ArrayNode, AssocNode, CallNode, ClassNode, ConstantPathNode, ConstantReadNode, DefNode, FalseNode, FloatNode, IntegerNode, NilNode, StringNode, TrueNode, InstanceVariableOperatorWriteNode, InstanceVariableOrWriteNode, InstanceVariableReadNode,
  InstanceVariableTargetNode, InstanceVariableWriteNode, LocalVariableOperatorWriteNode, LocalVariableOrWriteNode,
  LocalVariableReadNode, LocalVariableTargetNode, LocalVariableWriteNode, ModuleNode, OptionalKeywordParameterNode, OptionalParameterNode,
  RequiredKeywordParameterNode, RequiredParameterNode, SymbolNode, type Node,
} from "@ruby/prism";
import { TABLE_CALLS } from "../adapters/rails/table-calls.js";
import { sqlOnTable } from "./table-context.js";
import { rubyStringText, stringIndexIn, type RubyString } from "./ruby-string-at.js";
import type { Reference } from "./usage-reference.js";

/** Variables and parameters: a name the code gives a value, whatever the value is. */
export const VARIABLES = [
  LocalVariableReadNode, LocalVariableWriteNode, LocalVariableTargetNode, LocalVariableOrWriteNode, LocalVariableOperatorWriteNode,
  InstanceVariableReadNode, InstanceVariableWriteNode, InstanceVariableTargetNode, InstanceVariableOrWriteNode, InstanceVariableOperatorWriteNode,
  RequiredParameterNode, OptionalParameterNode, RequiredKeywordParameterNode, OptionalKeywordParameterNode,
];

/** Hash and header methods that take a key: `h["x"]`, `h["x"] = v`, `h.fetch("x")`. */
const KEYED_ACCESS = new Set(["[]", "[]=", "delete", "fetch", "dig", "key?", "has_key?"]);

export const isRoutesPath = (path: string): boolean => /(?:^|\/)config\/routes(?:\.rb|\/.+\.rb)$/.test(path);

/** The call whose own arguments hold path[index] (not its receiver or block), if any, before a method or class body. */
function callTaking(path: Node[], index: number): CallNode | undefined {
  for (let i = index + 1; i < path.length; i++) {
    const node = path[i];
    if (node instanceof CallNode) return node.arguments_ && path[i - 1] === node.arguments_ ? node : undefined;
    if (node instanceof DefNode || node instanceof ClassNode || node instanceof ModuleNode) return undefined;
  }
  return undefined;
}

/** Some association or query call takes path[index] among its arguments (`where(authorizations: { ... })` nests it). */
function inTableCall(path: Node[], index: number): boolean {
  for (let i = index + 1; i < path.length; i++) {
    const node = path[i];
    if (node instanceof CallNode && TABLE_CALLS.has(node.name) && node.arguments_ && path[i - 1] === node.arguments_) return true;
    if (node instanceof DefNode || node instanceof ClassNode || node instanceof ModuleNode) return false;
  }
  return false;
}

/** path[index] is a key: of a hash literal (`{ "Authorization" => ... }`, `authorizations:`) or of a lookup (`headers["Authorization"]`). */
function isKey(path: Node[], index: number): boolean {
  const parent = path[index + 1];
  if (parent instanceof AssocNode && parent.key === path[index]) return true;
  const call = parent instanceof ArgumentsNode ? callTaking(path, index) : undefined;
  return call !== undefined && KEYED_ACCESS.has(call.name) && call.receiver !== null;
}

export interface TableNameFacts {
  /** the file is the routes' */
  routes: boolean;
  /** the class of the model's name is a plain Ruby object (plain-superclass.ts): its constant names it, not the table */
  plainModel: boolean;
  /**
   * the change deletes the model's file and the code at head defines the class nowhere: its constant raises NameError
   * once the change deploys, whatever the migration does (aytq's Staff, removed with its table)
   */
  removedModel?: boolean;
}

/** Calls that take the model's class name as a string to load the class: `"Staff".constantize`, `const_get("Staff")`. */
const LOADS_CLASS = new Set(["constantize", "safe_constantize", "const_get"]);

/**
 * A string holding the model's class name alone names the class only where something loads a class from it: a key
 * that says so (`class_name: "Staff"`, `auditor_class:`, a polymorphic `owner_type:`), a call that loads it. A
 * label or a heading (`text: "Staff"`) is prose.
 */
function loadsClass(path: Node[], outer: number): boolean {
  const parent = path[outer + 1];
  if (parent instanceof AssocNode && parent.value === path[outer]) {
    const key = parent.key instanceof SymbolNode ? parent.key.unescaped.value : undefined;
    return key !== undefined && /class|type/i.test(key);
  }
  const receiverOf = path[outer + 1];
  if (receiverOf instanceof CallNode && receiverOf.receiver === path[outer] && LOADS_CLASS.has(receiverOf.name)) return true;
  const call = callTaking(path, outer);
  return call !== undefined && LOADS_CLASS.has(call.name);
}

/** The literal at path[index] is a word given to Active Support's inflector (`inflect.uncountable %w[staff]`, `inflect.irregular "person", "people"`). */
export function isInflectionRule(path: Node[], index: number): boolean {
  const call = callTaking(path, index) ?? (path[index + 1] instanceof ArrayNode ? callTaking(path, index + 1) : undefined);
  return call !== undefined && call.receiver !== null && INFLECTIONS.has(call.name);
}

const INFLECTIONS = new Set(["uncountable", "irregular", "plural", "singular", "acronym", "human"]);

/** Scalars a query condition compares a column with (`where(staff: true)`): the key is a column, not a table to join. */
const SCALARS = [TrueNode, FalseNode, NilNode, IntegerNode, FloatNode, StringNode];

/** How `word` (the table's name or its model's class name) at path[0] relates to the table. */
export function rubyTableNameUse(path: Node[], word: string, table: string, model: string, facts: TableNameFacts): Reference {
  const node = path[0];
  if (VARIABLES.some((type) => node instanceof type)) return "other";
  if (node instanceof DefNode && node.name === word) return "other";
  const outer = stringIndexIn(path);
  if (outer !== -1) {
    const text = rubyStringText(path[outer] as RubyString);
    if (sqlOnTable(text, table)) return "refers";
    if (facts.routes || isKey(path, outer) || isInflectionRule(path, outer)) return "other";
    // the name alone: `self.table_name = "authorizations"`, `class_name: "Authorization"`, a polymorphic type
    const alone = text.trim();
    if (word === model) return !facts.plainModel && !facts.removedModel && (alone === model || alone.endsWith(`::${model}`)) && loadsClass(path, outer) ? "refers" : "other";
    return alone === table ? "refers" : "other";
  }
  if (word === model) return facts.plainModel || facts.removedModel ? "other" : "refers";
  if (facts.routes) return "other";
  // a class method or scope of another class (`DsiUser.staff`): associations are read on records, never on a class
  const receiver = node instanceof CallNode ? node.receiver : null;
  if (node instanceof CallNode && node.name === word && (receiver instanceof ConstantReadNode || receiver instanceof ConstantPathNode) && receiver.name !== model) return "other";
  if (node instanceof SymbolNode) {
    // the name a scope or method is defined under (`scope :staff, -> { ... }`): a method of the class, not the table
    const call = callTaking(path, 0);
    if (call && !call.receiver && ["scope", "define_method"].includes(call.name) && call.arguments_?.arguments_[0] === node) return "other";
    if (call && !call.receiver && call.name === "alias_method") return "other";
    // a condition's key compared with a value (`where(staff: true)`): the column of the query's model, not a table joined
    const pair = path[1];
    if (pair instanceof AssocNode && pair.key === node && SCALARS.some((type) => pair.value instanceof type)) return "other";
    if (inTableCall(path, 0)) return "refers";
    // an option's value given to any other call (`only: :staff`, an action; `scope: :staff`, a Warden scope; `name: :staff`,
    // a provider): a name of that library's; `to: :staff` (delegate) reads the association, and stays a maybe
    const option = pair instanceof AssocNode && pair.value === node && pair.key instanceof SymbolNode ? pair.key.unescaped.value : undefined;
    if (option !== undefined && option !== "to") return "other";
    // a data key (`render json: { authorizations: ... }`); given to another call (`send(:authorizations)`), it may be the association
    return isKey(path, 0) ? "other" : callTaking(path, 0) ? "unsure" : "other";
  }
  // an association's reader (`user.authorizations`), a constant path or anything else that names it
  return "refers";
}
