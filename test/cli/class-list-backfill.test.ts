/**
 * A backfill that normalises NULL to a constant, run over a literal list of model classes (`MODELS.each do |model|
 * model.where(metrics: nil).update_all(metrics: {})`, govuk-chat 20260326122659), with a down that raises: through
 * `migguard lint` it is the data change it is, one update per class, so irreversible-migration gives the note every
 * one-way data change with a raising down gets (govuk-chat's find_each backfill), not "comes back only from a backup".
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-class-list-backfill-");

type Finding = { rule: string; severity: string; line: number; message: string; fix: string };
const lint = async (cwd: string, path: string) => (JSON.parse((await run(["lint", "--format", "json", path], { cwd })).output) as { findings: Finding[] }).findings;

const path = "db/migrate/20260326122659_backfill_nilvalues_for_llm_responses_and_metrics.rb";
const migration = (loop: string) => `class BackfillNilvaluesForLlmResponsesAndMetrics < ActiveRecord::Migration[8.0]
  class AnswerAnalysisCoherenceRun < ApplicationRecord; end

  MODELS = [AnswerAnalysisCoherenceRun, Answer].freeze

  def up
${loop}
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`;

describe("lint: a NULL -> constant backfill over a list of model classes, with a raising down", () => {
  it("one loop over the classes: the one-way data change's note, as with a class named directly", async () => {
    const looped = await lint(repo({ [path]: migration("    MODELS.each do |model|\n      model.where(metrics: nil).update_all(metrics: {})\n    end") }), path);
    const direct = await lint(repo({ [path]: migration("    AnswerAnalysisCoherenceRun.where(metrics: nil).update_all(metrics: {})\n    Answer.where(metrics: nil).update_all(metrics: {})") }), path);
    const irreversible = (findings: Finding[]) => findings.filter((f) => f.rule === "irreversible-migration").map((f) => [f.severity, f.message]);
    expect(irreversible(looped)).toEqual(irreversible(direct));
    expect(irreversible(looped).map(([severity]) => severity)).toEqual(["info"]);
    expect(irreversible(looped)[0][1]).toContain("only changes data");
  });
});
