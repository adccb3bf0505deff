import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "CHECK without NOT VALID", code: "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);", lines: [1] },
    { framework: "sql", name: "foreign key without NOT VALID", code: "ALTER TABLE links\n  ADD CONSTRAINT links_set_fk FOREIGN KEY (link_set_id) REFERENCES link_sets (id);", lines: [1] },
    { framework: "sql", name: "new column referencing another table (warning)", code: "ALTER TABLE comments ADD COLUMN author_id bigint REFERENCES users (id);", lines: [1] },
  ],
  valid: [
    { framework: "sql", name: "NOT VALID, validated later", code: "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;" },
    { framework: "sql", name: "constraint on a new table", code: "CREATE TABLE o (amount int);\nALTER TABLE o ADD CONSTRAINT o_amount CHECK (amount > 0);" },
    { framework: "sql", name: "REFERENCES inside CREATE TABLE", code: "CREATE TABLE comments (id bigint, author_id bigint REFERENCES users (id));" },
  ],
});
