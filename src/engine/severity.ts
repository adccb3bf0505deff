/**
 * A rule's severity after config, one decision for every kind of finding (model rules, review rules,
 * execution findings, the engine's own): undefined when switched off. Opt-in rules (`recommended: false`)
 * stay off unless the config names them; an explicit severity in config wins over a report's own variant.
 */
import type { Config } from "./config.js";
import { ruleSeverity } from "./rule-settings.js";
import type { Severity } from "./model.js";
import type { RuleMeta } from "./rules/support/rule.js";

export function effectiveSeverity(config: Config, meta: RuleMeta, reported?: Severity): Severity | undefined {
  const configured = config.rules[meta.id];
  if (configured === undefined && meta.recommended === false) return undefined;
  const severity = ruleSeverity(config, meta.id, reported ?? meta.severity);
  if (severity === "off") return undefined;
  if (typeof configured === "string" || (typeof configured === "object" && configured.severity)) return severity;
  return reported ?? severity;
}
