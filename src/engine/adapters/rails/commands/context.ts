/**
 * What every Rails DSL command handler gets and gives. A handler turns one call (`add_column :users, ...`)
 * into a Step: the operations it runs, and what Rails' command recorder runs for it on rollback when it
 * sits in `def change` (its inverse, or the reason Rails raises ActiveRecord::IrreversibleMigration).
 */
import type { BlockNode, Node } from "@ruby/prism";
import type { OperationInput, SourceRange } from "../../../model.js";
import type { RubySource } from "../ruby-source.js";
import type { Env, Options, RubyValue } from "../values.js";
import type { InlinedLocals } from "../inlined-locals.js";
import type { ColumnWrites } from "../harmless-rerun.js";

export interface Irreversible {
  irreversible: string;
  loc: SourceRange;
  /** Rails does not refuse the rollback: the call is code its command recorder never sees, run again on rollback */
  rerun?: true;
  /** the re-run code writes only rows whose columns are NULL (`where(column: nil)`): none once the change made one NOT NULL */
  nullRows?: { table: string; columns: string[] };
  /** every column the re-run code writes, when all of its writes are updates that name them */
  writes?: ColumnWrites[];
  /** the re-run changes nothing the first run had not (harmless-rerun): the table and columns it names */
  harmless?: ColumnWrites;
  /** the re-run code renames one record's value (found-record.ts): the statement that renames it back */
  undo?: string;
}

export interface Step {
  ops: OperationInput[];
  revert: OperationInput[] | Irreversible;
}

export const isIrreversible = (revert: Step["revert"]): revert is Irreversible => !Array.isArray(revert);

/** One DSL call with its arguments read as Ruby values. */
export interface Command {
  name: string;
  /** positional arguments (a trailing options hash is in `opts`) */
  args: RubyValue[];
  opts: Options;
  block: BlockNode | null;
  /** the call as written: its lines and text go on every operation it produces */
  node: Node;
}

/** The fields every operation of one call shares. */
export interface OpBase {
  loc: SourceRange;
  text: string;
  inTransaction: boolean;
  assured: boolean;
  /** the Rails method as called (`add_reference`, `t.index`) */
  frameworkCall?: string;
  /** the call with the method's locals it reads written as their values */
  inlined?: InlinedLocals;
}

export interface CommandContext {
  src: RubySource;
  env: Env;
  /** ActiveRecord::Migration[x.y] as a number (4.2 when the class has no version) */
  railsVersion: number;
  base(node: Node): OpBase;
  note(node: Node, message: string): void;
  /** run a `change_table` block: `t.*` calls on the table become commands */
  tableBlock(block: BlockNode, table: string): Step[];
}

export type CommandHandler = (cmd: Command, ctx: CommandContext) => Step[] | undefined;

export const step = (ops: OperationInput[], revert: Step["revert"]): Step => ({ ops, revert });

export const irreversible = (cmd: Command, ctx: CommandContext, reason: string): Irreversible => ({ irreversible: reason, loc: ctx.src.loc(cmd.node) });
