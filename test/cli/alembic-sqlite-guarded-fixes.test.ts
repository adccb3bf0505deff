/**
 * dstack's revisions through `migguard lint` where the project also runs on SQLite (its CI matrix runs both): every
 * fix with PostgreSQL's SQL sends it on PostgreSQL only, and SQLite runs the operation as written: the trigger,
 * backfill and swap of a column-type-change; an enum's DROP TYPE (SQLite made no type); a foreign key added NOT
 * VALID, whose create_foreign_key SQLite keeps in its batch block (after the block exits it would never run).
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { checkFixSyntax, loadFixParsers } from "../../src/engine/testing/fix-syntax.js";
import { CI_MATRIX_SQLITE_POSTGRES } from "../../src/engine/testing/python-fixtures.js";

await loadFixParsers();

const revision = (id: string, down: string, upgrade: string, downgrade = "    pass") =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n${downgrade}\n`;

const FILES = {
  ...CI_MATRIX_SQLITE_POSTGRES,
  "migrations/versions/a1_volumes.py": revision(
    "a1",
    "None",
    `    op.create_table(
        "volumes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("status", sa.Enum("SUBMITTED", "ACTIVE", name="volumestatus"), nullable=False),
    )`,
    `    op.drop_table("volumes")`,
  ),
  "migrations/versions/b2_bigint.py": revision(
    "b2",
    '"a1"',
    `    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.alter_column("runner_timestamp", existing_type=sa.INTEGER(), type_=sa.BigInteger(), existing_nullable=True)`,
  ),
  "migrations/versions/c3_fk.py": revision(
    "c3",
    '"b2"',
    `    with op.batch_alter_table("instances", schema=None) as batch_op:
        batch_op.add_column(sa.Column("compute_group_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_instances_compute_group_id", "compute_groups", ["compute_group_id"], ["id"])`,
  ),
};

type Finding = { rule: string; path: string; line: number; fix: string; message: string };
const lint = async () => {
  const cwd = fileTree(FILES, "migguard-alembic-sqlite-");
  return (JSON.parse((await run(["lint", "--format", "json", "migrations/versions"], { cwd })).output) as { findings: Finding[] }).findings;
};

describe("Alembic fixes where the project also runs on SQLite", () => {
  it("send PostgreSQL's SQL on PostgreSQL only and keep the operation as written for SQLite", async () => {
    const findings = await lint();
    const of = (rule: string) => findings.find((f) => f.rule === rule)!;

    const dropType = of("down-does-not-undo-up");
    expect(dropType.fix).toBe('# add to downgrade():\nif op.get_bind().dialect.name == "postgresql":\n    op.execute("DROP TYPE volumestatus;")');

    const retype = of("column-type-change");
    expect(retype.message).toContain("the project also runs on SQLite");
    expect(retype.fix).toContain('if op.get_bind().dialect.name == "postgresql":\n    op.add_column("jobs", sa.Column("runner_timestamp_new"');
    expect(retype.fix).toContain('else:\n    with op.batch_alter_table("jobs", schema=None) as batch_op:\n        batch_op.alter_column("runner_timestamp"');
    // the backfill by ctid and the plpgsql swap: each revision's upgrade under the guard
    expect(retype.fix).toContain('def upgrade():\n    if op.get_bind().dialect.name == "postgresql":\n        with op.get_context().autocommit_block():');
    expect(retype.fix).toMatch(/\n {4}if op\.get_bind\(\)\.dialect\.name == "postgresql":\n {8}op\.execute\("""\n {8}DO \$\$/);
    expect(retype.fix).not.toMatch(/^op\.execute\(/m);

    const foreignKey = of("constraint-without-not-valid");
    expect(foreignKey.fix).toContain(
      'else:\n    with op.batch_alter_table("instances", schema=None) as batch_op:\n        batch_op.create_foreign_key("fk_instances_compute_group_id", "compute_groups", ["compute_group_id"], ["id"])',
    );

    for (const f of [dropType, retype, foreignKey]) expect(checkFixSyntax("python", f.fix)).toEqual({ ok: true });
  });

  it("a revision of another year's folder of the same versions tree that branches on the dialect speaks for the whole tree (dstack)", async () => {
    const cwd = fileTree(
      {
        "migrations/versions/2023/a1_volumes.py": FILES["migrations/versions/a1_volumes.py"],
        "migrations/versions/2024/b2_sqlite.py": revision("b2", '"a1"', '    if op.get_bind().dialect.name == "sqlite":\n        op.execute("PRAGMA foreign_keys=OFF")'),
      },
      "migguard-alembic-tree-",
    );
    const findings = (JSON.parse((await run(["lint", "--format", "json", "migrations/versions"], { cwd })).output) as { findings: Finding[] }).findings;
    const dropType = findings.find((f) => f.rule === "down-does-not-undo-up" && f.path.includes("/2023/"))!;
    expect(dropType.fix).toBe('# add to downgrade():\nif op.get_bind().dialect.name == "postgresql":\n    op.execute("DROP TYPE volumestatus;")');
  });
});
