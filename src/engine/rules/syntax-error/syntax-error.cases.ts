import { defineCases } from "../support/rule.js";

/** The engine's own finding, checked the same way as a rule so its docs have examples. */
export default defineCases({
  invalid: [
    { framework: "sql", name: "a typo in a keyword, reported on its line; the other statements are still checked", code: "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ALTR COLUMN a SET NOT NULL;\n", lines: [2] },
  ],
  valid: [{ framework: "sql", name: "PostgreSQL 18 syntax other parsers reject", code: "ALTER TABLE t ADD CONSTRAINT t_a_nn NOT NULL a NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT t_a_nn;\n" }],
});
