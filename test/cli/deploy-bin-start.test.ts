/**
 * `migguard lint` on a Rails app whose Dockerfile's ENTRYPOINT runs an extensionless start script in bin/
 * (greenlight's `bin/start`: `rails db:migrate`, then `exec rails s`): the deploy is offline, so a rename is a note
 * naming the script's line; with a Helm chart beside it (pods roll) the error stays, and a script of another name in
 * bin/ (a Rails binstub) decides nothing.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const MIGRATION = "db/migrate/20221025184305_add_status_to_users.rb";
const rename = "class AddStatusToUsers < ActiveRecord::Migration[7.0]\n  def change\n    rename_column :users, :active, :verified\n  end\nend\n";
const start = "#!/usr/bin/env bash\nsource bin/config.env\nrails db:migrate\nexec rails s -b 0.0.0.0 -p $PORT\n";
const app = (extra: Record<string, string>) =>
  new Repo()
    .write({ Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'pg'\n", [MIGRATION]: rename, Dockerfile: 'FROM ruby:3.3\nCOPY . /app\nENTRYPOINT [ "./bin/start" ]\n', ...extra })
    .commit("app");
const renameFinding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "rename-column");
};

describe("an extensionless start script in bin/, through the CLI", () => {
  it("lint: bin/start migrates then serves: the rename is a note naming the script's line", async () => {
    expect(await renameFinding(app({ "bin/start": start }))).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (bin/start:3 runs the migrations") });
  });

  it("lint: a Helm chart beside it keeps the error; the same lines in a binstub of another name decide nothing", async () => {
    expect(await renameFinding(app({ "bin/start": start, "charts/app/Chart.yaml": "apiVersion: v2\nname: app\n" }))).toMatchObject({ severity: "error" });
    expect(await renameFinding(app({ "bin/setup": start }))).toMatchObject({ severity: "error" });
  });
});
