import { defineCases } from "../support/rule.js";

/** The engine's own finding, for Python comments. */
export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "a waiver that does not say why",
      code: 'from alembic import op\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    # migguard:ignore drop-table\n    op.drop_table("legacy_reports")\n',
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "a waiver with its reason",
      code: 'from alembic import op\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    # migguard:ignore drop-table emptied and unused since 2019, see #812\n    op.drop_table("legacy_reports")\n',
    },
  ],
});
