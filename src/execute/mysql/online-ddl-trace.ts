/**
 * What the server accepted for each ALTER of a table that existed before the migration: the MySQL counterpart
 * of PostgreSQL's measured lock table. Each statement is first sent with `ALGORITHM=INSTANT`, then with
 * `ALGORITHM=INPLACE, LOCK=NONE`, then `ALGORITHM=INPLACE`, and last as written; the first the server accepts
 * is how it runs. INSTANT changes only metadata; INPLACE with LOCK=NONE lets writes go on (even when it
 * rebuilds the table); INPLACE without it builds under a shared lock; what neither accepts is a table copy
 * (ALGORITHM=COPY) that blocks writes throughout. On an empty copy of the schema, so it says what the server
 * does, not how long it takes.
 */
import { shortStatement } from "../lock-trace.js";

export type MeasuredAlgorithm = "instant" | "inplace" | "inplace-locked" | "copy";

export interface AlgorithmAttempt {
  /** `ALGORITHM=INSTANT`, `ALGORITHM=INPLACE, LOCK=NONE`, `ALGORITHM=INPLACE` */
  clause: string;
  accepted: boolean;
  /** the server's reason for refusing ("Cannot change column type. Try ALGORITHM=COPY") */
  reason?: string;
}

export interface AlgorithmMeasurement {
  line: number;
  endLine: number;
  sql: string;
  /** the table it changes */
  table: string;
  attempts: AlgorithmAttempt[];
  /** how the statement ran; undefined when it names its own ALGORITHM=/LOCK= (then `named` says which) */
  algorithm?: MeasuredAlgorithm;
  named?: string;
}

export interface AlgorithmTrace {
  path: string;
  framework: string;
  /** "MariaDB 10.11.18": the server that answered */
  server: string;
  /** its flavour: a measurement speaks for the migration only when the folder runs the same one */
  serverDatabase: "mysql" | "mariadb";
  statements: AlgorithmMeasurement[];
}

/** Does the algorithm let writes go on while it runs? */
export const writesGoOn = (algorithm: MeasuredAlgorithm | undefined): boolean => algorithm === "instant" || algorithm === "inplace";

export const ALGORITHM_LABEL: Record<MeasuredAlgorithm, string> = {
  instant: "INSTANT (metadata only)",
  inplace: "INPLACE, LOCK=NONE (writes go on)",
  "inplace-locked": "INPLACE under a shared lock (writes blocked)",
  copy: "COPY (table copied, writes blocked)",
};

/** "refused: Cannot change column type" / "accepted" / "not tried" for one clause. */
function attemptCell(measurement: AlgorithmMeasurement, clause: string): string {
  const attempt = measurement.attempts.find((a) => a.clause === clause);
  if (!attempt) return measurement.named ? "not tried" : "-";
  if (attempt.accepted) return "accepted";
  const reason = (attempt.reason ?? "").replace(/^ALGORITHM=\w+ is not supported(?: for this operation)?\.?\s*(?:Reason:\s*)?/i, "").replace(/^LOCK=\w+ is not supported\.?\s*(?:Reason:\s*)?/i, "").replace(/\s*Try (?:ALGORITHM|LOCK)=\w+\.?$/i, "");
  return reason ? `refused (${reason.replace(/\.$/, "")})` : "refused";
}

const result = (m: AlgorithmMeasurement) => (m.algorithm ? ALGORITHM_LABEL[m.algorithm] : `as written (${m.named})`);

const HEADERS = ["Line", "Statement", "Table", "ALGORITHM=INSTANT", "ALGORITHM=INPLACE, LOCK=NONE", "Runs as"];
const cells = (m: AlgorithmMeasurement) => [String(m.line), shortStatement(m.sql), m.table, attemptCell(m, "ALGORITHM=INSTANT"), attemptCell(m, "ALGORITHM=INPLACE, LOCK=NONE"), result(m)];

/** For the check-run summary. */
export function algorithmTableMarkdown(traces: readonly AlgorithmTrace[]): string {
  const measured = traces.filter((t) => t.statements.length > 0);
  if (measured.length === 0) return traces.length ? "No statement altered a table that existed before the migration.\n" : "";
  const escape = (value: string) => value.replace(/\|/g, "\\|").replace(/`/g, "'");
  const out: string[] = [];
  for (const trace of measured) {
    out.push(`**${escape(trace.path)}** (${escape(trace.server)})`, "", `| ${HEADERS.join(" | ")} |`, `| ${HEADERS.map(() => "---").join(" | ")} |`);
    for (const m of trace.statements) {
      const [line, statement, ...rest] = cells(m);
      out.push(`| ${line} | \`${escape(statement)}\` | ${rest.map(escape).join(" | ")} |`);
    }
    out.push("");
  }
  return `${out.join("\n")}\n`;
}

/** For the CLI's text output: aligned columns under each file. */
export function algorithmTableText(traces: readonly AlgorithmTrace[]): string {
  const measured = traces.filter((t) => t.statements.length > 0);
  if (measured.length === 0) return traces.length ? "online DDL: no statement altered a table that existed before the migration\n" : "";
  const out: string[] = [];
  for (const trace of measured) {
    const table = [HEADERS, ...trace.statements.map(cells)];
    const widths = HEADERS.map((_, i) => Math.max(...table.map((r) => r[i].length)));
    out.push(`online DDL of ${trace.path} (measured on ${trace.server}):`);
    for (const r of table) out.push(`  ${r.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()}`);
  }
  return `${out.join("\n")}\n`;
}

/** One line for a finding's details. */
export function algorithmSummary(m: AlgorithmMeasurement, server: string): string {
  const tried = m.attempts.map((a) => `${a.clause} ${a.accepted ? "accepted" : "refused"}`).join(", ");
  return `measured on ${server}: ${tried ? `${tried}; ` : ""}runs as ${result(m)}`;
}
