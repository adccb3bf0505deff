/**
 * A Flask-Migrate env.py for case tables (privacyidea's): with `autocommit`, the connection it configures is in
 * AUTOCOMMIT (`execution_options(isolation_level="AUTOCOMMIT")`), so no revision runs in a transaction.
 */
export const flaskMigrateEnv = (autocommit: boolean): string => `from alembic import context
from flask import current_app


def run_migrations_online():
    with current_app.extensions["migrate"].db.engine.connect() as connection:
${autocommit ? '        connection = connection.execution_options(isolation_level="AUTOCOMMIT")\n' : ""}        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
`;
