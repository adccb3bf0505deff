/**
 * Every kind of finding migguard can raise, in one list: the model rules, the engine's own findings,
 * the review rules (history, drift, usages) and the execution findings. Config validation, SARIF,
 * the docs generator, `migguard rules` and `migguard explain` all read it, so a new rule shows up everywhere.
 */
import { DRIFT_RULES } from "./drift-rules.js";
import { ENGINE_RULES } from "./engine-rules.js";
import { EXECUTION_RULES } from "./execution-rules.js";
import { REVIEW_RULES } from "./review/rules/index.js";
import { RULES } from "./rules/index.js";
import type { RuleMeta } from "./rules/support/rule.js";

export type RuleKind = "model" | "review" | "execution" | "drift" | "engine";

export interface CatalogueEntry {
  meta: RuleMeta;
  kind: RuleKind;
}

export const CATALOGUE: readonly CatalogueEntry[] = [
  ...RULES.map((r) => ({ meta: r.meta, kind: "model" as const })),
  ...REVIEW_RULES.map((r) => ({ meta: r.meta, kind: "review" as const })),
  ...EXECUTION_RULES.map((meta) => ({ meta, kind: "execution" as const })),
  ...DRIFT_RULES.map((meta) => ({ meta, kind: "drift" as const })),
  ...ENGINE_RULES.map((meta) => ({ meta, kind: "engine" as const })),
];

const BY_ID: ReadonlyMap<string, CatalogueEntry> = new Map(CATALOGUE.map((entry) => [entry.meta.id, entry]));

export const KNOWN_RULE_IDS: ReadonlySet<string> = new Set(BY_ID.keys());

export const catalogueEntry = (id: string): CatalogueEntry | undefined => BY_ID.get(id);

export const ruleMeta = (id: string): RuleMeta | undefined => BY_ID.get(id)?.meta;
