/**
 * `migguard lint` on a Node app whose start code runs knex's `migrate.latest()` before `app.listen()`, in the file
 * that package.json's start script runs (`node dist/server.js`, built from src/boot/server.ts, a name the deploy
 * walk does not know): the index built without CONCURRENTLY is a note naming the call's line; a migration moved
 * into the listen callback keeps the error. A migration in another module that the start file calls counts too, and a
 * Fastify plugin registered before listen that applies Prisma's migrations through `@prisma/migrate`, imported by
 * tsconfig's baseUrl (zipline). A migrate command the start file runs through child_process and waits for before
 * listen counts too, in a workspace package the root package.json's `workspaces` holds (peppermint's apps/api).
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const server = (body: string) => ["import express from 'express';", "import { db } from '../db';", "", "const app = express();", "", body, ""].join("\n");
const MIGRATES_FIRST = "async function main() {\n  await db.migrate.latest();\n  app.listen(3000);\n}\n\nmain();";
const app = {
  "package.json": `${JSON.stringify({ name: "app", scripts: { build: "tsc", start: "node dist/boot/server.js" }, dependencies: { express: "^5.1.0", knex: "^3.1.0" } }, null, 2)}\n`,
  "src/boot/server.ts": server(MIGRATES_FIRST),
  Dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["npm", "start"]\n',
  "db/sql/001_users.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
  "db/sql/002_users_email.sql": "CREATE INDEX users_email ON users (email);\n",
};
const MIGRATION = "db/sql/002_users_email.sql";
const indexFinding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
};

describe("Node start code that migrates before listen, through the CLI", () => {
  it("lint: knex's migrate.latest() before app.listen() in the start script's file: a note naming its line; in the listen callback: an error", async () => {
    const repo = new Repo().write(app).commit("app");
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (src/boot/server.ts:7 runs the migrations") });
    expect((await run(["lint", MIGRATION], { cwd: repo.root })).output).toContain("deploy: read as offline: src/boot/server.ts:7: the application runs its knex migrations (migrate.latest()) before the server listens");
    repo.write({ "src/boot/server.ts": server("app.listen(3000, async () => {\n  await db.migrate.latest();\n});") }).commit("migrate after listening");
    expect(await indexFinding(repo)).toMatchObject({ severity: "error" });
  });
  it("lint: src/index.ts awaits runMigrations() from src/db/migrate.ts (drizzle's migrator) before listen: a note naming the migrate call's line", async () => {
    const repo = new Repo()
      .write({
        ...app,
        "package.json": `${JSON.stringify({ name: "app", type: "module", scripts: { start: "node dist/index.js" }, dependencies: { "drizzle-orm": "^0.44.0", hono: "^4.0.0" } }, null, 2)}\n`,
        "src/boot/server.ts": "export {};\n",
        "src/index.ts": "import { runMigrations } from './db/migrate.js';\nimport { app } from './app.js';\n\nawait runMigrations();\napp.listen(8080);\n",
        "src/db/migrate.ts": "import { migrate } from 'drizzle-orm/node-postgres/migrator';\nimport { db } from './client.js';\n\nexport async function runMigrations() {\n  await migrate(db, { migrationsFolder: 'drizzle' });\n}\n",
      })
      .commit("app");
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (src/db/migrate.ts:5 runs the migrations") });
    expect((await run(["lint", MIGRATION], { cwd: repo.root })).output).toContain("called from src/index.ts:4) before the server listens");
  });
  it("lint: a Fastify plugin registered before listen runs Prisma's Migrate.applyMigrations() from a module tsconfig's baseUrl names (zipline): a note", async () => {
    const prisma = {
      "package.json": `${JSON.stringify({ name: "zipline", scripts: { build: "tsup", start: "node dist" }, dependencies: { "@prisma/migrate": "^5.1.1", fastify: "^4.24.3", "fastify-plugin": "^4.5.1" } }, null, 2)}\n`,
      "tsconfig.json": '{\n  "compilerOptions": {\n    "baseUrl": "src",\n    "paths": { "lib/*": ["lib/*"] }\n  }\n}\n',
      "src/server/index.ts": "import fastify from 'fastify';\nimport prismaPlugin from './plugins/prisma';\n\nconst server = fastify();\nstart();\n\nasync function start() {\n  server.register(prismaPlugin);\n  await server.listen({ port: 3000, host: '0.0.0.0' });\n}\n",
      "src/server/plugins/prisma.ts": "import fastifyPlugin from 'fastify-plugin';\nimport { migrations } from 'server/util';\n\nasync function prismaPlugin(fastify) {\n  await migrations();\n}\n\nexport default fastifyPlugin(prismaPlugin, { name: 'prisma' });\n",
      "src/server/util.ts": "import { Migrate } from '@prisma/migrate/dist/Migrate';\n\nexport async function migrations() {\n  const migrate = new Migrate('./prisma/schema.prisma');\n  await migrate.applyMigrations();\n  migrate.stop();\n}\n",
      Dockerfile: 'FROM node:18-alpine\nWORKDIR /zipline\nCOPY . .\nRUN yarn install && yarn build\nCMD ["node", "dist/index.js"]\n',
      "docker-compose.yml": "services:\n  zipline:\n    image: ghcr.io/diced/zipline\n    ports:\n      - '3000:3000'\n",
      "prisma/migrations/20210101000000_init/migration.sql": 'CREATE TABLE "Image" (id serial PRIMARY KEY, "userId" integer);\n',
      "prisma/migrations/20210102000000_image_user/migration.sql": 'CREATE INDEX "Image_userId_idx" ON "Image" ("userId");\n',
    };
    const migration = "prisma/migrations/20210102000000_image_user/migration.sql";
    const repo = new Repo().write(prisma).commit("app");
    const lint = async () => {
      const { output } = await run(["lint", "--format", "json", migration], { cwd: repo.root });
      return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
    };
    expect(await lint()).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (src/server/util.ts:5 runs the migrations") });
    expect((await run(["lint", migration], { cwd: repo.root })).output).toContain("the application runs its Prisma migrations (applyMigrations(), called from src/server/index.ts:8) before the server listens");
    // the plugin registered once the server listens: the migration runs while it serves
    repo.write({ "src/server/index.ts": prisma["src/server/index.ts"].replace("  server.register(prismaPlugin);\n  await server.listen({ port: 3000, host: '0.0.0.0' });", "  await server.listen({ port: 3000, host: '0.0.0.0' });\n  server.register(prismaPlugin);") }).commit("register late");
    expect(await lint()).toMatchObject({ severity: "error" });
  });
});

describe("a migrate command the start code runs through child_process, through the CLI", () => {
  // peppermint: the root package.json's workspaces hold apps/api, whose src/main.ts waits for `npx prisma migrate
  // deploy` (an exec in a Promise that the callbacks resolve) before server.listen; one compose service runs it
  const waitsFor = (exec: string) =>
    [
      'import { exec } from "child_process";',
      'import fastify from "fastify";',
      "",
      "const server = fastify();",
      "",
      "const start = async () => {",
      "  await new Promise<void>((resolve, reject) => {",
      `    ${exec}("npx prisma migrate deploy", (err) => {`,
      "      if (err) reject(err);",
      '      exec("npx prisma generate", () => resolve());',
      "    });",
      "  });",
      "  server.listen({ port: 5003, host: '0.0.0.0' });",
      "};",
      "",
      "start();",
      "",
    ].join("\n");
  const monorepo = {
    "package.json": `${JSON.stringify({ private: true, name: "desk", workspaces: ["apps/*", "packages/*"] }, null, 2)}\n`,
    "apps/api/package.json": `${JSON.stringify({ name: "api", main: "dist/main.js", scripts: { build: "tsc" }, dependencies: { fastify: "^5.1.0", "@prisma/client": "5.6.0" }, devDependencies: { prisma: "5.6.0" } }, null, 2)}\n`,
    "apps/api/src/main.ts": waitsFor("exec"),
    dockerfile: 'FROM node:lts\nCOPY apps/api ./apps/api\nCMD ["node", "apps/api/dist/main.js"]\n',
    "docker-compose.yml": "services:\n  desk:\n    container_name: desk\n    image: desk/desk:latest\n    ports:\n      - 5003:5003\n",
    "apps/api/src/prisma/migrations/20230101000000_init/migration.sql": 'CREATE TABLE "Ticket" (id serial PRIMARY KEY, "clientId" integer);\n',
    "apps/api/src/prisma/migrations/20230102000000_ticket_client/migration.sql": 'CREATE INDEX "Ticket_clientId_idx" ON "Ticket" ("clientId");\n',
  };
  const migration = "apps/api/src/prisma/migrations/20230102000000_ticket_client/migration.sql";
  const lint = async (repo: Repo) => {
    const { output } = await run(["lint", "--format", "json", migration], { cwd: repo.root });
    return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
  };

  it("lint: apps/api/src/main.ts awaits a Promise whose executor execs `npx prisma migrate deploy` before listen: a note naming the exec's line", async () => {
    const repo = new Repo().write(monorepo).commit("desk");
    expect(await lint(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (apps/api/src/main.ts:8 runs the migrations") });
    expect((await run(["lint", migration], { cwd: repo.root })).output).toContain('deploy: read as offline: apps/api/src/main.ts:8: the application runs its Prisma migrations (exec("npx prisma migrate deploy")) before the server listens');
  });
  it("lint: the Promise not awaited, the command run after listen, or a compose file of several replicas: the error stays", async () => {
    const repo = new Repo().write(monorepo).commit("desk");
    repo.write({ "apps/api/src/main.ts": waitsFor("exec").replace("  await new Promise", "  new Promise") }).commit("no await");
    expect(await lint(repo)).toMatchObject({ severity: "error" });
    const listensFirst = waitsFor("exec").replace("  server.listen({ port: 5003, host: '0.0.0.0' });\n", "").replace("  await new Promise", "  server.listen({ port: 5003, host: '0.0.0.0' });\n  await new Promise");
    repo.write({ "apps/api/src/main.ts": listensFirst }).commit("listen first");
    expect(await lint(repo)).toMatchObject({ severity: "error" });
    repo.write({ "apps/api/src/main.ts": waitsFor("exec"), "docker-compose.yml": "services:\n  desk:\n    image: desk/desk:latest\n    deploy:\n      replicas: 3\n" }).commit("three replicas");
    expect(await lint(repo)).toMatchObject({ severity: "error" });
  });
  it("lint: execSync blocks, so it counts without await; a command that is not a migrate command does not", async () => {
    const sync = ['import { execSync } from "node:child_process";', 'import express from "express";', "", "const app = express();", 'execSync("npx prisma migrate deploy", { stdio: "inherit" });', "app.listen(3000);", ""].join("\n");
    const repo = new Repo().write({ ...monorepo, "apps/api/src/main.ts": sync }).commit("desk");
    expect(await lint(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (apps/api/src/main.ts:5 runs the migrations") });
    repo.write({ "apps/api/src/main.ts": sync.replace("prisma migrate deploy", "prisma migrate status") }).commit("status only");
    expect(await lint(repo)).toMatchObject({ severity: "error" });
  });
});
