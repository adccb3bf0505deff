/**
 * The false alarms of the tenth independent replay (bike_index, kitsune) sent to the App as signed webhooks
 * against the local GitHub API: what the check concludes and how it annotates. The same patterns go through
 * `migguard review` in test/cli/review-replay10.test.ts.
 */
import { describe, expect, it } from "@jest/globals";
import type { FakeCheckRun } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";
import { REPLICA_DATABASE_YML } from "../../src/engine/testing/rails-fixtures.js";

let s: Scenario | undefined;
useScenario();

const latestRun = (head: string): FakeCheckRun => s!.fake.checkRunsFor(head).at(-1)!;

const structure = (columns: string[], versions: string[]) =>
  `CREATE TABLE public.users (\n    id bigint NOT NULL,\n${columns.map((c) => `    ${c} character varying`).join(",\n")}\n);\n\nINSERT INTO "schema_migrations" (version) VALUES\n${versions.map((v) => `('${v}')`).join(",\n")};\n\n`;

/** bike_index: a rake task copies db/structure.sql to the dump of primary_replica, a replica in config/database.yml. */
const BIKE_INDEX = {
  "README.md": "# Bike Index\n",
  "config/database.yml": REPLICA_DATABASE_YML,
  "db/migrate/20260101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[8.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n",
  "db/structure.sql": structure(["email"], ["20260101000000"]),
  "db/primary_replica_structure.sql": structure(["email"], ["20260101000000"]),
};
const withPhone = structure(["email", "phone"], ["20260201000000", "20260101000000"]);

describe("the dump of a replica database (bike_index's db/primary_replica_structure.sql)", () => {
  it("a migration with db/structure.sql and the replica's copy dumped alike: no drift annotation", async () => {
    s = await startScenario({ baseFiles: BIKE_INDEX });
    const head = s.openPull(1, {
      "db/migrate/20260201000000_add_phone_to_users.rb": "class AddPhoneToUsers < ActiveRecord::Migration[8.1]\n  def change\n    add_column :users, :phone, :string\n  end\nend\n",
      "db/structure.sql": withPhone,
      "db/primary_replica_structure.sql": withPhone,
    });
    await s.pullRequest("opened", 1);
    const run = latestRun(head);
    expect(run.annotations.filter((a) => a.title.startsWith("schema-dump"))).toEqual([]);
    expect(run.conclusion).toBe("success");
  });

  it("the replica's copy edited alone: a warning whose fix writes it again from db/structure.sql", async () => {
    s = await startScenario({ baseFiles: BIKE_INDEX });
    const head = s.openPull(2, { "db/primary_replica_structure.sql": withPhone });
    await s.pullRequest("opened", 2);
    const drift = latestRun(head).annotations.filter((a) => a.title.startsWith("schema-dump-without-migration"));
    expect(drift.map((a) => [a.path, a.annotation_level])).toEqual([["db/primary_replica_structure.sql", "warning"]]);
    expect(drift[0].message).toContain("declares primary_replica a replica (`replica: true`) of primary");
    expect(drift[0].raw_details).toContain("cp db/structure.sql db/primary_replica_structure.sql");
    expect(drift[0].raw_details).not.toContain("git checkout");
  });

  it("the replica's stale copy written again from db/structure.sql, which the change leaves alone: a note, the check passes", async () => {
    s = await startScenario({ baseFiles: { ...BIKE_INDEX, "db/structure.sql": withPhone } });
    const head = s.openPull(3, { "db/primary_replica_structure.sql": withPhone });
    await s.pullRequest("opened", 3);
    const run = latestRun(head);
    const drift = run.annotations.filter((a) => a.title.startsWith("schema-dump-without-migration"));
    expect(drift.map((a) => [a.path, a.annotation_level])).toEqual([["db/primary_replica_structure.sql", "notice"]]);
    expect(run.conclusion).toBe("success");
  });
});

describe("structure.sql with a column moved, nothing else (bike_index cc7f41330c)", () => {
  it("a note, and the check passes", async () => {
    s = await startScenario({ baseFiles: BIKE_INDEX });
    const moved = structure(["email"], ["20260101000000"]).replace("    id bigint NOT NULL,\n    email character varying", "    email character varying,\n    id bigint NOT NULL");
    const head = s.openPull(4, { "db/structure.sql": moved, "db/primary_replica_structure.sql": moved });
    await s.pullRequest("opened", 4);
    const run = latestRun(head);
    const drift = run.annotations.filter((a) => a.title.startsWith("schema-dump-without-migration"));
    expect(drift.map((a) => [a.path, a.annotation_level])).toEqual([["db/structure.sql", "notice"]]);
    expect(run.conclusion).toBe("success");
  });
});
