/** The CLI's exit status for a lint or review (usage errors are 2, elsewhere). */
import type { FileError } from "../engine/analyze.js";

/**
 * 1 when the gate fails: an error finding, or a migration that could not be analysed (a file migguard
 * cannot read must never pass silently); else 0.
 */
export const gateExitCode = (findings: readonly { severity: string }[], unanalysed: readonly FileError[]): number =>
  findings.some((f) => f.severity === "error") || unanalysed.length > 0 ? 1 : 0;
