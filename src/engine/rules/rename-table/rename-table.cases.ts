import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "rename a live table", schema: "CREATE TABLE workertaskexecutions (id bigint PRIMARY KEY);", code: "ALTER TABLE workertaskexecutions RENAME TO subflow_executions;", lines: [1] },
    {
      framework: "sql",
      name: "a view under another name does not keep the old name working",
      schema: "CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz);",
      code: "ALTER TABLE orders RENAME TO purchases;\nCREATE VIEW recent_purchases AS SELECT * FROM purchases WHERE created_at > now() - interval '1 day';",
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "the table moved aside and rebuilt under its name",
      code: "ALTER TABLE current_nodes RENAME TO current_nodes_v5;\nCREATE TABLE current_nodes (id bigint PRIMARY KEY, latitude integer NOT NULL, longitude integer NOT NULL);\nINSERT INTO current_nodes SELECT id, round(latitude * 10000000), round(longitude * 10000000) FROM current_nodes_v5;\nDROP TABLE current_nodes_v5;\n",
    },
    {
      framework: "sql",
      name: "a serial column's sequence renamed with ALTER TABLE (PostgreSQL's <table>_<column>_seq name): no code names it",
      code: "ALTER TABLE IF EXISTS ipam_l2vpn_id_seq RENAME TO vpn_l2vpn_id_seq;",
    },
    { framework: "sql", name: "rename a table created here", code: "CREATE TABLE tmp (id int);\nALTER TABLE tmp RENAME TO final;" },
    {
      framework: "sql",
      name: "rename with a compatibility view under the old name (drop the view once no code uses it)",
      code: "ALTER TABLE orders RENAME TO purchases;\nCREATE VIEW orders AS SELECT * FROM purchases;",
    },
  ],
});
