import { defineCases } from "../support/rule.js";
import { flaskMigrateEnv } from "../../testing/alembic-autocommit-env.js";

const revision = (id: string, down: string | null, body: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down === null ? "None" : `"${down}"`}\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    pass\n`;

const CREATE_USERCACHE = revision("a1", null, 'op.create_table("usercache", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("username", sa.Unicode(64)))');
/** privacyidea 4238eac8ccab: drops of columns the table may no longer have, each failure caught and logged */
const DEFENSIVE_DROP = revision("b2", "a1", 'try:\n        op.drop_column("usercache", "realm")\n    except Exception as exx:\n        print("## Unnecessary columns in table usercache obviously do not exist anymore.")\n        print(exx)\n    op.create_index("ix_usercache_username", "usercache", ["username"])');

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "op.drop_column of a column op.create_table of the revision before did not define",
      path: "alembic/versions/b2_drop_success.py",
      files: { "alembic/versions/a1_create_runs.py": revision("a1", null, 'op.create_table("runs", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("score", sa.Numeric()))') },
      code: revision("b2", "a1", 'op.drop_column("runs", "success")'),
      lines: [9],
    },
    {
      framework: "alembic",
      name: "a drop in try/except that goes on, in the revision's transaction: PostgreSQL has aborted the transaction, the next statement fails",
      path: "migrations/versions/b2_drop_realm.py",
      files: { "migrations/env.py": flaskMigrateEnv(false), "migrations/versions/a1_create_usercache.py": CREATE_USERCACHE },
      code: DEFENSIVE_DROP,
      lines: [10],
      messages: ["current transaction is aborted"],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "a drop in try/except that goes on, env.py's connection in AUTOCOMMIT: the author expects the failure and the revision goes on",
      path: "migrations/versions/b2_drop_realm.py",
      files: { "migrations/env.py": flaskMigrateEnv(true), "migrations/versions/a1_create_usercache.py": CREATE_USERCACHE },
      code: DEFENSIVE_DROP,
    },
    {
      framework: "alembic",
      name: "a create_table with a helper's columns (*timestamps()): nothing proven",
      path: "alembic/versions/b2_drop_created_at.py",
      files: { "alembic/versions/a1_create_runs.py": revision("a1", null, 'op.create_table("runs", sa.Column("id", sa.Integer(), primary_key=True), *timestamps())') },
      code: revision("b2", "a1", 'op.drop_column("runs", "created_at")'),
    },
  ],
});
