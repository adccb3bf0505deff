/**
 * What a project installs and documents (python-drivers.ts, documented-urls.ts) speaks for its database only when it
 * speaks with one voice: requirements that install PyMySQL beside an install guide that gives `postgresql://` choose
 * neither, and the reason says so.
 */
import type { DatabaseSignal, DatabaseSilence } from "./signal.js";
import { DATABASE_LABEL } from "./names.js";

export function agreeingProjectSignals(signals: readonly DatabaseSignal[]): { kept: DatabaseSignal[]; disagreeing?: DatabaseSilence } {
  const project = signals.filter((s) => s.strength === "project");
  const named = [...new Set(project.map((s) => s.database))];
  if (named.length < 2) return { kept: [...signals] };
  return {
    kept: signals.filter((s) => s.strength !== "project"),
    disagreeing: {
      path: project.map((s) => s.path).join(", "),
      why: `name ${named.map((d) => DATABASE_LABEL[d]).join(" and ")} between them (${project.map((s) => `${s.path} ${s.says}`).join("; ")})`,
    },
  };
}
