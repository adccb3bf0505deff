/**
 * The code cache folder keeps the newest cache files only: every build of the bundle (a new version, a rebuild
 * in a checkout) writes new ones. What runs from the cache is tested on a built bundle in startup.test.ts.
 */
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KEPT, pruneCaches } from "../../src/cli/code-cache.js";

it(`keeps the ${KEPT} newest cache files and nothing else it did not write`, () => {
  const folder = mkdtempSync(join(tmpdir(), "migguard-code-cache-"));
  const names = Array.from({ length: KEPT + 4 }, (_, i) => `cli-build${i}-nodev20.20.2-x64-lint.v8cache`);
  names.forEach((name, i) => {
    writeFileSync(join(folder, name), "x");
    const time = new Date(Date.UTC(2026, 0, 1) + i * 60_000); // build0 oldest
    utimesSync(join(folder, name), time, time);
  });
  writeFileSync(join(folder, "notes.txt"), "not a cache");

  pruneCaches(folder);

  expect(readdirSync(folder).sort()).toEqual([...names.slice(4), "notes.txt"].sort());
});
