/**
 * A large lint parses SQL in worker threads (src/cli/parse-pool.ts): the JSON output must be byte for byte the
 * serial run's. Run through bin/migguard.js beside a fresh bundle, laid out as in the package, so the worker is
 * the bundled one; MIGGUARD_PARSE_WORKERS forces the workers on the repository's own SQL fixtures (too small to
 * start them otherwise), MIGGUARD_PARSE_WORKERS_ONLY leaves every parse to them, and the lint says on stderr
 * how many they did.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, writeBundle } from "../../scripts/bundle.js";

/** Every SQL layout's fixtures and the examples: golang-migrate, Flyway, goose, dbmate, diesel, sqitch, Prisma, Liquibase. */
const FIXTURES = ["examples/sql", "src/engine/adapters/sql/__tests__/fixtures"];

let install: string;

beforeAll(async () => {
  install = mkdtempSync(join(tmpdir(), "migguard-parse-workers-"));
  await writeBundle(join(install, "bundle"));
  mkdirSync(join(install, "bin"));
  // bin/package.json makes the entry CommonJS, as in the package
  for (const name of ["migguard.js", "package.json"]) copyFileSync(join(ROOT, "bin", name), join(install, "bin", name));
  writeFileSync(join(install, "package.json"), JSON.stringify({ type: "module" }));
}, 180_000);

afterAll(() => rmSync(install, { recursive: true, force: true }));

function lint(workers: string, args = FIXTURES) {
  const run = spawnSync(process.execPath, [join(install, "bin", "migguard.js"), "lint", "--format", "json", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "", MIGGUARD_CODE_CACHE: "0", MIGGUARD_PARSE_WORKERS: workers, MIGGUARD_PARSE_WORKERS_ONLY: "1" },
  });
  if (run.error || run.status === 2) throw new Error(`migguard lint failed (${run.status}): ${run.stderr}`);
  return run;
}

test("parsed in worker threads, the lint's JSON is byte for byte the serial lint's", () => {
  const serial = lint("0");
  expect(serial.stderr).toBe("migguard: no parse workers\n");
  expect(JSON.parse(serial.stdout).findings.length).toBeGreaterThan(10);
  for (const workers of ["1", "2"]) {
    const parallel = lint(workers);
    const note = new RegExp(`^migguard: (\\d+) of (\\d+) SQL files parsed by ${workers} worker threads\n$`).exec(parallel.stderr);
    expect(note).not.toBeNull();
    // nearly every file came from a worker: all but the few the analysis parses in parts, never as the whole text
    const [taken, texts] = note!.slice(1).map(Number);
    expect(taken).toBeGreaterThan(texts - 3);
    expect(parallel.stdout).toBe(serial.stdout);
    expect(parallel.status).toBe(serial.status);
  }
}, 60_000);

/** A folder of golang-migrate files in a fresh temporary project; removed after `use`. */
function withMigrations(files: Record<string, string>, use: (folder: string) => void): void {
  const project = mkdtempSync(join(tmpdir(), "migguard-parse-workers-project-"));
  try {
    mkdirSync(join(project, "migrations"));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(project, "migrations", name), content);
    use(join(project, "migrations"));
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

test("a syntax error parsed in a worker is reported as when parsed here", () => {
  withMigrations(
    {
      "000001_ok.up.sql": "CREATE TABLE a (id bigint PRIMARY KEY);\n",
      "000002_bad.up.sql": "CREATE INDEX a_id ON a (id);\nALTER TABLE a ADD COLUMN b int NOT NULL DEFAULT 0 FOO;\n",
    },
    (folder) => {
      const serial = lint("0", [folder]);
      const parallel = lint("1", [folder]);
      expect(parallel.stderr).toBe("migguard: 2 of 2 SQL files parsed by 1 worker threads\n");
      expect(JSON.parse(parallel.stdout).findings.map((f: { rule: string }) => f.rule)).toContain("syntax-error");
      expect(parallel.stdout).toBe(serial.stdout);
    },
  );
}, 60_000);

test("statements too deep for a parse, in a worker's files, are judged by the main thread's parser as without workers", () => {
  withMigrations(
    {
      // out of stack inside the WASM (a worker's stack is larger than the main thread's), and too deep a tree
      "000001_subqueries.up.sql": `ALTER TABLE users DROP COLUMN email;\nSELECT ${"(SELECT ".repeat(3200)}1${")".repeat(3200)};\nDROP TABLE sessions;\n`,
      "000002_one_statement.up.sql": `SELECT 1${" + 1".repeat(13_000)};\n`,
      "000003_not.up.sql": `UPDATE users SET active = false WHERE ${"NOT ".repeat(200)}active;\nDROP TABLE carts;\n`,
      "000004_ok.up.sql": "CREATE INDEX users_name ON users (name);\n",
    },
    (folder) => {
      const serial = lint("0", [folder]);
      expect(JSON.parse(serial.stdout).findings.filter((f: { rule: string }) => f.rule === "too-complex")).toHaveLength(3);
      const parallel = lint("1", [folder]);
      expect(parallel.stderr).toMatch(/^migguard: [1-4] of 4 SQL files parsed by 1 worker threads\n$/);
      expect(parallel.stdout).toBe(serial.stdout);
    },
  );
}, 60_000);
