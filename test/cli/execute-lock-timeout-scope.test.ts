/**
 * `migguard lint --execute`'s measured-blocking-lock, the lock a statement takes that no static rule saw (a function
 * that alters the table): its lock_timeout advice is scoped as require-lock-timeout's, SET LOCAL for a golang-migrate
 * file of two statements, which PostgreSQL runs as one transaction (PGlite), so the setting does not stay on the
 * connection.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { BASE } from "../support/readme-prs.js";

const PROJECT = join(import.meta.dirname, "..", "..");
const TSX = pathToFileURL(join(PROJECT, "node_modules", "tsx", "dist", "loader.mjs")).href;

function lintExecute(files: Record<string, string>, path: string): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-execute-lock-timeout-"));
  for (const [file, content] of Object.entries({ ...BASE, ...files })) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  const cli = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", "--import", TSX, join(PROJECT, "src", "cli", "main.ts"), "lint", "--execute", "--format", "json", path], {
    cwd: root,
    encoding: "utf8",
    env: { PATH: process.env.PATH },
  });
  return cli.stdout;
}

describe("lint --execute: the measured lock's lock_timeout advice", () => {
  it("a golang-migrate file of two statements, one transaction: SET LOCAL", () => {
    const up = "db/migrations/000002_note.up.sql";
    const stdout = lintExecute(
      {
        [up]: "CREATE FUNCTION add_note() RETURNS void LANGUAGE plpgsql AS $$ BEGIN ALTER TABLE users ADD COLUMN note text; END $$;\nSELECT add_note();\n",
        "db/migrations/000002_note.down.sql": "ALTER TABLE users DROP COLUMN note;\nDROP FUNCTION add_note();\n",
      },
      up,
    );
    const finding = (JSON.parse(stdout) as { findings: Array<{ rule: string; fix: string }> }).findings.find((f) => f.rule === "measured-blocking-lock");
    expect(finding?.fix).toMatch(/^SET LOCAL lock_timeout = '5s';/);
  }, 120_000);
});
