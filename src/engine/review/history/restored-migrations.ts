/**
 * Migrations a change restores: it adds a file whose path the base branch's history held and deleted (a revert of
 * that deletion, or a re-add), with the text the file had just before the deletion. Every database that ran the
 * base branch's history before the deletion recorded the migration (schema_migrations, django_migrations, Flyway's
 * history), so migrate skips it there: what its statements would do is no hazard of this change. The edge reads the
 * deletion from history (the CLI from git, the App from GitHub's commits list) and passes its blob id; the engine
 * compares it with the head's text.
 */
import { z } from "zod";
import type { ReportedFinding } from "../../model.js";
import type { Change } from "../changes.js";

export const RemovedOnBase = z.object({
  /** git's blob id of the file in the deleting commit's parent: its text just before the deletion */
  blob: z.string().regex(/^[0-9a-f]{40}$/, "a git blob id (40 hex digits)"),
  /** the commit of the base branch's history that deleted it */
  commit: z.string().min(1),
  /** that commit's date, ISO 8601 */
  date: z.string().optional(),
});
export type RemovedOnBase = z.infer<typeof RemovedOnBase>;

/** Per path the change adds: the base branch's last deletion of that path (`ReviewInput.removedOnBase`). */
export const RemovedOnBaseMap = z.record(z.string(), RemovedOnBase);
export type RemovedOnBaseMap = z.infer<typeof RemovedOnBaseMap>;

/** git's object id of a blob with this text (what `git hash-object` and GitHub's `sha` say of a file). */
export function gitBlobId(text: string): string {
  const data = Buffer.from(text, "utf8");
  // looked up on use, not imported: the engine loads without node:crypto until a review needs it (rails-names.ts)
  return process.getBuiltinModule("node:crypto").createHash("sha1").update(`blob ${data.length}\0`).update(data).digest("hex");
}

/** The added files whose head text is the text the base branch deleted, with that deletion. */
export function restoredFiles(changes: readonly Change[], head: ReadonlyMap<string, string>, removed: RemovedOnBaseMap | undefined): Map<string, RemovedOnBase> {
  const out = new Map<string, RemovedOnBase>();
  if (!removed) return out;
  for (const change of changes) {
    const deletion = change.status === "added" ? removed[change.path] : undefined;
    const content = deletion && head.get(change.path);
    if (deletion && content !== undefined && gitBlobId(content) === deletion.blob) out.set(change.path, deletion);
  }
  return out;
}

/**
 * Rules whose findings on a restored file stay: the restore itself breaks migrate, on every database, when another
 * migration took its version (Rails' DuplicateMigrationVersionError) or its place in a Django app's graph (two leaves).
 */
const RESTORE_HAZARDS: ReadonlySet<string> = new Set(["duplicate-migration-version", "conflicting-django-migrations", "restored-migration"]);

/** The findings without those on restored files, which restored-migration's note speaks for (the restore's own hazards kept). */
export function withoutRestoredFindings(findings: readonly ReportedFinding[], restored: ReadonlyMap<string, RemovedOnBase>): ReportedFinding[] {
  if (restored.size === 0) return [...findings];
  return findings.filter((f) => !restored.has(f.path) || RESTORE_HAZARDS.has(f.rule));
}
