/**
 * `migguard lint` on an Alembic revision that removes duplicate rows (security_monkey 7c54b06e227b): upgrade() selects
 * the items another item duplicates (a correlated `count(*) > 1`) and deletes all but the newest in ORM code, and its
 * downgrade is `pass`. A dedupe is one-way (issue #19): the empty downgrade is a note, not a warning. The same read
 * followed by a helper call and an UPDATE of another table keeps the warning: those values a downgrade could restore.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { rule: string; line: number; severity: string; message: string; fix: string };
const lint = async (files: Record<string, string>) =>
  (JSON.parse((await run(["lint", "--format", "json", "."], { cwd: fileTree(files, "migguard-dedupe-") })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === "empty-down");

const revision = (writes: string) => `from alembic import op
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker
from app.items import pick_newest

revision = "7c54b06e227b"
down_revision = None

Session = sessionmaker()


def upgrade():
    session = Session(bind=op.get_bind())
    result = session.execute(text("""(SELECT o.id, o.region, o.name FROM item o WHERE (
        SELECT count(*) FROM item i WHERE o.region = i.region AND o.name = i.name) > 1);"""))
    for duplicate in pick_newest(result):
        ${writes}
    session.commit()


def downgrade():
    pass
`;

it("a dedupe whose deletes migguard cannot read: the empty downgrade is a note, and the fix keeps it", async () => {
  const [finding] = await lint({ "migrations/versions/7c54b06e227b_.py": revision(`session.delete(duplicate)`) });
  expect(finding).toMatchObject({ line: 21, severity: "info" });
  expect(finding.message).toContain("this migration removes duplicates");
  expect(finding.fix).toBe("def downgrade():\n    # one-way cleanup: upgrade() deletes the duplicate rows of item; putting them back would undo it\n    pass");
});

it("the same read, then a helper and an UPDATE of another table: values a downgrade could restore, the warning stays", async () => {
  const [finding] = await lint({
    "migrations/versions/7c54b06e227b_.py": revision(`keep = pick_newest(duplicate)\n        session.execute(text("UPDATE orders SET item_id = :keep WHERE item_id = :id"), {"keep": keep, "id": duplicate.id})`),
  });
  // one line more in upgrade(): the downgrade is on line 22
  expect(finding).toMatchObject({ line: 22, severity: "warning" });
  expect(finding.message).toContain("changes data in code migguard cannot read");
});
