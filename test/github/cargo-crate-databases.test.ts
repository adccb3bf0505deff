/**
 * The database of a folder a Rust crate runs, through the App: in a Cargo workspace whose client crate's sqlx names
 * `sqlite` alone and whose server crate's names `postgres` alone (atuin's), a pull request that adds a migration to
 * each gets SQLite's note on the client's (not checked, no PostgreSQL lock finding, no syntax error) and PostgreSQL's
 * findings on the server's. The App reads the crates' Cargo.toml files from the base tree (repository/fact-paths.ts).
 * Signed webhooks over HTTP, the local GitHub API checking every request against GitHub's OpenAPI description.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";
import { SQLITE_CLIENT_HISTORY, SQLX_SQLITE_CLIENT } from "../../src/engine/testing/sqlx-fixtures.js";

const BASE: Record<string, string> = {
  "README.md": "# Shell history\n",
  ...SQLX_SQLITE_CLIENT,
  "crates/client/migrations/20210422143411_create_history.sql": SQLITE_CLIENT_HISTORY,
  "crates/server/migrations/20210422143411_create_history.sql": "create table history (id bigserial primary key, command text not null);\n",
};

const CLIENT = "crates/client/migrations/20240108124830_history-author.sql";
const SERVER = "crates/server/migrations/20240108124830_history-author.sql";
const ADDED = {
  [CLIENT]: "alter table history add column author text;\ncreate index `history_author` on history(author);\n",
  [SERVER]: "alter table history add column author text;\ncreate index history_author on history(author);\n",
};

let s: Scenario | undefined;
useScenario();

describe("a Cargo workspace's folders, each on its crate's database, through the App", () => {
  it("the sqlite-only crate's migration is SQLite's note, the postgres crate's gets PostgreSQL's findings", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(91, ADDED);
    expect((await s.pullRequest("opened", 91)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run).toMatchObject({ status: "completed" });
    const client = run.annotations.filter((a) => a.path === CLIENT);
    expect(client.map((a) => a.title.split(":")[0])).toEqual([expect.stringMatching(/^unsupported-database/)]);
    expect(client[0].message).toContain("this file runs on SQLite");
    const server = run.annotations.filter((a) => a.path === SERVER).map((a) => a.title);
    expect(server).toEqual(expect.arrayContaining([expect.stringMatching(/^index-without-concurrently/), expect.stringMatching(/^require-lock-timeout/)]));
  });
});
