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
  ArgumentsNode, AssocNode, CallNode, ClassNode, DefNode, InstanceVariableOperatorWriteNode, InstanceVariableOrWriteNode, InstanceVariableReadNode,
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
}

/** How `word` (the table's name or its model's class name) at path[0] relates to the table. */
export function rubyTableNameUse(path: Node[], word: string, table: string, model: string, facts: TableNameFacts): Reference {
  const node = path[0];
  if (VARIABLES.some((type) => node instanceof type)) return "other";
  if (node instanceof DefNode && node.name === word) return "other";
  const outer = stringIndexIn(path);
  if (outer !== -1) {
    const text = rubyStringText(path[outer] as RubyString);
    if (sqlOnTable(text, table)) return "refers";
    if (facts.routes || isKey(path, outer)) return "other";
    // the name alone: `self.table_name = "authorizations"`, `class_name: "Authorization"`, a polymorphic type
    const alone = text.trim();
    if (word === model) return !facts.plainModel && (alone === model || alone.endsWith(`::${model}`)) ? "refers" : "other";
    return alone === table ? "refers" : "other";
  }
  if (word === model) return facts.plainModel ? "other" : "refers";
  if (facts.routes) return "other";
  if (node instanceof SymbolNode) {
    if (inTableCall(path, 0)) return "refers";
    // a data key (`render json: { authorizations: ... }`); given to another call (`send(:authorizations)`), it may be the association
    return isKey(path, 0) ? "other" : callTaking(path, 0) ? "unsure" : "other";
  }
  // an association's reader (`user.authorizations`), a constant path or anything else that names it
  return "refers";
}
