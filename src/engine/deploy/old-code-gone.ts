/**
 * Whether old code can still run while a migration does, as the deploy tells it: not under an offline deploy (nothing
 * serves), nor under a code-before-migrate one for a framework whose code names its columns in its source (Django's
 * models, SQLAlchemy's: the new code, already live, never names a column its models dropped). Rails is not one:
 * Active Record reads the table's columns when a process first queries it, so the new processes, started before the
 * migration, hold the old column list and fail as the old code would; nor plain SQL, whose code is unknown.
 */
import type { Framework } from "../model.js";
import { codeFirstWhy, type DeployDecision } from "./deploy-model.js";

/** frameworks whose application code names its columns in its source (models), not in a cache read at boot */
export const STATIC_COLUMNS: ReadonlySet<Framework> = new Set(["django", "alembic"]);

/** Why no old code runs while a migration of `framework` does, or undefined when it may. */
export function oldCodeGone(decision: DeployDecision, framework: Framework): string | undefined {
  if (decision.mode === "offline") {
    if (decision.source === "config") return "config `deploy: offline`: nothing serves while it migrates";
    const offline = decision.offline;
    return offline ? `${offline.path}:${offline.line}: ${offline.what}${offline.reason ? `: ${offline.reason}` : ""}` : undefined;
  }
  if (decision.mode === "code-before-migrate" && STATIC_COLUMNS.has(framework))
    return `${codeFirstWhy(decision)}: only the new code, whose models no longer name it, runs when it migrates`;
  return undefined;
}
