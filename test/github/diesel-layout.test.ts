/**
 * The README's diesel layout through the App: a folder per migration (`<version>_<name>/up.sql` + `down.sql`) runs in
 * diesel's transaction unless the folder's metadata.toml says `run_in_transaction = false`, and the App reads that
 * file as the CLI does. Signed webhooks over HTTP, the local GitHub API checking every request against GitHub's
 * OpenAPI description; the check run as users see it.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const M = "server/migrations";
const INDEX = `${M}/2024-03-01-120000_group-index`;

const BASE: Record<string, string> = {
  "README.md": "# Search\n",
  "server/diesel.toml": '[print_schema]\nfile = "src/data/schema.rs"\n',
  [`${M}/2024-02-20-000000_datasets/up.sql`]: "CREATE TABLE datasets (id uuid PRIMARY KEY);\nCREATE TABLE chunk_group (id uuid PRIMARY KEY, dataset_id uuid);\n",
  [`${M}/2024-02-20-000000_datasets/down.sql`]: "DROP TABLE chunk_group;\nDROP TABLE datasets;\n",
};

const ADDED = {
  [`${INDEX}/up.sql`]: "CREATE INDEX CONCURRENTLY chunk_group_dataset_idx ON chunk_group (dataset_id);\n",
  [`${INDEX}/down.sql`]: "DROP INDEX chunk_group_dataset_idx;\n",
};

let s: Scenario | undefined;
useScenario();

async function review(pull: number, files: Record<string, string>) {
  s = await startScenario({ baseFiles: BASE });
  const head = s.openPull(pull, files);
  expect((await s.pullRequest("opened", pull)).status).toBe(200);
  const run = s.fake.checkRunsFor(head).at(-1)!;
  expect(run).toMatchObject({ status: "completed" });
  return run.annotations.filter((a) => a.title.startsWith("concurrently-in-transaction"));
}

describe("diesel migrations through the App", () => {
  it("CONCURRENTLY alone in up.sql fails in diesel's transaction, and the fix is a folder of its own with metadata.toml", async () => {
    const found = await review(81, ADDED);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: `${INDEX}/up.sql`, start_line: 1, annotation_level: "failure" });
    expect(found[0].raw_details).toContain("metadata.toml holding: run_in_transaction = false");
  });

  it("the folder's metadata.toml saying run_in_transaction = false lets it run: no finding", async () => {
    expect(await review(82, { ...ADDED, [`${INDEX}/metadata.toml`]: "run_in_transaction = false\n" })).toEqual([]);
  });
});
