/**
 * `migguard lint` of an Alembic project that numbers its revisions (notifications-api: 0449_x.py holds revision
 * "0449_x", tests check the 4-digit prefix) and keeps migrations/.current-alembic-head, which its tests compare with
 * the newest file: a fix's new revision is numbered next, named like the others, and the head file is updated.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { rule: string; line: number; fix: string };

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-alembic-numbered-");

const revision = (id: string, down: string | null, body: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down ? `"${down}"` : "None"}\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;

const files = {
  "migrations/versions/0449_create_api_keys.py": revision("0449_create_api_keys", null, '    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))\n    op.create_table("api_keys", sa.Column("id", sa.Integer, primary_key=True), sa.Column("created_by_id", sa.Integer))'),
  "migrations/versions/0450_api_keys_fk.py": revision("0450_api_keys_fk", "0449_create_api_keys", '    op.create_foreign_key("fk_api_keys_created_by_id", "api_keys", "users", ["created_by_id"], ["id"])'),
};

async function fixOf(root: string): Promise<string> {
  const { output } = await run(["lint", "--format", "json", "migrations/versions/0450_api_keys_fk.py"], { cwd: root });
  const finding = (JSON.parse(output) as { findings: Finding[] }).findings.find((f) => f.rule === "constraint-without-not-valid");
  return finding!.fix;
}

describe("migguard lint: an Alembic project's revision naming", () => {
  it("numbers the new revision after the newest, its id its file name, and says to update .current-alembic-head", async () => {
    const fix = await fixOf(repo({ ...files, "migrations/.current-alembic-head": "0450_api_keys_fk\n" }));
    expect(fix).toContain("# then a new migration, migrations/versions/0451_validate_fk_api_keys_create.py:");
    expect(fix).toContain('NEW_REVISION_ID = "0451_validate_fk_api_keys_create"');
    expect(fix).toContain('# migrations/.current-alembic-head names the head revision ("0450_api_keys_fk"): write "0451_validate_fk_api_keys_create" in it');
  });

  it("without a head file says nothing of one", async () => {
    const fix = await fixOf(repo(files));
    expect(fix).toContain('NEW_REVISION_ID = "0451_validate_fk_api_keys_create"');
    expect(fix).not.toContain("current-alembic-head");
  });
});
