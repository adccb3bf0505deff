import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "LOCK TABLE in ACCESS EXCLUSIVE mode", schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);", code: "BEGIN;\nLOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;\nCOMMIT;", lines: [2] },
    {
      framework: "sql",
      name: "the ALTER TABLE committed in a transaction of its own: the lock is taken again",
      schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);",
      code: "BEGIN;\nALTER TABLE accounts ADD COLUMN note text;\nCOMMIT;\nBEGIN;\nLOCK TABLE accounts IN EXCLUSIVE MODE;\nCOMMIT;",
      lines: [5],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "the transaction already holds ACCESS EXCLUSIVE on the table (an ALTER TABLE before it): LOCK TABLE waits for nothing more",
      code: "BEGIN;\nALTER TABLE accounts ADD COLUMN note text;\nLOCK TABLE accounts IN EXCLUSIVE MODE;\nCOMMIT;",
    },
    { framework: "sql", name: "a weak lock", code: "BEGIN;\nLOCK TABLE accounts IN ACCESS SHARE MODE;\nCOMMIT;" },
    { framework: "sql", name: "ROW EXCLUSIVE is what every write takes", code: "BEGIN;\nLOCK TABLE accounts IN ROW EXCLUSIVE MODE;\nCOMMIT;" },
  ],
});
