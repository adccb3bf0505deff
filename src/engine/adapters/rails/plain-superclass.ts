/**
 * A class under app/models is an Active Record model only through its superclass (ApplicationRecord,
 * ActiveRecord::Base, another model). One written without a superclass, or on one of Ruby's own (a Struct, an
 * exception, a delegator), is a plain Ruby object: panoptes' `class SubjectGroup`, a virtual group built in memory
 * long after the subject_groups table lost its model, maps no table.
 */
import { ASSOCIATION_CALLS } from "./table-calls.js";

const RUBY_BASES = /^(?:::)?(?:Object|BasicObject|Struct|Data|SimpleDelegator|Delegator|Hash|Array|String|Set|Exception|StandardError|\w*Error)$/;

/** Whether a superclass, as written (undefined: none), makes the class a plain Ruby object by itself. */
export function plainSuperclass(written: string | undefined): boolean {
  if (written === undefined) return true;
  const text = written.trim();
  // `Struct.new(:a, :b)`, `Data.define(:x)`: a value class
  return RUBY_BASES.test(text) || /^(?:::)?(?:Struct\.new|Data\.define)\b/.test(text);
}

/** Class-body calls only Active Record answers to: a class that makes one is a model, whatever superclass its file writes. */
export const ACTIVE_RECORD_MACROS: ReadonlySet<string> = new Set([...ASSOCIATION_CALLS, "scope", "default_scope"]);
