/** The engine against a production snapshot: sizes and estimates on lock findings, small tables, the file's schema. */
import { analyze } from "../analyze.js";
import { resolveConfig } from "../config.js";
import { productionSnapshot } from "../testing/production-fixtures.js";
import { columnShape } from "./production.js";
import { formatBytes, formatDuration, formatRows } from "./estimates.js";
import { parseSnapshot } from "./snapshot-file.js";

const PRODUCTION = productionSnapshot({
  orders: { rows: 200_000, mb: 2_000, columns: { user_id: { type: "bigint", nDistinct: 40_000 }, note: { type: "character varying(255)" } } },
  settings: { rows: 1, columns: { key: { type: "text", notNull: true } } },
  events: { rows: null, mb: 1 },
  users: { rows: 50_000, mb: 9 },
});

const lint = async (sql: string, options: { snapshot?: boolean; config?: Record<string, unknown> } = {}) =>
  (
    await analyze({
      files: [{ path: "db/migrations/002_change.sql", content: sql }],
      snapshot: options.snapshot === false ? undefined : PRODUCTION,
      config: resolveConfig(options.config ?? {}).config,
    })
  ).findings;

describe("lock findings against production", () => {
  it("give a large table's size, rows and an estimated time under the lock, with the assumption", async () => {
    const [index] = await lint("CREATE INDEX orders_user_idx ON orders (user_id);");
    expect(index.rule).toBe("index-without-concurrently");
    expect(index.severity).toBe("error");
    // 2,000 MB total, 60% heap: 1,200 MB read at 30 MB/s = 40 s
    expect(index.message).toContain("In production orders has about 200,000 rows and 2 GB (1.2 GB heap): building the index reads 1.2 GB of table, so the lock is held for about 40 s (at an assumed 30 MB/s).");
    expect(index.details).toEqual([
      "production snapshot of 2026-11-27 (PostgreSQL 15.8): orders has about 200,000 rows and 2 GB (1.2 GB heap), analyzed 2026-11-27",
      "the estimate assumes 30 MB/s (config throughput.index_mb_per_s); measure yours on a copy of the table",
    ]);
  });

  it("use the throughput the config sets, per kind of work", async () => {
    const [rewrite] = await lint("SET lock_timeout = '5s';\nALTER TABLE orders ALTER COLUMN user_id TYPE text;", { config: { throughput: { rewrite_mb_per_s: 10 } } });
    expect(rewrite.rule).toBe("column-type-change");
    // the whole 2,000 MB rewritten at 10 MB/s
    expect(rewrite.message).toContain("the rewrite copies 2 GB (table, TOAST and indexes rebuilt), so the lock is held for about 3 min (at an assumed 10 MB/s).");
  });

  it("size a data change held under the schema change's lock (mixed-ddl-dml): info on a small table, an estimate on a large one", async () => {
    const small = (await lint("BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE settings ADD COLUMN note text;\nUPDATE settings SET note = key;\nCOMMIT;")).find((f) => f.rule === "mixed-ddl-dml");
    expect(small).toMatchObject({ severity: "info" });
    expect(small?.message).toMatch(/In production settings has 1 row .*: the lock is brief\.$/);
    const large = (await lint("BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note2 text;\nUPDATE orders SET note2 = note;\nCOMMIT;")).find((f) => f.rule === "mixed-ddl-dml");
    expect(large?.severity).toBe("error");
    expect(large?.message).toContain("the data change may write every row, up to 1.2 GB of table, so the lock is held for about 40 s (at an assumed 30 MB/s).");
  });

  it("drop to info on a table below the small-table threshold", async () => {
    const [index] = await lint("CREATE INDEX settings_key_idx ON settings (key);");
    expect(index).toMatchObject({ rule: "index-without-concurrently", severity: "info" });
    expect(index.message).toMatch(/In production settings has 1 row and 16 kB \(9\.6 kB heap\): the lock is brief\.$/);
  });

  it("follow the configured threshold", async () => {
    const [index] = await lint("CREATE INDEX users_a_idx ON users (a);", { config: { small_table: { rows: 100_000, mb: 100 } } });
    expect(index.severity).toBe("info");
    const [big] = await lint("CREATE INDEX users_a_idx ON users (a);");
    expect(big.severity).toBe("error");
  });

  it("never call a table small when its rows are unknown (never analyzed)", async () => {
    const [index] = await lint("CREATE INDEX events_a_idx ON events (a);");
    expect(index.severity).toBe("error");
    expect(index.message).toContain("events has an unknown number of rows (never analyzed) and 1 MB");
  });

  it("leave lock_timeout findings alone: a queue forms behind a lock on a small table too", async () => {
    const findings = await lint("ALTER TABLE settings ADD COLUMN note text;");
    expect(findings.map((f) => [f.rule, f.severity, f.message.includes("production")])).toEqual([["require-lock-timeout", "warning", false]]);
  });

  it("say whether a NOT NULL column without a default fails: only a table with rows makes it fail", async () => {
    const [onRows] = await lint("SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN region text NOT NULL;");
    expect(onRows.rule).toBe("required-column-without-default");
    expect(onRows.message).toContain("In production orders has about 200,000 rows and 2 GB (1.2 GB heap): the statement will fail there.");
    const empty = productionSnapshot({ orders: { rows: 0 } });
    const [onEmpty] = (await analyze({ files: [{ path: "db/migrations/002_change.sql", content: "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN region text NOT NULL;" }], snapshot: empty })).findings;
    expect(onEmpty.message).toContain("orders is empty in production: the statement itself succeeds there, the inserts of running code still fail.");
  });

  it("change nothing without a snapshot, or on a table production does not have", async () => {
    const sql = "CREATE TABLE fresh (a int);\nCREATE INDEX orders_user_idx ON orders (user_id);\nCREATE INDEX settings_key_idx ON settings (key);";
    const without = await lint(sql, { snapshot: false });
    expect(without.map((f) => f.severity)).toEqual(["error", "warning", "error"]);
    expect(without.every((f) => !f.message.includes("production"))).toBe(true);
    const withSnapshot = await lint("CREATE INDEX fresh_a_idx ON somewhere_else (a);");
    expect(withSnapshot.find((f) => f.rule === "index-without-concurrently")?.message).not.toContain("In production");
  });
});

describe("the snapshot file", () => {
  it("refuses anything that could carry a row's value", () => {
    const withValues = JSON.parse(JSON.stringify(PRODUCTION));
    withValues.tables[0].columns[0].most_common_vals = ["+1 555 0100"];
    expect(() => parseSnapshot(JSON.stringify(withValues), "prod.json")).toThrow(/prod\.json is not a migguard snapshot \(migguard-snapshot\/1\) at tables\.0\.columns\.0: .*most_common_vals/);
    expect(() => parseSnapshot("{", "prod.json")).toThrow(/prod\.json is not JSON/);
    expect(parseSnapshot(JSON.stringify(PRODUCTION))).toEqual(PRODUCTION);
  });

  it("reads a column definition as the catalogs print it", () => {
    expect(columnShape("character varying(255) not null default ''::character varying")).toEqual({ type: "character varying(255)", notNull: true, default: "''::character varying", generated: false });
    expect(columnShape('text collate "C"')).toEqual({ type: "text", notNull: false, default: undefined, generated: false });
    expect(columnShape("bigint not null generated always as identity")).toMatchObject({ type: "bigint", notNull: true, generated: true });
    expect(columnShape("timestamp without time zone")).toMatchObject({ type: "timestamp without time zone", notNull: false });
  });

  it("formats sizes, rows and durations as people read them", () => {
    expect([formatBytes(0), formatBytes(16_384), formatBytes(25 * 1024 * 1024), formatBytes(1.5 * 1024 ** 3)]).toEqual(["0 bytes", "16 kB", "25 MB", "1.5 GB"]);
    expect([formatRows(1), formatRows(999), formatRows(49_873), formatRows(1_234_567)]).toEqual(["1 row", "999 rows", "50,000 rows", "1,200,000 rows"]);
    expect([formatDuration(0.2), formatDuration(40), formatDuration(600), formatDuration(4 * 3600)]).toEqual(["for under a second", "for about 40 s", "for about 10 min", "for about 4 h"]);
  });
});
