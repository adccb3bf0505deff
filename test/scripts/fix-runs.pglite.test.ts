/**
 * scripts/fix-runs.ts (`npm run audit-fixes`) runs each part of a SQL fix where the fix says it goes: the code in the
 * statement's place, a `then a new migration` after the rest of the migration, an `add to the down migration` after
 * the up and the down. A fix that fails where it goes still fails.
 */
import { runSqlFixes, type FixToRun } from "../../scripts/fix-runs.js";
import { fixParts } from "../../src/execute/fix-parts.js";
import { loadPgParser } from "../../src/engine/adapters/sql/pg-parser.js";
import { defaultConfig } from "../../src/engine/config.js";

beforeAll(() => loadPgParser(), 120_000);

const files = [
  { path: "migrations/000001_create.up.sql", content: "CREATE TABLE person (id int, inbox_url text, shared_inbox_url text);\n" },
  {
    path: "migrations/000002_inboxes.up.sql",
    content: "ALTER TABLE person DROP COLUMN inbox_url, ALTER COLUMN shared_inbox_url SET NOT NULL;\nALTER TABLE person RENAME COLUMN shared_inbox_url TO inbox_url;\n",
  },
  { path: "migrations/000002_inboxes.down.sql", content: "ALTER TABLE person RENAME COLUMN inbox_url TO shared_inbox_url;\nALTER TABLE person ADD COLUMN inbox_url text;\n" },
  { path: "migrations/000003_rename.up.sql", content: "ALTER TABLE person RENAME TO member;\n" },
  { path: "migrations/000003_rename.down.sql", content: "ALTER TABLE member RENAME TO person;\n" },
];

const inPlace = "ALTER TABLE person DROP COLUMN inbox_url, ADD CONSTRAINT person_inbox_not_null CHECK (shared_inbox_url IS NOT NULL) NOT VALID;";
const followUp = (column: string) =>
  `${inPlace}\n\n-- then a new migration, migrations/000004_validate.up.sql:\nALTER TABLE person VALIDATE CONSTRAINT person_inbox_not_null;\nALTER TABLE person ALTER COLUMN ${column} SET NOT NULL;`;
const swap = (marked: boolean) =>
  [
    marked ? "-- in place of line 1's DROP INDEX orders_number_idx and this CREATE INDEX: orders_number_idx_new is built beside orders_number_idx" : "-- the swap",
    "CREATE UNIQUE INDEX CONCURRENTLY orders_number_idx_new ON orders (number);",
    "DROP INDEX CONCURRENTLY orders_number_idx;",
    "ALTER INDEX orders_number_idx_new RENAME TO orders_number_idx;",
  ].join("\n");
const addToDown = (table: string) => `-- add to the down migration:\nALTER TABLE ${table} ADD COLUMN note text;`;

async function verdicts(fixes: FixToRun[]) {
  const runs = await runSqlFixes(files, defaultConfig(), fixes);
  return runs.map((r) => r.verdict);
}

test("a fix is cut at its part headers", () => {
  expect(fixParts(followUp("inbox_url"))).toEqual({
    inPlace: `${inPlace}\n`,
    newMigrations: ["-- then a new migration, migrations/000004_validate.up.sql:\nALTER TABLE person VALIDATE CONSTRAINT person_inbox_not_null;\nALTER TABLE person ALTER COLUMN inbox_url SET NOT NULL;"],
    addToDown: [],
    alsoReplaces: [],
  });
  expect(fixParts(addToDown("person"))).toEqual({ inPlace: "", newMigrations: [], addToDown: ["-- add to the down migration:\nALTER TABLE person ADD COLUMN note text;"], alsoReplaces: [] });
  expect(fixParts(swap(true)).alsoReplaces).toEqual([1]);
});

test("a fix that takes another statement's place too (an index swap: `in place of line 1's DROP INDEX ... and this CREATE INDEX`) runs without that statement", async () => {
  const swapFiles = [
    { path: "migrations/000001_orders.up.sql", content: "CREATE TABLE orders (id int, number int);\nCREATE INDEX orders_number_idx ON orders (number);\n" },
    { path: "migrations/000002_unique.up.sql", content: "DROP INDEX orders_number_idx;\nCREATE UNIQUE INDEX orders_number_idx ON orders (number);\n" },
  ];
  const runs = await runSqlFixes(swapFiles, defaultConfig(), [
    { path: "migrations/000002_unique.up.sql", line: 2, rule: "index-without-concurrently", fix: swap(true) },
    // the same statements without the marker: line 1's DROP INDEX runs first, and the swap's own drop finds nothing
    { path: "migrations/000002_unique.up.sql", line: 2, rule: "index-without-concurrently", fix: swap(false) },
  ]);
  expect(runs.map((r) => r.verdict)).toEqual([{ kind: "ran" }, { kind: "failed", error: expect.stringContaining('index "orders_number_idx" does not exist') }]);
}, 120_000);

test("a new migration runs after the whole migration: it names the column as the rest of the up leaves it", async () => {
  const [ran, failed] = await verdicts([
    { path: "migrations/000002_inboxes.up.sql", line: 1, rule: "set-not-null", fix: followUp("inbox_url") },
    { path: "migrations/000002_inboxes.up.sql", line: 1, rule: "set-not-null", fix: followUp("shared_inbox_url") },
  ]);
  expect(ran).toEqual({ kind: "ran" });
  expect(failed).toEqual({ kind: "failed", error: expect.stringMatching(/^its new migration, line 3: column "shared_inbox_url" of relation "person" does not exist/) });
}, 120_000);

test("the in-place part replaces its statement and must leave the rest of the up running", async () => {
  // the in-place part drops the column the migration's next statement renames
  const breaksTheRest = "ALTER TABLE person DROP COLUMN inbox_url, DROP COLUMN shared_inbox_url;\n\n-- then a new migration, migrations/000004_x.up.sql:\nSELECT 1;";
  const [verdict] = await verdicts([{ path: "migrations/000002_inboxes.up.sql", line: 1, rule: "set-not-null", fix: breaksTheRest }]);
  expect(verdict).toEqual({ kind: "failed", error: expect.stringContaining("the migration's own statements before its new migration fail with the fix in place: column \"shared_inbox_url\" does not exist") });
}, 120_000);

test("an add-to-the-down part runs after the up and the down: it names the table as the down leaves it", async () => {
  const [ran, failed] = await verdicts([
    { path: "migrations/000003_rename.up.sql", line: 1, rule: "down-does-not-undo-up", fix: addToDown("person") },
    { path: "migrations/000003_rename.up.sql", line: 1, rule: "down-does-not-undo-up", fix: addToDown("member") },
  ]);
  expect(ran).toEqual({ kind: "ran" });
  expect(failed).toEqual({ kind: "failed", error: expect.stringMatching(/^its part of the down, line 2: relation "member" does not exist/) });
}, 120_000);

test("a fix with no code for its statement's place keeps the statement: its part of the down runs after the up as written and the down", async () => {
  // down-does-not-restore's fix is only a part of the down: the rename stays in the up, and the down renames back
  const [ran, failed] = await verdicts([
    { path: "migrations/000003_rename.up.sql", line: 1, rule: "down-does-not-restore", fix: addToDown("person") },
    { path: "migrations/000003_rename.up.sql", line: 1, rule: "down-does-not-restore", fix: addToDown("member") },
  ]);
  expect(ran).toEqual({ kind: "ran" });
  expect(failed).toEqual({ kind: "failed", error: expect.stringMatching(/^its part of the down, line 2: relation "member" does not exist/) });
}, 120_000);

test("a part `after line N of this migration` runs after the up's statements up to that line (rename-table's view after the migration's own DROP COLUMN)", async () => {
  const renameFiles = [
    { path: "migrations/000001_user.up.sql", content: "CREATE TABLE user_ (id int PRIMARY KEY, admin boolean);\n" },
    { path: "migrations/000002_person.up.sql", content: "ALTER TABLE user_ RENAME TO person;\nALTER TABLE person DROP COLUMN admin;\n" },
  ];
  const later = "ALTER TABLE user_ RENAME TO person;\n-- after line 2 of this migration, the last that drops or retypes a column of person:\nCREATE VIEW user_ AS SELECT * FROM person;";
  const right = "ALTER TABLE user_ RENAME TO person;\n-- the old name keeps working:\nCREATE VIEW user_ AS SELECT * FROM person;\n\n-- then a new migration, migrations/000003_x.up.sql:\nSELECT 1;";
  expect(fixParts(later).afterLine).toEqual({ line: 2, sql: later.split("\n").slice(1).join("\n") });
  const runs = await runSqlFixes(renameFiles, defaultConfig(), [
    { path: "migrations/000002_person.up.sql", line: 1, rule: "rename-table", fix: later },
    { path: "migrations/000002_person.up.sql", line: 1, rule: "rename-table", fix: right },
  ]);
  expect(runs.map((r) => r.verdict)).toEqual([{ kind: "ran" }, { kind: "failed", error: expect.stringContaining("other objects depend on it") }]);
}, 120_000);
