/**
 * A dropped table's and column's uses in Go beside golang-migrate SQL, through `migguard lint`: SQL on the table in a
 * string, its name alone as a query builder's argument or a constant's value, a struct that maps it. A cobra annotation
 * `"action:core"` or a variable `metadataKey` is no use of actions or metadata_keys; a `db:"trial_days"` tag on the
 * struct of a file that queries billing_plans is no use of billing_subscriptions.trial_days (frontier, audit 67).
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const M = "internal/store/postgres/migrations";
const lint = async (files: Record<string, string>) => {
  const root = new Repo()
    .write({
      [`${M}/000001_init.up.sql`]: "CREATE TABLE actions (id uuid PRIMARY KEY);\nCREATE TABLE billing_plans (id uuid PRIMARY KEY);\nCREATE TABLE billing_subscriptions (id uuid PRIMARY KEY, trial_days int8);\n",
      // the table's drop alone in its migration, first: the Go grammar is loaded for it too, not only for a column's drop
      [`${M}/000002_drop_actions.up.sql`]: "DROP TABLE actions;\n",
      [`${M}/000003_plan_trial_days.up.sql`]: "ALTER TABLE billing_plans ADD COLUMN IF NOT EXISTS trial_days int8;\nALTER TABLE billing_subscriptions DROP COLUMN IF EXISTS trial_days;\n",
      ...files,
    })
    .commit("app").root;
  return (JSON.parse((await run(["lint", "--format", "json", M], { cwd: root })).output) as { findings: Array<{ rule: string; line: number; message: string; severity: string }> }).findings.filter(
    (f) => f.rule === "drop-table" || f.rule === "drop-column",
  );
};

const PLANS = 'package postgres\n\nconst TABLE_BILLING_PLANS = "billing_plans"\n\ntype Plan struct {\n\tID        string `db:"id"`\n\tTrialDays *int64 `db:"trial_days"`\n}\n\nfunc list(d Dialect) { d.From(TABLE_BILLING_PLANS) }\n';
const CLI = 'package cmd\n\nvar cmd = Command{Annotations: map[string]string{"group": "core", "action:core": "true"}}\n\nfunc send(metadataKey string, action Action) {}\n';

describe("dropped tables and columns named in Go", () => {
  it("an annotation string, identifiers and another table's struct tag are no use", async () => {
    const found = await lint({ "cmd/permission.go": CLI, "internal/store/postgres/billing_plan_repository.go": PLANS });
    const table = found.find((f) => f.rule === "drop-table")!;
    expect(table.message).not.toContain("Application code still names");
    const column = found.find((f) => f.rule === "drop-column")!;
    expect(column.severity).not.toBe("error");
    expect(column.message).not.toContain("billing_plan_repository.go");
  });

  it("a query builder's table, a table constant and a struct tag in a file that queries the table are uses", async () => {
    const subscriptions = 'package postgres\n\nconst TABLE_BILLING_SUBSCRIPTIONS = "billing_subscriptions"\n\ntype Subscription struct {\n\tTrialDays *int64 `db:"trial_days"`\n}\n\nfunc list(d Dialect) { d.From(TABLE_BILLING_SUBSCRIPTIONS) }\n';
    const found = await lint({ "internal/store/postgres/billing_plan_repository.go": PLANS, "internal/store/postgres/subscriptions.go": subscriptions, "internal/store/postgres/actions.go": 'package postgres\n\nfunc list(d Dialect) { d.From("actions") }\n' });
    expect(found.find((f) => f.rule === "drop-table")!.message).toContain("internal/store/postgres/actions.go:3");
    const column = found.find((f) => f.rule === "drop-column")!;
    expect(column.severity).toBe("error");
    expect(column.message).toContain("internal/store/postgres/subscriptions.go:6");
    expect(column.message).not.toContain("billing_plan_repository.go");
  });
});
