/**
 * rubenv/sql-migrate (and runners that read its files, as goalert's own migrate.go does): `-- +migrate Up` and
 * `-- +migrate Down` sections in one file. All the statements of a direction run in one transaction unless a marker of
 * that direction says `notransaction` (`-- +migrate Up notransaction`); then each is sent on its own. StatementBegin /
 * StatementEnd only group a statement holding semicolons, which the real parser reads whole anyway.
 */
import { findMarkers, sectionsBetween } from "./markers.js";
import { keepRanges, type SqlLayoutInput, type SqlSections, type SqlSegment } from "./sections.js";

/** sql-migrate's commands are case-sensitive (`Up`, `Down`); what follows are its options */
const SECTION = /^\+migrate\s+(Up|Down)\b(.*)$/;

/** The marker a section of `direction` starts with, in the runner's own spelling. */
export const sqlMigrateMarker = (direction: "up" | "down", noTransaction = false): string =>
  `-- +migrate ${direction === "up" ? "Up" : "Down"}${noTransaction ? " notransaction" : ""}`;

const direction = (body: string): "up" | "down" | undefined => {
  const m = SECTION.exec(body);
  return m ? (m[1] === "Up" ? "up" : "down") : undefined;
};

const noTransaction = (body: string): boolean => (SECTION.exec(body)?.[2] ?? "").trim().split(/\s+/).includes("notransaction");

export function splitSqlMigrate(input: SqlLayoutInput): SqlSections {
  const markers = findMarkers(input.content, (body) => SECTION.test(body));
  const sections = sectionsBetween(markers, Buffer.byteLength(input.content));
  const segment = (wanted: "up" | "down"): SqlSegment[] => {
    const own = sections.filter((s) => direction(s.marker.body) === wanted);
    // the runner keeps one flag per direction: one `notransaction` marker takes every section of it out
    const outside = own.some((s) => noTransaction(s.marker.body));
    return own.map((s) => ({ text: keepRanges(input.content, [[s.start, s.end]]), range: [s.start, s.end] as const, transaction: outside ? "none" : "wrapped" }));
  };
  const up = segment("up");
  const down = segment("down");
  return {
    up,
    down: down.length ? { kind: "sql", segments: down, path: input.path } : { kind: "missing", reason: "no `-- +migrate Down` section" },
    notes: up.length ? [] : [{ line: 1, message: "no `-- +migrate Up` section: sql-migrate will run nothing" }],
  };
}
