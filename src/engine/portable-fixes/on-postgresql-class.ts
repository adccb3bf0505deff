/**
 * The operation a Django fix uses to run PostgreSQL's way on PostgreSQL only (django-on-postgresql.ts): written
 * into the migration, since a module of helpers in migrations/ would be loaded as a migration (Django refuses one
 * without a Migration class). Its state is always the plain operations', so every database ends in the same state.
 */
export const ON_POSTGRESQL_CLASS = `class OnPostgreSQL(migrations.SeparateDatabaseAndState):
    # PostgreSQL runs \`postgresql\`; SQLite and the other databases the project supports run \`others\`, the plain
    # operations (Django's state follows them, or \`state\` when given: operations only PostgreSQL's way needs,
    # which the others keep in the state alone). A name is a class of django.contrib.postgres.operations, imported
    # on PostgreSQL only (it needs psycopg, which an install on another database may lack) and given the plain
    # operation's arguments; without \`postgresql\`, PostgreSQL runs the state operations.
    def __init__(self, postgresql=None, others=(), state=None, **options):
        super().__init__(database_operations=list(others), state_operations=list(others if state is None else state))
        self.postgresql, self.options = postgresql, options

    def _postgresql(self):
        if self.postgresql is None:
            return migrations.SeparateDatabaseAndState(database_operations=self.state_operations)
        if not isinstance(self.postgresql, str):
            return self.postgresql
        from importlib import import_module

        operation = getattr(import_module("django.contrib.postgres.operations"), self.postgresql)
        if self.options:
            return operation(**self.options)
        _, args, kwargs = self.state_operations[0].deconstruct()
        return operation(*args, **kwargs)

    def _for(self, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            return migrations.SeparateDatabaseAndState(database_operations=[self._postgresql()])
        return super()

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._for(schema_editor).database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._for(schema_editor).database_backwards(app_label, schema_editor, from_state, to_state)
`;
