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
    {
      framework: "sql",
      name: "a SET LOCAL lock_timeout of an earlier transaction ended with its COMMIT: this LOCK waits without one",
      schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);",
      code: "BEGIN;\nSET LOCAL lock_timeout = '250ms';\nCOMMIT;\nBEGIN;\nLOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;\nCOMMIT;",
      lines: [5],
    },
    {
      framework: "sql",
      name: "lock_timeout set to 0 switches the timeout off",
      schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);",
      code: "SET lock_timeout = 0;\nBEGIN;\nLOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;\nCOMMIT;",
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "SET LOCAL lock_timeout right before the LOCK in the same transaction: the LOCK gives up instead of queueing sessions behind it",
      schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);",
      code: "BEGIN;\nSET LOCAL statement_timeout = '5s';\nSET LOCAL lock_timeout = '250ms';\nLOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;\nALTER TABLE accounts ADD COLUMN note text;\nCOMMIT;",
    },
    {
      framework: "sql",
      name: "a session lock_timeout set at the top of the file holds for every transaction after it",
      schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);",
      code: "SET lock_timeout = '2s';\nBEGIN;\nLOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;\nCOMMIT;",
    },
    {
      framework: "sql",
      name: "the transaction already holds ACCESS EXCLUSIVE on the table (an ALTER TABLE before it): LOCK TABLE waits for nothing more",
      code: "BEGIN;\nALTER TABLE accounts ADD COLUMN note text;\nLOCK TABLE accounts IN EXCLUSIVE MODE;\nCOMMIT;",
    },
    { framework: "sql", name: "a weak lock", code: "BEGIN;\nLOCK TABLE accounts IN ACCESS SHARE MODE;\nCOMMIT;" },
    { framework: "sql", name: "ROW EXCLUSIVE is what every write takes", code: "BEGIN;\nLOCK TABLE accounts IN ROW EXCLUSIVE MODE;\nCOMMIT;" },
  ],
});
