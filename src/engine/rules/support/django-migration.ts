/**
 * A Django migration split in two: what a fix moves into a new migration after this one (outside a transaction,
 * say) while every other operation stays where it is, so none of the migration's work is lost.
 */
import type { Migration, Operation } from "../../model.js";
import { pythonString } from "./embed-sql.js";

/**
 * `shop/migrations/0012_fill.py` -> label shop, name 0012_fill (the migration a split-off one depends on). The label
 * is the one the app's migrations use for each other when the adapter read one (pulpcore's `pulpcore/app` is `core`):
 * a dependency on the folder's name would make Django refuse to load the new migration.
 */
export function djangoApp(migration: Pick<Migration, "path" | "djangoLabel">): { label: string; name: string } {
  const parts = migration.path.split("/");
  const file = (parts.at(-1) ?? "").replace(/\.py$/, "");
  return { label: migration.djangoLabel ?? parts.at(-3) ?? "app", name: file };
}

/** The migration has operations besides `op`'s own call (one call may stand for several operations, all on its line). */
export function djangoHasOtherOperations(migration: Pick<Migration, "up">, op: Operation): boolean {
  return migration.up.some((other) => other.loc.line !== op.loc.line);
}

/**
 * The migrations a new migration after `migration` depends on: the app's leaf nodes when the repository has later
 * migrations of the app (a dependency on `migration` itself would make a second leaf, and `migrate` reports
 * conflicting leaf nodes), else `migration`. Several leaves (a merge still missing) are all depended on, as
 * `makemigrations --merge` would.
 */
export function djangoPredecessors(migration: Migration, leaves: readonly Migration[] = []): Migration[] {
  const own = leaves.filter((leaf) => leaf.framework === "django" && djangoApp(leaf).label === djangoApp(migration).label);
  return own.length ? [...own] : [migration];
}

/**
 * `dependencies = [("shop", "0012_fill")]`: the line that makes a new migration run after `migration`, and after
 * the app's later migrations when there are (`leaves`, RepositoryView.djangoLeaves).
 */
export function djangoDependsOn(migration: Migration, leaves: readonly Migration[] = [], graphPartial = false): string {
  return djangoDependencies(djangoPredecessors(migration, leaves).map((m) => djangoApp(m)), graphPartial);
}

/**
 * The `dependencies = [...]` line of a migration class on `after` (label, name), written at the class body's
 * indentation: several are a merge, and one comes under DJANGO_GRAPH_UNREAD when the app was not read whole.
 */
export function djangoDependencies(after: ReadonlyArray<{ label: string; name: string }>, graphPartial: boolean): string {
  const pairs = after.map((app) => `(${pythonString(app.label)}, ${pythonString(app.name)})`);
  if (pairs.length > 1) return `dependencies = [  # the app's leaf nodes: this migration merges them\n        ${pairs.join(",\n        ")},\n    ]`;
  return `${graphPartial ? `${DJANGO_GRAPH_UNREAD}\n    ` : ""}dependencies = [${pairs[0]}]`;
}

/**
 * Said above the dependencies when the app's migrations were not all read (a lint of named files, a pre-commit
 * hook): the migration split is the newest one migguard knows, but later ones may exist.
 */
export const DJANGO_GRAPH_UNREAD = "# migguard did not read all of this app's migrations: if later ones exist, depend on the newest instead (a second leaf node makes migrate refuse)";
