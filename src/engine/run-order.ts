/**
 * Migrations of several folders (a change's added ones) as one list, in the order they run: each runner's order
 * (compareMigrations), and Django's across apps. `migrate` applies an app's 0002 that depends on another app's 0002
 * after it, though "billing/..." sorts before "catalog/...", and interleaves two apps' migrations by their
 * `dependencies`: the graph's order (django-plan.ts, Django's own ties), not the file names.
 */
import type { DetectedFile } from "./detect.js";
import { compareMigrations } from "./migration-order.js";
import type { Migration } from "./model.js";
import { djangoPlan } from "./repository/django-plan.js";

export function inRunOrder<T extends { file: DetectedFile; migration: Migration }>(entries: readonly T[]): T[] {
  const sorted = [...entries].sort((a, b) => compareMigrations(a.file, b.file));
  const django = sorted.filter((e) => e.migration.framework === "django");
  if (django.length < 2) return sorted;
  const entryOf = new Map(django.map((e) => [e.migration, e]));
  const graphed = djangoPlan(django.map((e) => e.migration)).order.flatMap((m) => entryOf.get(m) ?? []);
  // a migration the graph lost (two files of one app under one name): the files' order stands
  if (new Set(graphed).size !== django.length) return sorted;
  // the Django migrations take their files' places in the graph's order: other runners' migrations keep theirs
  let next = 0;
  return sorted.map((e) => (entryOf.has(e.migration) ? graphed[next++] : e));
}
