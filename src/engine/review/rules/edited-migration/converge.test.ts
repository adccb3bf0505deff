/**
 * The fix of a schema edit is a new migration that parses in the edited migration's language (the whole fix: its
 * comment header, the file, the revert alternative), for every case of the rule's table that gets one: Rails,
 * Django, Alembic and SQL.
 */
import { checkFixSyntax, fixLanguageOf, loadFixParsers } from "../../../testing/fix-syntax.js";
import { loadReviewCases, runReviewCase } from "../../testing/review-case-runner.js";
import rule from "./edited-migration.js";

const cases = await loadReviewCases("edited-migration");
beforeAll(loadFixParsers);

describe("edited-migration's converging fixes", () => {
  it.each(cases.invalid.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    for (const f of await runReviewCase(rule, c)) {
      expect(f.fix).not.toMatch(/<base>|<this file>/);
      if (!f.fix.includes("Keep the edit")) continue;
      expect({ fix: f.fix, syntax: checkFixSyntax(fixLanguageOf(f.path)!, f.fix) }).toEqual({ fix: f.fix, syntax: { ok: true } });
    }
  });

  it("covers each framework", async () => {
    const converging = [];
    for (const c of cases.invalid) for (const f of await runReviewCase(rule, c)) if (f.fix.includes("Keep the edit")) converging.push(fixLanguageOf(f.path));
    expect(new Set(converging)).toEqual(new Set(["ruby", "python", "sql"]));
  });
});
