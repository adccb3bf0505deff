/**
 * A Flyway SQL migration beside Java through `migguard lint` (README: Usages): Java is read with tree-sitter's Java
 * grammar, and a dropped column counts only on the JPA entity of its table, an accessor called on a variable of the
 * entity's type, or SQL/JPQL on it. Dataverse's oauth2tokendata.scope: the OAuth2 providers' own requested `scope`
 * and a scribejava token's getScope() are no use of it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-java-columns-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  mkdirSync(join(root, ".git"));
  return root;
}

type Finding = { path: string; rule: string; severity: string; message: string };
const dropColumn = async (files: Record<string, string>) =>
  (JSON.parse((await run(["lint", "--format", "json", "src/main/resources/db/migration"], { cwd: repo(files) })).output) as { findings: Finding[] }).findings.find((f) => f.rule === "drop-column")!;

const pkg = "src/main/java/edu/harvard/iq/dataverse/authorization/providers/oauth2";
const code = {
  "src/main/resources/db/migration/V4.17.0.1__5991-update-scribejava.sql": "ALTER TABLE OAuth2TokenData DROP COLUMN IF EXISTS scope;\n",
  [`${pkg}/AbstractOAuth2AuthenticationProvider.java`]:
    'package x;\n\npublic abstract class AbstractOAuth2AuthenticationProvider {\n    /** no scope will be requested */\n    protected List<String> scope = Arrays.asList("");\n\n    public boolean granted(OAuth2AccessToken accessToken) {\n        OAuth2TokenData data = OAuth2TokenData.from(accessToken);\n        return accessToken.getScope() != null;\n    }\n\n    public List<String> getScope() { return scope; }\n}\n',
  [`${pkg}/OAuth2TokenData.java`]: 'package x;\n\n@Entity\npublic class OAuth2TokenData {\n    @Id private Long id;\n    private String accessToken;\n}\n',
};

describe("Java columns", () => {
  it("the providers' own scope field, another object's getScope() and comments are no use: the planned last step; the entity's field and its accessor are", async () => {
    expect((await dropColumn(code)).severity).toBe("info");
    const mapped = {
      ...code,
      [`${pkg}/OAuth2TokenData.java`]: 'package x;\n\n@Entity\npublic class OAuth2TokenData {\n    @Id private Long id;\n    private String scope;\n\n    public String getScope() { return scope; }\n}\n',
      [`${pkg}/Tokens.java`]: "package x;\n\nclass Tokens {\n    String of(OAuth2TokenData data) { return data.getScope(); }\n}\n",
    };
    const finding = await dropColumn(mapped);
    expect(finding.severity).toBe("error");
    expect(finding.message).toContain(`Application code still names scope: ${pkg}/OAuth2TokenData.java:6, ${pkg}/Tokens.java:4.`);
  });
});

/**
 * DSpace's V1.5 upgrade drops table history: ChecksumHistory, checksum_history and historyId are other names, Javadoc
 * and `//` comments are prose, and an older migration's SQL (`data_workflow_migration.sql`) is history: none is code
 * that uses the table, so the drop says nothing of code naming it. A query on the table in a Java string is.
 */
describe("Java code that names a dropped table", () => {
  const dropTable = async (files: Record<string, string>) =>
    (JSON.parse((await run(["lint", "--format", "json", "src/main/resources/db/migration"], { cwd: repo(files) })).output) as { findings: Finding[] }).findings.find((f) => f.rule === "drop-table")!;
  const checker = "src/main/java/org/dspace/checker";
  const files = {
    "src/main/resources/db/migration/V2__drop_history.sql": "DROP TABLE history;\n",
    "src/main/resources/org/dspace/storage/rdbms/xmlworkflow/data_workflow_migration.sql": "INSERT INTO cwf_history SELECT * FROM history;\n",
    [`${checker}/ChecksumHistory.java`]:
      'package org.dspace.checker;\n\n/**\n * Represents a history record for the bitstream.\n */\n@Entity\n@Table(name = "checksum_history")\npublic class ChecksumHistory {\n    private Long historyId;\n    // history of checks\n    public Long getHistoryId() { return historyId; } /* the history row */\n}\n',
  };

  it("a class name that contains it, comments and an older migration's SQL are no usage; SQL on the table in a string is", async () => {
    const quiet = await dropTable(files);
    expect(quiet.message).not.toContain("Application code still names");
    const used = await dropTable({ ...files, [`${checker}/HistoryDAO.java`]: 'package org.dspace.checker;\n\nclass HistoryDAO {\n    static final String ALL = "SELECT * FROM history";\n}\n' });
    expect(used.severity).toBe("error");
    expect(used.message).toContain(`Application code still names history or History: ${checker}/HistoryDAO.java:4.`);
  });
});
