/**
 * An `up` whose code all belongs to another database (helpy's vendored acts_as_taggable_on migration:
 * `execute(...) if ActsAsTaggableOn::Utils.using_mysql?`, with no down): on the migration's own database it runs
 * nothing, so a rollback that runs nothing undoes all there is. Only when a branch was skipped for another database,
 * nothing else of the up runs, and nothing of it was hidden from the reading.
 */
import type { DefNode } from "@ruby/prism";
import type { OperationInput } from "../../model.js";
import type { Interpreter } from "./interpreter.js";
import { meaningful } from "./method-body.js";
import type { RubySource } from "./ruby-source.js";

export function runsNothingHere(up: DefNode, ops: readonly OperationInput[], interpreter: Interpreter, src: RubySource): boolean {
  const { line, endLine } = src.loc(up);
  const within = (at: { line: number }) => at.line >= line && at.line <= endLine;
  return !meaningful(ops) && interpreter.otherDatabaseBranches.some(within) && !interpreter.hidden.some(within);
}
