/**
 * Scoring of a tool's findings against the labeled corpus, as its README defines it: an expected item
 * matches a finding of severity error or warning in one of its categories within two lines (any line when
 * the label's line is null); clean rate = clean cases without an error finding; noise = warnings per clean case.
 */
export interface ExpectedItem {
  line: number | null;
  categories: string[];
  why: string;
}
export interface LabeledCase {
  path: string;
  framework: string;
  expect: ExpectedItem[];
}
export interface ScoredFinding {
  line: number;
  rule: string;
  category: string;
  severity: string;
  message: string;
}
export interface Score {
  items: number;
  matched: number;
  clean: number;
  cleanPassed: number;
  cleanWarnings: number;
}
export interface Scored {
  scores: Map<string, Score>;
  misses: string[];
  falseErrors: string[];
}

export const frameworkGroup = (framework: string) => (framework.startsWith("sql") ? "sql" : framework);

export function scoreCorpus(cases: readonly LabeledCase[], findingsOf: (c: LabeledCase) => ScoredFinding[], options: { ignoreRules?: ReadonlySet<string> } = {}): Scored {
  const scores = new Map<string, Score>();
  const misses: string[] = [];
  const falseErrors: string[] = [];
  for (const c of cases) {
    const keys = [frameworkGroup(c.framework), "all"];
    for (const key of keys) if (!scores.has(key)) scores.set(key, { items: 0, matched: 0, clean: 0, cleanPassed: 0, cleanWarnings: 0 });
    const findings = findingsOf(c).filter((f) => (f.severity === "error" || f.severity === "warning") && !options.ignoreRules?.has(f.rule));
    if (c.expect.length === 0) {
      const errors = findings.filter((f) => f.severity === "error");
      for (const key of keys) {
        const s = scores.get(key)!;
        s.clean++;
        if (errors.length === 0) s.cleanPassed++;
        s.cleanWarnings += findings.length - errors.length;
      }
      for (const e of errors) falseErrors.push(`${c.path}:${e.line} ${e.rule} (${e.category}): ${e.message}`);
      continue;
    }
    for (const item of c.expect) {
      const hit = findings.some((f) => item.categories.includes(f.category) && (item.line === null || Math.abs(f.line - item.line) <= 2));
      for (const key of keys) {
        const s = scores.get(key)!;
        s.items++;
        if (hit) s.matched++;
      }
      if (!hit) misses.push(`${c.path}:${item.line ?? "-"} [${item.categories.join(",")}] ${item.why}`);
    }
  }
  return { scores, misses, falseErrors };
}

const pct = (a: number, b: number) => (b === 0 ? "  n/a" : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

export function scoreTable(scores: Map<string, Score>): string[] {
  const lines = ["framework   recall            clean rate        noise (warnings per clean case)"];
  for (const [key, s] of [...scores.entries()].sort(([a], [b]) => (a === "all" ? 1 : b === "all" ? -1 : a.localeCompare(b)))) {
    lines.push(
      `${key.padEnd(11)} ${pct(s.matched, s.items)} (${s.matched}/${s.items})`.padEnd(30) +
        `${pct(s.cleanPassed, s.clean)} (${s.cleanPassed}/${s.clean})`.padEnd(18) +
        (s.clean ? (s.cleanWarnings / s.clean).toFixed(2) : "n/a"),
    );
  }
  return lines;
}
