/**
 * Upgrade and release notes by their paths: the files a change may write to tell operators how to deploy it
 * (takahe's docs/releases/0.10.rst, a CHANGELOG.md entry, UPGRADING.md, a towncrier fragment). A review reads those
 * the change adds or modifies (change-downtime.ts); the plan asks for them at head, and on the base branch when
 * modified, so only what the change wrote counts.
 */
import { baseOf } from "../paths.js";

/** a documentation file, or a plain one without an extension (NEWS, CHANGES) */
const NOTE_EXTENSION = /(?:\.(?:md|markdown|rst|txt)|^[^.]+)$/i;
/** a file named for release notes or upgrading */
const NOTE_NAME = /^(?:change[-_]?log|changes|history|news|release[-_]?notes?|releases?|upgrad\w*|updating|migrating)(?:[._-][\w.-]*)?$/i;
/** a folder of release notes, upgrade guides or changelog fragments */
const NOTE_FOLDER = /^(?:releases?|release[-_]?notes|change[-_]?logs?|changes|changelog\.d|changes\.d|newsfragments|news|upgrad\w*|updating)$/i;
/** folders whose files are not the project's own notes */
const NOT_PROJECT_NOTES = /(?:^|\/)(?:node_modules|vendor|\.git|tests?|spec|fixtures?|examples?|third[_-]?party|site-packages|locales?|i18n|translations?)(?:\/|$)/i;
/** notes a review reads from one change, at most */
export const MAX_CHANGE_NOTES = 8;

/** Whether `path` is an upgrade or release note a change may write. */
export function isChangeNotePath(path: string): boolean {
  const base = baseOf(path);
  if (!NOTE_EXTENSION.test(base) || NOT_PROJECT_NOTES.test(path)) return false;
  return NOTE_NAME.test(base) || path.split("/").slice(0, -1).some((folder) => NOTE_FOLDER.test(folder));
}
