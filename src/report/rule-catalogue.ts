/** Rule metadata by id, for reports that only hold a finding's rule id. */
import { ENGINE_RULES } from "../engine/engine-rules.js";
import { RULES } from "../engine/rules/index.js";
import type { RuleMeta } from "../engine/rules/support/rule.js";

const BY_ID: ReadonlyMap<string, RuleMeta> = new Map([...RULES.map((rule) => rule.meta), ...ENGINE_RULES].map((meta) => [meta.id, meta]));

export const ruleMeta = (id: string): RuleMeta | undefined => BY_ID.get(id);
