/**
 * `migguard lint` on a Node app whose container runs `npm start`, and whose package.json start script applies the
 * Prisma migrations before the server starts: the index built without CONCURRENTLY is a note naming the script's
 * line in package.json; a start script that serves without migrating keeps the error.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const manifest = (start: string) => `${JSON.stringify({ name: "app", private: true, scripts: { build: "tsc", start }, dependencies: { "@prisma/client": "^6.0.0" } }, null, 2)}\n`;
const app = {
  "package.json": manifest("prisma migrate deploy && node dist/server.js"),
  Dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["npm", "start"]\n',
  "prisma/migrations/20250101000000_init/migration.sql": 'CREATE TABLE "User" (id serial PRIMARY KEY, email text NOT NULL);\n',
  "prisma/migrations/20250201000000_user_email/migration.sql": 'CREATE INDEX "User_email_idx" ON "User" (email);\n',
};
const MIGRATION = "prisma/migrations/20250201000000_user_email/migration.sql";
const indexFinding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
};

describe("a Node app that migrates in its start script, through the CLI", () => {
  it("lint: `npm start` runs prisma migrate deploy then the server: a note naming package.json's start line; without the migration, an error", async () => {
    const repo = new Repo().write(app).commit("app");
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (package.json:6 runs the migrations") });
    expect((await run(["lint", MIGRATION], { cwd: repo.root })).output).toContain("deploy: read as offline: package.json:6: the `start` script, which the container runs (`npm start`)");
    repo.write({ "package.json": manifest("node dist/server.js") }).commit("migrate apart");
    expect(await indexFinding(repo)).toMatchObject({ severity: "error" });
  });
  it("lint: npm-run-all runs a Node script that execs prisma migrate deploy, then the server: a note naming the script the container runs", async () => {
    const scripts = { "start-docker": "npm-run-all check-db start-server", "check-db": "node scripts/check-db.js", "start-server": "node server.js" };
    const repo = new Repo()
      .write({
        ...app,
        "package.json": `${JSON.stringify({ name: "app", scripts, dependencies: { prisma: "^6.0.0", "npm-run-all": "^4.1.5" } }, null, 2)}\n`,
        Dockerfile: 'FROM node:22-slim\nCOPY . .\nCMD ["pnpm", "start-docker"]\n',
        "scripts/check-db.js": "import { execSync } from 'node:child_process';\n\nexecSync('prisma migrate deploy', { stdio: 'inherit' });\n",
      })
      .commit("app");
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (package.json:4 runs the migrations") });
    repo.write({ "scripts/check-db.js": "console.log('the database is up');\n" }).commit("no migration at start");
    expect(await indexFinding(repo)).toMatchObject({ severity: "error" });
  });
});
