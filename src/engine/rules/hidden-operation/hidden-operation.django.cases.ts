import { defineCases } from "../support/rule.js";

const django = (operations: string) => `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n${operations}\n    ]\n`;

/** A module-level def returning the SQL \`body\` (after the lines \`before\`), given to RunSQL(sql=...). */
const sqlFunction = (before: string, body: string) => `from inspect import cleandoc

from django.conf import settings
from django.db import migrations


def drop_report_views() -> str:
${before}    return ${body}


class Migration(migrations.Migration):
    operations = [
        migrations.RunSQL(sql=drop_report_views(), reverse_sql=None),
    ]
`;

/** The engine's own finding for Django: an operation looked up with getattr, run from a string, or SQL not in the file. */
export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "RunSQL(sql=f()) of a def of the migration whose SQL takes a setting's value where a name goes: still hidden",
      code: sqlFunction("    column = settings.ARCHIVE_COLUMN\n", 'f"DELETE FROM shop_cart WHERE {column} IS NOT NULL"'),
      lines: [14],
    },
    {
      framework: "django",
      name: "RunSQL(sql=f()) of a def whose f-string puts one of two literal table names, picked by a setting, where a table name goes: the statement is built at run time",
      code: sqlFunction('    table = "shop_cart" if settings.ARCHIVE else "shop_cart_archive"\n', 'f"DELETE FROM {table} WHERE expired"'),
      // where the f-string is written
      lines: [9],
    },
    {
      framework: "django",
      name: "RunSQL(sql=f(name)) of a def given a name only running tells: still hidden",
      code: sqlFunction("", 'f"DROP MATERIALIZED VIEW IF EXISTS {name}"').replace("def drop_report_views() -> str:", "def drop_report_views(name) -> str:").replace("sql=drop_report_views()", "sql=drop_report_views(settings.REPORT_VIEW)"),
      lines: [13],
    },
    {
      framework: "django",
      name: "RunSQL(sql=f()) of a def that calls itself: a call made at run time, read once",
      code: sqlFunction("", "drop_report_views()"),
      lines: [13],
    },
    {
      framework: "django",
      name: "RunSQL of \", \".join() over a list only running tells (a function's result): still hidden",
      code: "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL(\"DROP TABLE IF EXISTS {}\".format(\", \".join(legacy_tables())), migrations.RunSQL.noop),\n    ]\n",
      lines: [6],
    },
    {
      framework: "django",
      name: "RunSQL looked up with getattr (still checked as RunSQL)",
      code: django('        getattr(migrations, "RunSQL")("DELETE FROM shop_cart WHERE expired", reverse_sql=migrations.RunSQL.noop),'),
      lines: [6],
    },
    { framework: "django", name: "an operation in a string given to eval", code: django('        eval("migrations.RemoveField(\'order\', \'note\')"),'), lines: [6] },
    { framework: "django", name: "RunSQL of a file read at run time", code: django('        migrations.RunSQL(open("cleanup.sql").read(), reverse_sql=migrations.RunSQL.noop),'), lines: [6] },
    {
      framework: "django",
      name: "operations a comprehension builds over what only running tells",
      code: "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [migrations.RemoveField(model_name=m, name=\"legacy\") for m in models_with_legacy()]\n",
      lines: [5],
    },
    {
      framework: "django",
      name: "RunSQL of SQL read at run time in a comprehension over a literal list is one finding, not one per item",
      code: `from django.db import migrations

TABLES = ["shop_order", "shop_invoice", "shop_cart"]


class Migration(migrations.Migration):
    operations = [migrations.RunSQL(open("cleanup.sql").read(), reverse_sql=migrations.RunSQL.noop) for t in TABLES]
`,
      lines: [7],
    },
    { framework: "django", name: "operations a function builds", code: "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = build_operations()\n", lines: [5] },
    {
      framework: "django",
      name: "RunSQL of SQL joined with + to a setting where a table name goes stays hidden",
      code: "from django.conf import settings\nfrom django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL(\"DELETE FROM \" + settings.CART_TABLE + \" WHERE expired\", reverse_sql=migrations.RunSQL.noop),\n    ]\n",
      lines: [7],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "RunSQL(sql=f()) of a def whose only run-time part is a schema prefix (a setting's name and `.`, or nothing) glued before the table name: the statement is known and checked on its unqualified name",
      code: sqlFunction('    schema = settings.DB_SCHEMA + "." if settings.DB_SCHEMA else ""\n', 'f"DROP MATERIALIZED VIEW IF EXISTS {schema}report_totals"'),
    },
    {
      framework: "django",
      name: "RunSQL(sql=f()) of a def of the migration that returns cleandoc() of a literal: the SQL is known and checked",
      code: sqlFunction('    """The report views, rebuilt by the next migration."""\n    # comments are no statements\n', 'cleandoc(\n        """\n        DROP MATERIALIZED VIEW IF EXISTS report_totals;\n        """\n    )'),
    },
    {
      framework: "django",
      name: "RunSQL(sql=f()) of a def whose f-string puts one of two literal SQL functions, picked by a setting, where a value goes (tilavarauspalvelu 0148): the statement is known and checked",
      code: sqlFunction(
        '    now_func = "NOW_TT()" if settings.ENABLE_NOW_TT else "STATEMENT_TIMESTAMP()"\n',
        "cleandoc(\n        f\"\"\"\n        CREATE MATERIALIZED VIEW report_totals AS\n            SELECT shop_id, count(*) AS orders FROM shop_order\n            WHERE placed_at >= DATE_TRUNC('day', {now_func} - interval '1 day')\n            GROUP BY shop_id;\n        \"\"\"\n    )",
      ),
    },
    {
      framework: "django",
      name: "RunSQL(sql=f(\"report_totals\")) of a def given a literal argument, its f-string of that argument and a module constant: the statement is known and checked",
      code: sqlFunction("", 'f"DROP MATERIALIZED VIEW IF EXISTS {SCHEMA}.{name}"')
        .replace("def drop_report_views() -> str:", 'SCHEMA = "reports"\n\n\ndef drop_report_views(name) -> str:')
        .replace("sql=drop_report_views()", 'sql=drop_report_views("report_totals")'),
    },
    {
      framework: "django",
      name: "RunSQL of \", \".join() over a literal list of the Migration class (linkedevents 0001_remove_allauth_remnants): the statement is known, checked as written",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    tables_to_remove = [
        "account_emailaddress",
        "socialaccount_socialtoken",
    ]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS {}".format(", ".join(tables_to_remove)), migrations.RunSQL.noop),
    ]
`,
    },
    {
      framework: "django",
      name: "operations a comprehension builds over a module's literal list (and an unpacked list of pairs)",
      code: `from django.db import migrations, models

MODELS = ["order", "invoice"]
COMMENTS = [("shop_order", "placed by a customer"), ("shop_invoice", "sent to a customer")]


class Migration(migrations.Migration):
    operations = [migrations.AddField(model_name=m, name="note", field=models.TextField(null=True)) for m in MODELS] + [
        migrations.RunSQL(f"COMMENT ON TABLE {t} IS '{c}'", reverse_sql=f"COMMENT ON TABLE {t} IS NULL") for t, c in COMMENTS
    ]
`,
    },
    {
      framework: "django",
      name: "RunSQL of SQL joined with + to a setting where a value goes: the statement is known and checked",
      code: "from django.conf import settings\nfrom django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL(\"UPDATE shop_cart SET owner_id = \" + str(settings.DEFAULT_OWNER_ID) + \" WHERE owner_id IS NULL\", reverse_sql=migrations.RunSQL.noop),\n    ]\n",
    },
    { framework: "django", name: "RunSQL called by name with its SQL written out", code: django('        migrations.RunSQL("DELETE FROM shop_cart WHERE expired", reverse_sql=migrations.RunSQL.noop),') },
    {
      framework: "django",
      name: "SQL in a module constant",
      code: 'from django.db import migrations\n\nCLEANUP = "DELETE FROM shop_cart WHERE expired"\n\n\nclass Migration(migrations.Migration):\n    operations = [migrations.RunSQL(CLEANUP, reverse_sql=migrations.RunSQL.noop)]\n',
    },
  ],
});
