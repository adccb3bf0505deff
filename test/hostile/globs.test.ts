/**
 * A `sensitive:` glob with many stars (`t.*a*a*...*b`) compiled to a regular expression backtracked for minutes on a
 * long column name; the patterns are matched without one, and the other files are reported as usual.
 */
import { defaultConfig } from "../../src/engine/config.js";
import { expectIsolated, rulesOf } from "./support/isolation.js";

describe("sensitive globs", () => {
  it("a pattern of 14 stars against a 5,000-character column name is matched in one pass", async () => {
    const column = "a".repeat(5000);
    const path = "db/migrations/100_drop.sql";
    const config = { ...defaultConfig(), sensitive: ["t.*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "t.*a*a*a*a*a*a*a*a*a*a*a*a*a*"] };
    const result = await expectIsolated([{ path, content: `ALTER TABLE t DROP COLUMN ${column};\n` }], { config });
    // the first pattern needs a final b and does not match; the second does
    const regulated = result.findings.filter((f) => f.path === path && f.rule === "regulated-data");
    expect(regulated).toHaveLength(1);
    expect(regulated[0].message).toContain("t.*a*a*a*a*a*a*a*a*a*a*a*a*a*");
    expect(rulesOf(result, path)).toContain("drop-column");
  });
});
