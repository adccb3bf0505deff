import type { Framework, Operation } from "../../model.js";
import { keywordText } from "./python-call.js";
import { reindented } from "./data-code.js";
import { commentMarker } from "./fix.js";

/**
 * An index built or dropped CONCURRENTLY only when an expression is true at run time (Alembic's
 * `postgresql_concurrently=concurrently`, phoenix's opt-in environment variable): migguard cannot know the value,
 * and the project already offers the safe path, so a note (info) that names the expression as written and what the
 * plain form locks. The fix rewrites nothing: the statement as written, under a comment that says to set it.
 */
export function runTimeConcurrentlyReport(
  framework: Framework,
  op: Operation,
  work: "build" | "drop",
  what: string,
  table: string | undefined,
  value: string,
): { severity: "info"; message: string; fix: string } {
  // as the call writes it (the adapter's value follows a local name to what it was bound to), on one line
  const written = (framework === "alembic" ? keywordText(op.text, "postgresql_concurrently") : undefined) ?? value;
  const expression = written.replace(/\s+/g, " ").trim();
  const on = table ?? "its table";
  const message =
    work === "build"
      ? `Index ${what} is built CONCURRENTLY only when \`${expression}\` is true at run time; without it, the build blocks writes to ${on} while it runs.`
      : `Index ${what} is dropped CONCURRENTLY only when \`${expression}\` is true at run time; without it, the drop takes an ACCESS EXCLUSIVE lock on ${on}.`;
  const comment = commentMarker(framework);
  // SQL inside a Python call (op.execute(f"...")): the call as written, never the SQL read with one branch
  const statement = op.embeddedSql && framework !== "sql" ? (op.hostCall ?? op.text) : op.text;
  return {
    severity: "info",
    message,
    fix: `${comment} the migration already ${work === "build" ? "builds" : "drops"} it CONCURRENTLY when ${expression} is true: make sure it is when migrating a database in use\n${reindented(statement.trim())}`,
  };
}
