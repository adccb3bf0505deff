/**
 * `*` and `?` wildcards matched in one pass with a single backtrack point (at most pattern × text steps), never
 * through a regular expression: `^.*a.*a.*a...b$`, compiled from a config's `*a*a*a*...*b`, made V8's
 * backtracking engine run for minutes on a long name.
 */
export interface Wildcard {
  test(text: string): boolean;
}

/** A case-insensitive matcher for `pattern` (`*`: any run of characters, `?`: one character). */
export function wildcard(pattern: string): Wildcard {
  // consecutive stars match what one does
  const p = pattern.toLowerCase().replace(/\*+/g, "*");
  return { test: (text) => matches(p, text.toLowerCase()) };
}

function matches(p: string, s: string): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === "?" || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === "*") {
      star = pi++;
      mark = si;
    } else if (star !== -1) {
      // the last star takes one more character; earlier stars never need to (the classic greedy argument)
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === "*") pi++;
  return pi === p.length;
}
