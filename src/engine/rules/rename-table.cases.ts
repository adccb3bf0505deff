import { defineCases } from "./rule.js";

export default defineCases({
  invalid: [{ framework: "sql", name: "rename a live table", code: "ALTER TABLE workertaskexecutions RENAME TO subflow_executions;", lines: [1] }],
  valid: [{ framework: "sql", name: "rename a table created here", code: "CREATE TABLE tmp (id int);\nALTER TABLE tmp RENAME TO final;" }],
});
