/**
 * dbmate: one file with `-- migrate:up` and `-- migrate:down` sections; each runs in a transaction
 * unless its marker says `transaction:false`.
 */
import { findMarkers, sectionsBetween } from "./markers.js";
import { keepRanges, type SqlLayoutInput, type SqlSections, type SqlSegment } from "./sections.js";

const MARKER = /^migrate:(up|down)\b(.*)$/i;

export function splitDbmate(input: SqlLayoutInput): SqlSections {
  const markers = findMarkers(input.content, (body) => MARKER.test(body));
  const sections = sectionsBetween(markers, Buffer.byteLength(input.content));
  const segment = (direction: "up" | "down"): SqlSegment[] =>
    sections
      .filter((s) => MARKER.exec(s.marker.body)?.[1].toLowerCase() === direction)
      .map((s) => ({
        text: keepRanges(input.content, [[s.start, s.end]]),
        range: [s.start, s.end] as const,
        transaction: /transaction:\s*false/i.test(s.marker.body) ? "none" : "wrapped",
      }));
  const up = segment("up");
  const down = segment("down");
  return {
    up,
    down: down.length ? { kind: "sql", segments: down, path: input.path } : { kind: "missing", reason: "no `-- migrate:down` section" },
    notes: up.length ? [] : [{ line: 1, message: "no `-- migrate:up` section: dbmate will run nothing" }],
  };
}
