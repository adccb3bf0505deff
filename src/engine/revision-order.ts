/**
 * The order Alembic applies a folder's revisions in: each after the revisions its `down_revision` (a tuple for a
 * merge) and `depends_on` name, whatever the file names say. Among revisions free to run, the path decides, so
 * two branches interleave the same way on every run. A revision that names nothing known starts the graph; a
 * cycle (a broken graph) falls back to path order for what it holds.
 */
import type { RevisionLink } from "./model.js";

export function revisionOrder<T>(items: readonly T[], linkOf: (item: T) => RevisionLink | undefined, pathOf: (item: T) => string): T[] {
  const byPath = [...items].sort((a, b) => (pathOf(a) < pathOf(b) ? -1 : pathOf(a) > pathOf(b) ? 1 : 0));
  // revision id or branch label -> the item; the first by path when two files claim one
  const named = new Map<string, number>();
  byPath.forEach((item, i) => {
    const link = linkOf(item);
    if (link && !named.has(link.id)) named.set(link.id, i);
  });
  byPath.forEach((item, i) => {
    for (const label of linkOf(item)?.branchLabels ?? []) if (!named.has(label)) named.set(label, i);
  });
  const children = byPath.map((): number[] => []);
  const waiting = byPath.map((item, i) => {
    const parents = new Set((linkOf(item)?.after ?? []).map((id) => named.get(id)).filter((p): p is number => p !== undefined && p !== i));
    for (const p of parents) children[p].push(i);
    return parents.size;
  });
  const ready = new Set(waiting.flatMap((count, i) => (count === 0 ? [i] : [])));
  const done = new Set<number>();
  const out: T[] = [];
  while (done.size < byPath.length) {
    // the first by path among those free to run; none free: a cycle, broken at its first file by path
    let next = -1;
    for (const i of ready) if (next === -1 || i < next) next = i;
    if (next === -1) next = byPath.findIndex((_, i) => !done.has(i));
    ready.delete(next);
    done.add(next);
    out.push(byPath[next]);
    for (const child of children[next]) if (!done.has(child) && --waiting[child] === 0) ready.add(child);
  }
  return out;
}
