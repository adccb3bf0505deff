/**
 * The README's scheduled drift workflow (.github/workflows/migguard-drift.yml), step by step as a runner runs
 * it: the consumer repository is the workspace, migguard is a fresh clone of this repository at HEAD in
 * `.migguard` (the second checkout), every `run` step goes to bash with the step's `env`, the secret is the URL
 * of a real PostgreSQL server (Debian's binaries) where the migrations were applied and an index was then
 * added by hand. The `uses:` steps after the checkouts (upload-artifact, upload-sarif) only read the files the
 * steps wrote: the test checks those. Needs the npm registry (the step's `npm ci`), as CI has.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import pg from "pg";
import { parse } from "yaml";
import { parseSnapshot } from "../../src/engine/production/snapshot-file.js";
import { postgresBinDir, startLocalPostgres, type LocalPostgres } from "../../src/execute/testing/local-postgres.js";
import { consumerRepo, git, HEAD, outputOf, ROOT, runAsUser } from "./support/checkout.js";

const describeIfServer = postgresBinDir() ? describe : describe.skip;

interface Step {
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  env?: Record<string, string>;
  name?: string;
}

/** The workflow as the README shows it (the YAML block that starts with its file name). */
function readmeWorkflow(): { on: Record<string, unknown>; jobs: { drift: { steps: Step[] } } } {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((text) => text.startsWith("# .github/workflows/migguard-drift.yml"));
  if (!block) throw new Error("README.md has no ```yaml block for .github/workflows/migguard-drift.yml");
  return parse(block);
}

let server: LocalPostgres | undefined;
afterAll(async () => {
  await server?.stop();
});

describeIfServer("README's scheduled drift workflow", () => {
  it("snapshots production read-only, keeps the file, and fails the job with SARIF naming the hand-made index", async () => {
    const workflow = readmeWorkflow();
    expect(workflow.on).toHaveProperty("schedule");
    const steps = workflow.jobs.drift.steps;
    // the two checkouts: the workspace, then migguard at the path the run steps use
    expect(steps.slice(0, 2).map((s) => s.uses)).toEqual(["actions/checkout@v4", "actions/checkout@v4"]);
    expect(steps[1].with).toMatchObject({ repository: "migguard/migguard", path: ".migguard" });

    const migrations = {
      "db/migrations/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
      "db/migrations/000001_users.down.sql": "DROP TABLE users;\n",
    };
    const { root } = consumerRepo(migrations);
    git(root, "clone", "--quiet", ROOT, ".migguard");
    git(join(root, ".migguard"), "checkout", "--quiet", HEAD);

    server = await startLocalPostgres();
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      await client.query(migrations["db/migrations/000001_users.up.sql"]);
      await client.query("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
      await client.query("INSERT INTO schema_migrations VALUES (1, false)");
      // the hotfix nobody wrote a migration for
      await client.query("CREATE INDEX users_email_lower_idx ON users (lower(email))");
      await client.query("ANALYZE");
    } finally {
      await client.end();
    }

    const secrets: Record<string, string> = { PRODUCTION_READONLY_URL: server.url };
    const expand = (value: string) => value.replace(/\$\{\{\s*secrets\.(\w+)\s*\}\}/g, (_, name: string) => secrets[name] ?? "");
    const statuses: Array<[string, number | null]> = [];
    for (const step of steps.slice(2).filter((s) => s.run)) {
      const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, expand(value)]));
      const run = runAsUser("bash", ["-e", "-c", step.run!], { cwd: root, env, timeoutMs: 600_000 });
      statuses.push([step.name ?? step.run!, run.status]);
      if (run.status !== 0 && !step.name?.startsWith("drift")) throw new Error(`step "${step.name ?? step.run}" failed:\n${outputOf(run)}`);
    }
    // every step but drift succeeds; drift fails the job because production has an index no migration makes
    expect(statuses.map(([, status]) => status)).toEqual([0, 0, 1]);

    // what upload-artifact keeps: a valid snapshot that saw the hotfix
    const artifact = steps.find((s) => s.uses?.startsWith("actions/upload-artifact"))!;
    const snapshot = parseSnapshot(readFileSync(join(root, artifact.with!.path), "utf8"));
    expect(snapshot.schema.some((o) => o.name === "public.users_email_lower_idx")).toBe(true);

    // what upload-sarif sends to code scanning: valid SARIF, one result, the hand-made index
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))!;
    const sarif = JSON.parse(readFileSync(join(root, upload.with!.sarif_file), "utf8"));
    const schema = JSON.parse(readFileSync(join(ROOT, "test", "schemas", "sarif-2.1.0.json"), "utf8"));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif.runs[0].results.map((r: { ruleId: string; message: { text: string } }) => [r.ruleId, r.message.text])).toEqual([
      ["schema-drift", expect.stringContaining("index users_email_lower_idx exists in production but no migration creates it")],
    ]);
  }, 900_000);
});
