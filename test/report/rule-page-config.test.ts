/**
 * The config line a rule's page shows in "Waiving it": an opt-in rule whose reports pick their own severity
 * (dml-without-where: a DELETE an error, an UPDATE a warning, a backfill a note) is switched on with `true`, which
 * keeps them; an opt-in style rule (its findings are notes) with `warning`, so they show; a rule that is on, `off`.
 */
import { catalogueEntry } from "../../src/engine/catalogue.js";
import { renderRulePage } from "../../src/report/rule-page.js";

const configLine = (id: string) => {
  const page = renderRulePage(catalogueEntry(id)!, { invalid: [], valid: [] });
  return page.split("\n").find((line) => line.startsWith(`  ${id}: `));
};

describe("a rule page's config line", () => {
  it("switches dml-without-where on with true", () => {
    expect(configLine("dml-without-where")).toBe("  dml-without-where: true   # opt-in: each finding at its own severity (or info, warning, error for all)");
  });

  it("switches a style rule on as a warning, and turns a rule that is on off", () => {
    expect(configLine("prefer-bigint")).toBe("  prefer-bigint: warning   # opt-in");
    expect(configLine("drop-table")).toBe("  drop-table: off   # or info, warning, error");
  });
});
