/**
 * Other linters' waivers through `migguard lint` (README: Waivers): a statement a team waived in Atlas, squawk or
 * eugene is reported as a note that names the waiver and its line, and does not fail the check; a waiver of
 * another check leaves the finding as it was.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-peer-waivers-");

type Finding = { path: string; line: number; rule: string; severity: string; message: string };
const lint = async (cwd: string, ...paths: string[]) => {
  const result = await run(["lint", "--format", "json", ...paths], { cwd });
  return { exitCode: result.exitCode, findings: (JSON.parse(result.output) as { findings: Finding[] }).findings };
};

describe("peer linters' waivers", () => {
  it("atlas:nolint DS103 / MF103 turn the drop and the NOT NULL column into notes; the check passes", async () => {
    const root = repo({
      "migrations/20240924164504_billing.sql":
        '-- modify "billing_profiles" table\n-- atlas:nolint MF103 DS103\nALTER TABLE "billing_profiles" DROP COLUMN "key", ADD COLUMN "supplier_name" character varying NOT NULL;\n',
    });
    const { exitCode, findings } = await lint(root, "migrations");
    const drop = findings.find((f) => f.rule === "drop-column")!;
    const required = findings.find((f) => f.rule === "required-column-without-default")!;
    expect([drop.severity, required.severity]).toEqual(["info", "info"]);
    expect(drop.message).toContain("(waived by atlas:nolint MF103 DS103 on line 2)");
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("a waiver of another check (squawk's renaming-column) leaves the drop an error, and the check fails", async () => {
    const root = repo({ "migrations/002_drop.sql": "-- squawk-ignore renaming-column\nALTER TABLE users DROP COLUMN phone_number;\n" });
    const { exitCode, findings } = await lint(root, "migrations");
    expect(findings.find((f) => f.rule === "drop-column")!.severity).toBe("error");
    expect(exitCode).not.toBe(0);
  });
});
