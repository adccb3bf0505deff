/**
 * A review's run never fails because of its test database: a database that will not start, or breaks while
 * the run is prepared, leaves the static findings as they were plus an `execute-skipped` note per target.
 */
import { analyze } from "../../engine/analyze.js";
import { resolveConfig } from "../../engine/config.js";
import type { Executor } from "../executor.js";
import { verifyOrSkip } from "../verify-or-skip.js";
import { golangMigrate, USERS } from "./verify-cases.js";

const broken = (where: "describe" | "open"): Executor => ({
  hostAccess: false,
  describe: async () => {
    if (where === "describe") throw new Error("PGlite failed to start: out of memory");
    return "PGlite (broken)";
  },
  open: async () => {
    throw new Error("the PGlite worker stopped (exit code 1)");
  },
  close: async () => undefined,
});

const files = golangMigrate({ "001_users": [USERS, "DROP TABLE users;\n"], "002_index": ["CREATE INDEX users_email_idx ON users (email);\n", "DROP INDEX users_email_idx;\n"] });
const target = "db/migrations/002_index.up.sql";

describe("verifyOrSkip", () => {
  it.each(["describe", "open"] as const)("keeps the static findings and notes the run when the database fails in %s", async (where) => {
    const { findings } = await analyze({ files });
    const result = await verifyOrSkip({ files, targets: [target], findings, executor: broken(where) });
    expect(result.findings.filter((f) => f.rule !== "execute-skipped")).toEqual(findings);
    const notes = result.findings.filter((f) => f.rule === "execute-skipped");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ path: target, severity: "info" });
    expect(result.runs.map((r) => r.outcome)).toEqual(["skipped"]);
    expect(result.findings.some((f) => f.severity === "error" && f.rule.startsWith("execute"))).toBe(false);
  });

  it("says nothing when execute-skipped is switched off", async () => {
    const { config } = resolveConfig({ rules: { "execute-skipped": "off" } });
    const result = await verifyOrSkip({ files, targets: [target], config, findings: [], executor: broken("open") });
    expect(result.findings).toEqual([]);
  });
});
