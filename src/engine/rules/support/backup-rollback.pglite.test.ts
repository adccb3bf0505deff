/**
 * The copy a Django fix keeps before it drops a column or a table, or narrows a column, must still be there when a
 * rollback needs it. Django undoes a migration's operations last first: the drop's reverse (RemoveField's,
 * DeleteModel's, AlterField's) runs first and brings the column or table back empty (or widened), then the copy's
 * RunSQL reverse runs. Each fix of the rules' own case tables is replayed on PostgreSQL (PGlite) in that order, with
 * the Django operation stood in for by its SQL: the values must be back, and the copy gone.
 */
import { PGlite } from "@electric-sql/pglite";
import { loadCases, runCase } from "../../testing/case-runner.js";
import { RULES } from "../index.js";

/** The forward and reverse SQL of the fix's RunSQL that creates the copy (JSON-style string literals, as the fix writes them). */
function copyStep(fix: string): { forward: string; reverse: string | undefined } {
  const call = /migrations\.RunSQL\(\s*("(?:[^"\\]|\\.)*"),\s*reverse_sql=("(?:[^"\\]|\\.)*"|migrations\.RunSQL\.noop)/g;
  for (const m of fix.matchAll(call)) {
    const forward = JSON.parse(m[1]) as string;
    if (/^CREATE TABLE \S+_backup_/.test(forward)) return { forward, reverse: m[2].startsWith('"') ? (JSON.parse(m[2]) as string) : undefined };
  }
  throw new Error(`no copy in the fix:\n${fix}`);
}

async function fixOf(ruleId: string, caseName: string): Promise<string> {
  const rule = RULES.find((r) => r.meta.id === ruleId)!;
  const c = (await loadCases(ruleId)).invalid.find((x) => x.name.startsWith(caseName));
  if (!c) throw new Error(`no case "${caseName}" of ${ruleId}`);
  const [finding] = await runCase(rule, c);
  return finding.fix;
}

interface Replay {
  rule: string;
  caseName: string;
  /** the table before the migration, with its rows */
  schema: string;
  /** the Django operation, forward and reversed, as SQL */
  operation: string;
  reversed: string;
  /** what the rollback must leave */
  check: string;
}

const REPLAYS: Replay[] = [
  {
    rule: "drop-column",
    caseName: "WebODM 0004 under its offline deploy",
    schema: "CREATE TABLE app_order (id bigserial PRIMARY KEY, note text); INSERT INTO app_order (note) VALUES ('first'), (NULL), ('third');",
    operation: "ALTER TABLE app_order DROP COLUMN note",
    reversed: "ALTER TABLE app_order ADD COLUMN note text NULL",
    check: "SELECT string_agg(id || '=' || coalesce(note, '-'), ',' ORDER BY id) AS v FROM app_order",
  },
  {
    // the later migration of the state-first removal: its one RunSQL copies and drops, its reverse adds the column back
    rule: "drop-column",
    caseName: "a NullBooleanField removed",
    schema: "CREATE TABLE shop_contactgroup (id serial PRIMARY KEY, hide_prices boolean); INSERT INTO shop_contactgroup (hide_prices) VALUES (true), (NULL), (false);",
    operation: "",
    reversed: "",
    check: "SELECT string_agg(id || '=' || coalesce(hide_prices::text, '-'), ',' ORDER BY id) AS v FROM shop_contactgroup",
  },
  {
    rule: "drop-table",
    caseName: "DeleteModel under an offline deploy",
    schema: "CREATE TABLE app_order (id bigserial PRIMARY KEY, note text); INSERT INTO app_order (note) VALUES ('first'), (NULL), ('third');",
    operation: "DROP TABLE app_order",
    reversed: "CREATE TABLE app_order (id bigserial PRIMARY KEY, note text)",
    check: "SELECT string_agg(id || '=' || coalesce(note, '-'), ',' ORDER BY id) AS v FROM app_order",
  },
  {
    rule: "narrowing-type-change",
    caseName: "DateTimeField -> DateField",
    schema: "CREATE TABLE app_author (id serial PRIMARY KEY, born timestamptz, name varchar(255)); INSERT INTO app_author (born, name) VALUES ('2001-02-03 10:30+00', 'a'), (NULL, 'b');",
    // the fix's check (a value with a time of day stops it) is not replayed: such a value shows the copy brings it back
    operation: "ALTER TABLE app_author ALTER COLUMN born TYPE date",
    reversed: "ALTER TABLE app_author ALTER COLUMN born TYPE timestamptz",
    check: "SELECT string_agg(id || '=' || coalesce(born::text, '-'), ',' ORDER BY id) AS v FROM app_author",
  },
];

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.exec("SET TIME ZONE 'UTC'");
});
afterAll(async () => db?.close());

describe("a Django fix's copy outlives the rollback it is kept for", () => {
  it.each(REPLAYS.map((r) => [`${r.rule}: ${r.caseName}`, r] as const))("%s", async (_name, r) => {
    const { forward, reverse } = copyStep(await fixOf(r.rule, r.caseName));
    await db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await db.exec(r.schema);
    const before = (await db.query<{ v: string }>(r.check)).rows[0].v;
    // migrate: the copy, then the operation
    await db.exec(forward);
    if (r.operation) await db.exec(r.operation);
    // roll back: the operation's reverse first, then the copy's
    if (r.reversed) await db.exec(r.reversed);
    expect(reverse).toBeDefined();
    await db.exec(reverse!);
    expect((await db.query<{ v: string }>(r.check)).rows[0].v).toBe(before);
    const backup = /^CREATE TABLE (\S+)/.exec(forward)![1];
    expect((await db.query<{ t: string | null }>(`SELECT to_regclass('${backup}')::text AS t`)).rows[0].t).toBeNull();
  });

  it("keeps the copy where nothing brings the column back to restore it into (the drop is SQL)", async () => {
    const { reverse } = copyStep(await fixOf("drop-column", "a DROP COLUMN in a multi-statement RunSQL string"));
    expect(reverse).toBeUndefined();
  });
});
