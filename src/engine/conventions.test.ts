import { analyze } from "./analyze.js";

const missingDown = async (input: Parameters<typeof analyze>[0]) => (await analyze(input)).findings.filter((f) => f.rule === "missing-down");

describe("the repository's down habit", () => {
  it("is read from the paths alone in a review: the base tree's ups have no .down.sql, so the new one is the folder's note", async () => {
    const repositoryPaths = ["svc/migrations/000001_a.up.sql", "svc/migrations/000002_b.up.sql", "svc/migrations/000003_c.up.sql", "svc/README.md"];
    const [finding] = await missingDown({ files: [{ path: "svc/migrations/000004_d.up.sql", content: "ALTER TABLE d ADD COLUMN c text;\n" }], repositoryPaths });
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("None of the 4 migrations in svc/migrations/ has a down");
  });

  it("still names the habit of the earlier ones when a later migration of the folder has a down", async () => {
    const repositoryPaths = ["svc/migrations/000001_a.up.sql", "svc/migrations/000002_b.up.sql", "svc/migrations/000003_c.up.sql", "svc/migrations/000005_e.up.sql", "svc/migrations/000005_e.down.sql"];
    const [finding] = await missingDown({ files: [{ path: "svc/migrations/000004_d.up.sql", content: "ALTER TABLE d ADD COLUMN c text;\n" }], repositoryPaths });
    expect(finding.message).toContain("None of the 3 earlier migrations in svc/migrations/ has a down either");
  });

  it("counts only earlier migrations: a later one without a down says nothing about the past", async () => {
    const repositoryPaths = ["m/000002_a.up.sql", "m/000003_b.up.sql", "m/000004_c.up.sql"];
    const [finding] = await missingDown({ files: [{ path: "m/000001_first.up.sql", content: "ALTER TABLE d ADD COLUMN c text;\n" }], repositoryPaths });
    expect(finding.message).not.toContain("earlier migrations");
  });

  it("is not read across folders or layouts", async () => {
    const repositoryPaths = ["other/000001_a.up.sql", "other/000002_b.up.sql", "other/000003_c.up.sql"];
    const [finding] = await missingDown({ files: [{ path: "m/000004_d.up.sql", content: "ALTER TABLE d ADD COLUMN c text;\n" }], repositoryPaths });
    expect(finding.message).not.toContain("earlier migrations");
  });
});
