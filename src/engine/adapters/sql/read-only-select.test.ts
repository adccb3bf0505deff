import { loadPgParser, parseStatements } from "./pg-parser.js";
import { isReadOnlySelect, selectWrites } from "./read-only-select.js";
import { segmentOperations } from "./index.js";

beforeAll(() => loadPgParser());

describe("isReadOnlySelect", () => {
  it.each([
    "SELECT current_schema()",
    "SELECT current_schema",
    "SELECT extversion FROM pg_extension WHERE extname = 'vector'",
    "SELECT count(*) FROM orders WHERE total IS NULL;",
    "SELECT max(id) FROM events",
    "SHOW server_version",
  ])("reads only: %s", (sql) => expect(isReadOnlySelect(sql)).toBe(true));

  it.each([
    "SELECT id INTO archived FROM orders",
    "SELECT id FROM orders FOR UPDATE",
    "WITH gone AS (DELETE FROM orders WHERE total IS NULL RETURNING id) SELECT count(*) FROM gone",
    "SELECT setval('orders_id_seq', 10)",
    "SELECT archive_old_orders()",
    "SELECT set_config('app.tenant', 'a', false)",
    "SELECT 1; SELECT 2",
    "UPDATE orders SET total = 0",
  ])("may write: %s", (sql) => expect(isReadOnlySelect(sql)).toBe(false));
});

describe("selectWrites: what a SELECT that is no read may change", () => {
  const first = (sql: string) => parseStatements(sql).statements[0].stmt;
  it.each([
    ["SELECT id FROM orders FOR UPDATE", "row locks"],
    ["SELECT * FROM (SELECT id FROM orders FOR SHARE) o", "row locks"],
    ["SELECT nextval('orders_id_seq') FROM orders", "sequences"],
    ["SELECT pg_catalog.setval('orders_id_seq', (SELECT max(id) FROM orders))", "sequences"],
    ["SELECT archive_old_orders(id) FROM orders FOR UPDATE", "code"],
    ["WITH gone AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM gone", "code"],
    ["SELECT currval('orders_id_seq')", undefined],
    ["SELECT count(*) FROM orders", undefined],
  ])("%s: %s", (sql, kind) => expect(selectWrites(first(sql))).toBe(kind));
});

describe("the SQL adapter's operations of a SELECT that is no read", () => {
  const ops = (sql: string) => segmentOperations({ text: sql, transaction: "implicit" }).ops.map((op) => ({ kind: op.kind, ...(op.kind === "dml" ? { verb: op.verb, table: op.table } : {}), ...(op.kind === "raw" ? { reads: op.reads, mayWrite: op.mayWrite } : {}) }));
  it("a data-modifying WITH gives its own DML, before the statement's (INSERT ... SELECT FROM the deleted rows)", () => {
    expect(ops("WITH gone AS (DELETE FROM orders WHERE total IS NULL RETURNING *) INSERT INTO orders_archive SELECT * FROM gone")).toEqual([
      { kind: "dml", verb: "delete", table: "orders" },
      { kind: "dml", verb: "insert", table: "orders_archive" },
    ]);
    expect(ops("WITH gone AS (DELETE FROM orders RETURNING id) SELECT id FROM gone")).toEqual([{ kind: "dml", verb: "delete", table: "orders" }]);
  });
  it("row locks, a sequence moved or a function that may write: a SELECT without the tables it reads, marked", () => {
    expect(ops("SELECT id FROM orders FOR UPDATE")).toEqual([{ kind: "raw", reads: undefined, mayWrite: "row locks" }]);
    expect(ops("SELECT archive_old_orders(id) FROM orders")).toEqual([{ kind: "raw", reads: undefined, mayWrite: "code" }]);
    expect(ops("SELECT id FROM orders")).toEqual([{ kind: "raw", reads: ["orders"], mayWrite: undefined }]);
  });
});
