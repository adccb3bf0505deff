/**
 * What a pull request (or `git diff --name-status -M`) changed: one entry per file, in GitHub's own terms so
 * the App can pass `pulls.listFiles` through unchanged.
 */
import { z } from "zod";

export const ChangeStatus = z.enum(["added", "modified", "removed", "renamed", "copied", "changed", "unchanged"]);

export const ChangedFile = z.object({
  path: z.string(),
  status: ChangeStatus,
  /** the path before a rename (GitHub's `previous_filename`) */
  previousPath: z.string().optional(),
});
export type ChangedFile = z.infer<typeof ChangedFile>;

/** The four statuses the review reasons about. */
export type ReviewStatus = "added" | "modified" | "removed" | "renamed";

export interface Change {
  path: string;
  status: ReviewStatus;
  previousPath?: string;
}

/**
 * GitHub's extra statuses folded into the four: a copy is a new file, "changed" (mode only) a modification;
 * "unchanged" entries and renames without a previous path are dropped or treated as additions.
 */
export function normaliseChanges(files: readonly ChangedFile[]): Change[] {
  const out: Change[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path) || file.status === "unchanged") continue;
    seen.add(file.path);
    switch (file.status) {
      case "copied":
        out.push({ path: file.path, status: "added" });
        break;
      case "changed":
        out.push({ path: file.path, status: "modified" });
        break;
      case "renamed":
        if (file.previousPath && file.previousPath !== file.path) out.push({ path: file.path, status: "renamed", previousPath: file.previousPath });
        else out.push({ path: file.path, status: "modified" });
        break;
      default:
        out.push({ path: file.path, status: file.status });
    }
  }
  return out;
}
