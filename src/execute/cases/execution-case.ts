/**
 * A case in an execution rule's table (ESLint RuleTester style, like the model rules' `<id>.cases.ts`): a
 * repository's migrations and the one migguard runs up -> down -> up after the earlier ones, with the lines
 * the rule must report (none for valid cases). The tests run them in PGlite, and the docs show them.
 */

export interface ExecutionCase {
  /** short description, used as the test name and the docs caption */
  name: string;
  /** the migrations folder (earlier migrations included), path -> content, in the order the docs show them */
  files: Record<string, string>;
  /** the migration to run (an up or a combined file); default: the last file listed that is not a down */
  target?: string;
}

export interface InvalidExecutionCase extends ExecutionCase {
  /** 1-based lines where the rule must report, in order */
  lines: number[];
  /** the file of those lines; default: the target (a golang-migrate down's findings are on its .down.sql) */
  path?: string;
}

export interface ExecutionCases {
  valid: ExecutionCase[];
  invalid: InvalidExecutionCase[];
}

export const defineExecutionCases = (cases: ExecutionCases): ExecutionCases => cases;
