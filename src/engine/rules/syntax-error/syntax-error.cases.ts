import { defineCases } from "../support/rule.js";

/** The engine's own finding, checked the same way as a rule so its docs have examples. */
export default defineCases({
  invalid: [
    { framework: "sql", name: "a typo in a keyword, reported on its line; the other statements are still checked", code: "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ALTR COLUMN a SET NOT NULL;\n", lines: [2] },
    {
      framework: "sql",
      name: "a Go template whose branches each hold a whole statement: with its actions blanked it reads as two statements run together, so it is said as templated SQL not analysed (a note), not as an error the rendered file does not have",
      path: "migrations/7-widen-amount/up.sql",
      code: "{{ if .Postgres15 }}ALTER TABLE t ADD COLUMN a int{{ else }}ALTER TABLE t ADD COLUMN a bigint{{ end }};\n",
      lines: [1],
      severities: ["info"],
    },
  ],
  valid: [
    { framework: "sql", name: "PostgreSQL 18 syntax other parsers reject", code: "ALTER TABLE t ADD CONSTRAINT t_a_nn NOT NULL a NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT t_a_nn;\n" },
    {
      framework: "sql",
      name: "Go template actions the migration tool fills in (gobuffalo/pop, supabase/auth): read with the placeholder as a name",
      path: "migrations/20240101000000_add_phone.up.sql",
      code: 'ALTER TABLE {{ index .Options "Namespace" }}.users ADD COLUMN phone text;\nCOMMENT ON COLUMN {{ index .Options "Namespace" }}.users.phone IS \'E.164\';\n',
      files: { "migrations/20240101000000_add_phone.down.sql": 'ALTER TABLE {{ index .Options "Namespace" }}.users DROP COLUMN phone;\n' },
    },
    {
      framework: "sql",
      name: "Go template control actions print nothing (Formance ledger: `{{ if not .Transactional }}concurrently{{end}}`, a schema in `{{.Schema}}`): read as blanks, the statement as rendered when the condition holds",
      path: "internal/storage/migrations/41-add-missing-index/up.sql",
      code: 'create index {{ if not .Transactional }}concurrently{{end}} logs_ids on "{{.Schema}}".logs (id);\n',
    },
    {
      framework: "sql",
      name: "Jinja statements and comments print nothing, its expressions are read as names",
      path: "migrations/0002_add_phone.sql",
      code: "{# the schema comes from the deploy #}\nALTER TABLE {% if schema %}{{ schema }}.{% endif %}users ADD COLUMN phone text;\n",
    },
    {
      framework: "sql",
      name: "Flyway placeholders and psql variables",
      path: "db/migration/V2__add_phone.sql",
      code: "ALTER TABLE ${schema}.users ADD COLUMN phone text;\nUPDATE ${schema}.users SET phone = :'default_phone' WHERE phone IS NULL AND id < :limit;\n",
    },
  ],
});
