/**
 * A dropped table's uses in TypeScript and JavaScript through `migguard lint`: SQL on it in a string or template, or its
 * name as a call's first argument (a query builder's `.from('prefixes')`, `knex('prefixes')`). An identifier or a
 * property of the same name is not the table: supabase/storage's S3 `prefixes` parameters are no use of storage.prefixes.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const M = "migrations/tenant";
const lint = async (files: Record<string, string>) => {
  const root = new Repo()
    .write({ [`${M}/0001-prefixes.sql`]: "CREATE TABLE prefixes (bucket_id text, name text);\n", [`${M}/0002-drop-prefixes.sql`]: "DROP TABLE prefixes;\n", ...files })
    .commit("app").root;
  return (JSON.parse((await run(["lint", "--format", "json", M], { cwd: root })).output) as { findings: Array<{ rule: string; path: string; message: string; severity: string }> }).findings.filter(
    (f) => f.rule === "drop-table",
  );
};

const S3_ROUTE = "type Prefix = { Prefix: string }\nexport function listObjects(params: { prefixes: string[] }) {\n  const prefixes: Prefix[] = params.prefixes.map((p) => ({ Prefix: p }))\n  return { CommonPrefixes: prefixes }\n}\n";

describe("dropped tables named in TypeScript", () => {
  it("S3 prefix parameters, properties and a Prefix type are no use of the prefixes table", async () => {
    const [drop] = await lint({ "src/http/routes/s3/list-objects.ts": S3_ROUTE });
    expect(drop.message).not.toContain("Application code still names");
    expect(drop.message).toContain("planned last step");
  });

  it("a query builder's call and SQL in a template on the table are uses", async () => {
    const builder = await lint({ "src/http/routes/s3/list-objects.ts": S3_ROUTE, "src/storage/db.ts": "import knex from 'knex'\nexport const names = (db: ReturnType<typeof knex>) => db.from('prefixes').select('name')\n" });
    expect(builder[0].message).toContain("Application code still names prefixes or Prefix: src/storage/db.ts:2.");
    const sql = await lint({ "src/storage/db.ts": "export const query = (bucket: string) => `SELECT name FROM storage.prefixes WHERE bucket_id = ${bucket}`\n" });
    expect(sql[0].message).toContain("Application code still names prefixes or Prefix: src/storage/db.ts:1.");
  });
});
