/**
 * What deleted-migration says when a vendored Django app's migrations go with its copy and a dependency file declares
 * the package it came from (history/packaged-app.ts): the migrations move to the installed package, under the same
 * label, so databases keep their history. A note that names the package and what to check: that it ships the same
 * migration names (a vendored copy is usually one release of it, possibly patched).
 */
import type { Severity } from "../../../model.js";
import type { PackagedApp } from "../../history/packaged-app.js";

export function packagedAppReport(app: PackagedApp, deleted: string): { severity: Severity; message: string; fix: string } {
  const declared = `${app.addedByChange ? "this change adds" : "the project already declares"} the package ${app.package} (${app.declaredIn.join(", ")})`;
  return {
    severity: "info",
    message:
      `${deleted} deleted with the vendored copy of the app ${app.module} (its package goes too), and ${declared}, which is named after that app: ` +
      `the app now comes from the installed package, under the same label. Where the package ships the same migrations (the copy was taken from it), ` +
      `databases keep their history in django_migrations and \`migrate\` finds every migration they applied: nothing is lost and fresh databases get the same tables.`,
    fix:
      `Nothing to do if the installed ${app.package} has the same files in ${app.module}/migrations as the deleted folder (pip show -f ${app.package}). ` +
      `A migration only the vendored copy had (a local patch) is gone from the graph: add it back to an app of the project, or confirm no database needs it.`,
  };
}
