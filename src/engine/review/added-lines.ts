/**
 * The lines of a file's head version that a change wrote: every line of a file it adds, and of a file it modifies
 * the lines a line diff against the base version does not keep (a changelog's new entry, not the older entries
 * around it). The diff is a longest common subsequence over what is left once the common head and tail are set
 * aside; a middle too large for that (more than MAX_DIFF_CELLS pairs) counts as written whole.
 */

import { commonSubsequence } from "./history/common-subsequence.js";

const MAX_DIFF_CELLS = 4_000_000;

/** 1-based lines of `head` that `base` does not have in the same order; every line when there is no base. */
export function addedLines(base: string | undefined, head: string): Set<number> {
  const b = head.replace(/\r\n?/g, "\n").split("\n");
  if (base === undefined) return new Set(b.map((_, i) => i + 1));
  const a = base.replace(/\r\n?/g, "\n").split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const out = new Set<number>();
  if (midA.length * midB.length > MAX_DIFF_CELLS || midA.length === 0) {
    midB.forEach((_, i) => out.add(start + i + 1));
    return out;
  }
  const kept = new Set(commonSubsequence(midA, midB, (x, y) => x === y).map(([, j]) => j));
  midB.forEach((_, j) => {
    if (!kept.has(j)) out.add(start + j + 1);
  });
  return out;
}
