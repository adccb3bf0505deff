/**
 * The later migrations of a folder that hold a key (a table their up renames or drops, a name it creates), looked
 * up instead of walked: a question about the rest of a folder's history (dropped later? created again later?) was a
 * walk over every later migration, once per question, so a long folder (lemmy's hundreds of migrations, each asking
 * for many columns) cost its length squared (issue #18).
 *
 * One index per folder and kind of key, built on the first question: every migration's `laterInFolder` is a suffix
 * of the same list (the folder's order), which ends with the folder's newest migration, so the index is kept by that
 * migration (WeakMap: the engine keeps nothing past the analysis) and a question starts at its first later one. A
 * list that is not such a suffix gets an index of its own (the longest asked for is kept): the answers are always
 * those of the walk.
 */
import type { Migration } from "../../model.js";
import { countBelow } from "../../sorted-numbers.js";

/** The keys one migration holds: a pure function of the migration, asked once per migration of the folder. */
export type KeysOf = (migration: Migration) => Iterable<string>;

interface FolderIndex {
  /** the folder's migrations the index was built from, in order */
  migrations: readonly Migration[];
  /** each one's place in `migrations` */
  places: Map<Migration, number>;
  /** key -> the places of the migrations that hold it, ascending */
  holders: Map<string, number[]>;
}

const indexes = new WeakMap<KeysOf, WeakMap<Migration, FolderIndex>>();

function build(migrations: readonly Migration[], keysOf: KeysOf): FolderIndex {
  const places = new Map<Migration, number>();
  const holders = new Map<string, number[]>();
  migrations.forEach((migration, place) => {
    places.set(migration, place);
    for (const key of keysOf(migration)) {
      const list = holders.get(key);
      if (!list) holders.set(key, [place]);
      // a migration holds a key once, whatever its keys repeat
      else if (list[list.length - 1] !== place) list.push(place);
    }
  });
  return { migrations, places, holders };
}

/** The index that holds `later` whole, and where `later` starts in it. */
function indexOf(later: readonly Migration[], keysOf: KeysOf): { index: FolderIndex; start: number } {
  let byNewest = indexes.get(keysOf);
  if (!byNewest) indexes.set(keysOf, (byNewest = new WeakMap()));
  const newest = later[later.length - 1];
  const kept = byNewest.get(newest);
  const start = kept?.places.get(later[0]);
  // a suffix of the list the index was built from: same length from the start, same first, middle and last migration
  const middle = later.length >> 1;
  if (kept && start !== undefined && kept.migrations.length - start === later.length && kept.migrations[start + middle] === later[middle]) return { index: kept, start };
  const index = build(later, keysOf);
  if (!kept || kept.migrations.length <= later.length) byNewest.set(newest, index);
  return { index, start: 0 };
}

/**
 * The position in `later`, at `from` or after it, of the first migration whose keys (`keysOf`) hold `key`; undefined
 * when none does. The same answer as `later.findIndex((m, i) => i >= from && [...keysOf(m)].includes(key))`.
 */
export function nextHolding(later: readonly Migration[], keysOf: KeysOf, key: string, from = 0): number | undefined {
  if (from >= later.length) return undefined;
  const { index, start } = indexOf(later, keysOf);
  const places = index.holders.get(key);
  const place = places && places[countBelow(places, start + from)];
  return place === undefined ? undefined : place - start;
}
