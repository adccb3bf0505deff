/**
 * Pure steps over measurements: schema differences named object by object, the lock table, where
 * PostgreSQL's error cursor lands, and the merge in which measured locks overrule static guesses.
 */
import { loadPgParser } from "../../engine/adapters/sql/pg-parser.js";
import { defaultConfig, loadConfig } from "../../engine/config.js";
import type { ReportedFinding } from "../../engine/model.js";
import { lockRows, lockTableMarkdown, type LockTrace, type StatementTrace } from "../lock-trace.js";
import { mergeMeasuredLocks } from "../merge-measured-locks.js";
import { sameDefinition, sameViewColumnsInAnyOrder } from "../definition-equality.js";
import { environmentReason } from "../failure-kind.js";
import { errorLine } from "../run-script.js";
import { describeChange, diffSnapshots } from "../schema-diff.js";
import { settleDownGuesses } from "../settle-down-guesses.js";
import type { SchemaObject, Snapshot } from "../snapshot.js";
import { undoSql } from "../undo-sql.js";

beforeAll(() => loadPgParser());

const snapshot = (...objects: SchemaObject[]): Snapshot => new Map(objects.map((o) => [`${o.kind} ${o.name}`, o]));
const users = { kind: "table", name: "public.users", definition: "" };
const email = { kind: "column", name: "public.users.email", parent: "public.users", definition: "text" };

describe("schema differences", () => {
  it("names left-over, missing and changed objects, and lets a table stand for its columns", () => {
    const before = snapshot(users, email, { kind: "enum", name: "public.mood", definition: "'happy', 'sad'" });
    const after = snapshot(
      users,
      { ...email, definition: "text not null" },
      { kind: "table", name: "public.audit", definition: "" },
      { kind: "column", name: "public.audit.id", parent: "public.audit", definition: "integer" },
      { kind: "index", name: "public.users_email_idx", parent: "public.users", definition: "CREATE INDEX users_email_idx ON public.users USING btree (email)" },
    );
    const changes = diffSnapshots(before, after);
    expect(changes.map(describeChange)).toEqual([
      "column users.email differs: before `text`, after the down `text not null`",
      "enum mood is gone (the down drops it, but it existed before the up)",
      "index users_email_idx is still there (the down does not remove it)",
      "table audit is still there (the down does not remove it)",
    ]);
    expect(undoSql(changes)).toBe(
      ["-- add to the down migration:", "DROP INDEX users_email_idx;", "-- restore column users.email to: text", "DROP TABLE audit;", "-- recreate enum mood as it was before the up (the down drops it)"].join("\n"),
    );
  });

  it("finds nothing between equal snapshots", () => {
    expect(diffSnapshots(snapshot(users, email), snapshot(email, users))).toEqual([]);
  });
});

describe("definitions", () => {
  it("ignores layout and comments in function bodies, not what they do", () => {
    const a = "CREATE FUNCTION public.f() RETURNS text LANGUAGE plpgsql AS $function$\nBEGIN\n  RETURN 'hi'; -- why\nEND\n$function$";
    const b = "CREATE FUNCTION public.f() RETURNS text LANGUAGE plpgsql AS $function$ BEGIN RETURN 'hi'; END $function$";
    expect(sameDefinition(a, b, 0)).toBe(true);
    expect(sameDefinition(a, b.replace("'hi'", "'hello'"), 0)).toBe(false);
  });

  it("accepts a view whose columns came back in another order, not one with other columns", () => {
    const before = " SELECT id,\n    parent_id,\n    content\n   FROM comment;";
    expect(sameViewColumnsInAnyOrder(before, " SELECT id,\n    content,\n    parent_id\n   FROM comment;")).toBe(true);
    expect(sameViewColumnsInAnyOrder(before, " SELECT id,\n    content,\n    parent_id,\n    read\n   FROM comment;")).toBe(false);
    expect(sameViewColumnsInAnyOrder(before, " SELECT id,\n    content,\n    parent_id\n   FROM post;")).toBe(false);
  });

  it("lets a timestamp frozen at creation move forward by no more than the time between the snapshots", () => {
    const at = (time: string) => `SELECT id FROM users WHERE (published > ('2026-01-01 10:00:${time}'::timestamp without time zone - '1 day'::interval))`;
    expect(sameDefinition(at("00.100"), at("01.900"), 2_000)).toBe(true);
    expect(sameDefinition(at("00.100"), at("05.000"), 2_000)).toBe(false);
    expect(sameDefinition(at("01.900"), at("00.100"), 2_000)).toBe(false);
  });
});

const statement = (over: Partial<StatementTrace>): StatementTrace => ({
  line: 1,
  endLine: 1,
  sql: "SELECT 1",
  type: "SelectStmt",
  source: "measured",
  locks: [],
  rewritten: [],
  lockTimeout: "0",
  heldUntil: "end of migration (line 9)",
  ...over,
  held: over.held ?? over.locks ?? [],
});
const trace = (...statements: StatementTrace[]): LockTrace => ({ path: "db/2_x.up.sql", framework: "sql", statements });
const finding = (rule: string, line: number, category: ReportedFinding["category"] = "blocking-lock"): ReportedFinding => ({
  path: "db/2_x.up.sql",
  line,
  endLine: line,
  rule,
  category,
  severity: "error",
  message: rule,
  fix: "",
  statement: "",
  details: [],
});

describe("lock table", () => {
  it("has a row per lock mode, strongest first, with what it blocks", () => {
    const traces = [
      trace(
        statement({ line: 3, sql: "ALTER TABLE users\n  ALTER COLUMN id TYPE bigint", locks: [{ relation: "public.users", relationKind: "table", mode: "AccessExclusiveLock" }, { relation: "public.users_pkey", relationKind: "index", mode: "AccessExclusiveLock" }, { relation: "public.orders", relationKind: "table", mode: "ShareRowExclusiveLock" }], rewritten: ["public.users"] }),
        statement({ line: 5, sql: "CREATE TABLE t (id int)" }),
      ),
    ];
    expect(lockRows(traces).map((r) => [r.line, r.lock, r.objects, r.blocksReads, r.blocksWrites, r.rewrite])).toEqual([
      [3, "ACCESS EXCLUSIVE", "users, users_pkey (index)", true, true, "yes (users)"],
      [3, "SHARE ROW EXCLUSIVE", "orders", false, true, "yes (users)"],
    ]);
    expect(lockTableMarkdown(traces)).toContain("| 3 | `ALTER TABLE users ALTER COLUMN id TYPE bigint` | ACCESS EXCLUSIVE | users, users_pkey (index) | yes | yes | yes (users) | end of migration (line 9) |");
    expect(lockTableMarkdown([trace(statement({}))])).toBe("No statement locked or rewrote a table that existed before the migration.\n");
  });
});

describe("error lines", () => {
  it("counts characters, not bytes, up to PostgreSQL's cursor", () => {
    const sql = "UPDATE users\n   SET note = 'café ✓'\n WHERE emial = 1";
    const at = sql.indexOf("emial") + 1;
    const codePoints = [...sql.slice(0, at - 1)].length + 1;
    expect(errorLine({ sql, line: 10, endLine: 12, inTransaction: true, type: "UpdateStmt", outsideTransactionOnly: false }, { message: "x", position: codePoints })).toBe(12);
    expect(errorLine({ sql, line: 10, endLine: 12, inTransaction: true, type: "UpdateStmt", outsideTransactionOnly: false }, { message: "x" })).toBe(10);
  });
});

describe("whose failure", () => {
  const failure = (code: string, message: string) => ({
    statement: { sql: "x", line: 3, endLine: 3, inTransaction: true, type: "X", outsideTransactionOnly: false },
    line: 3,
    kind: "error" as const,
    message,
    failure: { code, message },
  });

  it("blames the test database for what lies outside the migrations, and the migration for the rest", () => {
    expect(environmentReason(failure("0A000", 'extension "postgis" is not available'), "sql")).toContain("lacks an extension");
    expect(environmentReason(failure("42704", 'role "reporting" does not exist'), "sql")).toContain("lacks");
    expect(environmentReason(failure("42P01", 'relation "__diesel_schema_migrations" does not exist'), "sql")).toContain("another migration runner");
    expect(environmentReason(failure("42P01", 'relation "users" does not exist'), "sql")).toBeUndefined();
    expect(environmentReason(failure("0A000", "cannot alter type of a column used by a view or rule"), "sql")).toBeUndefined();
    // Rails and Django histories are mostly Ruby and Python, which never run: a missing table is theirs
    expect(environmentReason(failure("42P01", 'relation "users" does not exist'), "rails")).toContain("other migrations create");
  });
});

describe("measured locks against static findings", () => {
  const config = defaultConfig();
  const share = [{ relation: "public.users", relationKind: "table", mode: "ShareLock" }];

  it("keeps a confirmed lock finding with what was measured", () => {
    const merged = mergeMeasuredLocks([finding("index-without-concurrently", 1)], [trace(statement({ locks: share }))], config);
    expect(merged.findings[0].details).toEqual(["measured: SHARE on users"]);
    expect(merged.overruled).toEqual([]);
  });

  it("keeps a lock finding when an earlier statement of the transaction already holds the blocking lock", () => {
    // DROP INDEX took ACCESS EXCLUSIVE on flows at line 1; CREATE INDEX at line 2 takes nothing new, yet writes wait
    const ae = [{ relation: "public.flows", relationKind: "table", mode: "AccessExclusiveLock" }];
    const merged = mergeMeasuredLocks(
      [finding("require-lock-timeout", 1), finding("index-without-concurrently", 2)],
      [trace(statement({ locks: ae }), statement({ line: 2, endLine: 2, locks: [], held: ae }))],
      config,
    );
    expect(merged.overruled).toEqual([]);
    expect(merged.findings[1].details).toEqual(["measured: no new lock on an existing relation; already held by its transaction: ACCESS EXCLUSIVE on flows"]);
  });

  it("drops a lock finding when the statement blocked nothing that existed before", () => {
    const merged = mergeMeasuredLocks([finding("index-without-concurrently", 1), finding("drop-column", 1, "data-loss")], [trace(statement({ locks: [] }))], config);
    expect(merged.findings.map((f) => f.rule)).toEqual(["drop-column"]);
    expect(merged.overruled.map((f) => f.rule)).toEqual(["index-without-concurrently"]);
  });

  it("replaces a guessed rewrite by what was measured, and keeps findings on statements it could not measure", () => {
    const ae = [{ relation: "public.users", relationKind: "table", mode: "AccessExclusiveLock" }];
    const merged = mergeMeasuredLocks(
      [finding("volatile-default", 1), finding("index-without-concurrently", 2)],
      [trace(statement({ locks: ae }), statement({ line: 2, endLine: 2, source: "documented", locks: [] }))],
      config,
    );
    expect(merged.overruled.map((f) => f.rule)).toEqual(["volatile-default"]);
    // what stays true of line 1: a brief ACCESS EXCLUSIVE lock taken without lock_timeout
    expect(merged.findings.map((f) => [f.rule, f.line])).toEqual([
      ["index-without-concurrently", 2],
      ["measured-blocking-lock", 1],
    ]);
  });

  it("adds a measured rewrite and a measured blocking lock no rule flagged, but not with lock_timeout or for TRUNCATE", () => {
    const merged = mergeMeasuredLocks(
      [],
      [
        trace(
          statement({ line: 1, sql: "DO $$ ... $$", type: "DoStmt", rewritten: ["public.users"] }),
          statement({ line: 2, endLine: 2, sql: "SELECT add_trigger('users')", locks: [{ relation: "public.users", relationKind: "table", mode: "ShareRowExclusiveLock" }] }),
          statement({ line: 3, endLine: 3, sql: "CREATE TRIGGER ...", lockTimeout: "5s", locks: share }),
          statement({ line: 4, endLine: 4, sql: "TRUNCATE users", type: "TruncateStmt", rewritten: ["public.users"] }),
        ),
      ],
      config,
    );
    expect(merged.findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ["measured-table-rewrite", 1, "error"],
      ["measured-blocking-lock", 2, "warning"],
    ]);
    // the statement ran in the migration's transaction: SET LOCAL, which ends with it
    expect(merged.findings[1].fix).toBe(
      "SET LOCAL lock_timeout = '5s';  -- first statement of the migration's transaction: fail fast and retry instead of queueing traffic; SET LOCAL ends with the transaction, so the setting does not stay on the connection",
    );
  });

  it("a blocking lock measured on a statement run alone, outside a transaction: SET first and RESET last, since SET LOCAL would do nothing", () => {
    const merged = mergeMeasuredLocks(
      [],
      [trace(statement({ line: 1, sql: "SELECT add_trigger('users')", heldUntil: "end of statement", locks: [{ relation: "public.users", relationKind: "table", mode: "ShareRowExclusiveLock" }] }))],
      config,
    );
    const fix = merged.findings.find((f) => f.rule === "measured-blocking-lock")!.fix;
    expect(fix).toContain("SET lock_timeout = '5s';  -- first statement of the migration");
    expect(fix).toContain("RESET lock_timeout;  -- last statement of the migration");
  });

  it("gives the lock_timeout advice once per file, and not where require-lock-timeout gave it", () => {
    const ae = (line: number) => statement({ line, endLine: line, sql: `ALTER TABLE t${line} ADD COLUMN a int`, locks: [{ relation: `public.t${line}`, relationKind: "table", mode: "AccessExclusiveLock" }] });
    const once = mergeMeasuredLocks([], [trace(ae(1), ae(2), ae(3))], config).findings;
    expect(once.map((f) => [f.rule, f.line])).toEqual([["measured-blocking-lock", 1]]);
    expect(once[0].message).toContain("(and 2 more statement(s) of this migration)");
    expect(mergeMeasuredLocks([finding("require-lock-timeout", 1)], [trace(ae(1), ae(2))], config).findings.map((f) => f.rule)).toEqual(["require-lock-timeout"]);
    expect(mergeMeasuredLocks([], [trace(ae(1))], loadConfig("rules:\n  require-lock-timeout: off\n").config).findings).toEqual([]);
    expect(mergeMeasuredLocks([], [{ ...trace(ae(1)), framework: "rails" }], config).findings).toEqual([]);
  });

  it("adds nothing the config turns off", () => {
    const off = loadConfig("rules:\n  measured-blocking-lock: off\n").config;
    expect(mergeMeasuredLocks([], [trace(statement({ locks: share }))], off).findings).toEqual([]);
  });

  it("settles the static down guess once the down ran and the schema was compared", () => {
    const guess = { ...finding("down-does-not-undo-up", 1, "irreversible") };
    const notRestored = { ...finding("down-does-not-restore", 1, "irreversible") };
    const locking = { ...finding("index-without-concurrently", 1, "blocking-lock") };
    const settled = settleDownGuesses([guess, notRestored, locking], [{ upPath: "db/2_x.up.sql", downPath: "db/2_x.down.sql" }]);
    expect(settled.overruled).toEqual([guess, notRestored]);
    expect(settled.findings).toEqual([locking]);
    expect(settleDownGuesses([guess], []).findings).toEqual([guess]);
  });
});
