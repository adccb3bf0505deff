/**
 * Mailu's Flask-Migrate revisions through `migguard lint`: Mailu runs on SQLite by default, and on MySQL and
 * PostgreSQL; one revision says so by comparing the bind's `engine.name` (not `.dialect.name`) with "sqlite" and
 * "postgresql". The project's other database is read from it, and the PostgreSQL-only fixes (a NOT VALID key on the
 * quoted "user", the DO block that checks a narrowed column's values) run on PostgreSQL only, the operation as
 * written elsewhere: before, the fixes were PostgreSQL's alone, and a key on "user" had no `else:` for SQLite.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { checkFixSyntax, loadFixParsers } from "../../src/engine/testing/fix-syntax.js";

await loadFixParsers();

const V = "core/admin/migrations/versions";
const revision = (id: string, down: string, upgrade: string, downgrade = "    pass") =>
  `from alembic import op, context\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n${downgrade}\n`;

const FILES = {
  "core/admin/migrations/env.py":
    "from alembic import context\nfrom flask import current_app\n\nconfig = context.config\nconfig.set_main_option('sqlalchemy.url', current_app.config.get('SQLALCHEMY_DATABASE_URI'))\n",
  [`${V}/a1_tables.py`]: revision(
    "a1",
    "None",
    `    op.create_table("domain", sa.Column("name", sa.String(80), primary_key=True))
    op.create_table("user", sa.Column("email", sa.String(255), primary_key=True), sa.Column("domain_name", sa.String(80)), sa.Column("spam_threshold", sa.Numeric()))`,
  ),
  [`${V}/546b04c886f0_.py`]: revision(
    "546b04c886f0",
    '"a1"',
    `    if context.get_bind().engine.name not in ('sqlite', 'postgresql'):
        op.execute("SET FOREIGN_KEY_CHECKS = 0")
    with op.batch_alter_table('user') as batch_op:
        batch_op.create_foreign_key('user_domain_name_fkey', 'domain', ['domain_name'], ['name'])`,
  ),
  [`${V}/12e9a4f6ed73_.py`]: revision(
    "12e9a4f6ed73",
    '"546b04c886f0"',
    `    with op.batch_alter_table('user') as batch:
        batch.alter_column('spam_threshold', existing_type=sa.Numeric(), type_=sa.Integer())`,
  ),
};

type Finding = { rule: string; path: string; line: number; fix: string; message: string };

describe("an Alembic project whose revision compares the bind's engine.name (Mailu)", () => {
  it("runs on SQLite too: PostgreSQL-only fixes are guarded, the operation as written otherwise", async () => {
    const cwd = fileTree(FILES, "migguard-alembic-engine-name-");
    const verbose = await run(["lint", "--verbose", V], { cwd });
    expect(verbose.output).toContain(`the project also runs on SQLite: ${V}/546b04c886f0_.py`);
    const { findings } = JSON.parse((await run(["lint", "--format", "json", V], { cwd })).output) as { findings: Finding[] };

    const key = findings.find((f) => f.rule === "constraint-without-not-valid" && f.path.endsWith("546b04c886f0_.py"))!;
    expect(key.message).toContain("the project also runs on SQLite");
    expect(key.fix).toContain(
      `if op.get_bind().dialect.name == "postgresql":\n    op.execute("ALTER TABLE \\"user\\" ADD CONSTRAINT user_domain_name_fkey FOREIGN KEY (domain_name) REFERENCES domain (name) NOT VALID")\nelse:\n    with op.batch_alter_table('user') as batch_op:\n        batch_op.create_foreign_key('user_domain_name_fkey', 'domain', ['domain_name'], ['name'])`,
    );

    const narrowing = findings.find((f) => f.rule === "narrowing-type-change")!;
    expect(narrowing.fix).toContain('if op.get_bind().dialect.name == "postgresql":\n    op.execute("DO $$ BEGIN IF EXISTS');
    for (const f of [key, narrowing]) expect({ fix: f.fix, ...checkFixSyntax("python", f.fix) }).toEqual({ fix: f.fix, ok: true });
  });
});
