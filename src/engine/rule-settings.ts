/**
 * A rule's effective severity and options in a validated config. Apart from config.ts (the zod schema and
 * the YAML reader), so a lint without a config file loads neither.
 */
import type { Config } from "./config.js";
import type { Severity } from "./model.js";

/** The effective severity of a rule, or "off". */
export function ruleSeverity(config: Config, ruleId: string, fallback: Severity): Severity | "off" {
  const setting = config.rules[ruleId];
  if (setting === undefined || setting === true) return fallback;
  if (setting === false) return "off";
  if (typeof setting === "string") return setting;
  return setting.severity ?? fallback;
}

export function ruleOptions(config: Config, ruleId: string): Record<string, unknown> {
  const setting = config.rules[ruleId];
  return typeof setting === "object" && setting !== null && "options" in setting ? (setting.options ?? {}) : {};
}
