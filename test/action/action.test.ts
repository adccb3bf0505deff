/**
 * The GitHub Action's entry point on a temporary git repository with a pull request that adds a dangerous
 * migration: workflow-command annotations, a SARIF file valid against SARIF 2.1.0, outputs, job summary and
 * the step's exit code.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { runAction } from "../../src/action/run.js";
import { workflowCommand } from "../../src/action/workflow-commands.js";

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" } }).trim();
const write = (root: string, path: string, content: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};

function pullRequest(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "migguard-action-"));
  git(root, "init", "-q", "-b", "main");
  write(root, "migrations/000001_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);\n");
  write(root, "migrations/000001_create_users.down.sql", "DROP TABLE users;\n");
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "base");
  const base = git(root, "rev-parse", "HEAD");
  git(root, "checkout", "-q", "-b", "feature");
  for (const [path, content] of Object.entries(files)) write(root, path, content);
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "change");
  const out = mkdtempSync(join(tmpdir(), "migguard-action-out-"));
  const event = join(out, "event.json");
  writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { sha: base } } }));
  const env = { GITHUB_EVENT_PATH: event, GITHUB_OUTPUT: join(out, "output"), GITHUB_STEP_SUMMARY: join(out, "summary"), GITHUB_WORKSPACE: root, "INPUT_SARIF-FILE": "migguard.sarif", "INPUT_FAIL-ON": "error" };
  writeFileSync(env.GITHUB_OUTPUT, "");
  writeFileSync(env.GITHUB_STEP_SUMMARY, "");
  return { root, env };
}

describe("GitHub Action", () => {
  it("annotates the dangerous lines, writes valid SARIF and fails the step", async () => {
    const { root, env } = pullRequest({
      "migrations/000002_drop_phone.up.sql": "-- SMS login is gone\nALTER TABLE users DROP COLUMN phone_number;\n",
      "migrations/000002_drop_phone.down.sql": "ALTER TABLE users ADD COLUMN phone_number text;\n",
    });
    const result = await runAction(env, root);
    expect(result.exitCode).toBe(1);
    const errors = result.log.filter((l) => l.startsWith("::error "));
    expect(errors).toEqual([expect.stringMatching(/^::error file=migrations\/000002_drop_phone\.up\.sql,line=2,endLine=2,title=migguard drop-column::Dropping column users\.phone_number/)]);
    expect(errors[0]).toContain("%0A%0ASafe alternative:%0A"); // multi-line message escaped for the runner

    const sarif = JSON.parse(readFileSync(join(root, "migguard.sarif"), "utf8"));
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, "..", "schemas", "sarif-2.1.0.json"), "utf8"));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain("drop-column");

    expect(readFileSync(env.GITHUB_OUTPUT, "utf8")).toContain("errors=1\n");
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, "utf8")).toContain("`migrations/000002_drop_phone.up.sql:2`");
  });

  it("passes a safe change", async () => {
    const { root, env } = pullRequest({
      "migrations/000002_add_bio.up.sql": "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;\n",
      "migrations/000002_add_bio.down.sql": "ALTER TABLE users DROP COLUMN bio;\n",
    });
    const result = await runAction(env, root);
    expect(result.log.filter((l) => l.startsWith("::error"))).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it("fails the step on a migration it could not analyse: a symbolic link is never followed out of the checkout", async () => {
    const { root, env } = pullRequest({ "migrations/000002_add_bio.down.sql": "ALTER TABLE users DROP COLUMN bio;\n" });
    write(root, ".git/token", "AUTHORIZATION: basic secret\n");
    symlinkSync("../.git/token", join(root, "migrations/000002_add_bio.up.sql"));
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "link");
    const result = await runAction(env, root);
    expect(result.log.filter((l) => l.startsWith("::error "))).toEqual([]);
    expect(result.log).toContainEqual(expect.stringMatching(/^::warning file=migrations\/000002_add_bio\.up\.sql,title=migguard skipped a file::a symbolic link: migguard never follows links/));
    expect(result.log.join("\n")).not.toContain("secret");
    expect(result.log.at(-1)).toContain("0 error(s), 0 warning(s), 1 file(s) not analysed");
    expect(result.exitCode).toBe(1);
    expect((await runAction({ ...env, "INPUT_FAIL-ON": "never" }, root)).exitCode).toBe(0);
  });

  it("escapes workflow command properties and data", () => {
    expect(workflowCommand("error", { file: "a,b:c.sql", line: 3 }, "50% done\nnext")).toBe("::error file=a%2Cb%3Ac.sql,line=3::50%25 done%0Anext");
  });
});
