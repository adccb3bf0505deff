/**
 * `migguard lint` on a golang-migrate project whose deploy runs the CLI with its database URL quoted, as most do (the
 * URL holds `?` and `&`): `migrate -path /migrations -database "$DATABASE_URL" up`. The command is read from the
 * shell's words (deploy/golang-migrate-cli.ts), so the quotes change nothing: a container that migrates and then
 * starts the server is an offline deploy (the drop's error becomes the data loss's warning), so is a one-replica
 * StatefulSet whose init container migrates (a rename is a note), and a workflow that pushes the code before it
 * migrates is a code-first one (a rename's finding is the new code's). A Dockerfile's CMD names a Node server here:
 * a Go binary (`/app/server`) is not read as a server start.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const USERS = "CREATE TABLE users (id bigint PRIMARY KEY, nickname text);\n";

const lint = async (files: Record<string, string>, change = "ALTER TABLE users DROP COLUMN nickname;\n") => {
  const root = new Repo()
    .write({ "migrations/000001_users.up.sql": USERS, "migrations/000001_users.down.sql": "DROP TABLE users;\n", "migrations/000002_change.up.sql": change, "migrations/000002_change.down.sql": "SELECT 1;\n", ...files })
    .commit("app").root;
  const result = await run(["lint", "--format", "json", "migrations"], { cwd: root });
  return (JSON.parse(result.output) as { findings: Array<{ path: string; rule: string; severity: string; message: string }> }).findings.filter((f) => f.path === "migrations/000002_change.up.sql");
};

const ENTRYPOINT_IMAGE = 'FROM alpine:3.20\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["/app/server"]\n';
const entrypoint = (migrate: string) => ({ Dockerfile: ENTRYPOINT_IMAGE, "docker-entrypoint.sh": `#!/bin/sh\nset -e\n${migrate}\nexec "$@"\n` });

describe("migguard lint: golang-migrate's CLI with a quoted database URL", () => {
  it.each([
    ["an entrypoint, double quotes", entrypoint('migrate -path /migrations -database "$DATABASE_URL" up'), "docker-entrypoint.sh:3"],
    ["an entrypoint, single quotes around ${DB_URL}", entrypoint("migrate -path /migrations -database '${DB_URL}' up"), "docker-entrypoint.sh:3"],
    ["an entrypoint, -database=\"$URL\" and -path=", entrypoint('migrate -path=/migrations -database="$URL" -verbose up'), "docker-entrypoint.sh:3"],
    ["an entrypoint, the command over two lines", entrypoint('/usr/local/bin/migrate -path /migrations \\\n  -database "$DATABASE_URL" up'), "docker-entrypoint.sh:3"],
    ["a Dockerfile CMD in shell form", { Dockerfile: 'FROM alpine:3.20\nCMD migrate -path /migrations -database "$DATABASE_URL" up && node dist/main.js\n' }, "Dockerfile:2"],
    ["a Dockerfile CMD in exec form through sh -c", { Dockerfile: 'FROM alpine:3.20\nCMD ["sh", "-c", "migrate -path /migrations -database \\"$DATABASE_URL\\" up && node dist/main.js"]\n' }, "Dockerfile:2"],
  ])("%s: read as the migration, then the server starts: the drop is the data loss's warning", async (_name, files, line) => {
    const drop = (await lint(files)).find((f) => f.rule === "drop-column")!;
    expect(drop.severity).toBe("warning");
    expect(drop.message).toContain(`No running code reads it then (${line}:`);
  });

  it("a `down`, or an up without a source, is no migration: the drop stays an error", async () => {
    for (const migrate of ['migrate -path /migrations -database "$DATABASE_URL" down 1', 'migrate -database "$DATABASE_URL" up', 'echo migrate -path /migrations -database "$DATABASE_URL" up']) {
      const drop = (await lint(entrypoint(migrate))).find((f) => f.rule === "drop-column")!;
      expect([migrate, drop.severity]).toEqual([migrate, "error"]);
    }
  });

  it("a Kubernetes StatefulSet of one replica whose init container runs it through sh -c: nothing old serves while it migrates, the rename is a note", async () => {
    const manifest = [
      "apiVersion: apps/v1",
      "kind: StatefulSet",
      "spec:",
      "  replicas: 1",
      "  template:",
      "    spec:",
      "      initContainers:",
      "        - name: migrate",
      '          command: ["sh", "-c", "migrate -path /migrations -database \\"$DATABASE_URL\\" up"]',
      "      containers:",
      "        - name: web",
      "",
    ].join("\n");
    const rename = (await lint({ "k8s/app.yaml": manifest }, "ALTER TABLE users RENAME COLUMN nickname TO handle;\n")).find((f) => f.rule === "rename-column")!;
    expect(rename.severity).toBe("info");
    expect(rename.message).toContain("k8s/app.yaml:9");
  });

  it("a deploy workflow that pushes the code, then migrates with the URL from a secret: a code-first deploy, the rename is the new code's", async () => {
    const workflow = [
      "name: Deploy",
      "on:",
      "  push:",
      "    branches: [main]",
      "jobs:",
      "  deploy:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: cf push app --strategy rolling",
      '      - run: migrate -path migrations -database "${{ secrets.DATABASE_URL }}" up',
      "",
    ].join("\n");
    const rename = (await lint({ ".github/workflows/deploy.yml": workflow }, "ALTER TABLE users RENAME COLUMN nickname TO handle;\n")).find((f) => f.rule === "rename-column")!;
    expect(rename.message).toContain("the deploy puts the new code live before this migration runs (.github/workflows/deploy.yml:10:");
  });
});
