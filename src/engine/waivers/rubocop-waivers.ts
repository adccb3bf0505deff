/**
 * RuboCop's own directives for its Rails migration cops, read as other linters' waivers (peer-waivers.ts): a team
 * that wrote `# rubocop:disable Rails/ReversibleMigration` saw that exact hazard and accepted it, without saying why,
 * so the findings it covers become notes that name the directive.
 *
 *   drop_table :path_prerequisites # rubocop:disable Rails/ReversibleMigration   (that line only)
 *   # rubocop:disable Rails/ReversibleMigration                                   (own line: up to the matching
 *   ...                                                                            `rubocop:enable`, or the file's end)
 *   # rubocop:enable Rails/ReversibleMigration
 *
 * `rubocop:todo` is `rubocop:disable` written by `--auto-gen-config`; a cop list is comma separated and may end in
 * `-- remark`; `all` and the department `Rails` name every cop, so they cover what the mapped cops cover.
 */
import type { Waiver } from "../model.js";

/** RuboCop Rails cops -> migguard rules with the same hazard (docs.rubocop.org/rubocop-rails/cops_rails); the README and tests read it. */
export const RUBOCOP_RULES: Readonly<Record<string, readonly string[]>> = {
  "Rails/ReversibleMigration": ["irreversible-migration"],
  "Rails/NotNullColumn": ["required-column-without-default"],
};

/** One Ruby comment as Prism found it: its text with `#`, its line, and whether code precedes it on that line. */
export type RubyComment = { text: string; line: number; trailing: boolean };

type Directive = { mode: "disable" | "enable"; cops: string[]; written: string };

const DIRECTIVE = /^#\s*rubocop\s*:\s*(disable|enable|todo)\s+(.+)$/;

function directive(text: string): Directive | undefined {
  const m = DIRECTIVE.exec(text.trim());
  if (!m) return undefined;
  const cops = m[2].split(/\s--(\s|$)/)[0].split(",").map((c) => c.trim()).filter(Boolean);
  if (!cops.length) return undefined;
  return { mode: m[1] === "enable" ? "enable" : "disable", cops, written: `rubocop:${m[1]} ${cops.join(", ")}` };
}

/** The migguard rules a directive's cop name covers: a cop by its full or short name, its department, or `all`. */
function rulesOf(cop: string): string[] {
  if (cop === "all" || cop === "Rails") return [...new Set(Object.values(RUBOCOP_RULES).flat())];
  const full = cop.includes("/") ? cop : `Rails/${cop}`;
  return [...(RUBOCOP_RULES[full] ?? [])];
}

/** RuboCop's directives among a file's comments, as waivers over the lines they disable (`lastLine`: the file's end). */
export function rubocopWaivers(comments: readonly RubyComment[], lastLine: number): Waiver[] {
  const out: Waiver[] = [];
  const open = new Map<string, { line: number; written: string }>();
  for (const comment of comments) {
    const d = directive(comment.text);
    if (!d) continue;
    if (d.mode === "disable" && comment.trailing) {
      const rules = [...new Set(d.cops.flatMap(rulesOf))];
      if (rules.length) out.push({ line: comment.line, endLine: comment.line, rules, reason: "", wholeFile: false, peer: d.written });
      continue;
    }
    for (const cop of d.cops) {
      if (d.mode === "disable") {
        if (!open.has(cop)) open.set(cop, { line: comment.line, written: d.written });
        continue;
      }
      for (const [name, from] of open) {
        if (cop !== "all" && name !== cop) continue;
        const rules = rulesOf(name);
        if (rules.length) out.push({ line: from.line, endLine: comment.line, rules, reason: "", wholeFile: false, peer: from.written });
        open.delete(name);
      }
    }
  }
  // a disable never enabled again lasts to the end of the file
  for (const [name, from] of open) {
    const rules = rulesOf(name);
    if (rules.length) out.push({ line: from.line, endLine: lastLine, rules, reason: "", wholeFile: false, peer: from.written });
  }
  return out;
}
