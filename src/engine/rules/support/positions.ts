/**
 * Where operations sit in a migration's up, grouped by a key (the table, the table and column, ...), computed once
 * per migration and key. Rules ask "the same table, later (or earlier) in this up" for each operation; scanning the
 * up each time is quadratic, and a 1 MB file holds 70,000 statements (minutes of CPU in the App).
 */
import type { Operation } from "../../model.js";
import { countBelow } from "../../sorted-numbers.js";

type Key = (op: Operation) => string | readonly string[] | undefined;

const cache = new WeakMap<readonly Operation[], Map<Key, Map<string, number[]>>>();

/** Positions (ascending) of the ops of `up` under each key `key` gives them; `key` must be a module-level function. */
export function positionsBy(up: readonly Operation[], key: Key): ReadonlyMap<string, readonly number[]> {
  let byKey = cache.get(up);
  if (!byKey) cache.set(up, (byKey = new Map()));
  let positions = byKey.get(key);
  if (positions) return positions;
  positions = new Map();
  for (let index = 0; index < up.length; index++) {
    const keys = key(up[index]);
    for (const k of typeof keys === "string" ? [keys] : (keys ?? [])) {
      const list = positions.get(k);
      if (list) list.push(index);
      else positions.set(k, [index]);
    }
  }
  byKey.set(key, positions);
  return positions;
}

/** The first position after `index`, if any. */
export function firstAfter(positions: readonly number[] | undefined, index: number): number | undefined {
  return positions?.[countBelow(positions, index + 1)];
}

/** Some position lies in [from, to). */
export function anyBetween(positions: readonly number[] | undefined, from: number, to: number): boolean {
  return positions !== undefined && countBelow(positions, to) > countBelow(positions, from);
}
