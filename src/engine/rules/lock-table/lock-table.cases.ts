import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [{ framework: "sql", name: "LOCK TABLE in ACCESS EXCLUSIVE mode", schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);", code: "BEGIN;\nLOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;\nCOMMIT;", lines: [2] }],
  valid: [
    { framework: "sql", name: "a weak lock", code: "BEGIN;\nLOCK TABLE accounts IN ACCESS SHARE MODE;\nCOMMIT;" },
    { framework: "sql", name: "ROW EXCLUSIVE is what every write takes", code: "BEGIN;\nLOCK TABLE accounts IN ROW EXCLUSIVE MODE;\nCOMMIT;" },
  ],
});
