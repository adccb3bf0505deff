/**
 * `migguard review` reads a folder's down habit from the base branch's migrations only: what the team did before the
 * change. A pull request's own new migrations are no sibling of one another: three new empty downs do not make an
 * empty-down habit of a folder whose downs are written, and new written downs do not break the habit of a folder
 * that rolls forward. A diesel folder, each migration a folder with its up.sql and down.sql.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { dieselAdded as added, dieselFolder } from "./support/diesel-folder.js";

const review = async (base: readonly boolean[], change: readonly boolean[]) => {
  const repo = featureBranchOn({ "migrations/postgresql/2022-12-01-000000_users/up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n", "migrations/postgresql/2022-12-01-000000_users/down.sql": "DROP TABLE users;\n", ...dieselFolder(base) });
  repo.write(added(change)).commit("add columns");
  const { exitCode, findings } = await reviewJson(repo);
  return { exitCode, found: findings.filter((f) => f.rule === "empty-down").map((f) => [f.path.split("/")[2], f.severity, f.message]) };
};

describe("review: the down habit is the base branch's, never the change's own", () => {
  it("three new empty downs in a folder whose base downs are all written: each an error, none a habit", async () => {
    const { exitCode, found } = await review(Array(12).fill(true), [false, false, false]);
    expect(found.map(([dir, severity]) => [dir, severity])).toEqual([
      ["2024-01-01-000000_add1", "error"],
      ["2024-01-02-000000_add2", "error"],
      ["2024-01-03-000000_add3", "error"],
    ]);
    expect(exitCode).toBe(1);
  });

  it("three new empty downs where 4 of the base's 10 newest are empty (a lapse, not a habit): the change's own two before the last do not tip it into one, each an error", async () => {
    const { found } = await review([true, true, true, true, false, true, false, true, false, true, false, true], [false, false, false]);
    expect(found.map(([, severity]) => severity)).toEqual(["error", "error", "error"]);
  });

  it("the reverse: a folder whose base's 10 newest downs are empty, and a change that writes two downs then leaves one empty: the base's habit holds, a note that names it", async () => {
    const { exitCode, found } = await review(Array(10).fill(false), [true, true, false]);
    expect(found.map(([dir, severity]) => [dir, severity])).toEqual([["2024-01-03-000000_add3", "info"]]);
    expect(found[0][2]).toContain("The 10 earlier migrations in migrations/postgresql/ have no down or an empty one");
    expect(exitCode).toBe(0);
  });
});
