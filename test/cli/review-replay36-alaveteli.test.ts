/**
 * The 36th replay's alaveteli false alarms through `migguard review` on small git repositories: an edit of only the
 * text a merged migration raises, a model class a merged migration gains to pin the model it uses, and a dropped
 * column a Globalize model translates (its one real reader left, a rake task's own class of the table, still named).
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { alaveteliBase, GUARD_PATH, guardMigration, NOTE_STUB, NOTES_PATH, notesMigration } from "./support/replay36-alaveteli.js";
import { publicBodyModel, REMOVE_DISCLOSURE_LOG_PATH, removeDisclosureLog, temporaryTask, translatedUses } from "../../src/engine/review/rules/dropped-object-still-used/alaveteli-globalize.fixture.js";

const edited = async (files: Record<string, string>) => {
  const repo = featureBranchOn(alaveteliBase);
  repo.write(files).commit("edit");
  const { exitCode, findings } = await reviewJson(repo);
  return { exitCode, findings: findings.filter((f) => f.rule === "edited-migration") };
};

describe("edited-migration: edits with no database effect (alaveteli, 36th replay)", () => {
  it("a typo fixed in the heredoc an up raises (8f464c2b30): a note naming the exception's text", async () => {
    const { exitCode, findings } = await edited({ [GUARD_PATH]: guardMigration("detected") });
    expect(exitCode).toBe(0);
    expect(findings.map((f) => [f.path, f.line, f.severity])).toEqual([[GUARD_PATH, 7, "info"]]);
    expect(findings[0].message).toContain("the text of an exception it raises");
  });

  it("the raise's condition changed with it: no longer only the message, not a note", async () => {
    const { findings } = await edited({ [GUARD_PATH]: guardMigration("detected").replace("where.not(notes: nil)", "where(notes: nil)") });
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).not.toBe("info");
    expect(findings[0].message).not.toContain("the text of an exception it raises");
  });

  it("a model class added to pin the model it uses (73ae2d6301): a note at the class, with the reason", async () => {
    const { exitCode, findings } = await edited({ [NOTES_PATH]: notesMigration(NOTE_STUB) });
    expect(exitCode).toBe(0);
    expect(findings.map((f) => [f.path, f.line, f.severity])).toEqual([[NOTES_PATH, 5, "info"]]);
    expect(findings[0].message).toContain("pins the model its code uses");
    expect(findings[0].message).toContain("`translates :body`");
  });

  it("the pinning class with a callback that writes rows: a warning", async () => {
    const { findings } = await edited({ [NOTES_PATH]: notesMigration(NOTE_STUB.replace("    translates :body\n", "    translates :body\n    before_save { self.notable_tag ||= \"general\" }\n")) });
    expect(findings.map((f) => f.severity)).toEqual(["warning"]);
  });
});

describe("dropped-object-still-used: Globalize translated attributes (alaveteli 73a1406c73, 36th replay)", () => {
  const dropped = async (base: Record<string, string>) => {
    const repo = featureBranchOn(base);
    repo.write({ [REMOVE_DISCLOSURE_LOG_PATH]: removeDisclosureLog }).commit("remove disclosure_log");
    const { findings } = await reviewJson(repo);
    return findings.filter((f) => f.rule === "dropped-object-still-used");
  };

  it("the model's translates, reader and where, a view and a controller read the translation table; the rake task's class of public_bodies is the one use", async () => {
    const found = await dropped({ ...translatedUses, ...temporaryTask });
    expect(found.map((f) => [f.line, f.severity])).toEqual([[3, "error"]]);
    expect(found[0].message).toContain("lib/tasks/temp.rake:12");
    expect(found[0].message).not.toMatch(/public_body\.rb|_more_info|public_bodies_controller/);
  });

  it("only the translated attribute: nothing reported", async () => {
    expect(await dropped(translatedUses)).toEqual([]);
  });

  it("the model also reads the column with read_attribute: that line is a use", async () => {
    const found = await dropped({ ...translatedUses, "app/models/public_body.rb": publicBodyModel("\n  def untranslated_log = read_attribute(:disclosure_log)\n") });
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).toContain("app/models/public_body.rb:15");
  });
});
