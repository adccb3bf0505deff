/**
 * A gobuffalo/pop / ory/popx project (ory/hydra's layout) through the command line: one file per database beside a
 * dialect-less file every other database shares, `.autocommit` files popx runs outside its transaction, and
 * CockroachDB files reported as not checked instead of read as PostgreSQL.
 */
import { run } from "../../src/cli/main.js";
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-pop-");

const M = "persistence/sql/migrations";

describe("a pop/popx project", () => {
  it("pairs the generic down, reads .autocommit PostgreSQL as PostgreSQL outside a transaction, and names the CockroachDB files it skips", async () => {
    const root = repo({
      "go.mod": "module github.com/acme/auth\n\ngo 1.22\n\nrequire (\n\tgithub.com/ory/pop/v6 v6.4.2\n\tgithub.com/ory/x v0.0.600\n)\n",
      [`${M}/20240101000001000000_networks.postgres.up.sql`]: "CREATE TABLE networks (id uuid NOT NULL PRIMARY KEY, nid text NOT NULL);\n",
      [`${M}/20240101000001000000_networks.mysql.up.sql`]: "CREATE TABLE `networks` (`id` char(36) NOT NULL PRIMARY KEY, `nid` varchar(255) NOT NULL) ENGINE=InnoDB;\n",
      [`${M}/20240101000001000000_networks.cockroach.up.sql`]: "CREATE TABLE networks (id UUID NOT NULL PRIMARY KEY, nid STRING NOT NULL, INDEX networks_nid_idx (nid));\n",
      [`${M}/20240101000001000000_networks.down.sql`]: "DROP TABLE networks;\n",
      [`${M}/20240101000002000000_nid_index.postgres.autocommit.up.sql`]: "CREATE INDEX CONCURRENTLY IF NOT EXISTS networks_nid_idx ON networks (nid);\n",
      [`${M}/20240101000002000000_nid_index.postgres.autocommit.down.sql`]: "DROP INDEX CONCURRENTLY IF EXISTS networks_nid_idx;\n",
      [`${M}/20240101000002000000_nid_index.mysql.up.sql`]: "CREATE INDEX networks_nid_idx ON networks (nid);\n",
      [`${M}/20240101000002000000_nid_index.mysql.down.sql`]: "DROP INDEX networks_nid_idx ON networks;\n",
      [`${M}/20240101000003000000_created_index.postgres.up.sql`]: "CREATE INDEX CONCURRENTLY networks_id_nid_idx ON networks (id, nid);\n",
      [`${M}/20240101000003000000_created_index.down.sql`]: "DROP INDEX networks_id_nid_idx;\n",
      // the file every database without its own runs: PostgreSQL syntax MySQL refuses, beside MySQL's own backticked file
      [`${M}/20240101000004000000_nid_lower.autocommit.up.sql`]: "CREATE INDEX CONCURRENTLY IF NOT EXISTS networks_nid_lower_idx ON networks (lower(nid));\n",
      [`${M}/20240101000004000000_nid_lower.autocommit.down.sql`]: "DROP INDEX CONCURRENTLY IF EXISTS networks_nid_lower_idx;\n",
      [`${M}/20240101000004000000_nid_lower.mysql.up.sql`]: "CREATE INDEX `networks_nid_lower_idx` ON `networks` ((lower(`nid`)));\n",
      [`${M}/20240101000004000000_nid_lower.mysql.down.sql`]: "DROP INDEX `networks_nid_lower_idx` ON `networks`;\n",
    });
    const result = await run(["lint", "--format", "json", M], { cwd: root });
    const { findings } = JSON.parse(result.output) as { findings: Array<{ rule: string; path: string; line: number; severity: string }> };
    const seen = findings.map((f) => `${f.rule} ${f.path.slice(M.length + 1)}:${f.line} ${f.severity}`);
    // the generic down is each dialect's down (no missing-down); MySQL's own files are MySQL's, and they do not make
    // the shared files MySQL's (no syntax error on their PostgreSQL)
    expect(seen).toEqual([
      "unsupported-database 20240101000001000000_networks.cockroach.up.sql:1 info",
      "mysql-lock-wait-timeout 20240101000002000000_nid_index.mysql.up.sql:1 warning",
      "concurrently-in-transaction 20240101000003000000_created_index.postgres.up.sql:1 error",
      "mysql-lock-wait-timeout 20240101000004000000_nid_lower.mysql.up.sql:1 warning",
    ]);
    expect(seen.filter((s) => /^(missing-down|syntax-error) /.test(s))).toEqual([]);
    expect(seen.filter((s) => s.startsWith("unsupported-database "))).toEqual(["unsupported-database 20240101000001000000_networks.cockroach.up.sql:1 info"]);
    // popx wraps a file without `.autocommit` in a transaction, where CONCURRENTLY fails; the .autocommit one runs outside
    expect(seen.filter((s) => s.startsWith("concurrently-in-transaction "))).toEqual(["concurrently-in-transaction 20240101000003000000_created_index.postgres.up.sql:1 error"]);
  });
});

describe("fixes in a pop/popx folder", () => {
  it("an index built in the dialect-less file PostgreSQL runs moves to a new version's .postgres.autocommit file, in popx's words", async () => {
    const root = repo({
      "go.mod": "module github.com/acme/auth\n\ngo 1.22\n\nrequire github.com/ory/pop/v6 v6.4.2\n",
      [`${M}/20240101000001000000_networks.up.sql`]: "CREATE TABLE networks (id uuid NOT NULL PRIMARY KEY, nid text NOT NULL);\nCREATE INDEX networks_nid_idx ON networks (nid);\n",
      [`${M}/20240101000001000000_networks.mysql.up.sql`]: "CREATE TABLE networks (id char(36) NOT NULL PRIMARY KEY, nid varchar(255) NOT NULL);\n",
      [`${M}/20240101000001000000_networks.sqlite3.up.sql`]: "CREATE TABLE networks (id TEXT NOT NULL PRIMARY KEY, nid TEXT NOT NULL);\n",
      [`${M}/20240101000001000000_networks.down.sql`]: "DROP TABLE networks;\n",
      [`${M}/20240101000002000000_label.up.sql`]: "ALTER TABLE networks ADD COLUMN label text;\nCREATE INDEX networks_label_idx ON networks (label);\n",
      [`${M}/20240101000002000000_label.mysql.up.sql`]: "ALTER TABLE networks ADD COLUMN label varchar(255);\n",
      [`${M}/20240101000002000000_label.sqlite3.up.sql`]: "ALTER TABLE networks ADD COLUMN label TEXT;\n",
      [`${M}/20240101000002000000_label.down.sql`]: "ALTER TABLE networks DROP COLUMN label;\n",
    });
    const result = await run(["lint", "--format", "json", M], { cwd: root });
    const { findings } = JSON.parse(result.output) as { findings: Array<{ rule: string; path: string; fix?: string; message: string }> };
    const index = findings.find((f) => f.rule === "index-without-concurrently" && f.path.endsWith("_label.up.sql"));
    expect(index?.fix).toContain(`-- ${M}/20240101000002000001_label.postgres.autocommit.up.sql, which popx runs outside a transaction.`);
    expect(findings.filter((f) => /golang-migrate/.test(f.message + (f.fix ?? "")))).toEqual([]);
  });
});

describe("review of a pop/popx project", () => {
  const GO_MOD = "module github.com/acme/auth\n\ngo 1.22\n\nrequire github.com/ory/pop/v6 v6.4.2\n";
  const base = {
    "go.mod": GO_MOD,
    [`${M}/20240101000001000000_networks.up.sql`]: "CREATE TABLE networks (id uuid NOT NULL PRIMARY KEY, nid text NOT NULL);\n",
    [`${M}/20240101000001000000_networks.down.sql`]: "DROP TABLE networks;\n",
  };

  it("a dialect-less file pop runs (its go.mod says so, no sibling names a dialect): the fixes speak of popx and its .autocommit files, never of golang-migrate", async () => {
    const repo = featureBranchOn(base);
    repo
      .write({
        [`${M}/20240201000000000000_label.up.sql`]: "ALTER TABLE networks ADD COLUMN label text;\nCREATE INDEX networks_label_idx ON networks (label);\nALTER TABLE networks ALTER COLUMN nid TYPE varchar(100);\n",
        [`${M}/20240201000000000000_label.down.sql`]: "ALTER TABLE networks DROP COLUMN label;\n",
      })
      .commit("label");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => /golang-migrate/.test(f.message + f.fix)).map((f) => f.rule)).toEqual([]);
    expect(findings.find((f) => f.rule === "index-without-concurrently")?.fix).toContain(`${M}/20240201000000000001_label.postgres.autocommit.up.sql, which popx runs outside a transaction.`);
    const swap = findings.find((f) => f.rule === "column-type-change")?.fix ?? "";
    expect(swap).toContain(`-- then a new migration, ${M}/20240201000000000001_fill_networks_nid_new.postgres.autocommit.up.sql:\n-- in its .autocommit file, which popx runs outside a transaction\nDO $$`);
  });

  it("one version's files for each database are one migration's variants, not duplicate versions (ory/kratos)", async () => {
    const repo = featureBranchOn(base);
    repo
      .write({
        [`${M}/20240202000000000000_nid_index.postgres.autocommit.up.sql`]: "CREATE INDEX CONCURRENTLY IF NOT EXISTS networks_nid_idx ON networks (nid);\n",
        [`${M}/20240202000000000000_nid_index.mysql.up.sql`]: "CREATE INDEX networks_nid_idx ON networks (nid);\n",
        [`${M}/20240202000000000000_nid_index.sqlite3.up.sql`]: "CREATE INDEX networks_nid_idx ON networks (nid);\n",
        [`${M}/20240202000000000000_nid_index.autocommit.up.sql`]: "CREATE INDEX networks_nid_idx ON networks (nid);\n",
        [`${M}/20240202000000000000_nid_index.down.sql`]: "DROP INDEX networks_nid_idx;\n",
      })
      .commit("index");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "duplicate-migration-version")).toEqual([]);
    expect(findings.filter((f) => /golang-migrate/.test(f.message + f.fix))).toEqual([]);
  });

  it("SQLite's own files beside the server databases' are the development database's: an edit or a table rebuild there is not reviewed (ory/kratos)", async () => {
    const repo = featureBranchOn({
      ...base,
      [`${M}/20240101000001000000_networks.mysql.up.sql`]: "CREATE TABLE networks (id char(36) NOT NULL PRIMARY KEY, nid varchar(255) NOT NULL);\n",
      [`${M}/20240101000001000000_networks.sqlite3.up.sql`]: "CREATE TABLE networks (id TEXT NOT NULL PRIMARY KEY, nid TEXT NOT NULL, created_at DATETIME NOT NULL DEFAULT 'CURRENT_TIMESTAMP');\n",
      [`${M}/20240101000001000000_networks.sqlite3.down.sql`]: "",
    });
    repo
      .write({
        [`${M}/20240101000001000000_networks.sqlite3.up.sql`]: "CREATE TABLE networks (id TEXT NOT NULL PRIMARY KEY, nid TEXT NOT NULL, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);\n",
        [`${M}/20240101000001000000_networks.up.sql`]: "CREATE TABLE networks (id uuid NOT NULL PRIMARY KEY, nid varchar(64) NOT NULL);\n",
        [`${M}/20240202000000000000_nid.sqlite3.up.sql`]: "CREATE TABLE _networks_tmp (id TEXT NOT NULL PRIMARY KEY, nid TEXT);\nINSERT INTO _networks_tmp SELECT id, nid FROM networks;\nDROP TABLE networks;\nALTER TABLE _networks_tmp RENAME TO networks;\n",
        [`${M}/20240202000000000000_nid.up.sql`]: "ALTER TABLE networks ALTER COLUMN nid DROP NOT NULL;\n",
        [`${M}/20240202000000000000_nid.down.sql`]: "ALTER TABLE networks ALTER COLUMN nid SET NOT NULL;\n",
      })
      .commit("sqlite defaults");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.path.includes(".sqlite3."))).toEqual([]);
    // the file PostgreSQL runs is still reviewed
    expect(findings.map((f) => `${f.rule} ${f.path.slice(M.length + 1)}`)).toContain("edited-migration 20240101000001000000_networks.up.sql");
    // in pop's words: its schema_migration table, not golang-migrate's
    expect(findings.find((f) => f.rule === "edited-migration")?.message).toContain("gobuffalo/pop records only the version in schema_migration:");
    expect(findings.filter((f) => /golang-migrate/.test(f.message + f.fix))).toEqual([]);
  });

  it("a late version: the newer base migration's SQLite file, which no production database runs, does not make the order matter", async () => {
    const repo = featureBranchOn({
      ...base,
      [`${M}/20240101000001000000_networks.mysql.up.sql`]: "CREATE TABLE networks (id char(36) NOT NULL PRIMARY KEY, nid varchar(255) NOT NULL);\n",
      [`${M}/20240301000000000000_courier.up.sql`]: "CREATE TABLE courier (id uuid NOT NULL PRIMARY KEY);\n",
      [`${M}/20240301000000000000_courier.mysql.up.sql`]: "CREATE TABLE courier (id char(36) NOT NULL PRIMARY KEY);\n",
      [`${M}/20240301000000000000_courier.sqlite3.up.sql`]: "CREATE TABLE courier (id TEXT NOT NULL PRIMARY KEY);\n",
    });
    repo.write({ [`${M}/20240202000000000000_nid.up.sql`]: "ALTER TABLE networks ADD COLUMN label text;\n" }).commit("late");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "migration-version-order").map((f) => f.severity)).toEqual(["info"]);
  });

  it("a library's test migrations merged into the repository (oryx/popx/stub/, testdata/) are not the project's", async () => {
    const repo = featureBranchOn(base);
    repo
      .write({
        "oryx/popx/stub/migrations/transactional/20190100000001000000_identities.up.sql": "CREATE TABLE identities (id uuid NOT NULL PRIMARY KEY);\n",
        "oryx/popx/stub/migrations/transactional/20190100000001000000_identities.mysql.up.sql": "CREATE TABLE identities (id char(36) NOT NULL PRIMARY KEY);\n",
        "oryx/popx/stub/migrations/transactional/20190100000002000000_email.up.sql": "ALTER TABLE identities ADD COLUMN email text NOT NULL;\nCREATE INDEX identities_email_idx ON identities (email);\n",
        "persistence/sql/migratest/testdata/20240101000001000000_testdata.sql": "INSERT INTO networks (id, nid) VALUES ('4a8f0c3e-0c5e-4a1b-9f0e-6f7b1c2d3e4f', 'x');\n",
      })
      .commit("merge ory/x");
    const { findings } = await reviewJson(repo);
    expect(findings).toEqual([]);
  });
});
