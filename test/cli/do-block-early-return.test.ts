/**
 * A DO block that returns early (supabase/storage 0048: `IF is_multitenant THEN RETURN; END IF;`) through `migguard lint`:
 * the statements after the RETURN run only where the block did not return. A fix that moved one out of the block (a
 * CREATE INDEX CONCURRENTLY at the top level, a VALIDATE in a new migration) would run it unconditionally and fail where
 * the table is not there, so they stay inside the DO, unread; the statements before the RETURN are still read.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const M = "migrations/tenant";
const BLOCK = [
  "DO $$",
  "    DECLARE",
  "        is_multitenant bool = COALESCE(current_setting('storage.multitenant', true), 'false')::boolean;",
  "    BEGIN",
  "        CREATE INDEX IF NOT EXISTS idx_iceberg_tables_name ON iceberg_tables (name);",
  "        IF is_multitenant THEN",
  "            RETURN;",
  "        END IF;",
  "        CREATE UNIQUE INDEX IF NOT EXISTS idx_iceberg_tables_location ON iceberg_tables (location);",
  "        ALTER TABLE iceberg_tables ALTER COLUMN catalog_id SET NOT NULL;",
  "END",
  "$$;",
  "",
].join("\n");

describe("a DO block that returns early", () => {
  it("reads the statements before the RETURN, not those after it", async () => {
    const root = new Repo()
      .write({
        [`${M}/0001-iceberg.sql`]: "CREATE TABLE iceberg_tables (id bigint PRIMARY KEY, name text, location text, catalog_id uuid);\n",
        [`${M}/0048-iceberg-catalog-ids.sql`]: BLOCK,
      })
      .commit("app").root;
    const findings = (JSON.parse((await run(["lint", "--format", "json", M], { cwd: root })).output) as { findings: Array<{ rule: string; path: string; line: number }> }).findings.filter(
      (f) => f.path === `${M}/0048-iceberg-catalog-ids.sql` && (f.rule === "index-without-concurrently" || f.rule === "set-not-null"),
    );
    expect(findings.map((f) => [f.rule, f.line])).toEqual([["index-without-concurrently", 5]]);
  });
});
