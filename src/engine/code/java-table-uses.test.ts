import { loadJavaColumnParser } from "./java-syntax.js";
import { javaTableUsages } from "./java-table-uses.js";
import { ormNameUsages } from "./orm-name-forms.js";

beforeAll(() => loadJavaColumnParser());

type Files = Record<string, string>;
const sources = (files: Files) => Object.entries(files).map(([path, content]) => ({ path, content }));
const where = (usages: ReadonlyArray<{ path: string; line: number }>) => usages.map((u) => `${u.path}:${u.line}`);
/** As the drop rules search: the table, its model's name beside it. */
const tableUses = (files: Files, table: string, model: string) => where(ormNameUsages(sources(files), [table], [model], { table, tableNames: [model] }));

// DSpace's checker: a hundred locals, fields and accessors named history beside its dropped history table
const checker: Files = {
  "src/main/java/org/dspace/checker/SimpleReporterServiceImpl.java":
    "package org.dspace.checker;\n\nclass SimpleReporterServiceImpl {\n    private List<MostRecentChecksum> history;\n    int report(Context context, List<MostRecentChecksum> history) {\n        List<MostRecentChecksum> recent = history;\n        return getHistory().size();\n    }\n    List<MostRecentChecksum> getHistory() { return history; }\n    void history() {}\n}\n",
  "src/main/java/org/dspace/checker/ChecksumHistory.java":
    'package org.dspace.checker;\n\n@Entity\n@Table(name = "checksum_history")\npublic class ChecksumHistory {\n    private Long historyId;\n}\n',
};

// DSpace 7: WorkflowItem is an interface; the entity that implements it maps cwf_workflowitem
const workflow: Files = {
  "src/main/java/org/dspace/workflow/WorkflowItem.java": "package org.dspace.workflow;\n\npublic interface WorkflowItem extends InProgressSubmission {\n    int getID();\n}\n",
  "src/main/java/org/dspace/xmlworkflow/storedcomponents/XmlWorkflowItem.java":
    'package org.dspace.xmlworkflow.storedcomponents;\n\nimport org.dspace.workflow.WorkflowItem;\n\n@Entity\n@Table(name = "cwf_workflowitem")\npublic class XmlWorkflowItem implements WorkflowItem {\n    @Id private Integer id;\n}\n',
  "src/main/java/org/dspace/app/bulkedit/MetadataImport.java":
    "package org.dspace.app.bulkedit;\n\nimport org.dspace.workflow.WorkflowItem;\nimport org.dspace.xmlworkflow.storedcomponents.XmlWorkflowItem;\n\nclass MetadataImport {\n    WorkflowItem wfi;\n    void start(XmlWorkflowItem item) { wfi = item; }\n}\n",
};

describe("Java code that names a dropped table", () => {
  it("locals, parameters, fields and methods named like the table are no use of it", () => {
    expect(tableUses(checker, "history", "History")).toEqual([]);
  });

  it("a class or interface of the table's name that is not mapped, in a project that maps its tables, is no use; the entity of the other table is that table's", () => {
    expect(tableUses(workflow, "workflowitem", "Workflowitem")).toEqual([]);
    const xml = "src/main/java/org/dspace/xmlworkflow/storedcomponents/XmlWorkflowItem.java";
    const mi = "src/main/java/org/dspace/app/bulkedit/MetadataImport.java";
    expect(tableUses(workflow, "cwf_workflowitem", "CwfWorkflowitem")).toEqual([`${mi}:4`, `${mi}:8`, `${xml}:6`]);
  });

  it("an entity mapped to the table counts where it is declared and wherever it is referenced, whatever its class is called", () => {
    const files = {
      ...checker,
      "src/main/java/org/dspace/history/AuditRecord.java": 'package org.dspace.history;\n\n@Entity\n@Table(name = "history")\nclass AuditRecord {\n    @Id private Long id;\n}\n',
      "src/main/java/org/dspace/history/AuditService.java": "package org.dspace.history;\n\nclass AuditService {\n    // loads rows\n    List<AuditRecord> all(Session s) { return s.createQuery(\"x\", AuditRecord.class).list(); }\n}\n",
    };
    expect(tableUses(files, "history", "History")).toEqual(["src/main/java/org/dspace/history/AuditRecord.java:4", "src/main/java/org/dspace/history/AuditService.java:5"]);
  });

  it("an @Entity without @Table maps the table by its class name (Hibernate's and Spring Boot's naming); @Entity(name) names it and its JPQL", () => {
    const plain = { "src/main/java/x/WorkflowItem.java": "package x;\n\n@Entity\npublic class WorkflowItem {\n    @Id private Integer id;\n}\n" };
    expect(tableUses(plain, "workflowitem", "Workflowitem")).toEqual(["src/main/java/x/WorkflowItem.java:4"]);
    expect(tableUses(plain, "workflow_item", "WorkflowItem")).toEqual(["src/main/java/x/WorkflowItem.java:4"]);
    const named = {
      "src/main/java/x/Audit.java": 'package x;\n\n@Entity(name = "HistoryEntry")\n@Table(name = "history")\nclass Audit {}\n',
      "src/main/java/x/Reports.java": 'package x;\n\nclass Reports {\n    String q = "select h.id from HistoryEntry h";\n    String other = "select o from Other o";\n}\n',
    };
    expect(tableUses(named, "history", "History")).toEqual(["src/main/java/x/Audit.java:4", "src/main/java/x/Reports.java:4"]);
  });

  it("SQL on the table in a string counts (a text block's line too); a configuration key shaped like table.column does not", () => {
    const files = {
      ...checker,
      "src/main/java/org/dspace/checker/HistoryDAO.java":
        'package org.dspace.checker;\n\nclass HistoryDAO {\n    String key = "versioning.item.history.view.admin";\n    String all = "SELECT * FROM history";\n    String rows = """\n        SELECT id\n          FROM public.history\n        """;\n}\n',
    };
    expect(tableUses(files, "history", "History")).toEqual(["src/main/java/org/dspace/checker/HistoryDAO.java:5", "src/main/java/org/dspace/checker/HistoryDAO.java:8"]);
  });

  it("@JoinTable, @CollectionTable and Spring Data's @Table(\"x\") name the table; a specific table name alone in a string does too", () => {
    const files = {
      "src/main/java/x/Item.java": 'package x;\n\n@Entity\nclass Item {\n    @ManyToMany\n    @JoinTable(name = "item_history")\n    List<Event> events;\n}\n',
      "src/main/java/x/Note.java": 'package x;\n\n@Table("history")\nrecord Note(Long id) {}\n',
      "src/main/java/x/Writer.java": 'package x;\n\nclass Writer {\n    void w(DataSource ds) { new SimpleJdbcInsert(ds).withTableName("item_history"); }\n}\n',
    };
    expect(where(javaTableUsages(sources(files), "item_history").usages)).toEqual(["src/main/java/x/Item.java:6", "src/main/java/x/Writer.java:4"]);
    expect(where(javaTableUsages(sources(files), "history").usages)).toEqual(["src/main/java/x/Note.java:3"]);
  });

  it("in a project that maps no class, a class of the table's name and jOOQ's constant are how code reaches it; locals still are not", () => {
    const files = {
      "src/main/java/x/History.java": "package x;\n\npublic class History {\n    Long id;\n}\n",
      "src/main/java/x/Store.java":
        "package x;\n\nimport static x.Tables.HISTORY;\n\nclass Store {\n    List<History> all(DSLContext db) { return db.selectFrom(HISTORY).fetchInto(History.class); }\n    int n(List<Long> history) { return history.size(); }\n}\n",
    };
    expect(tableUses(files, "history", "History")).toEqual(["src/main/java/x/Store.java:3", "src/main/java/x/Store.java:6"]);
  });
});
