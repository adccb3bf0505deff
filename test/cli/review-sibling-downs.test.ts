/**
 * `migguard review` reads the base branch's sibling migrations just before an added one with their downs (review/
 * sibling-downs-on-base.ts): a diesel folder whose down.sql files are there but mostly empty (vaultwarden's) rolls
 * forward, so a new empty down.sql is a note, not an error that fails the check, as in one whose downs are half
 * written, half empty; a folder whose recent downs are written (all but a few) keeps the error.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { dieselFolder } from "./support/diesel-folder.js";

const added = {
  "migrations/postgresql/2024-01-01-000000_add_color/up.sql": "ALTER TABLE users ADD COLUMN color text;\n",
  "migrations/postgresql/2024-01-01-000000_add_color/down.sql": "",
};

const emptyDowns = async (downs: readonly boolean[]) => {
  const repo = featureBranchOn({ "migrations/postgresql/2022-12-01-000000_users/up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n", "migrations/postgresql/2022-12-01-000000_users/down.sql": "DROP TABLE users;\n", ...dieselFolder(downs) });
  repo.write(added).commit("add a colour");
  const { exitCode, findings } = await reviewJson(repo);
  return { exitCode, found: findings.filter((f) => f.rule === "empty-down") as Array<{ severity: string; message: string; path: string }> };
};

describe("review: the base branch's downs count for the folder's habit", () => {
  it("diesel: 8 of the 10 down.sql files just before it are empty on the base branch: the new empty down.sql is a note naming the config lines", async () => {
    const { exitCode, found } = await emptyDowns([true, true, true, false, false, true, false, false, false, false, false, false]);
    expect(found.map((f) => [f.path, f.severity])).toEqual([["migrations/postgresql/2024-01-01-000000_add_color/up.sql", "info"]]);
    expect(found[0].message).toContain("8 of the 10 most recent earlier migrations in migrations/postgresql/ have no down or an empty one");
    expect(found[0].message).toContain("`rules: { empty-down: error }`");
    expect(exitCode).toBe(0);
  });

  it("diesel: half of the 10 down.sql files just before it are empty, half written (vaultwarden's MySQL folder): a mixed habit rolls forward too, a note", async () => {
    const { exitCode, found } = await emptyDowns([true, true, true, false, true, false, true, false, true, false, true, false]);
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("5 of the 10 most recent earlier migrations in migrations/postgresql/ have no down or an empty one");
    expect(exitCode).toBe(0);
  });

  it("diesel: 4 of the 10 down.sql files just before it are empty: a lapse where the team writes its downs, still an error", async () => {
    const { exitCode, found } = await emptyDowns([true, true, false, true, false, true, false, true, true, false, true, true]);
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(exitCode).toBe(1);
  });

  it("diesel: the down.sql files just before it are written: the empty one stays an error", async () => {
    const { exitCode, found } = await emptyDowns([false, false, false, true, true, true, true, true, true, true, true, true]);
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(exitCode).toBe(1);
  });
});
