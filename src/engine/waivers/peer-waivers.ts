/**
 * Suppression comments of other migration linters, read as what they are: a team that ran squawk, Atlas or eugene
 * and waived a check there has decided about that hazard on purpose. Such a waiver carries no reason, so it does
 * not silence migguard: the findings it covers become `info` notes that name the waiver (analyze.ts).
 *
 *   -- squawk-ignore ban-drop-column,renaming-column     (squawk: the next statement; `squawk-ignore-file` anywhere: the file)
 *   -- atlas:nolint DS103 MF103                           (Atlas: the next statement; in the file's header, before a blank line: the file)
 *   -- eugene: ignore E3,E6                               (eugene: the statement the comment belongs to)
 *
 * All three read SQL comments only, so only `--` and block comments count (a `#` comment of Ruby or Python never
 * reaches them). A waiver without codes covers every rule; codes are mapped to migguard rules by the hazard they
 * name (PEER_RULES); a code with no migguard counterpart covers nothing.
 */
import type { Waiver } from "../model.js";

/** Every migguard rule, for a peer waiver that names no code. */
export const ALL_RULES = "*";

/**
 * Peer codes -> migguard rules with the same hazard, from the peers' own docs: Atlas's check table
 * (atlasgo.io/lint/analyzers), squawk's rule names (squawkhq.com/docs/rules), eugene's hint ids
 * (kaveland.no/eugene/hints). Codes about other hazards (Atlas CD101 dropped foreign key, NM naming, eugene E4
 * statements after an exclusive lock, E8 exclusion constraint) map to nothing.
 */
const ATLAS: Record<string, readonly string[]> = {
  DS101: ["drop-database-or-schema"],
  DS102: ["drop-table"],
  DS103: ["drop-column"],
  MF101: ["duplicates-in-production"], // unique index on an existing column fails on duplicates
  MF102: ["duplicates-in-production"],
  MF103: ["required-column-without-default"], // NOT NULL column on an existing table fails when it has rows
  MF104: ["nulls-in-production"], // nullable -> NOT NULL fails on NULLs
  BC101: ["rename-table"],
  BC102: ["rename-column"],
  PG101: ["index-without-concurrently"],
  PG102: ["drop-index-without-concurrently"],
  PG103: ["concurrently-in-transaction"],
  PG104: ["unique-constraint-without-index"],
  PG105: ["unique-constraint-without-index"],
  PG301: ["column-type-change"],
  PG302: ["volatile-default"],
  PG303: ["set-not-null"],
  PG305: ["constraint-without-not-valid"],
};

/** Atlas also takes an analyzer's name (`atlas:nolint destructive`): every check of that analyzer. */
const ATLAS_ANALYZERS: Record<string, readonly string[]> = {
  destructive: ["DS101", "DS102", "DS103"],
  data_depend: ["MF101", "MF102", "MF103", "MF104"],
  incompatible: ["BC101", "BC102"],
  concurrent_index: ["PG101", "PG102", "PG103", "PG104", "PG105"],
};

const SQUAWK: Record<string, readonly string[]> = {
  "adding-field-with-default": ["volatile-default"],
  "adding-foreign-key-constraint": ["constraint-without-not-valid"],
  "adding-not-nullable-field": ["set-not-null"],
  "adding-primary-key-constraint": ["unique-constraint-without-index"],
  "adding-required-field": ["required-column-without-default"],
  "ban-char-field": ["prefer-text-over-varchar"],
  "ban-concurrent-index-creation-in-transaction": ["concurrently-in-transaction"],
  "ban-drop-column": ["drop-column"],
  "ban-drop-database": ["drop-database-or-schema"],
  "ban-drop-schema": ["drop-database-or-schema"],
  "ban-drop-not-null": ["drop-not-null"],
  "ban-drop-table": ["drop-table"],
  "ban-truncate-cascade": ["truncate-table"],
  "changing-column-type": ["column-type-change"],
  "constraint-missing-not-valid": ["constraint-without-not-valid"],
  "disallowed-unique-constraint": ["unique-constraint-without-index"],
  "prefer-big-int": ["prefer-bigint"],
  "prefer-bigint-over-int": ["prefer-bigint"],
  "prefer-bigint-over-smallint": ["prefer-bigint"],
  "prefer-identity": ["prefer-identity"],
  "prefer-robust-stmts": ["prefer-robust-statements"],
  "prefer-text-field": ["prefer-text-over-varchar"],
  "prefer-timestamptz": ["prefer-timestamptz"],
  "renaming-column": ["rename-column"],
  "renaming-table": ["rename-table"],
  "require-concurrent-index-creation": ["index-without-concurrently"],
  "require-concurrent-index-deletion": ["drop-index-without-concurrently"],
  "require-timeout-settings": ["require-lock-timeout"],
  "transaction-nesting": ["transaction-nesting"],
};

const EUGENE: Record<string, readonly string[]> = {
  E1: ["constraint-without-not-valid"],
  E2: ["set-not-null"],
  E3: ["json-column"],
  E5: ["column-type-change"],
  E6: ["index-without-concurrently"],
  E7: ["unique-constraint-without-index"],
  E9: ["require-lock-timeout"],
  E10: ["table-rewrite-maintenance"],
  E11: ["volatile-default"],
};

/** The peer codes' migguard rules, for the README table and tests. */
export const PEER_RULES = { atlas: ATLAS, squawk: SQUAWK, eugene: EUGENE } as const;

const mapped = (codes: readonly string[], table: Record<string, readonly string[]>): string[] =>
  codes.length === 0 ? [ALL_RULES] : [...new Set(codes.flatMap((c) => table[c] ?? []))];

const SQUAWK_RE = /^squawk-(ignore-file|ignore)(?=\s|$)(.*)$/;
const ATLAS_RE = /^atlas:nolint(?=\s|$)(.*)$/;
const EUGENE_RE = /^eugene:\s*ignore(?=\s|$)(.*)$/;

/** Markers a file must hold for peer waivers to be looked for. */
export const PEER_MARKERS = ["squawk-ignore", "atlas:nolint", "eugene:"] as const;

/**
 * A peer linter's suppression in one SQL comment (its text with the `--` or block markers), or undefined. `line`
 * is the comment's first line. Atlas's file-level form needs the file's lines: see `atlasFileWaivers`.
 */
export function parsePeerWaiver(commentText: string, line: number): Waiver | undefined {
  const marker = /^\s*(--|\/\*)/.exec(commentText);
  if (!marker) return undefined; // squawk, Atlas and eugene read SQL comments only
  const body = commentText.replace(/^\s*(--|\/\*)\s*/, "").replace(/\*\/\s*$/, "").trim();
  const squawk = SQUAWK_RE.exec(body);
  if (squawk) {
    // squawk ends the list at a second `--` (a trailing remark); names are comma separated
    const names = squawk[2].split("--")[0].split(",").map((n) => n.trim()).filter(Boolean);
    const wholeFile = squawk[1] === "ignore-file";
    return { line, rules: mapped(names, SQUAWK), reason: "", wholeFile, peer: `squawk-${squawk[1]}${names.length ? ` ${names.join(",")}` : ""}` };
  }
  const atlas = ATLAS_RE.exec(body);
  if (atlas) {
    const names = atlas[1].trim().split(/[\s,]+/).filter(Boolean);
    const codes = names.flatMap((n) => ATLAS_ANALYZERS[n] ?? [n.toUpperCase()]);
    return { line, rules: mapped(codes, ATLAS), reason: "", wholeFile: false, peer: `atlas:nolint${names.length ? ` ${names.join(" ")}` : ""}` };
  }
  const eugene = EUGENE_RE.exec(body);
  if (eugene) {
    const ids = eugene[1].split(",").map((n) => n.trim()).filter(Boolean);
    return { line, rules: mapped(ids, EUGENE), reason: "", wholeFile: false, peer: `eugene: ignore${ids.length ? ` ${ids.join(",")}` : ""}` };
  }
  return undefined;
}

/**
 * Atlas reads `atlas:nolint` in the file's header (comment lines at the top, ended by a blank line) as a
 * directive for the whole file; elsewhere it covers the next statement. `lines` are the file's lines.
 */
export function atlasFileWaivers(waivers: readonly Waiver[], lines: readonly string[]): Waiver[] {
  return waivers.map((w) => {
    if (!w.peer?.startsWith("atlas:nolint")) return w;
    const header = lines.slice(0, w.line - 1).every((l) => /^\s*(--.*)?$/.test(l));
    const blankAfter = w.line < lines.length && lines[w.line].trim() === "";
    return header && blankAfter ? { ...w, wholeFile: true } : w;
  });
}
