/**
 * Waivers that clear a regulated-data finding. A waiver with a reason silences the finding like any other,
 * but regulated data needs a sign-off: the App lets such a waiver through only when the pull request is
 * approved by someone with maintain or admin permission (see approval.ts).
 */
import type { Config } from "../config.js";
import type { Migration } from "../model.js";
import { regulatedOperations } from "./operations.js";

export const REGULATED_DATA_RULE = "regulated-data";

export interface RegulatedWaiver {
  path: string;
  /** the waived statement */
  line: number;
  endLine: number;
  /** the waiver comment */
  waiverLine: number;
  reason: string;
  /** e.g. "drops users.phone_number" */
  what: string;
  statement: string;
}

export function regulatedWaivers(migrations: readonly Migration[], config: Pick<Config, "sensitive">): RegulatedWaiver[] {
  const out: RegulatedWaiver[] = [];
  for (const migration of migrations) {
    const active = migration.waivers.filter((w) => w.reason && (w.rules.length === 0 || w.rules.includes(REGULATED_DATA_RULE) || w.rules.includes("*")));
    if (active.length === 0) continue;
    const starts = [...migration.up, ...(migration.down.status === "present" ? migration.down.ops : [])].map((op) => op.loc.line).sort((a, b) => a - b);
    for (const hit of regulatedOperations(migration, config)) {
      const line = hit.op.loc.line;
      const waiver = active.find((w) => w.wholeFile || w.line === line || (starts.find((s) => s >= w.line) ?? w.line + 1) === line);
      if (!waiver) continue;
      out.push({
        path: migration.path,
        line,
        endLine: hit.op.loc.endLine,
        waiverLine: waiver.line,
        reason: waiver.reason,
        what: `${hit.verb} ${hit.objects.join(", ")}`,
        statement: hit.op.text.replace(/\s+/g, " ").trim(),
      });
    }
  }
  return out;
}
