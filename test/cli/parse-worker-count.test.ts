/** How many parse workers a lint starts (src/cli/parse-workers.ts): by the SQL's size, the cores and their load. */
import { MIN_CHARACTERS_PER_WORKER, parseWorkerCount } from "../../src/cli/parse-workers.js";

const idle2 = { cores: 2, load: 0.2 };

test("none for less SQL than a worker wins back its start for", () => {
  expect(parseWorkerCount(MIN_CHARACTERS_PER_WORKER - 1, idle2)).toBe(0);
  expect(parseWorkerCount(MIN_CHARACTERS_PER_WORKER, idle2)).toBe(1);
});

test("one per core beside the main thread, and per MIN_CHARACTERS_PER_WORKER of SQL", () => {
  expect(parseWorkerCount(50 * MIN_CHARACTERS_PER_WORKER, idle2)).toBe(1);
  expect(parseWorkerCount(50 * MIN_CHARACTERS_PER_WORKER, { cores: 8, load: 0 })).toBe(7);
  expect(parseWorkerCount(3.5 * MIN_CHARACTERS_PER_WORKER, { cores: 8, load: 0 })).toBe(3);
});

test("none on a machine whose load already fills its cores; the lint's own thread counts as load", () => {
  const big = 10 * MIN_CHARACTERS_PER_WORKER;
  // a bench running lints one after the other keeps the load near 1 on its own
  expect(parseWorkerCount(big, { cores: 2, load: 1.3 })).toBe(1);
  expect(parseWorkerCount(big, { cores: 2, load: 1.6 })).toBe(0);
  expect(parseWorkerCount(big, { cores: 2, load: 10 })).toBe(0);
  expect(parseWorkerCount(big, { cores: 8, load: 5 })).toBe(3);
});
