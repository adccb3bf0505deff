/**
 * Offsets to 1-based line numbers. Parsers disagree on units: libpg-query and Prism give UTF-8 byte
 * offsets, tree-sitter and JS strings give UTF-16 indices, Postgres' error cursor gives code points.
 */
export class SourceLines {
  private readonly bytes: Buffer;
  private byteStarts?: number[];
  private charStarts?: number[];

  constructor(readonly text: string) {
    this.bytes = Buffer.from(text, "utf8");
  }

  get byteLength(): number {
    return this.bytes.length;
  }

  /** line of a UTF-8 byte offset */
  lineOfByte(offset: number): number {
    this.byteStarts ??= lineStarts(this.bytes);
    return search(this.byteStarts, offset);
  }

  /** line of a UTF-16 index into the JS string */
  lineOfIndex(index: number): number {
    this.charStarts ??= stringLineStarts(this.text);
    return search(this.charStarts, index);
  }

  /** line of a code-point index (PostgreSQL's error cursor) */
  lineOfCodePoint(codePoint: number): number {
    let index = 0;
    let seen = 0;
    for (const ch of this.text) {
      if (seen >= codePoint) break;
      index += ch.length;
      seen++;
    }
    return this.lineOfIndex(index);
  }

  byteAt(offset: number): number {
    return this.bytes[offset];
  }

  /** UTF-8 bytes [start, end) as text */
  sliceBytes(start: number, end?: number): string {
    return this.bytes.subarray(start, end).toString("utf8");
  }

  /** line count (a trailing newline does not start a new line) */
  get lineCount(): number {
    this.charStarts ??= stringLineStarts(this.text);
    const n = this.charStarts.length;
    return this.text.endsWith("\n") && n > 1 ? n - 1 : n;
  }
}

function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  let at = bytes.indexOf(10);
  while (at !== -1) {
    starts.push(at + 1);
    at = bytes.indexOf(10, at + 1);
  }
  return starts;
}

function stringLineStarts(text: string): number[] {
  const starts = [0];
  let at = text.indexOf("\n");
  while (at !== -1) {
    starts.push(at + 1);
    at = text.indexOf("\n", at + 1);
  }
  return starts;
}

/** index of the last start <= offset, as a 1-based line */
function search(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
