/**
 * rename-column's expand/contract fix builds the old column's indexes again on the new one, under a temporary name
 * while the old index holds the final one (carried-indexes.ts). A 63-byte index name (concourse's) cut back to 63
 * bytes with `_new2` was the same name again, and the search for a free one never ended: lint hung.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-long-index-");

describe("rename-column with a 63-byte index name", () => {
  it("carries the index under a numbered temporary name within 63 bytes, and returns", async () => {
    const name = "index_build_resource_config_version_inputs_on_resource_config_x";
    expect(Buffer.byteLength(name)).toBe(63);
    const cwd = repo({
      "db/migrations/001_init.up.sql": `CREATE TABLE build_inputs (id bigserial PRIMARY KEY, resource_id integer);\nCREATE INDEX ${name} ON build_inputs (resource_id);\n`,
      "db/migrations/002_rename.up.sql": "ALTER TABLE build_inputs RENAME COLUMN resource_id TO resource_config_id;\n",
    });
    const { findings } = JSON.parse((await run(["lint", "--format", "json", "db/migrations"], { cwd })).output) as { findings: Array<{ rule: string; fix: string }> };
    const fix = findings.find((f) => f.rule === "rename-column")!.fix;
    const temporary = /CREATE INDEX CONCURRENTLY (\w+) ON build_inputs \(resource_config_id\)/.exec(fix)?.[1];
    expect(temporary).toBe("index_build_resource_config_version_inputs_on_resource_con_new2");
    expect(Buffer.byteLength(temporary!)).toBeLessThanOrEqual(63);
    expect(fix).toContain(`ALTER INDEX ${temporary} RENAME TO ${name};`);
  }, 30_000);
});
