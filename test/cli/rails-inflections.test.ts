/**
 * A Rails project's own inflections through `migguard lint` (README: Rails): config/initializers/inflections.rb
 * declares criterion/criteria irregular, so the model EvaluationCriterion (app/models/evaluation_criterion.rb) is the
 * model of evaluation_criteria, and a fix that adds ignored_columns reopens that class, not Rails' default guess
 * EvaluationCriterium (pupilfirst 20200109110848).
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-inflections-");

type Finding = { rule: string; fix?: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const files = {
  "db/migrate/20200109110848_remove_description_from_evaluation_criterion.rb":
    "class RemoveDescriptionFromEvaluationCriterion < ActiveRecord::Migration[6.0]\n  def change\n    remove_column :evaluation_criteria, :description, :string\n  end\nend\n",
  "app/models/evaluation_criterion.rb": "class EvaluationCriterion < ApplicationRecord\n  def summary = description\nend\n",
};
const inflections =
  'ActiveSupport::Inflector.inflections(:en) do |inflect|\n  inflect.uncountable %w[feedback]\n  inflect.irregular "criterion", "criteria"\nend\n';

describe("Rails project inflections", () => {
  it("a model whose table an irregular inflection names is found: the fix reopens the project's class", async () => {
    const fix = (await lint(repo({ ...files, "config/initializers/inflections.rb": inflections }))).find((f) => f.rule === "remove-column-in-change")!.fix!;
    expect(fix).toContain("# in app/models/evaluation_criterion.rb:\nclass EvaluationCriterion < ApplicationRecord");
    expect(fix).not.toContain("EvaluationCriterium");
  });

  it("without the project's inflections no model maps the table: the fix invents no class (Rails' default guess EvaluationCriterium) and says so", async () => {
    const fix = (await lint(repo(files))).find((f) => f.rule === "remove-column-in-change")!.fix!;
    expect(fix).toContain("# no model in app/models maps evaluation_criteria (a gem's model, or one the project's inflections name?)");
    expect(fix).toContain('#   self.ignored_columns += ["description"]');
    expect(fix).not.toContain("class EvaluationCriterium");
  });
});
