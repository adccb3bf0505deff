import { defineCases } from "../support/rule.js";

/** The engine's own finding for Alembic: Python's grammar (tree-sitter). */
export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "an unclosed parenthesis",
      code: 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.add_column("users", sa.Column("phone", sa.Text())\n\n\ndef downgrade():\n    op.drop_column("users", "phone")\n',
      lines: [9],
    },
    {
      framework: "alembic",
      name: "psycopg2 markers without parameters reach PostgreSQL as written",
      code: 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    conn = op.get_bind()\n    conn.execute("UPDATE tokens SET hash = %s WHERE id = %s")\n\ndef downgrade():\n    pass\n',
      lines: [10],
    },
    {
      framework: "alembic",
      name: "MySQL's own ALTER ... MODIFY in a project that installs psycopg2 (PostgreSQL): still an error there, and the finding says the statement is valid MySQL and how to say the project runs on it",
      path: "migrations/versions/b2_weight_not_null.py",
      code: 'from alembic import op\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.execute("ALTER TABLE listener MODIFY weight INTEGER NOT NULL")\n\n\ndef downgrade():\n    pass\n',
      files: { "requirements.txt": "alembic\npsycopg2>=2.9\n" },
      lines: [8],
      messages: ["This statement is valid MySQL (MySQL's grammar reads it) and was read as PostgreSQL's"],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "MySQL's own ALTER ... MODIFY in a project whose requirements install oslo.db[mysql] (Octavia): read with MySQL's grammar, no syntax error",
      path: "migrations/versions/b2_weight_not_null.py",
      code: 'from alembic import op\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.execute("ALTER TABLE listener MODIFY weight INTEGER NOT NULL")\n\n\ndef downgrade():\n    pass\n',
      files: { "requirements.txt": "alembic\noslo.db[mysql]>=8.4.0 # Apache-2.0\n" },
    },
    {
      framework: "alembic",
      name: "SQLAlchemy bind parameters in text(): :tags stands for a value",
      code: 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    conn = op.get_bind()\n    conn.execute(sa.text("UPDATE dashboards SET tags = :tags WHERE id = :id"), {"tags": [], "id": 1})\n\n\ndef downgrade():\n    pass\n',
    },
    {
      framework: "alembic",
      name: "psycopg2 parameters (%s, %(name)s, %% for a literal percent, IN %s for a tuple) with a plain string",
      code: 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    conn = op.get_bind()\n    conn.execute("UPDATE tokens SET hash = %s WHERE id = %(id)s AND name NOT LIKE \'50%%\'", (h, 1))\n    conn.execute(\'\'\'\n        UPDATE comments SET revision_id = %s\n        WHERE id IN %s\n    \'\'\', (revision_id, ids))\n\ndef downgrade():\n    pass\n',
    },
    {
      framework: "alembic",
      name: "the same migration, well formed",
      code: 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.add_column("users", sa.Column("phone", sa.Text()))\n\n\ndef downgrade():\n    op.drop_column("users", "phone")\n',
    },
  ],
});
