/**
 * `verifyMigrations` for a review that must never fail because of its test database: a failure the verifier
 * did not turn into a note itself (the database would not start, a bug) becomes one `execute-skipped` note per
 * target, and the static findings stand as they are.
 */
import { defaultConfig } from "../engine/config.js";
import { EXECUTE_SKIPPED } from "../engine/execution-rules.js";
import { byLocation } from "../engine/finding-order.js";
import type { ReportedFinding } from "../engine/model.js";
import { effectiveSeverity } from "../engine/severity.js";
import { verifyMigrations, type VerifyInput, type VerifyResult } from "./verify.js";

export async function verifyOrSkip(input: VerifyInput): Promise<VerifyResult> {
  try {
    return await verifyMigrations(input);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    const config = input.config ?? defaultConfig();
    const severity = effectiveSeverity(config, EXECUTE_SKIPPED);
    const notes: ReportedFinding[] = severity
      ? input.targets.map((path) => ({
          path,
          line: 1,
          endLine: 1,
          rule: EXECUTE_SKIPPED.id,
          category: EXECUTE_SKIPPED.category,
          severity,
          message: `Not run in the test database: the run failed (${reason}).`,
          fix: "Nothing to change in the migration: this is what migguard could not check by running it. Review the down and the locks by hand.",
          statement: "",
          details: [],
        }))
      : [];
    return {
      findings: [...(input.findings ?? []), ...notes].sort(byLocation),
      executionFindings: notes,
      overruled: [],
      traces: [],
      algorithms: [],
      runs: input.targets.map((path) => ({ path, outcome: "skipped", reason, ms: 0, historyMs: 0 })),
      database: "the test database",
      markdown: `### Migrations not run\n\nThe test database failed (${reason}); the findings below are the static ones.\n`,
      text: "",
    };
  }
}
