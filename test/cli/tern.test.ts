/**
 * README "Frameworks and layouts", tern: a folder of jackc/tern migrations through `migguard lint`. The statements
 * after `---- create above / drop below ----` are the down, not more of the up; tern runs each direction in a
 * transaction, so CONCURRENTLY there fails and the fix is `---- tern: disable-tx ----`; a file without the separator
 * is tern's when tern.conf marks its folder (then it has no down), also when the file is named alone; a fix's new
 * migration is the folder's next number.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import type { Finding } from "./support/review-repo.js";

const tree = (files: Record<string, string>) => fileTree(files, "migguard-tern-");


const SEPARATOR = "---- create above / drop below ----";
const FOLDER = {
  "db/migrations/001_create_users.sql": `CREATE TABLE users (id bigint PRIMARY KEY, email text, name text);\n\n${SEPARATOR}\n\nDROP TABLE users;\n`,
  "db/migrations/002_drop_email.sql": `ALTER TABLE users DROP COLUMN email;\n\n${SEPARATOR}\n\nALTER TABLE users ADD COLUMN email text;\n`,
  "db/migrations/003_users_name_idx.sql": `CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n\n${SEPARATOR}\n\nDROP INDEX users_name_idx;\n`,
  "db/migrations/004_users_id_name_idx.sql": `---- tern: disable-tx ----\nCREATE INDEX CONCURRENTLY users_id_name_idx ON users (id, name);\n\n${SEPARATOR}\n\n---- tern: disable-tx ----\nDROP INDEX CONCURRENTLY users_id_name_idx;\n`,
  "db/migrations/005_users_name_key.sql": "ALTER TABLE users ADD CONSTRAINT users_name_key UNIQUE (name);\n",
};

const lint = async (root: string, path: string) => {
  const result = await run(["lint", "--format", "json", path], { cwd: root });
  return JSON.parse(result.output) as { findings: Finding[]; errors: unknown[] };
};

describe("migguard lint: a tern folder", () => {
  it("reads the up above the separator, tern's transaction per direction, and tern.conf's folder", async () => {
    const root = tree({ ...FOLDER, "db/migrations/tern.conf": "[database]\nhost = 127.0.0.1\n" });
    const { findings, errors } = await lint(root, "db/migrations");
    expect(errors).toEqual([]);
    const at = (file: string) => findings.filter((f) => f.path.endsWith(file) && f.severity !== "info");

    // the down's ADD COLUMN is the rollback, not a re-add in the up: a drop, not "in effect a change of type"
    const drop = at("002_drop_email.sql").find((f) => f.rule === "drop-column");
    expect(drop).toMatchObject({ line: 1, severity: "error" });
    expect(drop!.message).not.toContain("adds email");
    expect(at("002_drop_email.sql").some((f) => f.line === 5)).toBe(false);

    // tern runs the up in a transaction: CONCURRENTLY fails there, and the fix is the disable-tx line
    const cic = at("003_users_name_idx.sql").find((f) => f.rule === "concurrently-in-transaction");
    expect(cic).toMatchObject({ line: 1, severity: "error" });
    expect(cic!.fix).toContain("---- tern: disable-tx ----");
    expect(at("004_users_id_name_idx.sql").map((f) => f.rule)).not.toContain("concurrently-in-transaction");

    // no separator, but tern.conf marks the folder: tern's, without a down; the new migration is the next number
    const missing = at("005_users_name_key.sql").find((f) => f.rule === "missing-down");
    expect(missing!.message).toContain(`no \`${SEPARATOR}\` line: tern cannot roll it back`);
    expect(missing!.fix).toContain(`${SEPARATOR}\nALTER TABLE users DROP CONSTRAINT users_name_key;`);
    const unique = at("005_users_name_key.sql").find((f) => f.rule === "unique-constraint-without-index");
    expect(unique!.fix).toContain("---- tern: disable-tx ----");
    expect(unique!.fix).toContain("then a new migration, db/migrations/006_unique_users_name_key.sql");
  });

  it("reads tern.conf beside a file named alone, and the separator without tern.conf", async () => {
    const marked = await lint(tree({ ...FOLDER, "db/migrations/tern.conf": "[database]\n" }), "db/migrations/005_users_name_key.sql");
    expect(marked.findings.find((f) => f.rule === "missing-down")!.message).toContain("tern cannot roll it back");
    // no tern.conf: the separator alone makes 003 tern's (its transaction refuses CONCURRENTLY); 005 is plain SQL
    const unmarked = await lint(tree(FOLDER), "db/migrations");
    expect(unmarked.findings.filter((f) => f.path.endsWith("003_users_name_idx.sql")).map((f) => f.rule)).toContain("concurrently-in-transaction");
    expect(unmarked.findings.filter((f) => f.path.endsWith("005_users_name_key.sql")).map((f) => f.rule)).not.toContain("missing-down");
  });

  it("reads a marked folder's listing once for several of its files named alone, and each other folder's for its own", async () => {
    const root = tree({ ...FOLDER, "db/migrations/tern.conf": "[database]\n", "other/001_users_key.sql": FOLDER["db/migrations/005_users_name_key.sql"] });
    const result = await run(["lint", "--format", "json", "db/migrations/003_users_name_idx.sql", "db/migrations/005_users_name_key.sql", "other/001_users_key.sql"], { cwd: root });
    const { findings, errors } = JSON.parse(result.output) as { findings: Finding[]; errors: unknown[] };
    expect(errors).toEqual([]);
    const rules = (file: string) => findings.filter((f) => f.path === file).map((f) => f.rule);
    // the second file of the marked folder is tern's as the first is; the folder without tern.conf stays plain SQL
    expect(rules("db/migrations/005_users_name_key.sql")).toContain("missing-down");
    expect(findings.find((f) => f.path === "db/migrations/005_users_name_key.sql" && f.rule === "missing-down")!.message).toContain("tern cannot roll it back");
    expect(rules("other/001_users_key.sql")).not.toContain("missing-down");
  });
});
