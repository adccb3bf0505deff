/**
 * Liquibase formatted SQL: `--liquibase formatted sql`, then `--changeset author:id [runInTransaction:false]`
 * blocks whose rollback is given in `--rollback <sql>` comment lines. Liquibase cannot generate a
 * rollback for raw SQL, so a changeset without `--rollback` has no way back.
 */
import type { ParseProblem } from "../../../model.js";
import { findMarkers, sectionsBetween } from "./markers.js";
import type { SqlLayoutInput, SqlSections, SqlSegment } from "./sections.js";
import { keepRanges } from "./sections.js";
import { maskPlaceholders } from "./templates.js";

const CHANGESET = /^changeset\s+(\S+)(.*)$/i;
const ROLLBACK = /^rollback\b\s?/i;

/** The line of each `--changeset` marker, in order: where one changeset's statements end and the next one's begin. */
export function liquibaseChangesetLines(content: string): number[] {
  return findMarkers(maskPlaceholders(content), (body) => CHANGESET.test(body)).map((m) => m.comment.line);
}

export function splitLiquibase(input: SqlLayoutInput): SqlSections {
  const content = maskPlaceholders(input.content);
  const markers = findMarkers(content, (body) => CHANGESET.test(body) || ROLLBACK.test(body));
  const changesets = sectionsBetween(
    markers.filter((m) => CHANGESET.test(m.body)),
    Buffer.byteLength(content),
  );
  const up: SqlSegment[] = [];
  const downParts: Array<{ line: number; sql: string }> = [];
  const withoutRollback: Array<{ id: string; line: number }> = [];
  const notes: ParseProblem[] = [];
  const bytes = Buffer.from(content, "utf8");
  for (const changeset of changesets) {
    const [, id, attributes] = CHANGESET.exec(changeset.marker.body)!;
    const rollbacks = markers.filter(
      (m) => ROLLBACK.test(m.body) && m.comment.startByte >= changeset.start && m.comment.startByte < changeset.end,
    );
    // the body is the changeset minus its rollback comments (the scanner already keeps them out of the SQL)
    up.push({
      text: keepRanges(content, [[changeset.start, changeset.end]]),
      range: [changeset.start, changeset.end] as const,
      transaction: /runInTransaction:\s*false/i.test(attributes) ? "none" : "wrapped",
    });
    const hasSql = bytes.subarray(changeset.start, changeset.end).toString("utf8").replace(/--.*$/gm, "").trim() !== "";
    if (rollbacks.length === 0 && hasSql) withoutRollback.push({ id, line: changeset.marker.comment.line });
    for (const rollback of rollbacks) {
      const sql = rollback.body.replace(ROLLBACK, "");
      if (/^(not required|empty)\s*$/i.test(sql)) continue;
      downParts.push({ line: rollback.comment.line, sql });
    }
  }
  if (changesets.length === 0) notes.push({ line: 1, message: "no `--changeset` in this Liquibase file" });
  if (withoutRollback.length > 0) {
    const ids = withoutRollback.map((c) => c.id).join(", ");
    return { source: content, up, down: { kind: "missing", reason: `changeset ${ids} has no --rollback`, line: withoutRollback[0].line }, notes };
  }
  // Put each rollback's SQL on its own comment line so findings in the down point at the right line.
  const lines = content.split("\n").map(() => "");
  for (const part of downParts) lines[part.line - 1] = part.sql;
  return { source: content, up, down: { kind: "sql", segments: [{ text: lines.join("\n"), transaction: "wrapped" }], path: input.path }, notes };
}
