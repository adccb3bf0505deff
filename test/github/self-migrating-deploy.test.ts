/**
 * The deploy model through the App for an application that migrates itself at start from code not named for it:
 * a Go module whose internal/bootstrap/db.go runs its embedded golang-migrate migrations (or goose, from a wrapper whose
 * embed FS is another package of the module), and a Node project whose
 * src/index.ts awaits drizzle's migrator in src/db/migrate.ts before it listens, or a workspace package whose
 * apps/api/src/main.ts waits for `npx prisma migrate deploy` run through child_process (peppermint); and a Rails initializer named for
 * migrating (docuseal's), fetched by its name like the other deploy files; and a Rust workspace whose root Cargo.toml
 * names diesel_migrations, whose crate runs them from crates/db/src/schema_setup/mod.rs (lemmy's layout). The App reads the Go and Node code from ONE
 * tarball of the head (the engine's `planDeployCode`), so the index a pull request adds is the same note, naming
 * the same line, as `migguard review` gives on the same repository; a repository whose go.mod names no migrator
 * costs no tarball. Signed webhooks over HTTP against the local GitHub API, which checks every request against
 * GitHub's OpenAPI and serves tarballs through a redirect.
 */
import { describe, expect, it } from "@jest/globals";
import { featureBranchOn, reviewJson } from "../cli/support/review-repo.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";
import { GO_GOOSE_WRAPPER_APP, GO_MOD_WITH_MIGRATE, GO_SELF_MIGRATING_APP, RUST_DIESEL_WORKSPACE } from "../../src/engine/testing/deploy-fixtures.js";

const GO_APP: Record<string, string> = {
  "README.md": "# App\n",
  ...GO_SELF_MIGRATING_APP,
  "internal/api/handlers.go": 'package api\n\nimport "net/http"\n\nfunc Health(w http.ResponseWriter, r *http.Request) {}\n',
  "migrations/sql/000001_users.down.sql": "DROP TABLE users;\n",
};
const NODE_APP: Record<string, string> = {
  "README.md": "# App\n",
  "package.json": `${JSON.stringify({ name: "app", type: "module", scripts: { start: "node dist/index.js" }, dependencies: { "drizzle-orm": "^0.44.0", hono: "^4.0.0" } }, null, 2)}\n`,
  "src/index.ts": "import { runMigrations } from './db/migrate.js';\nimport { app } from './app.js';\n\nawait runMigrations();\napp.listen(8080);\n",
  "src/db/migrate.ts": "import { migrate } from 'drizzle-orm/node-postgres/migrator';\nimport { db } from './client.js';\n\nexport async function runMigrations() {\n  await migrate(db, { migrationsFolder: 'drizzle' });\n}\n",
  Dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["npm", "start"]\n',
  "migrations/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
  "migrations/000001_users.down.sql": "DROP TABLE users;\n",
};
/** peppermint's layout: the root package.json's workspaces hold apps/api, whose start file execs the migrate command */
const WORKSPACE_APP: Record<string, string> = {
  "README.md": "# Desk\n",
  "package.json": `${JSON.stringify({ private: true, name: "desk", workspaces: ["apps/*"] }, null, 2)}\n`,
  "apps/api/package.json": `${JSON.stringify({ name: "api", main: "dist/main.js", dependencies: { fastify: "^5.1.0" }, devDependencies: { prisma: "5.6.0" } }, null, 2)}\n`,
  "apps/api/src/main.ts":
    'import { exec } from "child_process";\nimport fastify from "fastify";\n\nconst server = fastify();\n\nconst start = async () => {\n  await new Promise<void>((resolve) => {\n    exec("npx prisma migrate deploy", () => resolve());\n  });\n  server.listen({ port: 5003 });\n};\n\nstart();\n',
  "docker-compose.yml": "services:\n  desk:\n    container_name: desk\n    image: desk/desk:latest\n",
  "apps/api/src/prisma/migrations/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
  "apps/api/src/prisma/migrations/000001_users.down.sql": "DROP TABLE users;\n",
};
const goIndex = (dir: string) => ({
  [`${dir}/000002_users_email.up.sql`]: "CREATE INDEX users_email ON users (email);\n",
  [`${dir}/000002_users_email.down.sql`]: "DROP INDEX users_email;\n",
});

let s: Scenario | undefined;
useScenario();

const tarballsSince = (from: number) => s!.fake.requests.slice(from).filter((r) => r.path.includes("/tarball/"));

/** The App's check for a pull request adding `added` on `base`, and the CLI's review of the same repository. */
async function bothEdges(base: Record<string, string>, added: Record<string, string>, number: number) {
  s = await startScenario({ baseFiles: base });
  const head = s.openPull(number, added);
  const from = s.fake.requests.length;
  expect((await s.pullRequest("opened", number)).status).toBe(200);
  const run = s.fake.checkRunsFor(head).at(-1)!;
  const cli = await reviewJson(featureBranchOn(base).write(added).commit("index users.email"));
  return { head, run, tarballs: tarballsSince(from), cli: cli.findings.find((f) => f.rule === "index-without-concurrently") };
}

describe("an application that migrates itself at start, read from the head's code", () => {
  it("Go: internal/bootstrap/db.go's m.Up() makes the index a notice naming its line, as `migguard review` does", async () => {
    const { head, run, tarballs, cli } = await bothEdges(GO_APP, goIndex("migrations/sql"), 81);
    expect(run).toMatchObject({ status: "completed", conclusion: "success" });
    expect(run.output.summary?.match(/\*\*Deploy:\*\* read as offline: `internal\/bootstrap\/db\.go:13`/g)).toHaveLength(1);
    const annotation = run.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
    expect(annotation).toMatchObject({ path: "migrations/sql/000002_users_email.up.sql", annotation_level: "notice" });
    expect(cli).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (internal/bootstrap/db.go:13 runs the migrations") });
    expect(annotation!.message).toContain(cli!.message);
    // the module's Go files came from one tarball of the head, through GitHub's redirect
    expect(tarballs.map((r) => r.path)).toEqual([expect.stringMatching(new RegExp(`/tarball/${head}$`))]);
  });

  it("Go: goose in a wrapper whose embed FS is another package (internal/store/open.go, db/sql/fs.go): the same notice in both edges", async () => {
    const added = { "db/sql/00002_users_email.sql": "-- +goose Up\nCREATE INDEX users_email ON users (email);\n\n-- +goose Down\nDROP INDEX users_email;\n" };
    const { run, tarballs, cli } = await bothEdges({ "README.md": "# App\n", ...GO_GOOSE_WRAPPER_APP }, added, 85);
    expect(run.conclusion).toBe("success");
    expect(run.output.summary?.match(/\*\*Deploy:\*\* read as offline: `internal\/store\/open\.go:10`/g)).toHaveLength(1);
    const annotation = run.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
    expect(annotation).toMatchObject({ annotation_level: "notice", message: expect.stringContaining("Offline deploy (internal/store/open.go:10 runs the migrations") });
    expect(cli?.severity).toBe("info");
    expect(annotation!.message).toContain(cli!.message);
    expect(tarballs).toHaveLength(1);
  });

  it("Node: src/index.ts awaits drizzle's migrator in src/db/migrate.ts before listen: the same notice in both edges", async () => {
    const { run, tarballs, cli } = await bothEdges(NODE_APP, goIndex("migrations"), 82);
    expect(run.conclusion).toBe("success");
    const annotation = run.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
    expect(annotation).toMatchObject({ annotation_level: "notice", message: expect.stringContaining("Offline deploy (src/db/migrate.ts:5 runs the migrations") });
    expect(cli?.severity).toBe("info");
    expect(annotation!.message).toContain(cli!.message);
    expect(tarballs).toHaveLength(1);
  });

  it("Node: a workspace package's apps/api/src/main.ts waits for `npx prisma migrate deploy` before listen (peppermint): fetched from the tarball, the same notice in both edges", async () => {
    const { run, tarballs, cli } = await bothEdges(WORKSPACE_APP, goIndex("apps/api/src/prisma/migrations"), 86);
    expect(run.conclusion).toBe("success");
    expect(run.output.summary?.match(/\*\*Deploy:\*\* read as offline: `apps\/api\/src\/main\.ts:8`/g)).toHaveLength(1);
    const annotation = run.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
    expect(annotation).toMatchObject({ annotation_level: "notice", message: expect.stringContaining("Offline deploy (apps/api/src/main.ts:8 runs the migrations") });
    expect(cli?.severity).toBe("info");
    expect(annotation!.message).toContain(cli!.message);
    expect(tarballs).toHaveLength(1);
  });

  it("Rails: docuseal's config/initializers/migrate.rb migrates at boot, one app container: the same notice in both edges, without a tarball", async () => {
    const base = {
      "README.md": "# App\n",
      Dockerfile: 'FROM ruby:3.4-alpine\nENV RAILS_ENV=production\nCMD ["/app/bin/bundle", "exec", "puma", "-C", "/app/config/puma.rb"]\n',
      "config/initializers/migrate.rb": "# frozen_string_literal: true\n\nRails.configuration.to_prepare do\n  ActiveRecord::Tasks::DatabaseTasks.migrate if ENV['RAILS_ENV'] == 'production'\nend\n",
      "db/migrate/20240101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n",
    };
    const added = { "db/migrate/20250201000000_index_users_email.rb": "class IndexUsersEmail < ActiveRecord::Migration[7.1]\n  def change\n    add_index :users, :email\n  end\nend\n" };
    const { run, tarballs, cli } = await bothEdges(base, added, 84);
    expect(run.conclusion).toBe("success");
    expect(run.output.summary?.match(/\*\*Deploy:\*\* read as offline: `config\/initializers\/migrate\.rb:4`/g)).toHaveLength(1);
    const annotation = run.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
    expect(annotation).toMatchObject({ annotation_level: "notice", message: expect.stringContaining("Offline deploy (config/initializers/migrate.rb:4 runs the migrations") });
    expect(cli?.severity).toBe("info");
    expect(annotation!.message).toContain(cli!.message);
    expect(tarballs).toEqual([]);
  });

  it("Rust: a workspace whose crate runs its embedded diesel migrations from schema_setup/mod.rs (lemmy): fetched from the tarball, the same notice in both edges", async () => {
    const base = { "README.md": "# App\n", ...RUST_DIESEL_WORKSPACE, "migrations/2023-01-01-000000_users/up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n", "migrations/2023-01-01-000000_users/down.sql": "DROP TABLE users;\n" };
    const added = { "migrations/2025-02-01-000000_users_email/up.sql": "CREATE INDEX users_email ON users (email);\n", "migrations/2025-02-01-000000_users_email/down.sql": "DROP INDEX users_email;\n" };
    const { run, tarballs, cli } = await bothEdges(base, added, 87);
    expect(run.conclusion).toBe("success");
    expect(run.output.summary?.match(/\*\*Deploy:\*\* read as offline: `crates\/db\/src\/schema_setup\/mod\.rs:13`/g)).toHaveLength(1);
    const annotation = run.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
    expect(annotation).toMatchObject({ annotation_level: "notice", message: expect.stringContaining("Offline deploy (crates/db/src/schema_setup/mod.rs:13 runs the migrations") });
    expect(cli?.severity).toBe("info");
    expect(annotation!.message).toContain(cli!.message);
    expect(tarballs).toHaveLength(1);
  });

  it("a go.mod that names no migrator: no tarball, and the index stays an error in both edges", async () => {
    const base = { ...GO_APP, "go.mod": GO_MOD_WITH_MIGRATE.replace("require github.com/golang-migrate/migrate/v4 v4.19.1\n", "require github.com/lib/pq v1.10.9\n") };
    const { run, tarballs, cli } = await bothEdges(base, goIndex("migrations/sql"), 83);
    expect(run.conclusion).toBe("failure");
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))).toMatchObject({ annotation_level: "failure" });
    expect(cli?.severity).toBe("error");
    expect(tarballs).toEqual([]);
  });
});
