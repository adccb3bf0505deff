/**
 * A unified diff with 3 lines of context, as GitHub shows a pull request file's `patch`, computed from the
 * two versions (LCS). The fake GitHub uses it both to list the patch and, independently of the app's own
 * parser, to know which head lines a review comment may be placed on.
 */
export interface FileDiff {
  patch: string;
  additions: number;
  deletions: number;
  /** head-side lines shown in some hunk: the only lines GitHub accepts review comments on */
  commentableLines: Set<number>;
}

type Op = { kind: " " | "-" | "+"; text: string; a: number; b: number };

/** a last line without a newline differs from the same text with one, as git sees it */
const NO_NEWLINE = "\u0000no-newline";
const MARKER = "\\ No newline at end of file";

const linesOf = (text: string) => {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  else lines[lines.length - 1] += NO_NEWLINE;
  return lines;
};
/** git leaves out a hunk's line count when it is 1 */
const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);

function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: " ", text: a[i], a: ++i, b: ++j });
    else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) ops.push({ kind: "+", text: b[j], a: i, b: ++j });
    else ops.push({ kind: "-", text: a[i], a: ++i, b: j });
  }
  return ops;
}

export function unifiedDiff(before: string, after: string, context = 3): FileDiff {
  const ops = editScript(linesOf(before), linesOf(after));
  const changed = ops.map((op, index) => (op.kind === " " ? -1 : index)).filter((index) => index >= 0);
  const ranges: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(ops.length - 1, index + context);
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  const out: string[] = [];
  const commentableLines = new Set<number>();
  for (const [start, end] of ranges) {
    const hunk = ops.slice(start, end + 1);
    const aLines = hunk.filter((op) => op.kind !== "+");
    const bLines = hunk.filter((op) => op.kind !== "-");
    const aStart = aLines.length ? aLines[0].a : hunk[0].a;
    const bStart = bLines.length ? bLines[0].b : hunk[0].b;
    out.push(`@@ -${range(aStart, aLines.length)} +${range(bStart, bLines.length)} @@`);
    for (const op of hunk) {
      const missingNewline = op.text.endsWith(NO_NEWLINE);
      out.push(`${op.kind}${missingNewline ? op.text.slice(0, -NO_NEWLINE.length) : op.text}`);
      if (missingNewline) out.push(MARKER);
      if (op.kind !== "-") commentableLines.add(op.b);
    }
  }
  return {
    patch: out.join("\n"),
    additions: ops.filter((op) => op.kind === "+").length,
    deletions: ops.filter((op) => op.kind === "-").length,
    commentableLines,
  };
}
