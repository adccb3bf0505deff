/** A review rule's severity after config, exactly as `analyze` decides it for migration rules. */
import { ruleSeverity, type Config } from "../config.js";
import type { Severity } from "../model.js";
import type { RuleMeta } from "../rules/rule.js";

/** undefined when the rule is off; an explicit severity in config wins over a report's own variant. */
export function reviewSeverity(config: Config, meta: RuleMeta, reported?: Severity): Severity | undefined {
  const configured = config.rules[meta.id];
  if (configured === undefined && meta.recommended === false) return undefined;
  const severity = ruleSeverity(config, meta.id, reported ?? meta.severity);
  if (severity === "off") return undefined;
  if (typeof configured === "string" || (typeof configured === "object" && configured.severity)) return severity;
  return reported ?? severity;
}
