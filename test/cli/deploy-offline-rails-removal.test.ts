/**
 * `migguard lint` of a Rails `remove_column` in `change` where the deploy runs the migrations before the server starts
 * (the container's entrypoint): no old code reads the column, so the claim that code still reading it breaks, and the
 * ignored_columns step of the fix, go; the values the rollback cannot bring back are left, a warning. Without such a
 * deploy the error stays.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; rule: string; severity: string; message: string; fix: string };

const PROJECT = {
  "db/migrate/20240101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :nickname\n    end\n  end\nend\n",
  "db/migrate/20240102000000_remove_nickname_from_users.rb": "class RemoveNicknameFromUsers < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :nickname, :string\n  end\nend\n",
  "app/models/user.rb": "class User < ApplicationRecord\nend\n",
};
const ENTRYPOINT = {
  Dockerfile: 'FROM ruby:3.3\nCOPY bin/docker-entrypoint /rails/bin/\nENTRYPOINT ["/rails/bin/docker-entrypoint"]\nCMD ["./bin/rails", "server"]\n',
  "bin/docker-entrypoint": '#!/bin/bash -e\n./bin/rails db:migrate\nexec "${@}"\n',
};

async function removal(files: Record<string, string>): Promise<Finding[]> {
  const { output } = await run(["lint", "--format", "json", "."], { cwd: fileTree(files, "migguard-offline-removal-") });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.path === "db/migrate/20240102000000_remove_nickname_from_users.rb" && f.severity !== "info");
}

describe("a Rails remove_column in change under a deploy that migrates before the server starts", () => {
  it("is a warning about the values the rollback cannot restore, with no claim about running code and no ignored_columns step", async () => {
    const [finding, ...rest] = await removal({ ...PROJECT, ...ENTRYPOINT });
    expect(rest).toEqual([]);
    expect(finding.rule).toBe("remove-column-in-change");
    expect(finding.severity).toBe("warning");
    expect(finding.message).toContain("No running code reads it then (bin/docker-entrypoint:2:");
    expect(finding.message).not.toContain("Code that still reads");
    expect(finding.fix).not.toContain("ignored_columns");
    expect(finding.fix).toContain("def down");
  });

  it("without such a deploy, the error that code still reading the column breaks stays", async () => {
    const findings = await removal(PROJECT);
    expect(findings.map((f) => [f.rule, f.severity])).toContainEqual(["remove-column-in-change", "error"]);
    expect(findings.find((f) => f.rule === "remove-column-in-change")!.message).toContain("Code that still reads nickname breaks");
  });
});
