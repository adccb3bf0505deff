/**
 * column-type-change's plan for a key and the columns that reference it, run end to end in PGlite on tables with
 * rows: the migration as the fix leaves it (each finding's line replaced by the code the fix puts there), the
 * application writing the old columns while the new ones are filled, then every later migration the fix adds, in
 * order. Afterwards the key and its referencing columns have the new type, the rows and their links are intact, and
 * the FOREIGN KEYs are there, validated, and enforced.
 */
import { loadPgParser, parseStatements } from "../../engine/adapters/sql/pg-parser.js";
import { RULES } from "../../engine/rules/index.js";
import type { InvalidRuleCase } from "../../engine/rules/support/rule.js";
import { runCase } from "../../engine/testing/case-runner.js";
import { DEFAULT_LIMITS, pgFailureOf, type Session } from "../executor.js";
import { PgliteExecutor } from "../pglite/pglite-executor.js";
import { fixParts } from "../fix-parts.js";

const executor = new PgliteExecutor();
beforeAll(() => Promise.all([executor.start(), loadPgParser()]), 120_000);
afterAll(() => executor.close());

const rule = RULES.find((r) => r.meta.id === "column-type-change")!;

async function runAll(session: Session, sql: string, what: string): Promise<void> {
  const parsed = parseStatements(sql);
  if (parsed.errors.length) throw new Error(`${what} does not parse: ${parsed.errors[0].message}`);
  for (const statement of parsed.statements) {
    try {
      await session.query(statement.text);
    } catch (error) {
      throw new Error(`${what}, line ${statement.line}: ${pgFailureOf(error).message}\n${statement.text}`);
    }
  }
}

/**
 * The migration with the fix applied, then the application's writes (`meanwhile`, to the old columns), then the
 * later migrations: each finding's line gives way to its fix's in-place code, the other lines run as written.
 */
async function applyFixes(session: Session, c: InvalidRuleCase, meanwhile: string): Promise<void> {
  const findings = await runCase(rule, c);
  expect(findings.map((f) => f.line)).toEqual(c.lines);
  const byLine = new Map(findings.map((f) => [f.line, fixParts(f.fix)]));
  await runAll(session, c.schema!, "the schema");
  for (const statement of parseStatements(c.code).statements) await runAll(session, byLine.get(statement.line)?.inPlace ?? statement.text, `line ${statement.line} as fixed`);
  await runAll(session, meanwhile, "the application's writes");
  const files = findings.flatMap((f) => fixParts(f.fix).newMigrations);
  expect(files.length).toBeGreaterThan(0);
  for (const [i, file] of files.entries()) await runAll(session, file, `new migration ${i + 1}`);
}

const typeOf = async (session: Session, table: string, column: string) =>
  (await session.query(`SELECT data_type FROM information_schema.columns WHERE table_name = '${table}' AND column_name = '${column}'`))[0]?.data_type;

/** The FOREIGN KEYs on `table`: name, validated, and the referenced table. */
const foreignKeys = (session: Session, table: string) =>
  session.query(`SELECT conname, convalidated, confrelid::regclass::text AS referenced FROM pg_constraint WHERE conrelid = '${table}'::regclass AND contype = 'f' ORDER BY conname`);

async function rejects(session: Session, sql: string): Promise<string> {
  try {
    await session.query(sql);
  } catch (error) {
    return pgFailureOf(error).message;
  }
  throw new Error(`expected to fail: ${sql}`);
}

const POCKET_ID_INIT =
  "CREATE TABLE oidc_clients (id uuid PRIMARY KEY, name text NOT NULL);\n" +
  "CREATE TABLE oidc_authorization_codes (code text PRIMARY KEY, client_id uuid NOT NULL, CONSTRAINT oidc_authorization_codes_client_fk FOREIGN KEY (client_id) REFERENCES oidc_clients (id) ON DELETE CASCADE);\n" +
  "CREATE INDEX oidc_authorization_codes_client_id_idx ON oidc_authorization_codes (client_id);";

it("pocket-id's key and referencing column changed to text in one file: one plan converts both, the rows and the FOREIGN KEY hold", async () => {
  const c: InvalidRuleCase = {
    framework: "sql",
    name: "pocket-id end to end",
    path: "db/migrations/002_client_id_type.sql",
    files: { "db/migrations/001_init.sql": POCKET_ID_INIT },
    schema:
      `${POCKET_ID_INIT}\n` +
      "INSERT INTO oidc_clients VALUES ('6f1c1e0a-0000-4000-8000-000000000001', 'a'), ('6f1c1e0a-0000-4000-8000-000000000002', 'b');\n" +
      "INSERT INTO oidc_authorization_codes VALUES ('c1', '6f1c1e0a-0000-4000-8000-000000000001'), ('c2', '6f1c1e0a-0000-4000-8000-000000000002'), ('c3', '6f1c1e0a-0000-4000-8000-000000000002');",
    code:
      "ALTER TABLE oidc_authorization_codes DROP CONSTRAINT IF EXISTS oidc_authorization_codes_client_fk;\n" +
      "ALTER TABLE oidc_authorization_codes ALTER COLUMN client_id TYPE TEXT USING client_id::text;\n" +
      "ALTER TABLE oidc_clients ALTER COLUMN id TYPE TEXT USING id::text;\n" +
      "ALTER TABLE oidc_authorization_codes ADD CONSTRAINT oidc_authorization_codes_client_fk FOREIGN KEY (client_id) REFERENCES oidc_clients (id) ON DELETE CASCADE;",
    lines: [2, 3],
  };
  const session = await executor.open(DEFAULT_LIMITS);
  try {
    // the application still writes uuid values to the old columns while the new ones are filled
    await applyFixes(session, c, "INSERT INTO oidc_clients (id, name) VALUES ('6f1c1e0a-0000-4000-8000-000000000003', 'c');\nINSERT INTO oidc_authorization_codes VALUES ('c4', '6f1c1e0a-0000-4000-8000-000000000003');");
    expect(await typeOf(session, "oidc_clients", "id")).toBe("text");
    expect(await typeOf(session, "oidc_authorization_codes", "client_id")).toBe("text");
    expect(await session.query("SELECT a.code, c.name FROM oidc_authorization_codes a JOIN oidc_clients c ON c.id = a.client_id ORDER BY a.code")).toEqual([
      { code: "c1", name: "a" },
      { code: "c2", name: "b" },
      { code: "c3", name: "b" },
      { code: "c4", name: "c" },
    ]);
    expect(await foreignKeys(session, "oidc_authorization_codes")).toEqual([{ conname: "oidc_authorization_codes_client_fk", convalidated: true, referenced: "oidc_clients" }]);
    expect(await session.query("SELECT conname FROM pg_constraint WHERE conrelid = 'oidc_clients'::regclass AND contype = 'p'")).toEqual([{ conname: "oidc_clients_pkey" }]);
    expect(await rejects(session, "INSERT INTO oidc_authorization_codes VALUES ('c5', 'no such client')")).toMatch(/foreign key constraint "oidc_authorization_codes_client_fk"/);
    // ON DELETE CASCADE came back with the key
    await session.query("DELETE FROM oidc_clients WHERE name = 'b'");
    expect(await session.query("SELECT count(*)::int AS n FROM oidc_authorization_codes")).toEqual([{ n: 2 }]);
  } finally {
    await session.release();
  }
}, 60_000);

const USERS_INIT =
  "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\n" +
  "CREATE TABLE profiles (user_id integer PRIMARY KEY REFERENCES users (id), bio text);\n" +
  "CREATE TABLE badges (id bigint PRIMARY KEY, profile_id integer NOT NULL, CONSTRAINT badges_profile_fk FOREIGN KEY (profile_id) REFERENCES profiles (user_id) ON DELETE CASCADE);\n" +
  "CREATE TABLE audits (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));";

it("an integer key to bigint alone: the columns that reference it, and those that reference them, converted with it", async () => {
  const c: InvalidRuleCase = {
    framework: "sql",
    name: "users.id to bigint end to end",
    path: "db/migrations/002_user_ids.sql",
    files: { "db/migrations/001_init.sql": USERS_INIT },
    schema:
      `${USERS_INIT}\n` +
      "INSERT INTO users (email) VALUES ('a@x'), ('b@x');\nINSERT INTO profiles VALUES (1, 'one'), (2, 'two');\nINSERT INTO badges VALUES (10, 1), (11, 2), (12, 2);\nINSERT INTO audits VALUES (100, 2);",
    code: "ALTER TABLE users ALTER COLUMN id TYPE bigint;",
    lines: [1],
  };
  const session = await executor.open(DEFAULT_LIMITS);
  try {
    await applyFixes(session, c, "INSERT INTO users (email) VALUES ('c@x');\nINSERT INTO profiles VALUES (3, 'three');\nINSERT INTO badges VALUES (13, 3);");
    for (const [table, column] of [["users", "id"], ["profiles", "user_id"], ["badges", "profile_id"], ["audits", "user_id"]]) expect(`${table}.${column} ${await typeOf(session, table, column)}`).toBe(`${table}.${column} bigint`);
    expect(await session.query("SELECT b.id::int AS badge, u.email FROM badges b JOIN profiles p ON p.user_id = b.profile_id JOIN users u ON u.id = p.user_id ORDER BY b.id")).toEqual([
      { badge: 10, email: "a@x" },
      { badge: 11, email: "b@x" },
      { badge: 12, email: "b@x" },
      { badge: 13, email: "c@x" },
    ]);
    expect(await foreignKeys(session, "profiles")).toEqual([{ conname: "profiles_user_id_fkey", convalidated: true, referenced: "users" }]);
    expect(await foreignKeys(session, "badges")).toEqual([{ conname: "badges_profile_fk", convalidated: true, referenced: "profiles" }]);
    expect(await foreignKeys(session, "audits")).toEqual([{ conname: "audits_user_id_fkey", convalidated: true, referenced: "users" }]);
    expect(await rejects(session, "INSERT INTO badges VALUES (14, 99)")).toMatch(/foreign key constraint "badges_profile_fk"/);
    // the sequence moved to the new column: a new user gets the next id, beyond integer's range too
    await session.query("SELECT setval('users_id_seq', 3000000000)");
    expect(await session.query("INSERT INTO users (email) VALUES ('d@x') RETURNING id::text AS id")).toEqual([{ id: "3000000001" }]);
  } finally {
    await session.release();
  }
}, 60_000);

it("keys whose defaults the migrations do not show (tables made outside them): the swap carries the catalog's default and sequence to the new column", async () => {
  const c: InvalidRuleCase = {
    framework: "sql",
    name: "defaults read from the catalog",
    path: "db/migrations/002_key_types.sql",
    schema:
      "CREATE TABLE tokens (id serial PRIMARY KEY, label text);\nCREATE TABLE sessions (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), label text);\n" +
      "INSERT INTO tokens (label) VALUES ('a'), ('b');\nINSERT INTO sessions (label) VALUES ('a');",
    code: "ALTER TABLE tokens ALTER COLUMN id TYPE bigint;\nALTER TABLE sessions ALTER COLUMN id TYPE text;",
    lines: [1, 2],
  };
  const session = await executor.open(DEFAULT_LIMITS);
  try {
    await applyFixes(session, c, "INSERT INTO tokens (label) VALUES ('c');\nINSERT INTO sessions (label) VALUES ('b');");
    expect(await typeOf(session, "tokens", "id")).toBe("bigint");
    expect(await typeOf(session, "sessions", "id")).toBe("text");
    // the sequence moved to the new column, widened to bigint: numbering goes on, past integer's range too
    expect(await session.query("INSERT INTO tokens (label) VALUES ('d') RETURNING id::int AS id")).toEqual([{ id: 4 }]);
    await session.query("SELECT setval('tokens_id_seq', 3000000000)");
    expect(await session.query("INSERT INTO tokens (label) VALUES ('e') RETURNING id::text AS id")).toEqual([{ id: "3000000001" }]);
    // gen_random_uuid() came along, converted to text as ALTER TYPE converts a default
    const [row] = await session.query("INSERT INTO sessions (label) VALUES ('c') RETURNING id");
    expect(String(row.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await session.query("SELECT count(*)::int AS n FROM sessions")).toEqual([{ n: 3 }]);
  } finally {
    await session.release();
  }
}, 60_000);

it("an identity key to bigint: the new column numbered by an identity of the same kind that goes on where the old one stopped", async () => {
  const init = "CREATE TABLE events (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);\nCREATE TABLE attendees (id bigint PRIMARY KEY, event_id integer REFERENCES events (id));";
  const c: InvalidRuleCase = {
    framework: "sql",
    name: "events.id identity to bigint end to end",
    path: "db/migrations/002_events_bigint.sql",
    files: { "db/migrations/001_events.sql": init },
    schema: `${init}\nINSERT INTO events (name) VALUES ('a'), ('b'), ('c');\nDELETE FROM events WHERE name = 'c';\nINSERT INTO attendees VALUES (1, 2);`,
    code: "ALTER TABLE events ALTER COLUMN id TYPE bigint;",
    lines: [1],
  };
  const session = await executor.open(DEFAULT_LIMITS);
  try {
    await applyFixes(session, c, "INSERT INTO events (name) VALUES ('d');");
    expect(await typeOf(session, "events", "id")).toBe("bigint");
    expect(await typeOf(session, "attendees", "event_id")).toBe("bigint");
    // still GENERATED ALWAYS, and numbered after the last value the old sequence gave (4), not after max(id)
    expect(await session.query("SELECT is_identity, identity_generation FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'id'")).toEqual([{ is_identity: "YES", identity_generation: "ALWAYS" }]);
    expect(await session.query("INSERT INTO events (name) VALUES ('e') RETURNING id::int AS id")).toEqual([{ id: 5 }]);
    expect(await rejects(session, "INSERT INTO events (id, name) VALUES (9, 'f')")).toMatch(/cannot insert a non-DEFAULT value into column "id"/);
    expect(await foreignKeys(session, "attendees")).toEqual([{ conname: "attendees_event_id_fkey", convalidated: true, referenced: "events" }]);
  } finally {
    await session.release();
  }
}, 60_000);
