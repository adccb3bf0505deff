/**
 * README "Frameworks and layouts", Drizzle: a folder of drizzle-kit's migrations (meta/_journal.json below them)
 * through `migguard lint`, from outside any folder named for migrations (Dokploy's apps/dokploy/drizzle). The
 * statements a `--> statement-breakpoint` line separates are read on their own lines; drizzle-orm's migrator runs
 * all pending migrations in one transaction, so CONCURRENTLY fails there and the fix builds the index by hand before
 * migrating; there are no downs, and none is asked for. Without the journal the folder holds no migration.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import type { Finding } from "./support/review-repo.js";

const tree = (files: Record<string, string>) => fileTree(files, "migguard-drizzle-");


const JOURNAL = {
  "apps/web/drizzle/meta/_journal.json": JSON.stringify({
    version: "7",
    dialect: "postgresql",
    entries: [
      { idx: 0, version: "7", when: 1718000000000, tag: "0000_brave_hulk", breakpoints: true },
      { idx: 1, version: "7", when: 1718100000000, tag: "0001_odd_storm", breakpoints: true },
    ],
  }),
};
const FOLDER = {
  "apps/web/drizzle/0000_brave_hulk.sql": 'CREATE TABLE IF NOT EXISTS "users" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"email" text NOT NULL,\n\t"name" text\n);\n',
  "apps/web/drizzle/0001_odd_storm.sql":
    'ALTER TABLE "users" ADD COLUMN "team_id" integer;--> statement-breakpoint\nCREATE INDEX IF NOT EXISTS "users_team_idx" ON "users" USING btree ("team_id");--> statement-breakpoint\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "users_name_idx" ON "users" ("name");\n',
};

const lint = async (root: string, path: string) => {
  const result = await run(["lint", "--format", "json", path], { cwd: root });
  return JSON.parse(result.output) as { findings: Finding[]; errors: unknown[] };
};

describe("migguard lint: a Drizzle folder", () => {
  it("reads the folder its journal marks: findings on each statement's line, the migrator's transaction in the fixes, no missing down", async () => {
    const { findings, errors } = await lint(tree({ ...FOLDER, ...JOURNAL }), "apps/web/drizzle");
    expect(errors).toEqual([]);
    const rules = findings.map((f) => `${f.path.replace(/^.*\//, "")}:${f.line} ${f.rule}`);
    expect(rules).toEqual(expect.arrayContaining(["0001_odd_storm.sql:2 index-without-concurrently", "0001_odd_storm.sql:3 concurrently-in-transaction"]));
    expect(findings.map((f) => f.rule)).not.toContain("missing-down");
    expect(findings.map((f) => f.rule)).not.toContain("empty-down");
    expect(findings.map((f) => f.rule)).not.toContain("syntax-error");
    const cic = findings.find((f) => f.rule === "concurrently-in-transaction")!;
    expect(cic.severity).toBe("error");
    expect(cic.fix).toContain("drizzle-orm's migrator (migrate() or drizzle-kit migrate) runs all pending migrations in one transaction and has no way to leave it");
    expect(cic.fix).toContain("Run the statement by hand in a separate step outside any transaction");
    expect(cic.fix).toContain("keep it here with IF NOT EXISTS");
    const index = findings.find((f) => f.rule === "index-without-concurrently")!;
    expect(index.fix).toContain("-- drizzle-orm's migrator (migrate() or drizzle-kit migrate) runs all pending migrations in one transaction and has no way to leave it");
    expect(index.fix).toContain('--   CREATE INDEX CONCURRENTLY IF NOT EXISTS "users_team_idx" ON "users" USING btree ("team_id");');
    expect(index.fix.split("\n").at(-1)).toBe('CREATE INDEX IF NOT EXISTS "users_team_idx" ON "users" USING btree ("team_id");');
    // the journal's `when` dates the migrations: users is a day old when 0001 indexes it
    expect(index.message).toContain("users was created 1 day earlier by 0000_brave_hulk.sql");
  });

  it("reads the journal below a file named alone; without the journal the folder holds no migration", async () => {
    const named = await lint(tree({ ...FOLDER, ...JOURNAL }), "apps/web/drizzle/0001_odd_storm.sql");
    expect(named.findings.find((f) => f.rule === "concurrently-in-transaction")?.fix).toContain("drizzle-orm's migrator");
    const result = await run(["lint", "--format", "json", "apps/web/drizzle"], { cwd: tree({ "apps/web/drizzle/0000_brave_hulk.sql": FOLDER["apps/web/drizzle/0000_brave_hulk.sql"] }) });
    expect(result.output).toContain("no migration found under this folder");
  });

  it("drizzle-kit 1.0's folder per migration (<timestamp>_<name>/migration.sql beside snapshot.json, no journal: latitude-llm) is Drizzle's, whose migrator runs them in one transaction; the same folders without snapshot.json are Prisma's, which runs a one-statement file outside one", async () => {
    const v1 = {
      "packages/db/drizzle/20260326164622_issues/migration.sql": 'CREATE TABLE "issues" ("id" serial PRIMARY KEY, "title" text);\n',
      "packages/db/drizzle/20260326164622_issues/snapshot.json": "{}",
      "packages/db/drizzle/20260401090000_issue_title_idx/migration.sql": 'CREATE INDEX CONCURRENTLY IF NOT EXISTS "issues_title_idx" ON "issues" ("title");\n',
      "packages/db/drizzle/20260401090000_issue_title_idx/snapshot.json": "{}",
    };
    const drizzle = await lint(tree(v1), "packages/db/drizzle");
    expect(drizzle.errors).toEqual([]);
    const concurrently = drizzle.findings.find((f) => f.rule === "concurrently-in-transaction")!;
    expect(concurrently.fix).toContain("drizzle-orm's migrator");
    expect(concurrently.fix).not.toMatch(/prisma/i);
    expect(drizzle.findings.map((f) => f.rule)).not.toContain("missing-down");
    const withoutSnapshots = Object.fromEntries(Object.entries(v1).filter(([path]) => !path.endsWith("snapshot.json")));
    const prisma = await lint(tree(withoutSnapshots), "packages/db/drizzle");
    // Prisma sends a migration.sql of one statement as one query, outside a transaction: CONCURRENTLY runs there
    expect(prisma.findings.map((f) => f.rule)).not.toContain("concurrently-in-transaction");
  });

  it("a MySQL journal: MySQL's rules, the separators no syntax error", async () => {
    const mysql = {
      "apps/web/drizzle/meta/_journal.json": JSON.stringify({ version: "5", dialect: "mysql", entries: [{ idx: 0, version: "5", when: 1718000000000, tag: "0000_brave_hulk", breakpoints: true }] }),
      "apps/web/drizzle/0000_brave_hulk.sql": "ALTER TABLE `users` ADD `team_id` int;--> statement-breakpoint\nCREATE INDEX `users_team_idx` ON `users` (`team_id`);\n",
    };
    const { findings, errors } = await lint(tree(mysql), "apps/web/drizzle");
    expect(errors).toEqual([]);
    expect(findings.map((f) => f.rule)).toContain("mysql-lock-wait-timeout");
    expect(findings.map((f) => f.rule)).not.toContain("syntax-error");
    expect(findings.map((f) => f.rule)).not.toContain("index-without-concurrently");
  });

  it("a SQLite journal: none of PostgreSQL's rules", async () => {
    const sqlite = { ...FOLDER, "apps/web/drizzle/meta/_journal.json": JOURNAL["apps/web/drizzle/meta/_journal.json"].replace('"postgresql"', '"sqlite"') };
    const { findings, errors } = await lint(tree(sqlite), "apps/web/drizzle");
    expect(errors).toEqual([]);
    expect(findings.filter((f) => f.severity !== "info").map((f) => f.rule)).toEqual([]);
    expect(findings.map((f) => f.rule)).not.toContain("concurrently-in-transaction");
  });
});
