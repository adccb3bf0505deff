/**
 * Lint, in a project that releases by version tags: a migration a tag already shipped ran on every install of that
 * release (dstack's 2025 revisions). A fix that takes its statement's place and adds revisions after it (a type
 * change's expand/contract) would not run there: those installs skip the edited revision, and the new fill revision
 * then fails on the column it never added. So the fix says what it is: the safe form for a NEW migration of this
 * kind, not an edit of this one.
 */
import type { ReportedFinding } from "../model.js";
import type { Migration } from "../model.js";
import { commentMarker } from "../rules/support/fix.js";
import type { ShippedTogether } from "./shipped-together.js";

export function againstShippedMigration<R extends { finding: ReportedFinding }>(raw: R[], migration: Migration, shipped: ShippedTogether, replacesOperation: (rule: string) => boolean): R[] {
  if (!raw.some((r) => r.finding.fix && replacesOperation(r.finding.rule))) return raw;
  const tag = shipped.shippedIn(migration.path);
  if (!tag) return raw;
  const comment = commentMarker(migration.framework);
  const header = `${comment} ${migration.path} shipped in ${tag}: installs already ran it, so do not edit it; this is the safe form for a NEW migration of this kind`;
  return raw.map((r) => (r.finding.fix && replacesOperation(r.finding.rule) ? { ...r, finding: { ...r.finding, fix: `${header}\n${r.finding.fix}` } } : r));
}
