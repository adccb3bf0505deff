/**
 * What facts.ts says about the ACCESS EXCLUSIVE lock an earlier statement of the transaction holds (held-lock.ts,
 * table-rewrite.ts) against PostgreSQL itself (PGlite): each migration runs statement by statement in its
 * transaction, and before each statement pg_locks must show the lock on the table exactly when the facts say an
 * earlier statement holds it, taken by the statement the facts name. After the index build, scan or check that
 * follows, the lock is still held: the later work runs under it until commit.
 */
import { PGlite } from "@electric-sql/pglite";
import { detectFile } from "../../detect.js";
import { loadPgParser, sqlMigration } from "../../adapters/sql/index.js";
import { computeFacts } from "./facts.js";

const SCHEMA = [
  "CREATE TABLE users (id bigint PRIMARY KEY);",
  "INSERT INTO users SELECT g FROM generate_series(1, 100) g;",
  "CREATE TABLE orders (id bigint PRIMARY KEY, status text CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid')), author bigint, amount integer);",
  "INSERT INTO orders SELECT g, 'new', g, g FROM generate_series(1, 100) g;",
].join("\n");

/** Each migration, and the table whose lock is followed. */
const MIGRATIONS: Array<[string, string]> = [
  ["an index build after ADD COLUMN", "BEGIN;\nALTER TABLE orders ADD COLUMN payout_id bigint;\nCREATE INDEX orders_payout_id_idx ON orders (payout_id);\nCOMMIT;\n"],
  ["SET NOT NULL after RENAME COLUMN", "BEGIN;\nALTER TABLE orders RENAME COLUMN amount TO total;\nALTER TABLE orders ALTER COLUMN total SET NOT NULL;\nCOMMIT;\n"],
  ["a CHECK after DROP CONSTRAINT", "BEGIN;\nALTER TABLE orders DROP CONSTRAINT orders_status_check;\nALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid', 'shipped'));\nCOMMIT;\n"],
  ["a foreign key after RENAME COLUMN", "BEGIN;\nALTER TABLE orders RENAME COLUMN author TO author_id;\nALTER TABLE orders ADD CONSTRAINT orders_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id);\nCOMMIT;\n"],
  ["a UNIQUE after a rewriting type change", "BEGIN;\nALTER TABLE orders ALTER COLUMN amount TYPE bigint;\nALTER TABLE orders ADD CONSTRAINT orders_amount_key UNIQUE (amount);\nCOMMIT;\n"],
  ["an index build alone, then one after a COMMIT", "BEGIN;\nCREATE INDEX orders_amount_idx ON orders (amount);\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;\nBEGIN;\nCREATE INDEX orders_note_idx ON orders (note);\nCOMMIT;\n"],
];

let db: PGlite;
beforeAll(async () => {
  await loadPgParser();
  db = new PGlite();
}, 120_000);
afterAll(() => db.close());

/** Whether this session holds ACCESS EXCLUSIVE on `table` now. */
async function holdsAccessExclusive(table: string): Promise<boolean> {
  const { rows } = await db.query<{ held: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'relation' AND relation = $1::regclass AND mode = 'AccessExclusiveLock' AND pid = pg_backend_pid() AND granted) AS held",
    [table],
  );
  return rows[0].held;
}

describe("the ACCESS EXCLUSIVE lock an earlier statement of the transaction holds, as PostgreSQL takes it", () => {
  it.each(MIGRATIONS)("%s", async (_name, code) => {
    await db.exec("DROP TABLE IF EXISTS orders, users CASCADE;");
    await db.exec(SCHEMA);
    const path = "db/migrations/002_case.sql";
    const migration = sqlMigration({ file: detectFile(path, code, undefined, { explicit: true })!, content: code });
    const facts = computeFacts(migration);
    // the first statement after which PostgreSQL showed the lock, in this transaction
    let takenAt: number | undefined;
    for (const [index, op] of migration.up.entries()) {
      if (op.kind !== "transaction_control") {
        const held = await holdsAccessExclusive("orders");
        expect([op.loc.line, facts.holdsAccessExclusiveBefore("orders", index)]).toEqual([op.loc.line, held]);
        const at = facts.accessExclusiveTakenAt("orders", index);
        expect([op.loc.line, at === undefined ? undefined : migration.up[at].loc.line]).toEqual([op.loc.line, held ? takenAt : undefined]);
      }
      await db.exec(op.text);
      if (op.kind === "transaction_control") takenAt = undefined;
      else if (takenAt === undefined && (await holdsAccessExclusive("orders"))) takenAt = op.loc.line;
    }
  });

  it("is still held after the index build that follows it: the build runs under it, and reads wait for the build", async () => {
    await db.exec("DROP TABLE IF EXISTS orders, users CASCADE;");
    await db.exec(SCHEMA);
    await db.exec("BEGIN;");
    await db.exec("CREATE INDEX orders_amount_idx ON orders (amount);");
    // alone, the build takes SHARE: reads go on
    expect(await holdsAccessExclusive("orders")).toBe(false);
    await db.exec("ALTER TABLE orders ADD COLUMN payout_id bigint;");
    await db.exec("CREATE INDEX orders_payout_id_idx ON orders (payout_id);");
    expect(await holdsAccessExclusive("orders")).toBe(true);
    await db.exec("COMMIT;");
    expect(await holdsAccessExclusive("orders")).toBe(false);
  });

  it("after ADD COLUMN and an UPDATE of every row (WHERE the new column IS NULL), every row is a version this transaction wrote, under the lock the index build then keeps (afterWholeTableUpdate)", async () => {
    await db.exec("DROP TABLE IF EXISTS orders, users CASCADE;");
    await db.exec(SCHEMA);
    const code = "BEGIN;\nALTER TABLE orders ADD COLUMN payout_id bigint;\nUPDATE orders SET payout_id = id WHERE payout_id IS NULL;\nCREATE UNIQUE INDEX orders_payout_id_key ON orders (payout_id);\nCOMMIT;\n";
    const migration = sqlMigration({ file: detectFile("db/migrations/002_case.sql", code, undefined, { explicit: true })!, content: code });
    const facts = computeFacts(migration);
    const build = migration.up.findIndex((op) => op.kind === "add_index");
    expect(migration.up[facts.wholeTableUpdateUnderLockBefore("orders", build, "payout_id")!].loc.line).toBe(3);
    for (const op of migration.up.slice(0, build)) await db.exec(op.text);
    // every row's current version was written by this transaction: the UPDATE rewrote the whole table
    const { rows } = await db.query<{ written: number; total: number }>("SELECT count(*) FILTER (WHERE xmin::text = (txid_current() % 4294967296)::text)::int AS written, count(*)::int AS total FROM orders");
    expect(rows[0]).toEqual({ written: 100, total: 100 });
    expect(await holdsAccessExclusive("orders")).toBe(true);
    await db.exec(migration.up[build].text);
    expect(await holdsAccessExclusive("orders")).toBe(true);
    await db.exec("COMMIT;");
  });
});
