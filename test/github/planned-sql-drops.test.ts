/**
 * Planned drops of plain SQL migrations in the App: signed webhooks, the head's code from its tarball. A
 * golang-migrate project beside Go code: a column no code names any more is a note (the planned last step, with
 * its backup), one a gorm field still maps keeps the failure and says where, as does one whose last reader the
 * same pull request removes (the base branch's file, read for it); a search stopped at `max_code_files` proves
 * nothing, so the unnamed drop keeps the failure too.
 */
import { describe, expect, it } from "@jest/globals";
import type { FakeCheckRun } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const DROP = "migrations/000002_drop_unused.up.sql";
const BASE = {
  "README.md": "# Auth\n",
  "go.mod": "module example.com/auth\n\ngo 1.22\n",
  "migrations/000001_init.up.sql": "CREATE TABLE app_config_variables (key text PRIMARY KEY, value text NOT NULL, is_public boolean NOT NULL DEFAULT false, is_internal boolean NOT NULL DEFAULT false);\n",
  "migrations/000001_init.down.sql": "DROP TABLE app_config_variables;\n",
  // gorm maps IsInternal to is_internal; is_public is named nowhere any more
  "internal/model/app_config.go": 'package model\n\ntype AppConfigVariable struct {\n\tKey        string `gorm:"primaryKey"`\n\tValue      string\n\tIsInternal bool\n}\n',
  "internal/service/config.go": "package service\n\nfunc Load() string { return \"config\" }\n",
};
const PULL = {
  [DROP]: "ALTER TABLE app_config_variables DROP COLUMN is_public;\nALTER TABLE app_config_variables DROP COLUMN is_internal;\n",
  "migrations/000002_drop_unused.down.sql": "ALTER TABLE app_config_variables ADD COLUMN is_public boolean NOT NULL DEFAULT false;\nALTER TABLE app_config_variables ADD COLUMN is_internal boolean NOT NULL DEFAULT false;\n",
};

let s: Scenario | undefined;
useScenario();

const latestRun = (head: string) => s!.fake.checkRunsFor(head).at(-1)!;
const dropsOf = (run: FakeCheckRun) => run.annotations.filter((a) => a.title.startsWith("drop-column")).map((a) => [a.start_line, a.annotation_level]);

describe("planned drops of plain SQL migrations", () => {
  it("a column no Go code names is a note, one a gorm field maps fails and says where", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(60, PULL);
    await s.pullRequest("opened", 60);
    const run = latestRun(head);
    expect(dropsOf(run)).toEqual([
      [1, "notice"],
      [2, "failure"],
    ]);
    expect(run.annotations.find((a) => a.start_line === 2 && a.title.startsWith("drop-column"))?.message).toContain("Application code still names is_internal: internal/model/app_config.go:6.");
  });

  it("a pull request that also removes the Go field keeps the failure: the base branch's code, which the servers run until the deploy, names it", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(62, { ...PULL, "internal/model/app_config.go": BASE["internal/model/app_config.go"].replace("\tIsInternal bool\n", "") });
    await s.pullRequest("opened", 62);
    const run = latestRun(head);
    expect(dropsOf(run)).toEqual([
      [1, "notice"],
      [2, "failure"],
    ]);
    expect(run.annotations.find((a) => a.start_line === 2 && a.title.startsWith("drop-column"))?.message).toContain("the servers run the base branch's until the deploy: internal/model/app_config.go:6");
  });

  it("a search stopped at max_code_files keeps the unnamed column's failure", async () => {
    s = await startScenario({ baseFiles: { ...BASE, ".github/migguard.yml": "max_code_files: 1\n" } });
    const head = s.openPull(61, PULL);
    await s.pullRequest("opened", 61);
    const run = latestRun(head);
    expect(run.output.summary).toContain("**Usage search incomplete:**");
    expect(dropsOf(run)).toEqual([
      [1, "failure"],
      [2, "failure"],
    ]);
  });
});
