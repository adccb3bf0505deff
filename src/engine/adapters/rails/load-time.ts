/**
 * Statements of a migration's class body that Rails runs when it loads the file. A call the class does not define
 * (`create_table "moments", force: true do ... end` written outside any method, as ifme's setup_database copies
 * db/schema.rb) goes through ActiveRecord::Migration.method_missing to the class's delegate, a migration instance:
 * the command runs on the connection there and then, when the migrator loads the file to run it (before the
 * migration's transaction opens). Those statements build the schema as much as `up` does.
 */
import { CallNode, ClassNode, DefNode, LambdaNode, ModuleNode, SingletonClassNode, type Node } from "@ruby/prism";
import { COMMANDS } from "./commands/index.js";
import { CONNECTION_SQL } from "./data-calls.js";
import { rubyChildren } from "./ruby-children.js";

/** Calls whose block Ruby keeps for later rather than running where it stands. */
const DEFERRED = new Set(["define_method", "lambda", "proc"]);

/** A receiverless call of a migration command (create_table, add_index, execute, ...). */
const isCommand = (node: Node): boolean => node instanceof CallNode && !node.receiver && (COMMANDS.has(node.name) || CONNECTION_SQL.has(node.name));

/** Nodes whose code does not run where it is written: methods, classes, lambdas. */
const deferred = (node: Node): boolean =>
  node instanceof DefNode || node instanceof ClassNode || node instanceof ModuleNode || node instanceof SingletonClassNode || node instanceof LambdaNode || (node instanceof CallNode && DEFERRED.has(node.name));

/** Whether `statement` runs a migration command itself, or in a branch, loop or block it runs in place. */
function runsCommand(statement: Node): boolean {
  const stack: Node[] = [statement];
  while (stack.length) {
    const node = stack.pop()!;
    if (deferred(node)) continue;
    if (isCommand(node)) return true;
    stack.push(...rubyChildren(node));
  }
  return false;
}

/** The class body's statements Rails runs as it loads the file, in order (a loop or branch around them included). */
export const loadTimeStatements = (classBody: readonly Node[]): Node[] => classBody.filter(runsCommand);
