import { productionSnapshot } from "../../testing/production-fixtures.js";
import { defineCases } from "../support/rule.js";

/** users: 50,000 rows; phone 5% NULL, email never NULL, nickname NOT NULL already. */
export const USERS = productionSnapshot({
  users: {
    rows: 50_000,
    mb: 9,
    columns: {
      id: { type: "bigint", notNull: true, nDistinct: -1 },
      phone: { type: "text", nullFrac: 0.05, nDistinct: -0.95 },
      email: { type: "character varying(255)", nullFrac: 0, nDistinct: -1 },
      nickname: { type: "text", notNull: true, nDistinct: -0.5 },
    },
  },
});

export default defineCases({
  invalid: [
    { framework: "sql", name: "SET NOT NULL on a column 5% NULL in production", schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone text);", code: "ALTER TABLE users ALTER COLUMN phone SET NOT NULL;", snapshot: USERS, lines: [1] },
  ],
  valid: [
    { framework: "sql", name: "production has no NULL in the column", code: "ALTER TABLE users ALTER COLUMN email SET NOT NULL;", snapshot: USERS },
    {
      framework: "sql",
      name: "the NULL rows get a value first",
      code: "UPDATE users SET phone = '' WHERE phone IS NULL;\nALTER TABLE users ALTER COLUMN phone SET NOT NULL;",
      snapshot: USERS,
    },
    { framework: "sql", name: "already NOT NULL in production (the migration has run)", code: "ALTER TABLE users ALTER COLUMN nickname SET NOT NULL;", snapshot: USERS },
    { framework: "sql", name: "no production snapshot given", code: "ALTER TABLE users ALTER COLUMN phone SET NOT NULL;" },
  ],
});
