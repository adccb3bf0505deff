/**
 * DROP TABLE IF EXISTS of a table no migration of the folder made, through `migguard lint` (frontier's base migration
 * resets `serviceusers`, which no migration before it created): the drop finds nothing on a database these migrations
 * built. In the folder's first migration a warning (a table from an older schema the project replaced loses its rows:
 * frontier's Shield tables), in a later one whose earlier migrations never name it a note. The fix that renames the
 * table aside keeps the IF EXISTS guard, so it runs on a fresh install. A table an earlier migration created keeps the finding.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const M = "internal/store/postgres/migrations";
const BASE = `${M}/20230507191406_create_base_tables.up.sql`;
const lint = async (files: Record<string, string>) => {
  const root = new Repo().write(files).commit("app").root;
  return (JSON.parse((await run(["lint", "--format", "json", M], { cwd: root })).output) as { findings: Array<{ rule: string; path: string; line: number; message: string; severity: string; fix: string }> }).findings.filter(
    (f) => f.rule === "drop-table",
  );
};

describe("DROP TABLE IF EXISTS of a table the project's migrations never created", () => {
  it("the base migration's reset of a table: a warning (a table from an older schema loses its rows), and the rename aside runs where the table is absent", async () => {
    const [drop] = await lint({
      [BASE]: "DROP TABLE IF EXISTS serviceusers CASCADE;\nCREATE TABLE IF NOT EXISTS serviceusers (id uuid PRIMARY KEY);\n",
      [`${M}/20230731211912_create_domain_table.up.sql`]: "CREATE TABLE IF NOT EXISTS domains (id uuid PRIMARY KEY);\n",
      "internal/store/postgres/serviceuser.go": 'package postgres\n\nconst q = "SELECT id FROM serviceusers"\n',
    });
    expect(drop.severity).toBe("warning");
    expect(drop.message).toContain("no migration of the project creates serviceusers before it");
    expect(drop.fix).toContain("ALTER TABLE IF EXISTS serviceusers RENAME TO serviceusers_deprecated;");
    expect(drop.fix).toContain("x.indrelid = to_regclass('serviceusers_deprecated')");
    expect(drop.fix).not.toContain("::regclass");
  });

  it("a later migration's drop of a table no earlier one names is a note; one an earlier migration created keeps the error", async () => {
    const first = `${M}/000001_init.up.sql`;
    const later = { [`${M}/000002_drop_leftovers.up.sql`]: "DROP TABLE IF EXISTS legacy_tokens;\n" };
    const [unseen] = await lint({ [first]: "CREATE TABLE accounts (id bigint PRIMARY KEY);\n", ...later });
    expect(unseen.severity).toBe("info");
    expect(unseen.message).toContain("no earlier migration of its folder creates or names legacy_tokens");
    const [created] = await lint({ [first]: "CREATE TABLE legacy_tokens (id bigint PRIMARY KEY);\n", ...later });
    expect(created.severity).toBe("error");
  });
});
