/**
 * The order Django applies migrations in, from their dependency graph, not their file names. Two migrations of one
 * app numbered 0033 branch off 0032 and a merge migration joins them later (oeplatform's modelview: 0034 drops a
 * column on one branch, 0033_auto_20160414_1346 adds it again on the other, 0036_merge joins them): sorted by name
 * the add runs before the drop, in Django's order after it. What a migration meets is what its ancestors left:
 * Django's state before it is the forwards plan of its dependencies (MigrationGraph.forwards_plan), applied in that
 * order; a migration of another branch that is not among them has not necessarily run.
 *
 * As Django's loader builds the graph for a new database, a squashed migration stands for the ones it `replaces`:
 * a dependency on one of them is a dependency on it, and they leave the graph (they are kept just before it in the
 * order here, their history being the squash's).
 */
import type { Migration } from "../model.js";

export interface DjangoPlan {
  /** the Django migrations in the order `migrate` applies them to a new database (every leaf node a target) */
  readonly order: readonly Migration[];
  /** the migration's ancestors in Django's forwards plan, without it (the state Django builds before it); undefined for one outside the graph */
  forwardsPlan(migration: Migration): Migration[] | undefined;
  /** the migration's dependencies in the graph (same app and other apps', a squash for what it replaces) */
  parents(migration: Migration): readonly Migration[];
  /** a squash replaces the migration (it is not a node of the graph) */
  replaced(migration: Migration): boolean;
}

/** a Django migration's app label (its folder's parent when the adapter read none) */
export const labelOf = (m: Migration) => m.djangoLabel ?? m.path.split("/").at(-3) ?? "";
/** a Django migration's name: its file's, without .py (what a dependency names) */
export const nameOf = (m: Migration) => (m.path.split("/").pop() ?? "").replace(/\.py$/, "");
/** Django sorts nodes by (app_label, name) */
const compareNodes = (a: Migration, b: Migration) => {
  const la = labelOf(a);
  const lb = labelOf(b);
  if (la !== lb) return la < lb ? -1 : 1;
  const na = nameOf(a);
  const nb = nameOf(b);
  return na < nb ? -1 : na > nb ? 1 : 0;
};

export function djangoPlan(migrations: readonly Migration[]): DjangoPlan {
  const django = migrations.filter((m) => m.framework === "django");
  const byKey = new Map<string, Migration>();
  for (const m of django) byKey.set(`${labelOf(m)}\0${nameOf(m)}`, m);
  // a replaced migration's key -> its squash (Django's remove_replaced_nodes)
  const squashOf = new Map<string, Migration>();
  for (const m of django) for (const replaced of m.djangoReplaces ?? []) if (byKey.has(`${labelOf(m)}\0${replaced}`)) squashOf.set(`${labelOf(m)}\0${replaced}`, m);
  const isReplaced = (m: Migration) => squashOf.has(`${labelOf(m)}\0${nameOf(m)}`);
  const parentCache = new Map<Migration, Migration[]>();
  const parents = (m: Migration): Migration[] => {
    let found = parentCache.get(m);
    if (found) return found;
    const keys = [...(m.dependsOn ?? []).map((name) => `${labelOf(m)}\0${name}`), ...(m.djangoAppDependencies ?? []).map((d) => `${d.app}\0${d.name}`)];
    const set = new Set<Migration>();
    for (const key of keys) {
      const parent = squashOf.get(key) ?? byKey.get(key);
      if (parent && parent !== m) set.add(parent);
    }
    // sorted as Django sorts a node's parents: its depth-first walk pushes them in this order and pops the last first
    found = [...set].sort(compareNodes);
    parentCache.set(m, found);
    return found;
  };
  /** Django's iterative_dfs: each node after its parents, the largest parent's line first; `emitted` shared across targets */
  const walk = (start: Migration, emitted: Set<Migration>, out: Migration[]) => {
    const stack: Array<[Migration, boolean]> = [[start, false]];
    while (stack.length) {
      const [node, processed] = stack.pop()!;
      if (emitted.has(node)) continue;
      if (processed) {
        emitted.add(node);
        out.push(node);
        continue;
      }
      stack.push([node, true]);
      for (const parent of parents(node)) if (!emitted.has(parent)) stack.push([parent, false]);
    }
  };
  const nodes = django.filter((m) => !isReplaced(m));
  const hasChild = new Set<Migration>();
  for (const m of nodes) for (const p of parents(m)) hasChild.add(p);
  const leaves = nodes.filter((m) => !hasChild.has(m)).sort(compareNodes);
  const emitted = new Set<Migration>();
  const planned: Migration[] = [];
  for (const leaf of leaves) walk(leaf, emitted, planned);
  // a cycle has no leaf to reach it from: its nodes keep their file order, after the rest
  for (const m of nodes) if (!emitted.has(m)) walk(m, emitted, planned);
  // replaced migrations just before their squash, in their own order
  const replacedOf = new Map<Migration, Migration[]>();
  for (const m of [...django].sort(compareNodes)) {
    const squash = squashOf.get(`${labelOf(m)}\0${nameOf(m)}`);
    if (squash) replacedOf.set(squash, [...(replacedOf.get(squash) ?? []), m]);
  }
  const order = planned.flatMap((m) => [...(replacedOf.get(m) ?? []), m]);
  return {
    order,
    parents,
    replaced: isReplaced,
    forwardsPlan(migration) {
      if (isReplaced(migration) || !byKey.has(`${labelOf(migration)}\0${nameOf(migration)}`)) return undefined;
      const out: Migration[] = [];
      walk(migration, new Set(), out);
      out.pop();
      return out;
    },
  };
}
