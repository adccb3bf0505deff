import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "CIC without IF NOT EXISTS outside a transaction", schema: "CREATE TABLE t (a int);", code: "CREATE INDEX CONCURRENTLY i ON t (a);", lines: [1] },
    { framework: "sql", name: "CIC IF NOT EXISTS keeps an INVALID index from a failed build", schema: "CREATE TABLE t (a int);", code: "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);", lines: [1] },
    { framework: "sql", name: "DROP TABLE without IF EXISTS", schema: "CREATE TABLE legacy_events (id bigint PRIMARY KEY);", path: "db/migrations/000001_drop.up.sql", code: "DROP TABLE legacy_events;", lines: [1] },
  ],
  valid: [
    { framework: "sql", name: "an INVALID index from a failed build is dropped first", path: "db/migrations/000002_idx.up.sql", code: "-- migrate:up transaction:false\nDROP INDEX CONCURRENTLY IF EXISTS i;\nCREATE INDEX CONCURRENTLY i ON t (a);" },
    { framework: "sql", name: "IF EXISTS", path: "db/migrations/000001_drop.up.sql", code: "DROP TABLE IF EXISTS legacy_events;" },
  ],
});
