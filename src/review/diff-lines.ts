/**
 * The lines of a file's unified-diff patch (as GitHub lists it for a pull request) that a review comment
 * can point at: every head-side line shown in a hunk, added or context. GitHub rejects a review whose
 * comment is on any other line, so comments are only drafted for these.
 */
const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** head line number -> index of the hunk that shows it */
export function commentableLines(patch: string | undefined): Map<number, number> {
  const lines = new Map<number, number>();
  if (!patch) return lines;
  let hunk = -1;
  let next = 0;
  for (const raw of patch.split("\n")) {
    const header = HUNK_HEADER.exec(raw);
    if (header) {
      hunk++;
      next = Number(header[1]);
      continue;
    }
    if (hunk < 0) continue;
    const marker = raw[0];
    if (marker === "+" || marker === " ") {
      lines.set(next, hunk);
      next++;
    }
    // "-" lines exist only on the base side; "\ No newline at end of file" is not a line
  }
  return lines;
}
