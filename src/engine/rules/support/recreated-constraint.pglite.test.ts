/**
 * What recreated-constraint.ts relies on, against PostgreSQL itself (PGlite): dropping a foreign key takes ACCESS
 * EXCLUSIVE on its table AND on the table it references, held until commit, so a key added back later in the same
 * transaction blocks nothing on either table that the drop had not blocked already.
 */
import { PGlite } from "@electric-sql/pglite";

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.exec("CREATE TABLE domain (name text PRIMARY KEY); CREATE TABLE alias (email text PRIMARY KEY, domain_name text CONSTRAINT alias_domain_name_fkey REFERENCES domain (name));");
}, 120_000);
afterAll(() => db.close());

const locks = async () =>
  (
    await db.query<{ relname: string; mode: string }>(
      "SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname IN ('domain', 'alias') AND l.pid = pg_backend_pid() AND l.granted ORDER BY 1, 2",
    )
  ).rows.map((r) => `${r.relname} ${r.mode}`);

it("DROP CONSTRAINT of a foreign key holds ACCESS EXCLUSIVE on both tables until commit, through a data change and the key added back", async () => {
  await db.exec("BEGIN; ALTER TABLE alias DROP CONSTRAINT alias_domain_name_fkey;");
  expect(await locks()).toEqual(expect.arrayContaining(["alias AccessExclusiveLock", "domain AccessExclusiveLock"]));
  await db.exec("UPDATE domain SET name = lower(name); UPDATE alias SET domain_name = lower(domain_name);");
  await db.exec("ALTER TABLE alias ADD CONSTRAINT alias_domain_name_fkey FOREIGN KEY (domain_name) REFERENCES domain (name);");
  expect(await locks()).toEqual(expect.arrayContaining(["alias AccessExclusiveLock", "domain AccessExclusiveLock"]));
  await db.exec("COMMIT;");
  expect(await locks()).toEqual([]);
});
