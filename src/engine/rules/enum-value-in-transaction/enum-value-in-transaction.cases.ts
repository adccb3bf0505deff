import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "new value used in the same transaction",
      schema: "CREATE TYPE state_type AS ENUM ('RUNNING', 'FAILED');\nCREATE TABLE executions (id bigint PRIMARY KEY, state state_type);",
      path: "db/migrations/00090_state.sql",
      code: "-- +goose Up\nALTER TYPE state_type ADD VALUE 'RETRYING';\nUPDATE executions SET state = 'RETRYING' WHERE state = 'FAILED';\n-- +goose Down\nSELECT 1;\n",
      lines: [3],
    },
    { framework: "sql", name: "ADD VALUE in a transaction before PostgreSQL 12", schema: "CREATE TYPE state_type AS ENUM ('RUNNING', 'FAILED');", path: "db/migration/V18__state.sql", code: "ALTER TYPE state_type ADD VALUE IF NOT EXISTS 'RETRYING';", config: { postgres_version: 11 }, lines: [1] },
  ],
  valid: [
    { framework: "sql", name: "ADD VALUE alone (PostgreSQL 12+)", path: "db/migration/V18__state.sql", code: "ALTER TYPE state_type ADD VALUE IF NOT EXISTS 'RETRYING';" },
    {
      framework: "sql",
      name: "the same label added to several enum types in one transaction: adding is not using",
      path: "db/migrations/00091_paused.sql",
      code: "-- +goose Up\nALTER TYPE job_status ADD VALUE 'PAUSED';\nALTER TYPE \"RunStatus\" ADD VALUE 'PAUSED';\nALTER TYPE step_status ADD VALUE 'PAUSED' AFTER 'RUNNING';\n-- +goose Down\nSELECT 1;\n",
    },
    { framework: "sql", name: "not in a transaction", code: "ALTER TYPE mood ADD VALUE 'meh' AFTER 'ok';\nUPDATE people SET mood = 'meh' WHERE mood IS NULL;" },
  ],
});
