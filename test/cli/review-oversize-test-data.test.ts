/**
 * A changed .sql file too large to read (over max_file_bytes): bluebottle 08ccb64726 (twenty-first replay) edited
 * testdata.sql, a 2 MB pg_dump for tests at the repository root, and the check failed with "not analysed". Outside
 * the migration folders a .sql file is a migration only by its content, which was never read: no migration left
 * unanalysed. One in a migrations folder still fails the check.
 */
import { run } from "../../src/cli/main.js";
import { featureBranchOn } from "./support/review-repo.js";

const big = `-- PostgreSQL database dump\n${"-- filler\n".repeat(300)}SET statement_timeout = 0;\n`;

async function review(files: Record<string, string>) {
  const repo = featureBranchOn({
    ".github/migguard.yml": "max_file_bytes: 1000\n",
    "migrations/001_users.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n",
    "testdata.sql": "SELECT 1;\n",
  });
  repo.write(files).commit("change");
  const result = await run(["review", "--base", "main", "--format", "json"], { cwd: repo.root });
  return { exitCode: result.exitCode, errors: (JSON.parse(result.output) as { errors: Array<{ path: string; message: string }> }).errors };
}

describe("review: a changed .sql file over max_file_bytes", () => {
  it("a test data dump at the repository root: not a migration, the check passes", async () => {
    const { exitCode, errors } = await review({ "testdata.sql": big });
    expect(errors).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("a numbered file in the migrations folder: a migration not analysed, the check fails", async () => {
    const { exitCode, errors } = await review({ "migrations/002_big.sql": big });
    expect(errors.map((e) => e.path)).toEqual(["migrations/002_big.sql"]);
    expect(exitCode).toBe(1);
  });
});
