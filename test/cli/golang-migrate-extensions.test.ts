/**
 * golang-migrate reads any extension after `.up.` / `.down.` (README: Frameworks and layouts): transitland-lib keeps
 * `<version>_<title>.up.pgsql`, which a lint skipped as "no migration found". Files named for PostgreSQL's SQL
 * (`.pgsql`, `.psql`, `.postgresql`) are read as PostgreSQL migrations, paired with the down of the same extension,
 * and a fix's new migration keeps the extension. Runners that read `.sql` alone (Flyway here) still do.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const M = "schema/postgres/migrations";

interface Output {
  findings: Array<{ rule: string; path: string; line: number; fix: string; message: string }>;
  errors: Array<{ path: string; message: string }>;
}

const lint = async (files: Record<string, string>, path = M) => {
  const root = new Repo().write(files).commit("migrations").root;
  const result = await run(["lint", "--format", "json", path], { cwd: root });
  return { ...(JSON.parse(result.output) as Output), exitCode: result.exitCode };
};

describe("golang-migrate files named for PostgreSQL's SQL", () => {
  it("reads .up.pgsql and its .down.pgsql as one migration, and a fix's new migration keeps .pgsql", async () => {
    const { findings, errors } = await lint({
      [`${M}/20211206202419_init.up.pgsql`]: "CREATE TABLE feeds (id bigint PRIMARY KEY);\nCREATE TABLE feed_versions (id bigint PRIMARY KEY, feed_id bigint);\n",
      [`${M}/20211206202419_init.down.pgsql`]: "DROP TABLE feed_versions;\nDROP TABLE feeds;\n",
      [`${M}/20220811204610_feed_fk.up.pgsql`]: "ALTER TABLE feed_versions ADD CONSTRAINT feed_versions_feed_id_fkey FOREIGN KEY (feed_id) REFERENCES feeds (id);\n",
    });
    expect(errors).toEqual([]);
    // the first migration has its down: no missing-down there
    expect(findings.filter((f) => f.path.endsWith("20211206202419_init.up.pgsql") && f.rule === "missing-down")).toEqual([]);
    const fk = findings.find((f) => f.rule === "constraint-without-not-valid");
    expect(fk?.path).toBe(`${M}/20220811204610_feed_fk.up.pgsql`);
    expect(fk?.fix).toContain(`${M}/20220811204611_validate_feed_versions_feed_id_fkey.up.pgsql`);
    expect(fk?.fix).not.toMatch(/\.up\.sql/);
    const missingDown = findings.find((f) => f.rule === "missing-down" && f.path.endsWith("20220811204610_feed_fk.up.pgsql"));
    expect(missingDown?.fix).toContain(`-- ${M}/20220811204610_feed_fk.down.pgsql`);
  });

  it.each(["psql", "postgresql"])("reads .up.%s as PostgreSQL's SQL: a folder of them is not skipped", async (extension) => {
    const { findings, errors } = await lint({
      [`${M}/000001_users.up.${extension}`]: "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
      [`${M}/000001_users.down.${extension}`]: "DROP TABLE users;\n",
      [`${M}/000002_users_email.up.${extension}`]: "CREATE INDEX users_email_idx ON users (email);\n",
      [`${M}/000002_users_email.down.${extension}`]: "DROP INDEX users_email_idx;\n",
    });
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.rule, f.path])).toContainEqual(["index-without-concurrently", `${M}/000002_users_email.up.${extension}`]);
  });

  it("a .pgsql file that has no golang-migrate name is no migration: Flyway reads .sql alone", async () => {
    const { findings, errors, exitCode } = await lint({ "db/migration/V1__users.pgsql": "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE INDEX users_id_idx ON users (id);\n" }, "db/migration");
    expect(findings).toEqual([]);
    // the folder yielded no migration: said, and the lint does not pass as if all were well
    expect(errors.map((e) => e.path)).toEqual(["db/migration"]);
    expect(exitCode).not.toBe(0);
  });
});
