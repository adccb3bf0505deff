import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "VACUUM FULL", code: "VACUUM FULL events;", lines: [1] },
    { framework: "sql", name: "CLUSTER", code: "CLUSTER events USING events_pkey;", lines: [1] },
    { framework: "sql", name: "REINDEX without CONCURRENTLY", code: "REINDEX TABLE events;", lines: [1] },
    { framework: "sql", name: "SET TABLESPACE", code: "ALTER TABLE events SET TABLESPACE fast_ssd;", lines: [1] },
  ],
  valid: [
    { framework: "sql", name: "plain VACUUM and ANALYZE", code: "VACUUM events;\nANALYZE events;" },
    { framework: "sql", name: "REINDEX CONCURRENTLY", code: "REINDEX TABLE CONCURRENTLY events;" },
  ],
});
