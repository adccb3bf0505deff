/**
 * `migguard lint` on a type change that narrows a column whose every value the same migration rewrote just before:
 * berth-reservations' 0003 (a RunSQL UPDATE without WHERE turning cm into m, then numeric(10,2) -> numeric(5,2)) and
 * Mailu's 12e9a4f6ed73 (a loop over every user updating each by its key with int() of its value, then numeric ->
 * integer). The author prepared the values: a note naming the line, whose fix keeps the check. An UPDATE with a WHERE
 * converts only some rows and keeps the warning.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix: string };

async function narrowings(files: Record<string, string>, path: string): Promise<Finding[]> {
  const { output } = await run(["lint", "--format", "json", path], { cwd: fileTree(files, "migguard-narrowing-converted-") });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "narrowing-type-change");
}

const BERTHS_INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="BerthType", fields=[("id", models.AutoField(primary_key=True, serialize=False)), ("length", models.DecimalField(decimal_places=2, max_digits=10))]),
    ]
`;

const toMeters = (where: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]
    operations = [
        migrations.RunSQL(sql="UPDATE resources_berthtype SET length = length/100${where};", reverse_sql="UPDATE resources_berthtype SET length = length*100;"),
        migrations.AlterField(model_name="berthtype", name="length", field=models.DecimalField(decimal_places=2, max_digits=5)),
    ]
`;

const SPAM_THRESHOLD = `from alembic import op
import sqlalchemy as sa

revision = "12e9a4f6ed73"
down_revision = None

user_table = sa.Table("user", sa.MetaData(), sa.Column("email", sa.String(255), primary_key=True), sa.Column("spam_threshold", sa.Numeric()))


def upgrade():
    connection = op.get_bind()
    for user in connection.execute(user_table.select()):
        connection.execute(user_table.update().where(user_table.c.email == user.email).values(spam_threshold=int(user.spam_threshold)))
    with op.batch_alter_table("user") as batch:
        batch.alter_column("spam_threshold", existing_type=sa.Numeric(), type_=sa.Integer())


def downgrade():
    with op.batch_alter_table("user") as batch:
        batch.alter_column("spam_threshold", existing_type=sa.Integer(), type_=sa.Numeric())
`;

describe("a narrowing type change after the same migration converted the column's values", () => {
  const meters = "resources/migrations/0002_length_in_meters.py";

  it("Django: a RunSQL UPDATE without WHERE before the AlterField is a note that names its line and keeps the check", async () => {
    const [finding] = await narrowings({ "resources/migrations/0001_initial.py": BERTHS_INITIAL, [meters]: toMeters("") }, meters);
    expect(finding.line).toBe(8);
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("converted every value of length first (line 7)");
    expect(finding.fix).toContain("do not fit numeric(5,2)");
  });

  it("Django: the UPDATE has a WHERE, so only some rows were converted: still a warning", async () => {
    const [finding] = await narrowings({ "resources/migrations/0001_initial.py": BERTHS_INITIAL, [meters]: toMeters(" WHERE length > 1000") }, meters);
    expect(finding.severity).toBe("warning");
    expect(finding.message).not.toContain("converted");
  });

  it("Alembic: a loop over every row updating each by its key (Mailu) is a note", async () => {
    const path = "alembic/versions/12e9a4f6ed73_.py";
    const [finding] = await narrowings({ [path]: SPAM_THRESHOLD }, path);
    expect(finding.line).toBe(15);
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("converted every value of spam_threshold first (line 13)");
  });
});
