/**
 * migguard installed the ways npm users install it, each into an empty place, then run on a consumer
 * repository: the tarball `npm pack` makes of a fresh clone, `npm install -g` of the git repository and `npx`
 * of the git repository (the Docker image's layout is `npm run test:image`). The committed bundle is what
 * bin/migguard.js runs, so none of them builds anything. Needs the npm registry, as CI has.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { consumerRepo, DANGEROUS, freshClone, HEAD, outputOf, ROOT, runAsUser } from "./support/checkout.js";

const INSTALL_TIMEOUT = 600_000;
const npm = (args: string[], cwd: string) => {
  const result = runAsUser("npm", [...args, "--no-audit", "--no-fund"], { cwd, timeoutMs: INSTALL_TIMEOUT });
  if (result.status !== 0) throw new Error(`npm ${args.join(" ")} failed:\n${outputOf(result)}`);
  return result.stdout;
};
const empty = (name: string) => mkdtempSync(join(tmpdir(), `migguard-${name}-`));
/** The git URL npm and npx take, at this checkout's HEAD. */
const GIT_URL = `git+file://${ROOT}#${HEAD}`;

let consumer: string;
beforeAll(() => {
  consumer = consumerRepo().root;
});

/** `migguard lint` as installed: it must find the index built without CONCURRENTLY and exit 1. */
function expectLintFails(command: string, args: string[]) {
  const run = runAsUser(command, [...args, "lint", DANGEROUS], { cwd: consumer, timeoutMs: INSTALL_TIMEOUT });
  expect({ status: run.status, log: outputOf(run) }).toEqual({ status: 1, log: expect.stringContaining(`${DANGEROUS}:1: error index-without-concurrently:`) });
}

it("npm pack of a fresh clone, installed into an empty prefix, runs migguard lint", () => {
  const clone = freshClone();
  const destination = empty("pack");
  const tarball = join(destination, npm(["pack", "--pack-destination", destination], clone).trim().split("\n").pop()!);
  const prefix = empty("prefix");
  npm(["install", "--global", "--prefix", prefix, tarball], prefix);
  expectLintFails(join(prefix, "bin", "migguard"), []);
}, INSTALL_TIMEOUT * 2);

it("npm install -g of the git repository runs migguard lint", () => {
  const prefix = empty("git-prefix");
  npm(["install", "--global", "--prefix", prefix, GIT_URL], prefix);
  expectLintFails(join(prefix, "bin", "migguard"), []);
}, INSTALL_TIMEOUT * 2);

it("npx of the git repository runs migguard lint", () => {
  expectLintFails("npx", ["--yes", "--package", GIT_URL, "--", "migguard"]);
}, INSTALL_TIMEOUT * 2);
