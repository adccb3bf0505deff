/**
 * Hostile sizes under max_file_bytes: a million bytes of statements, one giant statement, very long lines and many
 * files. Each is analysed (nothing overflows the stack: no spread of a file's operations or findings), and the
 * other files' reports never change. The scripts/hostile-sizes.ts script times the worst cases; no test does.
 */
import { analyze } from "../../src/engine/analyze.js";
import { DML_WITHOUT_WHERE_ON, expectIsolated, rulesOf } from "./support/isolation.js";

const SQL = "db/migrations/001_big.sql";

describe("many statements", () => {
  it("DROP TABLE users followed by 142,000 `SELECT;` (994 KB): the drop is reported", async () => {
    const result = await expectIsolated([{ path: SQL, content: `DROP TABLE users;${"SELECT;".repeat(142_000)}` }], { once: true });
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.path === SQL && f.rule === "drop-table").map((f) => f.line)).toEqual([1]);
  });

  it("60,000 DELETEs without WHERE: 60,000 findings, no spread of them overflows", async () => {
    const result = await analyze({ files: [{ path: SQL, content: "DELETE FROM s;\n".repeat(60_000) }], config: DML_WITHOUT_WHERE_ON });
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.rule === "dml-without-where")).toHaveLength(60_000);
  });

  it("RunSQL with 130,000 statements in one string: the operations are collected one by one", async () => {
    const path = "shop/migrations/0001_bulk.py";
    const sql = `DROP TABLE shop_old;${"SELECT;".repeat(130_000)}`;
    const content = `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [migrations.RunSQL("${sql}", reverse_sql=migrations.RunSQL.noop)]\n`;
    const result = await expectIsolated([{ path, content }], { once: true });
    expect(result.errors).toEqual([]);
    expect(rulesOf(result, path)).toContain("drop-table");
  });

  it("a Rails migration of 20,000 remove_column calls reports each", async () => {
    const path = "db/migrate/20240101000000_many.rb";
    const content = `class Many < ActiveRecord::Migration[7.1]\n  def change\n${"    remove_column :users, :email, :string\n".repeat(20_000)}  end\nend\n`;
    const result = await analyze({ files: [{ path, content }] });
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.rule === "remove-column-in-change" || f.rule === "drop-column")).toHaveLength(20_000);
  });
});

describe("many hidden operations", () => {
  it("20,000 send(:drop_table, ...) lines: each a drop-table and a hidden-operation, none scanned against the others", async () => {
    const path = "db/migrate/20240101000000_hidden.rb";
    const content = `class Hidden < ActiveRecord::Migration[7.1]\n  def up\n${Array.from({ length: 20_000 }, (_, i) => `    send(:drop_table, :t${i})\n`).join("")}  end\nend\n`;
    const result = await analyze({ files: [{ path, content }] });
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.rule === "hidden-operation")).toHaveLength(20_000);
  });

  it("an Alembic upgrade() of 20,000 getattr(op, ...) calls: each reported", async () => {
    const path = "alembic/versions/c3_hidden.py";
    const body = Array.from({ length: 20_000 }, (_, i) => `    getattr(op, "drop_table")("t${i}")\n`).join("");
    const content = `from alembic import op\n\nrevision = "c3"\ndown_revision = None\n\n\ndef upgrade():\n${body}\n\ndef downgrade():\n    pass\n`;
    const result = await analyze({ files: [{ path, content }] });
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.rule === "hidden-operation")).toHaveLength(20_000);
  });
});

describe("giant statements and lines", () => {
  it("one INSERT of 40,000 rows (flat, not deep) is checked", async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `(${i}, 'x')`).join(",");
    const result = await expectIsolated([{ path: SQL, content: `INSERT INTO t (a, b) VALUES ${rows};\nDROP TABLE u;\n` }], { once: true });
    expect(rulesOf(result, SQL)).toEqual(expect.arrayContaining(["drop-table"]));
  });

  it("a 990,000-character line is one statement on line 1", async () => {
    const result = await expectIsolated([{ path: SQL, content: `UPDATE t SET a = '${"x".repeat(990_000)}';\n` }], { config: DML_WITHOUT_WHERE_ON });
    expect(result.findings.filter((f) => f.path === SQL).map((f) => [f.line, f.rule])).toEqual([[1, "dml-without-where"]]);
  });

  it("an ALTER TABLE of 30,000 subcommands is checked", async () => {
    const subcommands = Array.from({ length: 30_000 }, (_, i) => `ADD COLUMN c${i} int`).join(", ");
    const result = await expectIsolated([{ path: SQL, content: `ALTER TABLE t ${subcommands};\nALTER TABLE t DROP COLUMN old;\n` }], { once: true });
    expect(rulesOf(result, SQL)).toContain("drop-column");
  });

  it("an Alembic upgrade() of 5,000 statements is walked without copying the rest for each one", async () => {
    const path = "alembic/versions/a1_many.py";
    const content = `revision = "a1"\ndown_revision = None\nfrom alembic import op\n\n\ndef upgrade():\n${'    op.drop_column("users", "email")\n'.repeat(5_000)}`;
    const result = await analyze({ files: [{ path, content }] });
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.rule === "drop-column")).toHaveLength(5_000);
  });
});

describe("many files", () => {
  it("2,000 migrations in one analysis are each checked", async () => {
    const files = Array.from({ length: 2000 }, (_, i) => ({ path: `db/migrations/${String(i).padStart(5, "0")}_x.sql`, content: "ALTER TABLE t DROP COLUMN a;\n" }));
    const result = await analyze({ files });
    expect(result.errors).toEqual([]);
    expect(new Set(result.findings.filter((f) => f.rule === "drop-column").map((f) => f.path)).size).toBe(2000);
  });
});
