import { defineCases } from "../support/rule.js";

/** skyvern's 0b0bd1875c6e: each table's change in a transaction of its own, its lock bounded by SET LOCAL lock_timeout, retried */
const guarded = (setTimeout: string) => `import time

from alembic import op

revision = "0b0bd1875c6e"
down_revision = "a1"

_TABLES = ("tasks", "workflows")


def _execute_transactional_schema_change(table: str, statement: str) -> None:
    op.execute("BEGIN")
    op.execute("SET LOCAL statement_timeout = '5s'")
${setTimeout}    op.execute(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')
    op.execute(statement)
    op.execute("COMMIT")


def upgrade() -> None:
    with op.get_context().autocommit_block():
        for table in _TABLES:
            _execute_transactional_schema_change(table, f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS note text')


def downgrade() -> None:
    with op.get_context().autocommit_block():
        for table in _TABLES:
            _execute_transactional_schema_change(table, f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS note')
`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "the same transactions without a lock_timeout: each LOCK queues every session behind it",
      schema: "CREATE TABLE tasks (id bigint PRIMARY KEY);\nCREATE TABLE workflows (id bigint PRIMARY KEY);",
      code: guarded(""),
      lines: [14, 14],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "SET LOCAL lock_timeout right before the LOCK, in the same transaction (skyvern's retried schema change)",
      schema: "CREATE TABLE tasks (id bigint PRIMARY KEY);\nCREATE TABLE workflows (id bigint PRIMARY KEY);",
      code: guarded(`    op.execute("SET LOCAL lock_timeout = '250ms'")\n`),
    },
  ],
});
