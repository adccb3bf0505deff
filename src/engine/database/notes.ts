/** The database decisions as people read them: verbose CLI lines and the check summary's note. */
import type { DatabaseDecision } from "./decide.js";
import { DATABASE_LABEL } from "./names.js";

const label = (d: DatabaseDecision) => `${DATABASE_LABEL[d.database]}${d.version ? ` ${d.version}` : d.namedVersion && d.database === "postgresql" ? ` ${d.namedVersion.version}` : ""}`;

/** Where the PostgreSQL version the rules use came from, when the repository named it. */
const versionReason = (d: DatabaseDecision) => (d.namedVersion && d.database === "postgresql" && !d.version ? `; version ${d.namedVersion.version} from ${d.namedVersion.says}` : "");

/** One line per folder: `db/migrate: MySQL (config/database.yml (production adapter mysql2))`. */
export function databaseLines(decisions: readonly DatabaseDecision[]): string[] {
  return decisions.map((d) => `${d.folder || "."}: ${label(d)} (${d.reason}${d.alsoReason ? `; ${d.alsoReason}` : ""}${versionReason(d)})${d.database === "sqlite" ? "; SQLite takes no lock a deploy waits on, so the lock rules do not apply" : ""}`);
}

/** For the check summary: only folders whose database was assumed (nothing named it, or its signals disagree). */
export function databaseNote(decisions: readonly DatabaseDecision[]): string | undefined {
  const assumed = decisions.filter((d) => d.assumed);
  if (assumed.length === 0) return undefined;
  return [`**Database:** checked as ${[...new Set(assumed.map(label))].join(", ")} where the repository does not say which database runs the migrations:`, ...assumed.map((d) => `- \`${d.folder || "."}\`: ${d.reason}`)].join("\n");
}
