/**
 * diesel's layout through `migguard lint` (README: Frameworks and layouts): a folder per migration
 * (`<version>_<name>/up.sql` + `down.sql`), run in a transaction unless the folder's metadata.toml says
 * `run_in_transaction = false`. A CONCURRENTLY statement needs a migration folder of its own with that metadata.toml,
 * and a follow-up (a VALIDATE) is a new folder, never a file inside an existing migration's folder.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const M = "server/migrations";
const repo = (files: Record<string, string>): string => new Repo().write({ "server/diesel.toml": '[print_schema]\nfile = "src/data/schema.rs"\n', ...files }).commit("app").root;

const lint = async (root: string) =>
  (JSON.parse((await run(["lint", "--format", "json", M], { cwd: root })).output) as { findings: Array<{ rule: string; path: string; line: number; fix: string }> }).findings;

const base = {
  [`${M}/2024-02-20-000000_datasets/up.sql`]: "CREATE TABLE datasets (id uuid PRIMARY KEY);\nCREATE TABLE chunk_group (id uuid PRIMARY KEY, dataset_id uuid);\n",
  [`${M}/2024-02-20-000000_datasets/down.sql`]: "DROP TABLE chunk_group;\nDROP TABLE datasets;\n",
};

describe("diesel migrations", () => {
  it("CONCURRENTLY alone in up.sql fails in diesel's transaction; with metadata.toml's run_in_transaction = false it runs", async () => {
    const index = { [`${M}/2024-03-01-120000_group-index/up.sql`]: "CREATE INDEX CONCURRENTLY chunk_group_dataset_idx ON chunk_group (dataset_id);\n", [`${M}/2024-03-01-120000_group-index/down.sql`]: "DROP INDEX chunk_group_dataset_idx;\n" };
    const inTransaction = (await lint(repo({ ...base, ...index }))).filter((f) => f.rule === "concurrently-in-transaction");
    expect(inTransaction.map((f) => f.path)).toEqual([`${M}/2024-03-01-120000_group-index/up.sql`]);
    expect(inTransaction[0].fix).toContain(`${M}/2024-03-01-120001_group-index_concurrently/metadata.toml holding: run_in_transaction = false`);
    const outside = await lint(repo({ ...base, ...index, [`${M}/2024-03-01-120000_group-index/metadata.toml`]: "run_in_transaction = false\n" }));
    expect(outside.filter((f) => f.rule === "concurrently-in-transaction")).toEqual([]);
  });

  it("a foreign key's VALIDATE goes to a new migration folder, not into the folder of the migration it follows", async () => {
    const findings = await lint(
      repo({
        ...base,
        [`${M}/2024-02-24-005958_add-dataset-foreign-key/up.sql`]: "ALTER TABLE chunk_group ADD CONSTRAINT chunk_group_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES datasets (id);\n",
        [`${M}/2024-02-24-005958_add-dataset-foreign-key/down.sql`]: "ALTER TABLE chunk_group DROP CONSTRAINT chunk_group_dataset_id_fkey;\n",
      }),
    );
    const fix = findings.find((f) => f.rule === "constraint-without-not-valid")!.fix;
    expect(fix).toContain(`-- then a new migration, ${M}/2024-02-24-005959_validate_chunk_group_dataset_id_fkey/up.sql:\nALTER TABLE chunk_group VALIDATE CONSTRAINT chunk_group_dataset_id_fkey;`);
    expect(fix).not.toContain("golang-migrate");
  });

  it("a statement moved out of diesel's transaction goes to a new folder after the newest, never at a version a later migration holds (lemmy's 000041 beside 000042)", async () => {
    const findings = await lint(
      repo({
        ...base,
        [`${M}/2024-02-21-000000_group-name-index/up.sql`]: "CREATE INDEX chunk_group_dataset_idx ON chunk_group (dataset_id);\n",
        [`${M}/2025-08-01-000041_remove-aggregate-tables/up.sql`]: "DROP INDEX chunk_group_dataset_idx;\n",
        [`${M}/2025-08-01-000041_remove-aggregate-tables/down.sql`]: "CREATE INDEX chunk_group_dataset_idx ON chunk_group (dataset_id);\n",
        [`${M}/2025-08-01-000042_community-hidden-visibility/up.sql`]: "ALTER TABLE datasets ADD COLUMN visibility text;\n",
        [`${M}/2025-08-01-000042_community-hidden-visibility/down.sql`]: "ALTER TABLE datasets DROP COLUMN visibility;\n",
      }),
    );
    const drop = findings.find((f) => f.rule === "drop-index-without-concurrently" && f.path === `${M}/2025-08-01-000041_remove-aggregate-tables/up.sql`)!;
    expect(drop.fix).toContain(`-- migration, ${M}/2025-08-01-000043_remove-aggregate-tables_concurrently/up.sql, with ${M}/2025-08-01-000043_remove-aggregate-tables_concurrently/metadata.toml holding: run_in_transaction = false`);
    expect(drop.fix).not.toContain("2025-08-01-000042_remove-aggregate-tables");
  });

  it("require-lock-timeout's SET LOCAL names diesel's transaction", async () => {
    const findings = await lint(repo({ ...base, [`${M}/2024-03-02-000000_group-name/up.sql`]: "ALTER TABLE chunk_group ADD COLUMN name text;\n", [`${M}/2024-03-02-000000_group-name/down.sql`]: "ALTER TABLE chunk_group DROP COLUMN name;\n" }));
    expect(findings.find((f) => f.rule === "require-lock-timeout")?.fix).toBe(
      "SET LOCAL lock_timeout = '5s';  -- first statement of the migration: diesel runs the migration in a transaction, and SET LOCAL ends with it, so the setting does not stay on the connection",
    );
  });
});
