/**
 * Measurement beats the documentation table, on the server the folder runs on: `mysql-table-copy` findings
 * meet the algorithm the server accepted for their statement (online-ddl-trace.ts).
 * - The server accepted ALGORITHM=INSTANT or INPLACE, LOCK=NONE: writes go on, the finding is dropped.
 * - It accepted neither: the finding stays with the measurement in its details, and a warning (a MODIFY whose
 *   previous type was unknown) becomes the rule's error, since the copy is now known.
 * - A measured copy no static finding covers becomes `measured-table-rewrite`.
 * A measurement on the other flavour (MariaDB for a MySQL folder, or the reverse) changes nothing but the
 * details: the two servers' online DDL tables differ (MariaDB changes some column types instantly that MySQL
 * copies for, and the reverse). Pure: findings and traces in, findings out.
 */
import { ruleMeta } from "../../engine/catalogue.js";
import type { Config } from "../../engine/config.js";
import { DATABASE_LABEL } from "../../engine/database/names.js";
import { MEASURED_TABLE_REWRITE } from "../../engine/execution-rules.js";
import type { Database, ReportedFinding } from "../../engine/model.js";
import { effectiveSeverity } from "../../engine/severity.js";
import { shortStatement } from "../lock-trace.js";
import type { MergeResult } from "../merge-measured-locks.js";
import { algorithmSummary, writesGoOn, type AlgorithmMeasurement, type AlgorithmTrace } from "./online-ddl-trace.js";

const COPY_RULE = "mysql-table-copy";

interface Located {
  trace: AlgorithmTrace;
  measurement: AlgorithmMeasurement;
}

/** The ALTER TABLE clauses after the table name, for gh-ost's --alter. */
function alterClauses(sql: string, table: string): string | undefined {
  const flat = sql.replace(/\s+/g, " ").trim().replace(/;$/, "");
  const m = /^ALTER\s+(?:ONLINE\s+)?(?:IGNORE\s+)?TABLE\s+(\S+)\s+(.*)$/i.exec(flat);
  return m && m[1].replace(/`/g, "").split(".").pop() === table.split(".").pop() ? m[2] : undefined;
}

/** Comments in the migration's language (SQL, or Ruby/Python for an `execute` / RunSQL migration). */
function copyFix(measurement: AlgorithmMeasurement, framework: string): string {
  const clauses = alterClauses(measurement.sql, measurement.table) ?? "<the ALTER TABLE clauses of this statement>";
  const alter = clauses.replace(/"/g, '\\"');
  const comment = framework === "sql" ? "--" : "#";
  return [
    `${comment} run the change online, outside the migration (gh-ost or pt-online-schema-change copy the table in the background`,
    `${comment} and swap it in; writes go on), then keep the migration as the record that it ran:`,
    `${comment}   gh-ost --database=<database> --table=${measurement.table} --alter="${alter}" --execute`,
    `${comment}   pt-online-schema-change --alter "${alter}" D=<database>,t=${measurement.table} --execute`,
  ].join("\n");
}

export function mergeMeasuredAlgorithms(findings: readonly ReportedFinding[], traces: readonly AlgorithmTrace[], config: Config, databases: ReadonlyMap<string, Database>): MergeResult {
  const located: Located[] = traces.flatMap((trace) => trace.statements.map((measurement) => ({ trace, measurement })));
  if (located.length === 0) return { findings: [...findings], overruled: [] };
  const covering = (finding: ReportedFinding) =>
    located.find((l) => l.trace.path === finding.path && l.measurement.line <= finding.line && finding.line <= l.measurement.endLine);
  const sameFlavour = (trace: AlgorithmTrace) => databases.get(trace.path) === trace.serverDatabase;
  const copyMeta = ruleMeta(COPY_RULE);
  const copySeverity = copyMeta ? effectiveSeverity(config, copyMeta) : undefined;

  const kept: ReportedFinding[] = [];
  const overruled: ReportedFinding[] = [];
  for (const finding of findings) {
    const at = finding.rule === COPY_RULE ? covering(finding) : undefined;
    if (!at || !at.measurement.algorithm) {
      kept.push(finding);
      continue;
    }
    const { trace, measurement } = at;
    const summary = algorithmSummary(measurement, trace.server);
    if (!sameFlavour(trace)) {
      const folder = DATABASE_LABEL[databases.get(trace.path) ?? "mysql"];
      kept.push({ ...finding, details: [...finding.details, `${summary} (this folder runs ${folder}, whose online DDL table may differ)`] });
    } else if (writesGoOn(measurement.algorithm)) overruled.push(finding);
    else if (copySeverity && measurement.algorithm === "copy") {
      // the static rule said "if the type changes" or "copies"; the server says it does: asking for INPLACE would only fail
      kept.push({
        ...finding,
        severity: copySeverity,
        message: `${trace.server} copies ${measurement.table} for this statement (it refused ALGORITHM=INSTANT and ALGORITHM=INPLACE): every write to ${measurement.table} waits until the copy ends.`,
        fix: copyFix(measurement, trace.framework),
        details: [...finding.details, summary],
      });
    } else kept.push({ ...finding, details: [...finding.details, summary] });
  }

  const severity = effectiveSeverity(config, MEASURED_TABLE_REWRITE);
  const extra: ReportedFinding[] = [];
  for (const { trace, measurement } of located) {
    if (severity === undefined || measurement.algorithm !== "copy" || !sameFlavour(trace)) continue;
    const covered = kept.some((f) => f.path === trace.path && f.category === "blocking-lock" && measurement.line <= f.line && f.line <= measurement.endLine);
    if (covered) continue;
    extra.push({
      path: trace.path,
      line: measurement.line,
      endLine: measurement.endLine,
      rule: MEASURED_TABLE_REWRITE.id,
      category: MEASURED_TABLE_REWRITE.category,
      severity,
      message: `Running \`${shortStatement(measurement.sql)}\` on ${trace.server}: the server refused ALGORITHM=INSTANT and ALGORITHM=INPLACE, so it copies ${measurement.table} (ALGORITHM=COPY) and every write to it waits until the copy ends.`,
      fix: copyFix(measurement, trace.framework),
      statement: measurement.sql.replace(/\s+/g, " ").trim(),
      details: [algorithmSummary(measurement, trace.server)],
    });
  }
  return { findings: [...kept, ...extra], overruled };
}
