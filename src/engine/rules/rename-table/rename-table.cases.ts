import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "rename a live table", code: "ALTER TABLE workertaskexecutions RENAME TO subflow_executions;", lines: [1] },
    {
      framework: "sql",
      name: "a view under another name does not keep the old name working",
      code: "ALTER TABLE orders RENAME TO purchases;\nCREATE VIEW recent_purchases AS SELECT * FROM purchases WHERE created_at > now() - interval '1 day';",
      lines: [1],
    },
  ],
  valid: [
    { framework: "sql", name: "rename a table created here", code: "CREATE TABLE tmp (id int);\nALTER TABLE tmp RENAME TO final;" },
    {
      framework: "sql",
      name: "rename with a compatibility view under the old name (drop the view once no code uses it)",
      code: "ALTER TABLE orders RENAME TO purchases;\nCREATE VIEW orders AS SELECT * FROM purchases;",
    },
  ],
});
