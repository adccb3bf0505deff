/**
 * README "Frameworks and layouts", Atlas: a folder of Atlas's versioned migrations (atlas.sum beside them) through
 * `migguard lint`. Atlas runs each file in a transaction, so CONCURRENTLY there fails and the fix is the file's
 * `-- atlas:txmode none` header; a file with that header takes it; no file has a down, and none is asked for; a fix's
 * new migration is named after the newest version and says to run `atlas migrate hash`. Without atlas.sum the same
 * files are plain SQL, run outside a transaction. `migguard review` reads atlas.sum from the branch's tree the same way.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { featureBranchOn, reviewJson, type Finding } from "./support/review-repo.js";

const tree = (files: Record<string, string>) => fileTree(files, "migguard-atlas-");


const FOLDER = {
  "migrations/20240101000000_create_users.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text, name text);\n",
  "migrations/20240102000000_users_name_idx.sql": "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n",
  "migrations/20240103000000_users_email_idx.sql": "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n",
  "migrations/20240104000000_users_name_key.sql": "ALTER TABLE users ADD CONSTRAINT users_name_key UNIQUE (name);\n",
};
const SUM = { "migrations/atlas.sum": "h1:abc=\n20240101000000_create_users.sql h1:def=\n" };

const lint = async (root: string, path: string) => {
  const result = await run(["lint", "--format", "json", path], { cwd: root });
  return JSON.parse(result.output) as { findings: Finding[]; errors: unknown[] };
};

const rulesOf = (findings: Finding[], file: string) => findings.filter((f) => f.path.endsWith(file)).map((f) => f.rule);

describe("migguard lint: an Atlas folder", () => {
  it("runs each file in Atlas's transaction unless its header says txmode none, and asks for no down", async () => {
    const { findings, errors } = await lint(tree({ ...FOLDER, ...SUM }), "migrations");
    expect(errors).toEqual([]);
    const cic = findings.find((f) => f.path.endsWith("20240102000000_users_name_idx.sql") && f.rule === "concurrently-in-transaction");
    expect(cic).toMatchObject({ line: 1, severity: "error" });
    expect(cic!.fix).toContain("-- atlas:txmode none");
    expect(cic!.fix).toContain("atlas migrate hash");
    expect(rulesOf(findings, "20240103000000_users_email_idx.sql")).not.toContain("concurrently-in-transaction");
    expect(findings.map((f) => f.rule)).not.toContain("missing-down");
    // the constraint's second step is a new file after the newest version, and atlas.sum must list it
    const unique = findings.find((f) => f.rule === "unique-constraint-without-index");
    expect(unique!.fix).toContain("then a new migration, migrations/20240104000001_unique_users_name_key.sql:\n-- a new file: run `atlas migrate hash`");
  });

  it("reads atlas.sum beside a file named alone; without it the folder is plain SQL", async () => {
    const named = await lint(tree({ ...FOLDER, ...SUM }), "migrations/20240102000000_users_name_idx.sql");
    expect(rulesOf(named.findings, "20240102000000_users_name_idx.sql")).toContain("concurrently-in-transaction");
    const plain = await lint(tree(FOLDER), "migrations");
    expect(rulesOf(plain.findings, "20240102000000_users_name_idx.sql")).not.toContain("concurrently-in-transaction");
  });

  it("review: a new file of the pull request in the folder atlas.sum marks runs in Atlas's transaction", async () => {
    const repo = featureBranchOn({ ...SUM, "migrations/20240101000000_create_users.sql": FOLDER["migrations/20240101000000_create_users.sql"] });
    repo.write({ "migrations/20240102000000_users_name_idx.sql": FOLDER["migrations/20240102000000_users_name_idx.sql"], "migrations/atlas.sum": `${SUM["migrations/atlas.sum"]}20240102000000_users_name_idx.sql h1:ghi=\n` }).commit("index");
    const { findings } = await reviewJson(repo);
    expect(findings.find((f) => f.rule === "concurrently-in-transaction")?.fix).toContain("-- atlas:txmode none");
  });
});
