/**
 * The base branch's migrations just before an added or edited one in its folder, with their downs: whether the folder mostly
 * leaves its downs empty is read from their contents (conventions.ts), not from a down file's presence (vaultwarden's
 * diesel folders have a down.sql beside each up.sql, 26 of 46 of them empty). Read at head as context, never linted:
 * the change does not touch them, so head and base have them alike.
 *
 * Capped at the DOWN_HABIT_WINDOW newest earlier migrations of each folder, the window the habit is read over: the
 * App reads them with the other context files (one call each, or one tarball of the head when there are more than a
 * few: review-change.ts), not the folder's whole history.
 */
import type { Config } from "../config.js";
import { DOWN_HABIT_WINDOW, siblingFolder } from "../conventions.js";
import { companionPaths, type DetectedFile } from "../detect.js";
import { compareVersions } from "../migration-versions.js";
import { detectMigrationPath, isPrimaryFile } from "./classify.js";

/**
 * Plain SQL layouts only. Django's RunPython reverses are read from the app's migrations already (plan.ts). A Rails or
 * Alembic migration read as context also feeds the folder's schema history, which a window of ten cannot make whole
 * (a column another folder or the schema dump adds looked missing: drop-missing-column on itt-mentor-services'
 * schools.email_address, replay 16's fixture); their down habits are read by `lint` over the whole folder.
 */
const hasDowns = (file: DetectedFile) => file.framework === "sql" && file.version !== undefined && isPrimaryFile(file);

export function siblingDownsOnBase(reviewed: readonly DetectedFile[], basePaths: readonly string[], config: Config): string[] {
  const folders = new Map<string, string>(); // layout + folder -> the newest reviewed version
  for (const file of reviewed) {
    if (!hasDowns(file)) continue;
    const key = `${file.layout}\u0000${siblingFolder(file.path)}`;
    const newest = folders.get(key);
    if (newest === undefined || compareVersions(file.version!, newest) > 0) folders.set(key, file.version!);
  }
  if (folders.size === 0) return [];
  const existing = new Set(basePaths);
  const byFolder = new Map<string, DetectedFile[]>();
  for (const path of basePaths) {
    const file = detectMigrationPath(path, config);
    if (!file || !hasDowns(file)) continue;
    const key = `${file.layout}\u0000${siblingFolder(path)}`;
    const newest = folders.get(key);
    if (newest === undefined || compareVersions(file.version!, newest) >= 0) continue;
    const list = byFolder.get(key);
    if (list) list.push(file);
    else byFolder.set(key, [file]);
  }
  const out: string[] = [];
  for (const files of byFolder.values()) {
    const recent = files.sort((a, b) => compareVersions(b.version!, a.version!)).slice(0, DOWN_HABIT_WINDOW);
    for (const file of recent) {
      const downs = companionPaths(file, basePaths);
      // a down kept in its own file (golang-migrate, diesel): the listing says when there is none, so only a
      // migration whose down file exists is read; a down in the migration's own file (dbmate, goose, Rails, Alembic) is read with it
      if (downs.length === 0) out.push(file.path);
      else if (downs.some((p) => existing.has(p))) out.push(file.path, ...downs.filter((p) => existing.has(p)));
    }
  }
  return out;
}
