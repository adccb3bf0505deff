/**
 * `migguard review` of an edited diesel migration whose down.sql the change leaves alone (vaultwarden's
 * sso_users_cascade: the up made to drop its foreign key only when it exists, the empty down untouched). The base
 * side is read with that same down (review/untouched-halves.ts), so the empty down, which the base version had
 * already, is no new finding of the edit. An edit that makes a migration run at all (a syntax error fixed:
 * add_cipher_key's "key" in MySQL) makes its empty down new: it is judged by the folder's down habit, read from the
 * base branch's downs as for an added migration.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { dieselFolder } from "./support/diesel-folder.js";

const DIR = "migrations/postgresql/2024-01-01-000000_add_color";
const USERS = { "migrations/postgresql/2022-12-01-000000_users/up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n", "migrations/postgresql/2022-12-01-000000_users/down.sql": "DROP TABLE users;\n" };
const WRITTEN = [true, true, true, true, true, true, true, true, true, true];
const MOSTLY_EMPTY = [true, false, false, true, false, false, false, false, false, false];

async function edited(downs: readonly boolean[], baseUp: string, headUp: string) {
  const repo = featureBranchOn({ ...USERS, ...dieselFolder(downs), [`${DIR}/up.sql`]: baseUp, [`${DIR}/down.sql`]: "" });
  repo.write({ [`${DIR}/up.sql`]: headUp }).commit("edit the migration");
  const { findings } = await reviewJson(repo);
  return { found: findings.filter((f) => f.rule === "empty-down") };
}

describe("review: an edited migration's untouched down", () => {
  it("the edit changes the up, the empty down.sql stays as it was (downs written around it): no empty-down, the base version had it already", async () => {
    const { found } = await edited(WRITTEN, "ALTER TABLE users ADD COLUMN color text;\n", "ALTER TABLE users ADD COLUMN IF NOT EXISTS color varchar(20);\nCOMMENT ON COLUMN users.color IS 'hex';\n");
    expect(found).toEqual([]);
  });

  it("the edit fixes a syntax error, so the migration runs for the first time with its empty down: the folder rolls forward (8 of 10 empty on the base branch), a note", async () => {
    const { found } = await edited(MOSTLY_EMPTY, "ALTER TABLE users ADD COLUMN `color` text;\n", "ALTER TABLE users ADD COLUMN color text;\n");
    expect(found.map((f) => [f.path, f.severity])).toEqual([[`${DIR}/up.sql`, "info"]]);
    expect(found[0].message).toContain("8 of the 10 most recent earlier migrations in migrations/postgresql/ have no down or an empty one");
  });

  it("the same fix where the folder writes its downs: the now-runnable migration's empty down is an error", async () => {
    const { found } = await edited(WRITTEN, "ALTER TABLE users ADD COLUMN `color` text;\n", "ALTER TABLE users ADD COLUMN color text;\n");
    expect(found.map((f) => f.severity)).toEqual(["error"]);
  });
});
