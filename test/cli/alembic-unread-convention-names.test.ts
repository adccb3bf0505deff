/**
 * Unnamed op.create_foreign_key / create_unique_constraint under an env.py whose target_metadata migguard cannot read
 * (flexmeasures, Flask-Migrate's `current_app.extensions["migrate"].db.metadata`, built with a naming convention),
 * through `migguard lint`: the names are unknown, never PostgreSQL's defaults. A downgrade that drops and re-adds the
 * key the same way is not told to drop a made-up name (a60cc43aef5e); one whose drop_constraint(None, ...) names no
 * constraint is told so, with where to read the name (26373d8266db); a helper that drops and recreates a key under its
 * own name, run by both, leaves nothing (a528c3c81506).
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const ENV = `from alembic import context
from flask import current_app

target_metadata = current_app.extensions["migrate"].db.metadata


def run_migrations_online():
    with current_app.extensions["migrate"].db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
`;

const revision = (upgrade: string, downgrade: string, helpers = "") => `from alembic import op

revision = "b2"
down_revision = None


def upgrade():
${upgrade}


def downgrade():
${downgrade}
${helpers}`;

type Finding = { rule: string; line: number; message: string; fix: string };

const lint = async (code: string): Promise<Finding[]> => {
  const root = new Repo().write({ "alembic.ini": "[alembic]\nscript_location = migrations\n", "migrations/env.py": ENV, "migrations/versions/b2_keys.py": code }).commit("app").root;
  const findings = (JSON.parse((await run(["lint", "--format", "json", "migrations"], { cwd: root })).output) as { findings: Finding[] }).findings;
  return findings.filter((f) => f.rule === "down-does-not-undo-up" || f.rule === "down-does-not-restore");
};

describe("Alembic ops named None under a target_metadata migguard cannot read", () => {
  it("a key replaced by an unnamed one, and back in the downgrade: no finding, no PostgreSQL default name", async () => {
    const findings = await lint(
      revision(
        '    op.drop_constraint("generic_asset_parent_asset_id_generic_asset_fkey", "generic_asset", type_="foreignkey")\n    op.create_foreign_key(None, "generic_asset", "generic_asset", ["parent_asset_id"], ["id"], ondelete="CASCADE")',
        '    op.drop_constraint("generic_asset_parent_asset_id_generic_asset_fkey", "generic_asset", type_="foreignkey")\n    op.create_foreign_key(None, "generic_asset", "generic_asset", ["parent_asset_id"], ["id"])',
      ),
    );
    expect(findings).toEqual([]);
  });

  it("a downgrade's drop_constraint(None, ...) is reported at the up's create, with where to read the name instead of a guess", async () => {
    const findings = await lint(
      revision(
        '    op.create_foreign_key(None, "power", "asset", ["asset_id"], ["id"], ondelete="CASCADE")\n    op.create_unique_constraint(None, "users", ["email"])',
        '    op.drop_constraint(None, "users", type_="unique")\n    op.drop_constraint(None, "power", type_="foreignkey")',
      ),
    );
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ["down-does-not-undo-up", 8],
      ["down-does-not-undo-up", 9],
    ]);
    expect(findings[0]!.message).toContain("line 14's drop_constraint(None, \"power\") names no constraint");
    expect(findings[0]!.fix).toContain("conrelid = 'power'::regclass AND contype = 'f'");
    expect(findings[1]!.fix).toContain("conrelid = 'users'::regclass AND contype = 'u'");
    for (const f of findings) expect(f.fix).not.toMatch(/power_asset_id_fkey|users_email_key/);
  });

  it("a helper that drops and recreates a key under its own name, run twice by each side: nothing left over", async () => {
    const helper = `

def recreate(cascade):
    op.drop_constraint("price_market_id_market_fkey", "price", type_="foreignkey")
    op.create_foreign_key("price_market_id_market_fkey", "price", "market", ["market_id"], ["id"], onupdate="CASCADE" if cascade else None)
`;
    const findings = await lint(revision("    recreate(True)\n    recreate(False)", "    recreate(True)\n    recreate(False)", helper));
    expect(findings).toEqual([]);
  });
});
