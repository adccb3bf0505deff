/**
 * The README's tern and Atlas layouts through the App: a folder tern.conf marks holds tern's `<n>_<name>.sql`
 * (up above `---- create above / drop below ----`, each direction in tern's transaction unless it says
 * `---- tern: disable-tx ----`), and a folder atlas.sum marks holds Atlas's versioned files (each in a transaction
 * unless its header says `-- atlas:txmode none`). The App finds the marking file in the base tree, as the CLI does in
 * its walk. Signed webhooks over HTTP, the local GitHub API checking every request against GitHub's OpenAPI
 * description; the check run as users see it.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const SEPARATOR = "---- create above / drop below ----";
const USERS = "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n";

let s: Scenario | undefined;
useScenario();

async function review(pull: number, base: Record<string, string>, files: Record<string, string>) {
  s = await startScenario({ baseFiles: { "README.md": "# Service\n", ...base } });
  const head = s.openPull(pull, files);
  expect((await s.pullRequest("opened", pull)).status).toBe(200);
  const run = s.fake.checkRunsFor(head).at(-1)!;
  expect(run).toMatchObject({ status: "completed" });
  return run.annotations.filter((a) => a.title.startsWith("concurrently-in-transaction"));
}

describe("tern and Atlas migrations through the App", () => {
  const TERN_BASE = { "db/migrations/tern.conf": "[database]\nhost = 127.0.0.1\n", "db/migrations/001_create_users.sql": `${USERS}\n${SEPARATOR}\n\nDROP TABLE users;\n` };

  it("tern: CONCURRENTLY in a migration's up fails in tern's transaction, and the fix adds tern's disable-tx line", async () => {
    const found = await review(101, TERN_BASE, { "db/migrations/002_users_name_idx.sql": `CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n\n${SEPARATOR}\n\nDROP INDEX users_name_idx;\n` });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: "db/migrations/002_users_name_idx.sql", start_line: 1, annotation_level: "failure" });
    expect(found[0].raw_details).toContain("---- tern: disable-tx ----");
  });

  it("tern: the up that says disable-tx runs outside the transaction: no finding", async () => {
    const found = await review(102, TERN_BASE, { "db/migrations/002_users_name_idx.sql": `---- tern: disable-tx ----\nCREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n\n${SEPARATOR}\n\n---- tern: disable-tx ----\nDROP INDEX CONCURRENTLY users_name_idx;\n` });
    expect(found).toEqual([]);
  });

  const ATLAS_BASE = { "migrations/atlas.sum": "h1:abc=\n20240101000000_create_users.sql h1:def=\n", "migrations/20240101000000_create_users.sql": USERS };

  it("Atlas: a new file's CONCURRENTLY fails in Atlas's transaction, and the fix's header is -- atlas:txmode none", async () => {
    const found = await review(103, ATLAS_BASE, {
      "migrations/20240102000000_users_name_idx.sql": "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n",
      "migrations/atlas.sum": "h1:abd=\n20240101000000_create_users.sql h1:def=\n20240102000000_users_name_idx.sql h1:ghi=\n",
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: "migrations/20240102000000_users_name_idx.sql", start_line: 1, annotation_level: "failure" });
    expect(found[0].raw_details).toContain("-- atlas:txmode none");
  });

  it("Atlas: a file whose header says txmode none runs outside a transaction: no finding", async () => {
    const found = await review(104, ATLAS_BASE, {
      "migrations/20240102000000_users_name_idx.sql": "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n",
      "migrations/atlas.sum": "h1:abd=\n20240101000000_create_users.sql h1:def=\n20240102000000_users_name_idx.sql h1:ghi=\n",
    });
    expect(found).toEqual([]);
  });
});
