/**
 * The pre-commit hook, for real: Debian's `pre-commit` (CI installs it, .ci/run) in a consumer repository whose
 * .pre-commit-config.yaml is the README's snippet pointed at this checkout and its HEAD commit.
 *
 * pre-commit's node support (pre_commit/languages/node.py) clones the hook repository, runs `npm install` in
 * it, then `npm pack` (reading the tarball's name from its stdout) and `npm install -g` of that tarball into an
 * environment of its own. bin/migguard.js runs the committed bundle, so nothing needs building; and the
 * package has no pack-time script (prepack, prepare), whose banner npm would print into that stdout.
 * Needs the npm registry (the package's dependencies), as CI has.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { consumerRepo, DANGEROUS, HEAD, outputOf, ROOT, runAsUser } from "./support/checkout.js";

// Debian's pre-commit: CI installs it (.ci/run); elsewhere `apt-get install -y pre-commit`, or the test is skipped
const installed = runAsUser("pre-commit", ["--version"], { cwd: ROOT }).status === 0;
const describeIfPreCommit = installed ? describe : describe.skip;

/** The README's snippet (section "pre-commit"), with this checkout for the repository and HEAD for the rev. */
const config = (repo: string, rev: string) => `repos:
  - repo: ${repo}
    rev: ${rev}
    hooks:
      - id: migguard
`;

describeIfPreCommit("pre-commit hook", () => {
  it("reports index-without-concurrently on a golang-migrate file and fails the commit", () => {
    const { root } = consumerRepo();
    writeFileSync(join(root, ".pre-commit-config.yaml"), config(ROOT, HEAD));
    const home = mkdtempSync(join(tmpdir(), "migguard-pre-commit-home-"));

    const run = runAsUser("pre-commit", ["run", "--all-files", "--color", "never"], { cwd: root, env: { PRE_COMMIT_HOME: home }, timeoutMs: 900_000 });
    const log = outputOf(run);
    expect({ status: run.status, log }).toEqual({ status: 1, log: expect.stringContaining(`${DANGEROUS}:1: error index-without-concurrently:`) });
    expect(log).toMatch(/migguard \(migration safety\)\.+Failed/);
  }, 960_000);
});
