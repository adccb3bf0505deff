/**
 * Starting from a snapshot: a schema built by hand, read from the catalogs, recreated in an empty database
 * from that model alone, and read again must give the same model, object by object. Also the SQL a drift
 * finding shows for one object.
 */
import { DEFAULT_LIMITS } from "../executor.js";
import { PgliteExecutor } from "../pglite/pglite-executor.js";
import { restoreSchema } from "../restore-schema.js";
import { diffSnapshots } from "../schema-diff.js";
import { createStatement } from "../schema-ddl.js";
import { takeSnapshot, type SchemaObject } from "../snapshot.js";

const executor = new PgliteExecutor();
afterAll(() => executor.close());

const SCHEMA = [
  "CREATE SCHEMA billing",
  "CREATE EXTENSION citext",
  "CREATE TYPE mood AS ENUM ('happy', 'sad')",
  "CREATE DOMAIN positive_int AS integer NOT NULL DEFAULT 1 CHECK (VALUE > 0)",
  "CREATE TYPE money_range AS RANGE (SUBTYPE = numeric)",
  "CREATE TYPE address AS (street text, city text)",
  "CREATE TABLE users (id bigserial PRIMARY KEY, email citext NOT NULL UNIQUE, mood mood, quota positive_int, home address, created_at timestamptz NOT NULL DEFAULT now())",
  "CREATE TABLE billing.invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE, amount numeric(12, 2) NOT NULL CHECK (amount >= 0), total numeric GENERATED ALWAYS AS (amount * 2) STORED, period money_range)",
  "ALTER TABLE billing.invoices ADD CONSTRAINT invoices_amount_small CHECK (amount < 1000000) NOT VALID",
  "CREATE UNLOGGED TABLE cache (key text PRIMARY KEY, value jsonb)",
  "CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL, kind text COLLATE \"C\") PARTITION BY RANGE (at)",
  "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
  "CREATE INDEX users_lower_email_idx ON users (lower(email::text)) WHERE mood IS NOT NULL",
  "CREATE SEQUENCE ticket_seq AS integer START 100 INCREMENT 5 MINVALUE 100 MAXVALUE 100000 CYCLE",
  "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END $$",
  "CREATE FUNCTION active_users() RETURNS SETOF users LANGUAGE sql STABLE AS $$ SELECT * FROM users WHERE mood = 'happy' $$",
  "CREATE TRIGGER users_touch BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch()",
  "CREATE VIEW happy_users AS SELECT id, email FROM users WHERE mood = 'happy'",
  "CREATE VIEW happy_emails AS SELECT email FROM happy_users",
  "CREATE MATERIALIZED VIEW invoice_totals AS SELECT user_id, sum(amount) AS total FROM billing.invoices GROUP BY user_id",
  "ALTER TABLE billing.invoices ENABLE ROW LEVEL SECURITY",
  "CREATE POLICY own_invoices ON billing.invoices FOR SELECT USING (user_id > 0)",
];

async function built(statements: readonly string[]): Promise<Map<string, SchemaObject>> {
  const session = await executor.open(DEFAULT_LIMITS);
  try {
    for (const sql of statements) await session.query(sql);
    return await takeSnapshot(session);
  } finally {
    await session.release();
  }
}

it("recreates every object of a snapshot's schema so that the catalogs read the same", async () => {
  const original = await built(SCHEMA);
  expect(original.get("sequence public.users_id_seq")?.definition).toMatch(/ owned by id$/);
  expect(original.get("sequence billing.invoices_id_seq")?.definition).toMatch(/ identity of id$/);
  expect(original.get("table public.events")?.definition).toMatch(/^partitioned by RANGE \(at\)/);
  expect(original.get("table public.events_2026")?.definition).toMatch(/^partition of public\.events FOR VALUES FROM/);

  const session = await executor.open(DEFAULT_LIMITS);
  try {
    // the model as a snapshot file holds it, in its file order (kind, then name), not the order it was made in
    const objects = [...original.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    const { problems } = await restoreSchema(session, objects, { timeoutMs: 5_000, deadline: performance.now() + 60_000 });
    expect(problems).toEqual([]);
    const again = await takeSnapshot(session);
    expect(diffSnapshots(original, again)).toEqual([]);
  } finally {
    await session.release();
  }
}, 120_000);

it("says what it cannot recreate instead of pretending", async () => {
  const session = await executor.open(DEFAULT_LIMITS);
  try {
    const objects: SchemaObject[] = [
      { kind: "table", name: "public.t", definition: "" },
      { kind: "column", name: "public.t.a", parent: "public.t", definition: "integer" },
      { kind: "aggregate", name: "public.mysum(integer)", definition: "integer" },
      { kind: "index", name: "public.t_b_idx", parent: "public.t", definition: "CREATE INDEX t_b_idx ON public.t USING btree (b)" },
    ];
    const { problems } = await restoreSchema(session, objects, { timeoutMs: 5_000, deadline: performance.now() + 60_000 });
    expect(problems.map((p) => [p.object.name, p.message])).toEqual([
      ["public.t_b_idx", 'column "b" does not exist'],
      ["public.mysum(integer)", "the snapshot's description is not enough to recreate it"],
    ]);
  } finally {
    await session.release();
  }
}, 120_000);

it("writes the SQL that records one object, for drift fixes", () => {
  expect(createStatement({ kind: "index", name: "public.users_email_lower_idx", parent: "public.users", definition: "CREATE INDEX users_email_lower_idx ON public.users USING btree (lower(email))" })).toBe(
    "CREATE INDEX users_email_lower_idx ON public.users USING btree (lower(email));",
  );
  expect(createStatement({ kind: "column", name: "public.orders.note", parent: "public.orders", definition: "character varying(500) not null default ''::character varying" })).toBe(
    "ALTER TABLE public.orders ADD COLUMN note character varying(500) not null default ''::character varying;",
  );
  expect(createStatement({ kind: "constraint", name: "public.orders.orders_total_check", parent: "public.orders", definition: "CHECK (total >= 0) (not validated)" })).toBe(
    "ALTER TABLE public.orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;",
  );
});
