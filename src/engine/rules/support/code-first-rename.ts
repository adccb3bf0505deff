/**
 * A rename under a code-before-migrate deploy (deploy/code-first.ts): the new code serves before the migration runs
 * and names the new name, which does not exist until the rename; once it has run no old code is left. So the hazard
 * is the new code's, between the step that puts it live and the migration, and what helps is the other order: the
 * rename a release ahead of the code that names the new name (that release's code still names the old one, which
 * the fix keeps for it), or the migrations run before the code goes live. A compatibility object under the old name
 * in the same release serves nothing: the code that would use it is gone when it is made.
 */
import type { Framework } from "../../model.js";
import { commentMarker } from "./fix.js";

/** The message: `renaming` is the rule's own opening ("Renaming table a to b"); `deploy`, the deploy's evidence. */
export function codeFirstRenameMessage(renaming: string, from: string, to: string): (deploy: string) => string {
  return (deploy) =>
    `${renaming}: the deploy puts the new code live before this migration runs (${deploy}), and the new code queries ${to}, which does not exist until the rename: its queries fail between that step and the migration. ` +
    `No old code runs once the migration has, so keeping ${from} for it in the same release serves nothing. Ship the rename a release ahead of the code that names ${to}, or run the migrations before the step that puts the code live.`;
}

/** The comment lines ahead of the staged fix (`kept`: how the fix keeps the old name for release 1's code). */
export function codeFirstRenameHeader(framework: Framework, from: string, to: string, kept: string): string[] {
  const c = commentMarker(framework);
  return [
    `${c} the new code is live before this migration runs (the deploy line names the step) and names ${to}, which the rename creates:`,
    `${c} release 1: the migration below, with the code still naming ${from} (${kept}); release 2: the code that names ${to}, and the migration that follows.`,
    `${c} Or run the migrations before the step that puts the new code live, in one release.`,
  ];
}
