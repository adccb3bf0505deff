/** The Alembic adapter: upgrade()/downgrade() -> the shared model, transactions, helpers, data access, bad input. */
import { detectFile } from "../../detect.js";
import { Migration, type Operation } from "../../model.js";
import { loadPgParser } from "../sql/index.js";
import { alembicMigration } from "./alembic.js";
import { loadPythonParser } from "./parser.js";

beforeAll(() => Promise.all([loadPythonParser(), loadPgParser()]));

function parse(content: string, path = "alembic/versions/abc123_change.py"): Migration {
  const file = detectFile(path, content)!;
  expect(file.framework).toBe("alembic");
  return Migration.parse(alembicMigration({ file, content }));
}

const kinds = (ops: Operation[]) => ops.map((o) => `${o.kind}@${o.loc.line}`);
const HEADER = `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"
`;

describe("Alembic operations", () => {
  it("maps op.* calls with their lines, columns and types", () => {
    const m = parse(`${HEADER}

def upgrade():
    op.add_column(
        "invoices",
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.alter_column("invoices", "amount", existing_type=sa.Numeric(10, 2), type_=sa.BigInteger(), nullable=False)
    op.create_table("refunds", sa.Column("id", sa.BigInteger(), primary_key=True), sa.Column("reason", sa.String(200)))
    op.create_index(op.f("ix_refunds_reason"), "refunds", ["reason"], unique=True)
    op.drop_constraint("fk_old", "invoices", type_="foreignkey")
    op.rename_table("credits", "credit_notes")


def downgrade():
    op.rename_table("credit_notes", "credits")
    op.drop_table("refunds")
    op.drop_column("invoices", "paid_at")
`);
    expect(kinds(m.up)).toEqual(["add_column@9", "set_not_null@13", "alter_column_type@13", "create_table@14", "add_index@15", "drop_constraint@16", "rename_table@17"]);
    expect(m.up[0]).toMatchObject({ table: "invoices", column: { name: "paid_at", notNull: false, type: { name: "timestamptz" } } });
    expect(m.up[2]).toMatchObject({ fromType: { name: "numeric", mods: [10, 2] }, type: { name: "bigint" } });
    expect(m.up[3]).toMatchObject({ columns: [{ name: "id", primaryKey: true, notNull: true }, { name: "reason", type: { text: "varchar(200)" } }] });
    expect(m.up[4]).toMatchObject({ name: "ix_refunds_reason", unique: true, columns: ["reason"] });
    expect(m.down).toMatchObject({ status: "present", derived: false });
    if (m.down.status === "present") expect(kinds(m.down.ops)).toEqual(["rename_table@21", "drop_table@22", "drop_column@23"]);
  });

  it("operations inside autocommit_block() run outside the transaction", () => {
    const m = parse(`${HEADER}

def upgrade():
    op.add_column("invoices", sa.Column("due", sa.Date()))
    with op.get_context().autocommit_block():
        op.create_index("ix_due", "invoices", ["due"], postgresql_concurrently=True)
    op.execute("UPDATE invoices SET due = now() WHERE due IS NULL")


def downgrade():
    op.drop_column("invoices", "due")
`);
    expect(m.up.map((o) => [o.kind, o.inTransaction])).toEqual([
      ["add_column", true],
      ["add_index", false],
      ["dml", true],
    ]);
  });

  it("batch_alter_table applies batch_op calls to its table", () => {
    const m = parse(`${HEADER}

def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nickname", sa.String(40)))
        batch_op.alter_column("email", new_column_name="email_address")
        batch_op.create_unique_constraint("uq_users_nickname", ["nickname"])
        batch_op.create_foreign_key("fk_users_team", "teams", ["team_id"], ["id"])


def downgrade():
    pass
`);
    expect(m.up).toMatchObject([
      { kind: "add_column", table: "users", column: { name: "nickname" } },
      { kind: "rename_column", table: "users", column: "email", newName: "email_address" },
      { kind: "add_constraint", table: "users", constraint: "unique", columns: ["nickname"] },
      { kind: "add_constraint", table: "users", constraint: "foreign_key", referencesTable: "teams", columns: ["team_id"] },
    ]);
  });

  it("follows helpers defined in the file with their arguments bound, and loops over literal lists", () => {
    const m = parse(`${HEADER}
TABLES = ["orders", "refunds"]


def rename(from_, to):
    op.rename_table(from_, to)
    op.execute(f"ALTER INDEX {from_}_pkey RENAME TO {to}_pkey")


def upgrade():
    rename("rewards", "pledges")
    for table in TABLES:
        op.add_column(table, sa.Column("archived", sa.Boolean()))


def downgrade():
    rename("pledges", "rewards")
`);
    expect(m.up).toMatchObject([
      { kind: "rename_table", table: "rewards", newName: "pledges", loc: { line: 11 } },
      { kind: "rename_object", loc: { line: 12 } },
      { kind: "add_column", table: "orders" },
      { kind: "add_column", table: "refunds" },
    ]);
    expect(m.syntaxErrors).toEqual([]);
  });

  it("unrolls loops up to 200 iterations in all (nested loops multiply); past that, or over what is not literal, the loop is unknown work", () => {
    const hundred = `[${Array.from({ length: 100 }, (_, i) => `"t${i}"`).join(", ")}]`;
    const m = parse(`${HEADER}
MANY = ${hundred}


def upgrade():
    for table in MANY:
        for column in ["a", "b", "c"]:
            op.drop_column(table, column)


def downgrade():
    for table in op.get_bind().execute(sa.text("SELECT 1")).scalars():
        op.add_column(table, sa.Column("a", sa.Text()))
`);
    // 100 x 3 is past the budget: the outer loop is unknown work; each of its 100 would-be bodies is not walked
    expect(m.up[0]).toMatchObject({ kind: "raw", statement: "for", opaque: true, loc: { line: 11 } });
    expect(m.up.filter((o) => o.kind === "drop_column").every((o) => o.kind === "drop_column" && ["a", "b", "c"].includes(o.column))).toBe(true);
    expect(m.up.length).toBeLessThan(20);
    expect(m.down.status === "present" && m.down.ops.find((o) => o.kind === "raw" && o.opaque)).toMatchObject({ statement: "for", loc: { line: 17 } });
  });

  it("a while loop that changes the schema is unknown work; one that only moves rows is not", () => {
    const m = parse(`${HEADER}

def upgrade():
    conn = op.get_bind()
    while conn.execute(sa.text("DELETE FROM events WHERE id IN (SELECT id FROM events LIMIT 1000)")).rowcount:
        conn.execute(sa.text("UPDATE events SET archived = true WHERE id IN (SELECT id FROM events LIMIT 1000)"))


def downgrade():
    while pending():
        op.drop_table(next_table())
`);
    expect(m.up.some((o) => o.kind === "raw" && o.opaque)).toBe(false);
    expect(m.down.status === "present" && m.down.ops[0]).toMatchObject({ kind: "raw", statement: "while", opaque: true, loc: { line: 15 } });
  });

  it("a statement built on a Table of the file is no call into unread code: its select, run, is a read, its update, run, the DML (digitalmarketplace-api 880)", () => {
    const m = parse(`${HEADER}
frameworks = sa.Table("frameworks", sa.MetaData(), sa.Column("id", sa.Integer), sa.Column("slug", sa.String))
briefs = sa.Table("briefs", sa.MetaData(), sa.Column("id", sa.Integer), sa.Column("framework_id", sa.Integer), sa.Column("data", sa.JSON))


def upgrade():
    conn = op.get_bind()
    query = briefs.join(frameworks, briefs.c.framework_id == frameworks.c.id).select(frameworks.c.slug == "dos2").with_only_columns((briefs.c.id, briefs.c.data))
    for brief_id, data in conn.execute(query).fetchall():
        if data.pop("startDate", None) is not None:
            query = briefs.update().where(briefs.c.id == brief_id).values(data=data)
            conn.execute(query)
    helper = briefs.update().where(briefs.c.id == 1).execution_options(synchronize_session=False)
`);
    // the builders are no Call, so the loop only moves rows (no opaque loop); an unknown method on the chain stays a Call
    expect(kinds(m.up)).toEqual(["data_migration@14", "dml@17", "raw@18"]);
    expect(m.up[0]).toMatchObject({ readOnly: true, tables: ["briefs"] });
    expect(m.up[1]).toMatchObject({ verb: "update", table: "briefs", columns: ["data"], hasWhere: true });
    expect(m.up[2]).toMatchObject({ kind: "raw", statement: "Call" });
  });

  it("branches on the database are decided for PostgreSQL; a batch_op passed to a helper keeps its table", () => {
    const m = parse(`${HEADER}

def _drop(batch_op, index_name):
    conn = op.get_bind()
    if conn.dialect.name == "mysql":
        batch_op.drop_constraint("fk_mysql_only", type_="foreignkey")
    else:
        batch_op.drop_index(index_name)


def upgrade():
    dialect = op.get_context().dialect.name
    if dialect not in ("postgresql",):
        op.execute("PRAGMA foreign_keys=OFF")
    elif dialect == "postgresql":
        op.execute("SET lock_timeout = '5s'")
    with op.batch_alter_table("dag_tag") as bop:
        _drop(bop, "idx_dag_tag_dag_id")
`);
    expect(m.up).toMatchObject([
      { kind: "set_setting", name: "lock_timeout", loc: { line: 21 } },
      { kind: "drop_index", table: "dag_tag", names: ["idx_dag_tag_dag_id"], loc: { line: 13 } },
    ]);
  });

  it("a return PostgreSQL surely reaches ends the revision: in a with block, in every branch it may take, in try and its handlers; one in a helper ends the helper", () => {
    const tables = (body: string) => {
      const m = parse(`${HEADER}\nimport os\n\n\ndef _skip():\n    return\n\n\ndef upgrade():\n${body}\n    op.drop_table("after")\n`);
      return m.up.flatMap((o) => (o.kind === "drop_table" ? o.tables : "table" in o ? [o.table] : [o.kind]));
    };
    const sqlite = `op.get_bind().dialect.name == "sqlite"`;
    const unknown = `os.environ.get("SKIP")`;
    // a with block's body is walked on a copy of the state: its return still ends the function
    expect(tables(`    with op.get_context().autocommit_block():\n        if not ${sqlite}:\n            return\n        op.drop_table("a")`)).toEqual([]);
    expect(tables(`    with op.batch_alter_table("a") as batch_op:\n        return`)).toEqual([]);
    expect(tables(`    with op.batch_alter_table("a") as batch_op:\n        if ${unknown}:\n            return\n        batch_op.drop_column("c")`)).toEqual(["a", "after"]);
    // both ways of an undecided if return; only one of them does
    expect(tables(`    if ${unknown}:\n        return\n    else:\n        return`)).toEqual([]);
    expect(tables(`    if ${unknown}:\n        return\n    elif ${sqlite}:\n        pass\n    else:\n        return`)).toEqual([]);
    expect(tables(`    if ${unknown}:\n        pass\n    else:\n        return`)).toEqual(["after"]);
    // an exception may leave the try body before its return: its handler must return too
    expect(tables(`    try:\n        return\n    except Exception:\n        op.drop_table("b")`)).toEqual(["b", "after"]);
    expect(tables(`    try:\n        op.drop_table("a")\n    except Exception:\n        return\n    else:\n        return`)).toEqual(["a"]);
    expect(tables(`    try:\n        op.drop_table("a")\n    finally:\n        return`)).toEqual(["a"]);
    // a loop may run no time; a helper's return ends the helper
    expect(tables(`    for t in []:\n        return`)).toEqual(["after"]);
    expect(tables(`    _skip()`)).toEqual(["after"]);
  });

  it("a table in a schema is schema.table, as qualified SQL names it: schema=, source_schema= / referent_schema=, a batch's schema=, sa.table(schema=)", () => {
    const m = parse(`${HEADER}
import os

SCHEMA = os.environ["APP_SCHEMA"]


def upgrade():
    op.create_table("clusters", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("pool_id", sa.Integer(), sa.ForeignKey("pools.pools.id", name="fk_clusters_pool")), schema="pools")
    op.add_column("pools", sa.Column("cluster_id", sa.Integer(), index=True), schema="pools")
    op.alter_column("pools", "name", type_=sa.Text(), schema="pools")
    op.create_index("ix_pools_name", "pools", ["name"], schema="pools")
    op.create_foreign_key("fk_pools_cluster", "pools", "clusters", ["cluster_id"], ["id"], source_schema="pools", referent_schema="pools", ondelete="SET NULL")
    with op.batch_alter_table("pools", schema="pools") as batch_op:
        batch_op.drop_column("legacy")
    op.rename_table("old_pools", "archived_pools", schema="pools")
    op.drop_table("users", schema=None)
    op.drop_table("sessions", schema=SCHEMA)
    op.bulk_insert(sa.table("pools", sa.column("name"), schema="pools"), [{"name": "default"}])
`);
    const tables = m.up.map((o) => (o.kind === "drop_table" ? o.tables[0] : "table" in o ? o.table : o.kind));
    expect(tables).toEqual(["pools.clusters", "pools.pools", "pools.pools", "pools.pools", "pools.pools", "pools.pools", "pools.pools", "pools.old_pools", "users", "sessions", "pools.pools"]);
    // a schema set at run time is not guessed: the table stays as written (found through search_path)
    expect(m.up[0]).toMatchObject({ constraints: [{ type: "foreign_key", references: { table: "pools.pools", columns: ["id"] }, sql: "ALTER TABLE pools.clusters ADD CONSTRAINT fk_clusters_pool FOREIGN KEY (pool_id) REFERENCES pools.pools (id);" }] });
    // SQLAlchemy's default index name takes the column's label, schema_table_column
    expect(m.up[2]).toMatchObject({ kind: "add_index", name: "ix_pools_pools_cluster_id" });
    expect(m.up[5]).toMatchObject({ kind: "add_constraint", referencesTable: "pools.clusters", sql: "ALTER TABLE pools.pools ADD CONSTRAINT fk_pools_cluster FOREIGN KEY (cluster_id) REFERENCES pools.clusters (id) ON DELETE SET NULL;" });
    expect(m.up[7]).toMatchObject({ kind: "rename_table", newName: "archived_pools" });
  });

  it("an autocommit_block() nested in another with block leaves the rest of that block in the transaction", () => {
    const m = parse(`${HEADER}

def upgrade():
    with op.batch_alter_table("invoices") as batch_op:
        batch_op.add_column(sa.Column("due", sa.Date()))
        with op.get_context().autocommit_block():
            op.create_index("ix_due", "invoices", ["due"], postgresql_concurrently=True)
        batch_op.drop_column("legacy")
`);
    expect(m.up.map((o) => [o.kind, o.inTransaction])).toEqual([
      ["add_column", true],
      ["add_index", false],
      ["drop_column", true],
    ]);
  });

  it("op.execute: SQL strings, sa.text(...), SQLAlchemy constructs, and data through the connection", () => {
    const m = parse(`${HEADER}
from sqlalchemy.orm import Session

accounts = sa.table("accounts", sa.column("id"), sa.column("plan"))


def upgrade():
    op.execute(sa.text("DELETE FROM sessions WHERE expires_at < now()"))
    op.execute(accounts.update().values(plan="free"))
    op.bulk_insert(accounts, [{"id": 1, "plan": "pro"}])
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE accounts SET plan = 'free' WHERE plan IS NULL"))
    session = Session(bind=conn)
    for account in session.query(Account).all():
        account.plan = "free"


def downgrade():
    pass
`);
    expect(m.up).toMatchObject([
      { kind: "dml", verb: "delete", table: "sessions", hasWhere: true, loc: { line: 13 } },
      { kind: "dml", verb: "update", hasWhere: false, viaCode: true, loc: { line: 14 } },
      { kind: "dml", verb: "insert", table: "accounts", loc: { line: 15 } },
      { kind: "dml", verb: "update", table: "accounts", hasWhere: true, loc: { line: 17 } },
      { kind: "data_migration", loc: { line: 19 } },
    ]);
  });

  it("ORM bulk writes and chained Core statements are DML on the table they name", () => {
    const m = parse(`${HEADER}
from sqlalchemy import orm
from shop.models import Invoice


class Account(Base):
    __tablename__ = "accounts"


def upgrade():
    session = orm.Session(bind=op.get_bind())
    session.query(Account).filter_by(status="spam").delete()
    session.query(Invoice).update({Invoice.status: "open"})
    t = sa.table("audit_log", sa.column("kind"))
    op.execute(sa.update(t).values(kind="x"))
    session.query(Account).all()
`);
    expect(m.up.map((o) => (o.kind === "dml" ? [o.verb, o.table, o.ormModel, o.hasWhere, o.columns] : [o.kind]))).toEqual([
      ["delete", "accounts", "Account", true, []],
      ["update", "Invoice", "Invoice", false, ["status"]],
      ["update", "audit_log", undefined, false, ["kind"]],
      ["data_migration"],
    ]);
  });

  it("commit()/rollback() on Alembic's connection end its transaction; a joined Session only passes rollback() on", () => {
    const m = parse(`${HEADER}

def upgrade():
    conn = op.get_bind()
    session = sa.orm.Session(bind=conn)
    session.commit()
    session.rollback()
    conn.commit()
    other = sa.create_engine("postgresql://").connect()
    other.commit()
`);
    expect(m.up.map((o) => (o.kind === "transaction_control" ? `${o.action}@${o.loc.line}` : o.kind))).toEqual(["rollback@12", "commit@13"]);
  });

  it("a triple-quoted multi-statement SQL keeps each statement's line", () => {
    const m = parse(`${HEADER}

def upgrade():
    op.execute("""
        ALTER TABLE orders ADD COLUMN note text;

        UPDATE orders SET note = '' WHERE note IS NULL;
    """)


def downgrade():
    op.drop_column("orders", "note")
`);
    expect(kinds(m.up)).toEqual(["add_column@10", "dml@12"]);
  });
});

describe("a bound sa.text clause", () => {
  it("reads the SQL of sa.text(...).bindparams(...) / .columns(...) as written, its :name values parameters, on op.execute and a connection", () => {
    const m = parse(`${HEADER}

def upgrade():
    op.execute(sa.text("UPDATE accounts SET plan = :plan WHERE plan IS NULL").bindparams(plan="free"))
    connection = op.get_bind()
    connection.execute(sa.text("DELETE FROM sessions WHERE user_id = :id").bindparams(id=1))
    rows = connection.execute(sa.text("SELECT id FROM accounts WHERE plan = :plan").bindparams(plan="free").columns(sa.column("id")))


def downgrade():
    pass
`);
    expect(m.up.map((o) => (o.kind === "dml" ? `${o.verb} ${o.table}@${o.loc.line}` : o.kind === "data_migration" ? `${o.readOnly ? "read" : "data"} ${o.tables.join(",")}@${o.loc.line}` : `${o.kind}@${o.loc.line}`))).toEqual([
      "update accounts@9",
      "delete sessions@11",
      "read accounts@12",
    ]);
    expect(m.notes.filter((n) => n.message.includes("construct"))).toEqual([]);
  });
});

describe("multidb template", () => {
  it("reads the per-engine functions upgrade() dispatches to", () => {
    const m = parse(`${HEADER}

def upgrade(engine_name: str) -> None:
    globals()["upgrade_%s" % engine_name]()


def downgrade(engine_name: str) -> None:
    globals()["downgrade_%s" % engine_name]()


def upgrade_engine1() -> None:
    op.drop_column("users", "fax")


def downgrade_engine1() -> None:
    op.add_column("users", sa.Column("fax", sa.Text()))
`);
    expect(kinds(m.up)).toEqual(["drop_column@17"]);
    expect(m.down.status === "present" && kinds(m.down.ops)).toEqual(["add_column@21"]);
  });
});

describe("downgrade()", () => {
  const up = `${HEADER}

def upgrade():
    op.drop_column("users", "fax")
`;
  it("missing", () => expect(parse(up).down).toMatchObject({ status: "missing" }));
  it("only pass or a docstring is empty", () => {
    expect(parse(`${up}\n\ndef downgrade():\n    """Nothing to do."""\n    pass\n`).down).toMatchObject({ status: "empty", loc: { line: 12 } });
  });
  it("raising is irreversible at the raise", () => {
    expect(parse(`${up}\n\ndef downgrade():\n    raise NotImplementedError("no way back")\n`).down).toMatchObject({ status: "irreversible", loc: { line: 13 } });
  });
});

describe("waivers and bad input", () => {
  it("reads waivers from comments", () => {
    const m = parse(`${HEADER}

def upgrade():
    # migguard:ignore drop-column copied to users_archive in #77
    op.drop_column("users", "fax")
`);
    expect(m.waivers).toMatchObject([{ line: 9, rules: ["drop-column"], reason: "copied to users_archive in #77" }]);
  });

  it("a syntax error is reported on its line; the rest is still read", () => {
    const m = parse(`${HEADER}

def upgrade():
    op.drop_column("users", "fax")
    op.add_column("users", sa.Column("x", sa.Integer()
`);
    expect(m.syntaxErrors.length).toBeGreaterThan(0);
    expect(m.up[0]).toMatchObject({ kind: "drop_column", column: "fax" });
  });

  describe("an unterminated triple-quoted string in upgrade()", () => {
    it.each([
      ["at the end", `    op.execute("""\n        UPDATE users SET x = 1\n`],
      ["followed by more code", `    op.execute("""UPDATE users SET x = 1)\n    op.add_column("users", sa.Column("bio", sa.Text()))\n\n\ndef downgrade():\n    pass\n`],
      ["in a with block", `    with op.batch_alter_table("users") as batch:\n        batch.execute("""UPDATE users SET x = 1)\n`],
      ["an f-string", `    op.execute(f"""UPDATE users SET x = {x}\n`],
    ])("%s: the operations before it are read, the string is the syntax error", (_where, tail) => {
      const m = parse(`${HEADER}

def upgrade():
    op.drop_table("ledger")
    op.drop_column("users", "fax")
${tail}`);
      expect(kinds(m.up)).toEqual(["drop_table@9", "drop_column@10"]);
      expect(m.syntaxErrors[0]).toMatchObject({ message: expect.stringMatching(/^invalid Python: the string opened with `f?"""` is never closed(;|$)/) });
      expect(m.syntaxErrors[0].line).toBeGreaterThanOrEqual(11);
    });

    it("in downgrade(), folded whole into the error by an f-string: the downgrade is still there, with what parsed of it", () => {
      const m = parse(`${HEADER}

def upgrade():
    op.drop_column("users", "fax")


def downgrade():
    op.add_column("users", sa.Column("fax", sa.Text()))
    op.execute(f"""UPDATE users SET fax = {x}
`);
      expect(kinds(m.up)).toEqual(["drop_column@9"]);
      expect(m.down).toMatchObject({ status: "present", ops: [{ kind: "add_column", table: "users", loc: { line: 13 } }] });
      expect(m.syntaxErrors).toMatchObject([{ line: 14 }]);
    });

    it("on one line after the statements before it (the body folded into the error)", () => {
      const m = parse(`${HEADER}

def upgrade():
    op.drop_table("ledger"); op.drop_column("users", "fax"); op.execute("""UPDATE users SET x = 1)
`);
      expect(kinds(m.up)).toEqual(["drop_table@9", "drop_column@9"]);
      expect(m.syntaxErrors[0]).toMatchObject({ line: 9 });
    });
  });

  it("SQL built from unknown values is not a syntax error", () => {
    const m = parse(`${HEADER}

def upgrade():
    for name in get_tables():
        op.execute(f"ALTER TABLE {name} SET (fillfactor = 90)")
`);
    expect(m.syntaxErrors).toEqual([]);
  });
});

describe("revision identifiers", () => {
  const body = `\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n`;

  it("reads revision, a merge's tuple down_revision, depends_on and branch_labels", () => {
    const merge = parse(`from alembic import op\n\nrevision: str = "m9"\ndown_revision = ("x2", "y2")\nbranch_labels = ("auth",)\ndepends_on = "c3"\n${body}`);
    expect(merge.revision).toEqual({ id: "m9", after: ["x2", "y2", "c3"], branchLabels: ["auth"] });
    const base = parse(`from alembic import op\n\nrevision = "a1"\ndown_revision = None\nbranch_labels = None\n${body}`);
    expect(base.revision).toEqual({ id: "a1", after: [], branchLabels: [] });
  });

  it("has none when the revision id is not a literal string", () => {
    expect(parse(`from alembic import op\nimport uuid\n\nrevision = uuid.uuid4().hex\ndown_revision = "a1"\n${body}`).revision).toBeUndefined();
  });
});

describe("Alembic: the schema questions code asks before its operations (schemaQuestion)", () => {
  const revision = (body: string) => `import sqlalchemy as sa\nfrom alembic import op\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n${body}`;
  const asked = (m: Migration) => m.up.map((o) => `${o.kind}@${o.loc.line} ${o.schemaQuestion ? `${o.schemaQuestion.asks}@${o.schemaQuestion.line}` : "-"}`);

  it("an if on the inspector's answer, bound to a name or asked in place, marks the operations of its branches", () => {
    const m = parse(revision(`    insp = sa.inspect(op.get_bind())\n    cols = [c["name"] for c in insp.get_columns("t")]\n    if "c" not in cols:\n        op.add_column("t", sa.Column("c", sa.Integer()))\n    else:\n        op.execute("UPDATE t SET c = 0")\n    if sa.inspect(op.get_bind()).has_table("u"):\n        op.drop_table("u")\n    op.execute("DELETE FROM t")\n`));
    expect(asked(m)).toEqual(["raw@9 -", "add_column@12 insp.get_columns@10", "dml@14 insp.get_columns@10", "drop_table@16 sa.inspect(op.get_bind()).has_table@15", "dml@17 -"]);
  });

  it("an early return on the answer marks every operation after it", () => {
    const m = parse(revision(`    if sa.inspect(op.get_bind()).has_column("t", "c"):\n        return\n    op.add_column("t", sa.Column("c", sa.Integer()))\n`));
    expect(asked(m)).toEqual(["add_column@11 sa.inspect(op.get_bind()).has_column@9"]);
  });

  it("a condition on anything else marks nothing", () => {
    const m = parse(revision(`    if op.get_context().as_sql:\n        op.add_column("t", sa.Column("c", sa.Integer()))\n`));
    expect(asked(m)).toEqual(["add_column@10 -"]);
  });
});
