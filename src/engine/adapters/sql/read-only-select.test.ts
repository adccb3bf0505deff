import { loadPgParser } from "./pg-parser.js";
import { isReadOnlySelect } from "./read-only-select.js";

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
