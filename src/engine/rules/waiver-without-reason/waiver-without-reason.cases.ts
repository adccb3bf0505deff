import { defineCases } from "../support/rule.js";

/** The engine's own finding, checked the same way as a rule so its docs have examples. */
export default defineCases({
  invalid: [{ framework: "sql", name: "a waiver that does not say why", code: "-- migguard:ignore drop-table\nDROP TABLE legacy_reports;\n", lines: [1] }],
  valid: [{ framework: "sql", name: "a waiver with its reason", code: "-- migguard:ignore drop-table emptied and unused since 2019, see #812\nDROP TABLE legacy_reports;\n" }],
});
