import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [{ framework: "sql", name: "DROP NOT NULL", schema: "CREATE TABLE local_image (id bigint PRIMARY KEY, local_user_id bigint NOT NULL);", code: "ALTER TABLE local_image ALTER COLUMN local_user_id DROP NOT NULL;", lines: [1] }],
  valid: [{ framework: "sql", name: "new table", code: "CREATE TABLE t (a int NOT NULL);\nALTER TABLE t ALTER COLUMN a DROP NOT NULL;" }],
});
