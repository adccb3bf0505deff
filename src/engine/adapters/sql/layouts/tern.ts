/**
 * tern (jackc/tern): `<n>_<name>.sql` files, numbered 1, 2, 3... with no gap, in the migrations folder (beside
 * tern.conf by default). A file holds the up, then after the line `---- create above / drop below ----` the down;
 * without that line it has no down, and tern refuses to roll it back. Each direction runs in a transaction, unless its
 * text holds the line `---- tern: disable-tx ----` (tern's own pattern: the whole line), for that direction only:
 * then tern splits it into statements and sends each on its own.
 */
import { findMarkers, type Marker } from "./markers.js";
import { keepRanges, type SqlLayoutInput, type SqlSections, type SqlSegment } from "./sections.js";

/** the line between the up and the down */
export const TERN_SEPARATOR = "---- create above / drop below ----";
/** the line that runs its direction outside a transaction */
export const TERN_DISABLE_TX = "---- tern: disable-tx ----";

/** the marker's words as findMarkers reads them (the comment's first `--` dropped) */
const bodyOf = (line: string) => line.replace(/^--\s*/, "");

/** the comment starts its line (tern's patterns are anchored at a line's start) */
const startsLine = (source: Buffer, marker: Marker) => marker.comment.startByte === 0 || source[marker.comment.startByte - 1] === 0x0a;

export function splitTern(input: SqlLayoutInput): SqlSections {
  const source = Buffer.from(input.content, "utf8");
  const end = source.length;
  const separator = findMarkers(input.content, (body) => body === bodyOf(TERN_SEPARATOR))[0];
  const disables = findMarkers(input.content, (body) => body === bodyOf(TERN_DISABLE_TX)).filter((m) => startsLine(source, m));
  const segment = (start: number, stop: number): SqlSegment => ({
    text: keepRanges(input.content, [[start, stop]]),
    range: [start, stop] as const,
    transaction: disables.some((m) => m.comment.startByte >= start && m.comment.startByte < stop) ? "none" : "wrapped",
  });
  const up = segment(0, separator ? separator.comment.startByte : end);
  return {
    up: [up],
    down: separator
      ? { kind: "sql", segments: [segment(separator.comment.endByte, end)], path: input.path }
      : { kind: "missing", reason: `no \`${TERN_SEPARATOR}\` line: tern cannot roll it back` },
    notes: [],
  };
}

/**
 * A new tern migration's text: the up, then (when there is one) the separator and the down; `---- tern: disable-tx
 * ----` first in each direction that must run outside a transaction.
 */
export function ternFile(up: string, down: string, noTransaction: boolean): string {
  const direction = (sql: string) => [...(noTransaction ? [TERN_DISABLE_TX] : []), sql].join("\n");
  return [direction(up), ...(down ? ["", TERN_SEPARATOR, direction(down)] : [])].join("\n").trimEnd();
}
