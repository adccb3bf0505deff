import { dedent } from "../../../rules/support/fix.js";
import { djangoMigrationName } from "../../history/django-graph.js";
import { djangoAppOf } from "../../../paths.js";
import { versionSets } from "../../history/version-sets.js";
import { defineReviewRule } from "../../review-rule.js";
import { compareVersions, newestVersion } from "../../../migration-versions.js";

export default defineReviewRule({
  meta: {
    id: "conflicting-django-migrations",
    category: "history",
    // migrate refuses a graph with two leaves: the deploy stops until a merge migration is added (every such finding
    // the replays judged was real, treeherder, readthedocs, pretalx, data-hub: the teams renumbered the same day)
    severity: "error",
    title: "A new Django migration branches the app's migration graph",
    why:
      "When two branches each add a migration on top of the same parent, the app ends up with two leaf nodes: " +
      "`manage.py migrate` stops with \"Conflicting migrations detected\" until someone adds a merge migration, and " +
      "the two may change the same tables in an order nobody chose.",
    frameworks: ["django"],
  },
  check(ctx) {
    for (const set of versionSets(ctx)) {
      if (!set.key.startsWith("django:")) continue;
      // a migration a squash replaces is the squash in Django's graph (the loader drops the replaced nodes and points
      // their dependants at the squash): concordia's importer 0016 on 0001_squashed_0015 beside 0015 has one leaf
      const squashOf = (path: string) => ctx.squashedBy.get(`${djangoAppOf(path)}/${djangoMigrationName(path)}`);
      const standIn = (path: string) => djangoMigrationName(squashOf(path) ?? path);
      // so the newest migration is read among the others: after a squash the new chain (0002.., on the squash) is
      // numbered below the replaced files still on disk (Baserow builder 0001_squashed_0038 + 0002..0010 beside 0038)
      const graphNodes = set.base.filter((f) => !squashOf(f.path));
      const newest = newestVersion((graphNodes.length ? graphNodes : set.base).flatMap((f) => (f.version ? [f.version] : [])));
      if (!newest) continue;
      const baseLeaves = [...new Set(set.base.filter((f) => f.version !== undefined && compareVersions(f.version, newest) === 0 && (!graphNodes.length || !squashOf(f.path))).map((f) => standIn(f.path)))];
      // a migration the change renames is in the head graph under its new name (a renumbered part of a chain)
      // (one whose graph could not be read is left out: its dependencies are unknown)
      const headMigrations = [...set.added, ...set.renamed.filter((m) => m.headGraph)];
      const headNames = headMigrations.map((m) => djangoMigrationName(m.change.path));
      const names = new Set([...set.base.map((f) => djangoMigrationName(f.path)), ...headNames]);
      const leaves = new Set([...baseLeaves, ...headNames]);
      const unreadable = set.added.filter((m) => !m.headGraph);
      for (const m of headMigrations) {
        const app = djangoAppOf(m.change.path);
        // a dependency on a migration of this app (by name; the label may differ from the folder)
        for (const dep of m.headGraph?.dependencies ?? []) if (dep.app === app || names.has(dep.name)) leaves.delete(dep.name);
        // a squash stands in for the migrations it replaces: Django drops them from the graph (or the squash, where
        // only some ran), so they are not leaves beside it
        for (const replaced of m.headGraph?.replaces ?? []) if (replaced.app === app || names.has(replaced.name)) leaves.delete(replaced.name);
      }
      for (const m of set.added) {
        const name = djangoMigrationName(m.change.path);
        const app = djangoAppOf(m.change.path);
        if (m.headGraph) {
          if (!leaves.has(name) || leaves.size < 2) continue;
          const others = [...leaves].filter((l) => l !== name).sort();
          ctx.report({
            path: m.change.path,
            line: 1,
            statement: `leaf ${name}`,
            message: `${name} and ${others.join(", ")} are both leaf nodes of the ${app} migrations: \`manage.py migrate\` stops with "Conflicting migrations detected; multiple leaf nodes in the migration graph".`,
            fix: dedent(`
              Rebase on the base branch and make ${name} depend on ${baseLeaves.join(", ")} (renumber it after ${newest}),
              or add a merge migration: python manage.py makemigrations --merge ${app}`),
          });
        } else if (unreadable.includes(m) && m.file.version && compareVersions(m.file.version, newest) <= 0) {
          ctx.report({
            path: m.change.path,
            line: 1,
            // its graph could not be read: the branch is read from the number alone, which may be wrong
            severity: "warning",
            statement: `number ${m.file.version}`,
            message: `${name} is numbered ${m.file.version}, but the ${app} migrations on the base branch already reach ${newest}: two migrations on one parent make two leaf nodes, and \`manage.py migrate\` stops until they are merged.`,
            fix: `Rebase, renumber it after ${newest} and depend on ${baseLeaves.join(", ")}, or run: python manage.py makemigrations --merge ${app}`,
          });
        }
      }
    }
  },
});
