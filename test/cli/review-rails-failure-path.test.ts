/**
 * Edits of merged Rails migrations that change nothing a database keeps (solidus, an independent replay of issue
 * #19): a rescue clause that raises again, now matching the error by class name from a constant of literal strings
 * (424f28437d), and SQL joined from adjacent string literals with a space put before each backslash (fb05000a8a,
 * standardrb). Reviewed through the CLI on a small git repository.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { railsJoinedSql as joined, railsRescued } from "../../src/engine/review/rules/edited-migration/solidus-fixtures.js";

const rescued = (byName: boolean, ending?: string) => railsRescued({ byName, ending });

const path = "core/db/migrate/20250530102541_add_addressbook_foreign_key.rb";
const joinedPath = "core/db/migrate/20161014221052_add_available_to_users.rb";
const edited = (findings: Awaited<ReturnType<typeof reviewJson>>["findings"]) => findings.filter((f) => f.rule === "edited-migration");

describe("edits on the way to the same failure, and the same SQL joined another way", () => {
  it("a rescue clause that raises again, matching the error from a constant of literal strings: a note that says so", async () => {
    const repo = featureBranchOn({ [path]: rescued(false) });
    repo.write({ [path]: rescued(true) }).commit("match the error by name");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(edited(findings)).toHaveLength(1);
    expect(edited(findings)[0]).toMatchObject({ severity: "info" });
    expect(edited(findings)[0].message).toContain("what a rescue clause does before it raises again");
    expect(edited(findings)[0].message).toContain("a constant holding only literal values (FOREIGN_KEY_VIOLATION_ERRORS)");
  });

  it("the same clause that swallows the error lets a failed foreign key be recorded: a warning", async () => {
    const repo = featureBranchOn({ [path]: rescued(false) });
    repo.write({ [path]: rescued(true, "nil") }).commit("swallow");
    const { findings } = await reviewJson(repo);
    expect(edited(findings).map((f) => f.severity)).toEqual(["warning"]);
  });

  it("`\"a \"\\` written `\"a \" \\`: the same SQL, a note", async () => {
    const repo = featureBranchOn({ [joinedPath]: joined("\\") });
    repo.write({ [joinedPath]: joined(" \\") }).commit("standardrb");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(edited(findings).map((f) => [f.severity, f.message.includes("only comments or formatting")])).toEqual([["info", true]]);
  });
});
