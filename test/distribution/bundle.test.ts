/**
 * bundle/ is built (`npm run bundle`, also part of `npm run compile`) and committed: the Action runs it from a plain checkout and the CLI
 * (bin/migguard.js) from any install. This test fails when the committed files are not what a build of the
 * current sources writes, byte for byte, the way the rule docs are checked.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BUNDLE_DIR, buildBundle, type BundleFile } from "../../scripts/bundle.js";

const STALE = "bundle/ is stale: run `npm run bundle` and commit bundle/";

let fresh: BundleFile[];
beforeAll(async () => {
  fresh = (await buildBundle()).files;
}, 180_000);

it("has exactly the files a fresh build writes", () => {
  const committed = existsSync(BUNDLE_DIR) ? readdirSync(BUNDLE_DIR).sort() : [];
  const expected = fresh.map((f) => f.path);
  const missing = expected.filter((f) => !committed.includes(f));
  const extra = committed.filter((f) => !expected.includes(f));
  if (missing.length || extra.length) throw new Error(`${STALE} (missing: ${missing.join(", ") || "none"}; not built any more: ${extra.join(", ") || "none"})`);
});

it("has the bytes a fresh build writes", () => {
  const differing = fresh.filter((f) => {
    const path = join(BUNDLE_DIR, f.path);
    return !existsSync(path) || !readFileSync(path).equals(f.contents);
  });
  if (differing.length) throw new Error(`${STALE} (differs: ${differing.map((f) => f.path).join(", ")})`);
});

it("builds the same bytes twice", async () => {
  const again = (await buildBundle()).files;
  expect(again.map((f) => [f.path, Buffer.from(f.contents).toString("base64")])).toEqual(fresh.map((f) => [f.path, Buffer.from(f.contents).toString("base64")]));
}, 180_000);
