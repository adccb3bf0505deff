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
export function djangoDependsOn(migration: Migration, leaves: readonly Migration[] = []): string {
  const after = djangoPredecessors(migration, leaves).map((m) => djangoApp(m));
  const pairs = after.map((app) => `(${pythonString(app.label)}, ${pythonString(app.name)})`);
  return pairs.length > 1 ? `dependencies = [  # the app's leaf nodes: this migration merges them\n        ${pairs.join(",\n        ")},\n    ]` : `dependencies = [${pairs[0]}]`;
}
