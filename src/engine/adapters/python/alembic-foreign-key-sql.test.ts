/**
 * The SQL the Alembic adapter keeps for a foreign key the migration names: SQLAlchemy's ADD CONSTRAINT with its
 * options; nothing for an unnamed key (env.py's naming convention names it) or an option it cannot read.
 */
import { detectFile } from "../../detect.js";
import { Migration } from "../../model.js";
import { loadPgParser } from "../sql/index.js";
import { alembicMigration } from "./alembic.js";
import { loadPythonParser } from "./parser.js";

beforeAll(() => Promise.all([loadPythonParser(), loadPgParser()]));

function sqlOf(call: string): Array<string | undefined> {
  const path = "alembic/versions/b2_keys.py";
  const content = `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    ${call}\n`;
  const m = Migration.parse(alembicMigration({ file: detectFile(path, content)!, content }));
  return m.up.flatMap((op) => (op.kind === "add_constraint" ? [op.sql] : op.kind === "create_table" ? op.constraints.filter((c) => c.type === "foreign_key").map((c) => c.sql) : []));
}

it.each([
  [
    `op.create_foreign_key("fk_codes_client", "codes", "clients", ["client_id"], ["id"], ondelete="SET NULL", deferrable=True, initially="DEFERRED")`,
    "ALTER TABLE codes ADD CONSTRAINT fk_codes_client FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;",
  ],
  [`op.add_column("codes", sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id", name=op.f("fk_codes_client_id_clients"))))`, "ALTER TABLE codes ADD CONSTRAINT fk_codes_client_id_clients FOREIGN KEY (client_id) REFERENCES clients (id);"],
  [
    `op.create_table("codes", sa.Column("client_id", sa.Integer()), sa.Column("kind", sa.Text()), sa.ForeignKeyConstraint(["client_id", "kind"], ["clients.id", "clients.kind"], name="fk_codes_client", onupdate="cascade"))`,
    "ALTER TABLE codes ADD CONSTRAINT fk_codes_client FOREIGN KEY (client_id, kind) REFERENCES clients (id, kind) ON UPDATE CASCADE;",
  ],
  // SQLAlchemy writes MATCH right after REFERENCES, before the actions, as PostgreSQL's grammar has it
  [`op.create_foreign_key("fk_codes_client", "codes", "clients", ["client_id"], ["id"], match="FULL")`, "ALTER TABLE codes ADD CONSTRAINT fk_codes_client FOREIGN KEY (client_id) REFERENCES clients (id) MATCH FULL;"],
])("%s", (call, sql) => {
  expect(sqlOf(call)).toEqual([sql]);
});

it.each([
  ["an unnamed key (the naming convention names it)", `op.create_foreign_key(None, "codes", "clients", ["client_id"], ["id"])`],
  ["an ondelete Python computes", `op.create_foreign_key("fk_codes_client", "codes", "clients", ["client_id"], ["id"], ondelete=ACTION)`],
])("nothing for %s", (_what, call) => {
  expect(sqlOf(call)).toEqual([undefined]);
});
