/**
 * A Flyway SQL migration that drops a table beside Java, through `migguard lint` (README: Usages): Java is read with
 * tree-sitter's Java grammar, and the table counts as used only by SQL on it in a string, a class mapped to it
 * (`@Entity`/`@Table`) and that class's references, or JPQL on that entity. DSpace's V1.5 drop of history beside a
 * checker with a hundred locals named history, and its V7 drop of workflowitem beside the WorkflowItem interface,
 * whose entity XmlWorkflowItem maps cwf_workflowitem: no evidence, so the drop is the planned last step.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-java-tables-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  mkdirSync(join(root, ".git"));
  return root;
}

type Finding = { path: string; line: number; rule: string; severity: string; message: string };
const dropTables = async (files: Record<string, string>) =>
  (JSON.parse((await run(["lint", "--format", "json", "src/main/resources/db/migration"], { cwd: repo(files) })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === "drop-table");

const java = "src/main/java/org/dspace";
const files = {
  "src/main/resources/db/migration/V2__drop_history.sql": "DROP TABLE history;\nDROP TABLE workflowitem;\n",
  [`${java}/checker/SimpleReporterServiceImpl.java`]:
    "package org.dspace.checker;\n\nclass SimpleReporterServiceImpl {\n    int report(Context context) {\n        List<MostRecentChecksum> history = checksumService.find(context);\n        return history.size();\n    }\n}\n",
  [`${java}/workflow/WorkflowItem.java`]: "package org.dspace.workflow;\n\npublic interface WorkflowItem {\n    int getID();\n}\n",
  [`${java}/xmlworkflow/XmlWorkflowItem.java`]:
    'package org.dspace.xmlworkflow;\n\nimport org.dspace.workflow.WorkflowItem;\n\n@Entity\n@Table(name = "cwf_workflowitem")\npublic class XmlWorkflowItem implements WorkflowItem {\n    @Id private Integer id;\n}\n',
  [`${java}/app/Imports.java`]: "package org.dspace.app;\n\nclass Imports {\n    WorkflowItem start(XmlWorkflowItem item) { return item; }\n}\n",
};

describe("Java code that uses a dropped table", () => {
  it("a local named history, an interface WorkflowItem and the entity of cwf_workflowitem are no use: the planned last step", async () => {
    const drops = await dropTables(files);
    expect(drops.map((f) => [f.line, f.severity])).toEqual([[1, "info"], [2, "info"]]);
    for (const drop of drops) expect(drop.message).not.toContain("Application code still names");
  });

  it("an entity mapped to history, used in a service, keeps the error; so does SQL on it in a string", async () => {
    const entity = {
      ...files,
      [`${java}/history/AuditRecord.java`]: 'package org.dspace.history;\n\n@Entity\n@Table(name = "history")\npublic class AuditRecord {\n    @Id private Long id;\n}\n',
      [`${java}/history/AuditService.java`]: "package org.dspace.history;\n\nclass AuditService {\n    AuditRecord find(Session s, Long id) { return s.get(AuditRecord.class, id); }\n}\n",
    };
    const [history] = await dropTables(entity);
    expect(history.severity).toBe("error");
    expect(history.message).toContain(`Application code still names history or History: ${java}/history/AuditRecord.java:4, ${java}/history/AuditService.java:4.`);
    const sql = { ...files, [`${java}/checker/HistoryDAO.java`]: 'package org.dspace.checker;\n\nclass HistoryDAO {\n    static final String ALL = "SELECT * FROM history";\n}\n' };
    const [queried, workflowitem] = await dropTables(sql);
    expect(queried.severity).toBe("error");
    expect(queried.message).toContain(`Application code still names history or History: ${java}/checker/HistoryDAO.java:4.`);
    expect(workflowitem.severity).toBe("info");
  });

  it("an earlier Flyway Java migration (V<version>__<name>.java, in any package) that read the table is history, not a use", async () => {
    const migrated = {
      ...files,
      "src/main/java/org/dspace/db/V1_5_1__CopyHistory.java":
        'package org.dspace.db;\n\npublic class V1_5_1__CopyHistory extends BaseJavaMigration {\n    public void migrate(Context c) {\n        c.getConnection().createStatement().execute("INSERT INTO audit SELECT * FROM history");\n    }\n}\n',
    };
    const [history] = await dropTables(migrated);
    expect(history.severity).toBe("info");
    expect(history.message).not.toContain("V1_5_1__CopyHistory");
    // the same SQL in an application class is a use
    const [used] = await dropTables({ ...files, [`${java}/history/HistoryCopier.java`]: migrated["src/main/java/org/dspace/db/V1_5_1__CopyHistory.java"].replace(/V1_5_1__CopyHistory/g, "HistoryCopier") });
    expect(used.severity).toBe("error");
  });

  it("migguard review judges the same from the pull request's head: the local is no use (drop-table a note, no dropped-object-still-used); SQL on the table is", async () => {
    const { "src/main/resources/db/migration/V2__drop_history.sql": _drop, ...base } = files;
    const reviewed = async (extra: Record<string, string>) => {
      const repo = featureBranchOn({ ...base, "src/main/resources/db/migration/V1__init.sql": "CREATE TABLE history (id int);\n", ...extra });
      repo.write({ "src/main/resources/db/migration/V2__drop_history.sql": "DROP TABLE history;\n" }).commit("drop history");
      return (await reviewJson(repo)).findings.filter((f) => f.rule === "drop-table" || f.rule === "dropped-object-still-used");
    };
    expect((await reviewed({})).map((f) => [f.rule, f.severity])).toEqual([["drop-table", "info"]]);
    const dao = { [`${java}/checker/HistoryDAO.java`]: 'package org.dspace.checker;\n\nclass HistoryDAO {\n    static final String ALL = "SELECT * FROM history";\n}\n' };
    const used = await reviewed(dao);
    expect(used.map((f) => [f.rule, f.severity])).toEqual([["drop-table", "error"], ["dropped-object-still-used", "error"]]);
    expect(used[1].message).toContain(`${java}/checker/HistoryDAO.java:4`);
    expect(used[1].message).not.toContain("SimpleReporterServiceImpl");
  });
});
