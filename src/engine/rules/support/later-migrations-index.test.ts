/**
 * The index answers what the walk over the later migrations answered: the first one at or after a place that holds
 * a key, for every suffix of a folder (each migration's `laterInFolder`), whichever is asked first, and for a list
 * that is no suffix of the folder the index was built from.
 */
import type { Migration } from "../../model.js";
import { nextHolding, type KeysOf } from "./later-migrations-index.js";

const folder = (keys: string[][]): Array<Migration & { keys: string[] }> => keys.map((k, i) => ({ path: `db/${i}.sql`, keys: k }) as unknown as Migration & { keys: string[] });
const keysOf: KeysOf = (m) => (m as Migration & { keys: string[] }).keys;
const walked = (later: readonly Migration[], key: string, from: number) => {
  const at = later.findIndex((m, i) => i >= from && [...keysOf(m)].includes(key));
  return at < 0 ? undefined : at;
};

describe("nextHolding", () => {
  const migrations = folder([["a"], [], ["b", "a"], ["a", "a"], ["c"], [], ["b"]]);

  it("answers as the walk does for every suffix and start, the shortest asked first", () => {
    for (let start = migrations.length - 1; start >= 0; start--) {
      const later = migrations.slice(start);
      for (const key of ["a", "b", "c", "d"]) for (let from = 0; from <= later.length; from++) expect([start, key, from, nextHolding(later, keysOf, key, from)]).toEqual([start, key, from, walked(later, key, from)]);
    }
  });

  it("answers as the walk does for a list that is not a suffix of the folder", () => {
    const skipping = [migrations[0], migrations[3], migrations[6]];
    nextHolding(migrations, keysOf, "a");
    for (const key of ["a", "b", "c"]) expect(nextHolding(skipping, keysOf, key)).toEqual(walked(skipping, key, 0));
    // and the folder's own suffixes still do afterwards
    expect(nextHolding(migrations.slice(1), keysOf, "c")).toBe(3);
  });

  it("finds nothing in an empty list", () => {
    expect(nextHolding([], keysOf, "a")).toBeUndefined();
  });
});
