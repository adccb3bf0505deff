/**
 * goose: `-- +goose Up` / `-- +goose Down` sections in one file, each run in a transaction unless the
 * file says `-- +goose NO TRANSACTION`. StatementBegin/End only group statements, which the real
 * parser does anyway.
 */
import { findMarkers, sectionsBetween } from "./markers.js";
import { keepRanges, type SqlLayoutInput, type SqlSections, type SqlSegment } from "./sections.js";
import { maskPlaceholders } from "./templates.js";

const SECTION = /^\+goose\s+(up|down)\b/i;

export function splitGoose(raw: SqlLayoutInput): SqlSections {
  // ENVSUB ON substitutes ${VAR} before the SQL reaches the database
  const envsub = findMarkers(raw.content, (body) => /^\+goose\s+envsub\s+on\b/i.test(body)).length > 0;
  const input = envsub ? { ...raw, content: maskPlaceholders(raw.content) } : raw;
  const all = findMarkers(input.content, (body) => body.startsWith("+goose"));
  const noTransaction = all.some((m) => /^\+goose\s+no\s+transaction\b/i.test(m.body));
  const sections = sectionsBetween(
    all.filter((m) => SECTION.test(m.body)),
    Buffer.byteLength(input.content),
  );
  const segment = (direction: "up" | "down"): SqlSegment[] =>
    sections
      .filter((s) => SECTION.exec(s.marker.body)?.[1].toLowerCase() === direction)
      .map((s) => ({ text: keepRanges(input.content, [[s.start, s.end]]), range: [s.start, s.end] as const, transaction: noTransaction ? "none" : "wrapped" }));
  const up = segment("up");
  const down = segment("down");
  return {
    source: input.content,
    up,
    down: down.length ? { kind: "sql", segments: down, path: input.path } : { kind: "missing", reason: "no `-- +goose Down` section" },
    notes: up.length ? [] : [{ line: 1, message: "no `-- +goose Up` section: goose will run nothing" }],
  };
}
