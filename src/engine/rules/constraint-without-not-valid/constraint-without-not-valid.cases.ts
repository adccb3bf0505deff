import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "a foreign key with MATCH FULL, ON DELETE CASCADE, ON UPDATE SET NULL, DEFERRABLE INITIALLY DEFERRED: NOT VALID and the VALIDATE keep every clause",
      schema: "CREATE TABLE teams (id bigint PRIMARY KEY);\nCREATE TABLE members (id bigint PRIMARY KEY, team_id bigint);",
      code: "ALTER TABLE members ADD CONSTRAINT members_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED;",
      lines: [1],
      afterFix: {
        query: "SELECT conname, confmatchtype, confdeltype, confupdtype, condeferrable, condeferred, convalidated FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace",
        rows: [{ conname: "members_team_id_fkey", confmatchtype: "f", confdeltype: "c", confupdtype: "n", condeferrable: true, condeferred: true, convalidated: true }],
      },
    },
    {
      framework: "sql",
      name: "a foreign key on a column added empty earlier in the transaction: no row can fail, but PostgreSQL still scans them all under the ADD COLUMN's lock",
      schema: "CREATE TABLE projects (id int PRIMARY KEY);\nCREATE TABLE documents (id bigint PRIMARY KEY);",
      code: "BEGIN;\nALTER TABLE documents ADD COLUMN project_id int;\nALTER TABLE documents ADD CONSTRAINT documents_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id);\nCOMMIT;\n",
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "sql",
      name: "the new column is filled before its foreign key: every filled row is checked (error)",
      schema: "CREATE TABLE projects (id int PRIMARY KEY);\nCREATE TABLE documents (id bigint PRIMARY KEY);",
      code: "BEGIN;\nALTER TABLE documents ADD COLUMN project_id int;\nUPDATE documents SET project_id = 1;\nALTER TABLE documents ADD CONSTRAINT documents_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id);\nCOMMIT;\n",
      lines: [4],
      severities: ["error"],
    },
    {
      framework: "sql",
      name: "the column was added by an earlier transaction: its lock was released, the foreign key waits for it again and scans under it (error)",
      schema: "CREATE TABLE projects (id int PRIMARY KEY);\nCREATE TABLE documents (id bigint PRIMARY KEY);",
      code: "BEGIN;\nALTER TABLE documents ADD COLUMN project_id int;\nCOMMIT;\nBEGIN;\nALTER TABLE documents ADD CONSTRAINT documents_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id);\nUPDATE documents SET project_id = 1;\nCOMMIT;\n",
      lines: [5],
      severities: ["error"],
    },
    {
      framework: "sql",
      name: "an unnamed CHECK: the fix names it, so its VALIDATE names the constraint that exists (not a guess of PostgreSQL's name)",
      schema: "CREATE TABLE report_combined (id int PRIMARY KEY, post_report_id int, comment_report_id int);",
      code: "ALTER TABLE report_combined ADD CHECK (num_nonnulls(post_report_id, comment_report_id) = 1);",
      lines: [1],
    },
    { framework: "sql", name: "CHECK without NOT VALID", schema: "CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric);", code: "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);", lines: [1] },
    { framework: "sql", name: "foreign key without NOT VALID", schema: "CREATE TABLE link_sets (id bigint PRIMARY KEY);\nCREATE TABLE links (id bigint PRIMARY KEY, link_set_id bigint);", code: "ALTER TABLE links\n  ADD CONSTRAINT links_set_fk FOREIGN KEY (link_set_id) REFERENCES link_sets (id);", lines: [1] },
    {
      framework: "sql",
      name: "a CHECK on a column added empty just before: no row can fail, but every row is scanned under the lock (warning)",
      schema: "CREATE TABLE webhooks (id bigint PRIMARY KEY);",
      code: "ALTER TABLE webhooks ADD COLUMN identifier varchar(256);\nALTER TABLE webhooks ADD CONSTRAINT webhooks_identifier_not_blank CHECK (identifier <> '');",
      lines: [2],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "a foreign key on a column added empty earlier in the transaction, which then backfills every row under the same lock: no row can fail, and the backfill holds the lock far longer than the scan",
      schema: "CREATE TABLE projects (id int PRIMARY KEY);\nCREATE TABLE documents (id bigint PRIMARY KEY);",
      code: "BEGIN;\nALTER TABLE documents ADD COLUMN project_id int;\nALTER TABLE documents ADD CONSTRAINT documents_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id);\nUPDATE documents SET project_id = 1;\nCOMMIT;\n",
    },
    {
      framework: "sql",
      name: "the table is proven empty by a NOT NULL column added without a default just before: the foreign key and the CHECK validate no rows",
      schema: 'CREATE TABLE "Team" (id int PRIMARY KEY);\nCREATE TABLE "Folder" (id text PRIMARY KEY, name text);',
      code: 'ALTER TABLE "Folder" ADD COLUMN "teamId" INTEGER NOT NULL;\nALTER TABLE "Folder" ADD CONSTRAINT "Folder_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"(id);\nALTER TABLE "Folder" ADD CONSTRAINT "Folder_name_check" CHECK (name <> \'\');\n',
    },
    { framework: "sql", name: "NOT VALID, validated later", code: "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;" },
    { framework: "sql", name: "constraint on a new table", code: "CREATE TABLE o (amount int);\nALTER TABLE o ADD CONSTRAINT o_amount CHECK (amount > 0);" },
    { framework: "sql", name: "REFERENCES inside CREATE TABLE", code: "CREATE TABLE comments (id bigint, author_id bigint REFERENCES users (id));" },
    {
      framework: "sql",
      name: "a new nullable column with an inline REFERENCES: every row holds NULL, nothing is checked",
      code: "ALTER TABLE comments ADD COLUMN author_id bigint REFERENCES users (id);",
    },
  ],
});
