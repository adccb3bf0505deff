// One temporary folder per test run: every test's mkdtemp(tmpdir()) lands in it (TMPDIR is read on each call and
// the workers inherit it), and the run removes it at the end, so repeated runs leave nothing behind in /tmp.
const { chmodSync, mkdtempSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

module.exports.setup = async () => {
  const root = mkdtempSync(join(tmpdir(), "migguard-tests-"));
  // like /tmp itself: the local PostgreSQL servers some tests start run as the postgres user under it
  chmodSync(root, 0o1777);
  process.env.MIGGUARD_TEST_TMP_ROOT = root;
  process.env.TMPDIR = root;
};

module.exports.teardown = async () => {
  const root = process.env.MIGGUARD_TEST_TMP_ROOT;
  if (root) rmSync(root, { recursive: true, force: true });
};
